/** Left panel: node groups, aws-node environment, workloads, as tabs. */
import { useApp } from '../store/context.tsx';
import type { ControlTab } from '../store/slices.ts';
import { EnvEditor } from './EnvEditor.tsx';
import { NodeGroupsPanel } from './NodeGroupsPanel.tsx';
import { WorkloadsPanel } from './WorkloadsPanel.tsx';

const TABS: { id: ControlTab; label: string }[] = [
  { id: 'nodes', label: 'Nodes' },
  { id: 'env', label: 'aws-node' },
  { id: 'workloads', label: 'Workloads' },
];

export function ControlsPanel() {
  const tab = useApp((s) => s.controlTab);
  const setTab = useApp((s) => s.setControlTab);
  return (
    <aside className="panel controls" aria-label="Scenario controls" tabIndex={-1}>
      <div className="tabs" role="tablist" aria-label="Controls">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`tabpanel-${t.id}`}
            className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>{t.label}</button>
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
