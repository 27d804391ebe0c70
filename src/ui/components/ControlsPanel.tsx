/** Left panel: node groups, aws-node environment, workloads, as tabs. */
import { useLingui } from '@lingui/react';
import { useApp } from '../store/context.tsx';
import type { ControlTab } from '../store/slices.ts';
import { EnvEditor } from './EnvEditor.tsx';
import { NodeGroupsPanel } from './NodeGroupsPanel.tsx';
import { WorkloadsPanel } from './WorkloadsPanel.tsx';

/** Labels are catalogue ids; "aws-node" is the DaemonSet's name and stays as it is. */
const TABS: { id: ControlTab; label: string }[] = [
  { id: 'nodes', label: 'controls.tab.nodes' },
  { id: 'env', label: 'controls.tab.awsNode' },
  { id: 'workloads', label: 'controls.tab.workloads' },
];

export function ControlsPanel() {
  const tab = useApp((s) => s.controlTab);
  const setTab = useApp((s) => s.setControlTab);
  const { _ } = useLingui();
  return (
    <aside className="panel controls" aria-label={_('controls.label')} tabIndex={-1}>
      <div className="tabs" role="tablist" aria-label={_('controls.tabs')}>
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`tabpanel-${t.id}`}
            className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>{_(t.label)}</button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'nodes' && <NodeGroupsPanel />}
        {tab === 'env' && <EnvEditor />}
        {tab === 'workloads' && <WorkloadsPanel />}
      </div>
    </aside>
  );
}
