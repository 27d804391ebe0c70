/** Writes the scenario, the current moment and the view (theme, selection, text size, camera, packet walk and hop) into the URL fragment and copies the link. */
import { useState } from 'react';
import { noteWrittenHash } from '../links/watch-hash.ts';
import { shareFragment } from '../links/share-link.ts';
import { encodeViewState } from '../links/view-state.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import { useSession } from '../session/session-context.tsx';
import { useAppStore } from '../store/context.tsx';

export function ShareButton() {
  const { session } = useSession();
  const store = useAppStore();
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const { theme, selection, presenter, camera } = store.getState();
    const pw = packetWalkStore.getState();
    const view = encodeViewState({ theme, selection, presenter, camera, walk: pw.open ? pw.shown : undefined });
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
