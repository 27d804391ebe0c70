/** Writes the scenario and the current moment into the URL fragment and copies the link. */
import { useState } from 'react';
import { noteWrittenHash } from '../links/watch-hash.ts';
import { shareFragment } from '../links/share-link.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';

export function ShareButton() {
  const { session } = useSession();
  const theme = useApp((s) => s.theme);
  const selection = useApp((s) => s.selection);
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const view: Record<string, string> = { theme };
    if (selection) { view.sel = `${selection.kind}:${selection.id}`; if (selection.node) view.node = selection.node; }
    const hash = shareFragment(await session.api.shareState(), view);
    noteWrittenHash(hash);
    history.replaceState(null, '', hash);
    try { await navigator.clipboard.writeText(location.href); } catch { /* the address bar has it anyway */ }
    setCopied(true);
    setTimeout(() => setCopied(false), 1800);
  };
  return (
    <button type="button" className="primary" onClick={() => void share()} data-testid="share">
      {copied ? 'Link copied ✓' : 'Share link'}
    </button>
  );
}
