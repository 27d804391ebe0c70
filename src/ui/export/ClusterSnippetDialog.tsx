/**
 * "Try it on a real cluster": the scenario's settings as commands and YAML (cluster-snippet.ts),
 * in a modal dialog with copy and download. The text is shown as text (never as HTML).
 */
// First: this panel's English words (src/ui/i18n/panel-english.ts).
import '../i18n/panel-english.ts';
import { useLingui } from '@lingui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../store/context.tsx';
import { clusterSnippet, snippetText } from './cluster-snippet.ts';
import { download, fileName } from './picture-export.ts';

export function ClusterSnippetDialog({ onClose }: { onClose: () => void }) {
  const { _ } = useLingui();
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
        <h2 id="snippet-title">{_('snippet.title')}</h2>
        <button type="button" className="ghost small" onClick={() => ref.current?.close()} aria-label={_('action.close')}>{_('action.closeX')}</button>
      </header>
      <p className="hint">{_('snippet.hint')}</p>
      <div className="snippet-actions">
        <button type="button" className="primary small" onClick={() => void copy()} data-testid="snippet-copy">
          {copied === 'yes' ? _('snippet.copied') : copied === 'failed' ? _('action.copyFailed') : _('snippet.copy')}
        </button>
        <button type="button" className="small" onClick={() => download(fileName(spec?.name ?? '', 'cluster', 'txt'), new Blob([text], { type: 'text/plain' }))} data-testid="snippet-download">
          {_('snippet.download')}
        </button>
      </div>
      <pre className="terminal-body snippet-text" tabIndex={0} aria-label={_('snippet.textLabel')} data-testid="snippet-text">{text}</pre>
    </dialog>
  );
}
