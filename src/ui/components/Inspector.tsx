/** Right panel: what is selected (node, ENI or pod), its facts and the real tools' output. */
import { useLingui } from '@lingui/react';
import { useApp } from '../store/context.tsx';
import { EniInspector } from './EniInspector.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { Overview } from './Overview.tsx';
import { PodInspector } from './PodInspector.tsx';

export function Inspector() {
  const selection = useApp((s) => s.selection);
  const select = useApp((s) => s.select);
  const { _ } = useLingui();
  return (
    <aside className="panel inspector" aria-label={_('inspector.label')} tabIndex={-1}>
      <div className="panel-head">
        <h2>{selection ? (selection.kind === 'eni' ? 'ENI' : selection.kind === 'pod' ? 'Pod' : _('inspector.node')) : _('inspector.cluster')}</h2>
        {selection && <button type="button" className="ghost small" onClick={() => select(undefined)}>{_('inspector.back')}</button>}
      </div>
      {!selection && <Overview />}
      {selection?.kind === 'node' && <NodeInspector name={selection.id} />}
      {selection?.kind === 'eni' && <EniInspector id={selection.id} />}
      {selection?.kind === 'pod' && <PodInspector id={selection.id} />}
    </aside>
  );
}
