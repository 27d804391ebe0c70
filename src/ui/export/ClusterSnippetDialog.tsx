/**
 * "Try it on a real cluster": the scenario's settings as commands and YAML (cluster-snippet.ts),
 * in a modal dialog with copy and download. The text is shown as text (never as HTML).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../store/context.tsx';
import { clusterSnippet, snippetText } from './cluster-snippet.ts';
import { download, fileName } from './picture-export.ts';

export function ClusterSnippetDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const spec = useApp((s) => s.spec);
  const snapshot = useApp((s) => s.snapshot);
  const text = useMemo(() => (spec ? snippetText(clusterSnippet(spec, snapshot)) : ''), [spec, snapshot]);
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const copy = async () => {
    try { await navigator.clipboard.writeText(text); setCopied('yes'); } catch { setCopied('failed'); }
  };
  return (
    <dialog ref={ref} className="snippet-dialog" aria-labelledby="snippet-title" onClose={onClose} data-testid="snippet-dialog"
      onKeyDown={(e) => e.stopPropagation()}>
      <header>
        <h2 id="snippet-title">Try it on a real cluster</h2>
        <button type="button" className="ghost small" onClick={() => ref.current?.close()} aria-label="Close">Close ✕</button>
      </header>
      <p className="hint">The settings of this scenario as they stand now, for an EKS cluster of your own: the aws-node environment,
        the Deployments (a pause container stands in for your app), SecurityGroupPolicies and ENIConfigs, and the node groups for eksctl.
        Every value is quoted for the shell and for YAML.</p>
      <div className="snippet-actions">
        <button type="button" className="primary small" onClick={() => void copy()} data-testid="snippet-copy">
          {copied === 'yes' ? 'Copied ✓' : copied === 'failed' ? 'Copy failed: select the text' : 'Copy'}
        </button>
        <button type="button" className="small" onClick={() => download(fileName(spec?.name ?? '', 'cluster', 'txt'), new Blob([text], { type: 'text/plain' }))} data-testid="snippet-download">
          Download
        </button>
      </div>
      <pre className="terminal-body snippet-text" tabIndex={0} aria-label="Commands and YAML" data-testid="snippet-text">{text}</pre>
    </dialog>
  );
}
