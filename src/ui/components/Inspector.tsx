/** Right panel: what is selected (node, ENI or pod), its facts and the real tools' output. */
import { useApp } from '../store/context.tsx';
import { EniInspector } from './EniInspector.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { Overview } from './Overview.tsx';
import { PodInspector } from './PodInspector.tsx';

export function Inspector() {
  const selection = useApp((s) => s.selection);
  const select = useApp((s) => s.select);
  return (
    <aside className="panel inspector" aria-label="Inspector" tabIndex={-1}>
      <div className="panel-head">
        <h2>{selection ? `${selection.kind === 'eni' ? 'ENI' : selection.kind === 'pod' ? 'Pod' : 'Node'}` : 'Cluster'}</h2>
        {selection && <button type="button" className="ghost small" onClick={() => select(undefined)}>Back to cluster</button>}
      </div>
      {!selection && <Overview />}
      {selection?.kind === 'node' && <NodeInspector name={selection.id} />}
      {selection?.kind === 'eni' && <EniInspector id={selection.id} />}
      {selection?.kind === 'pod' && <PodInspector id={selection.id} />}
    </aside>
  );
}
