/**
 * Writes the scenario, the current moment and the view (theme, selection, text size, camera,
 * packet walk and hop) into the URL fragment and copies the link. The worker encodes it;
 * disabled while a link is being opened (its outcome decides what the URL says) or before
 * anything is loaded.
 */
import { useState } from 'react';
import { currentShareState } from '../lessons/share-state.ts';
import { encodeViewState } from '../links/view-state.ts';
import { writeLocationHash } from '../links/watch-hash.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';

export function ShareButton() {
  const { session } = useSession();
  const store = useAppStore();
  const ready = useApp((s) => !s.openingLink && s.snapshot !== undefined);
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const { theme, selection, presenter, camera, terminal, controlTab, timelineFilter, speed, highlightSeq, stage, stepIndex } = store.getState();
    const pw = packetWalkStore.getState();
    const view = encodeViewState({
      theme, selection, presenter, camera, walk: pw.open ? pw.shown : undefined, terminal, tab: controlTab === 'nodes' ? undefined : controlTab, timelineFilter, speed, event: highlightSeq,
      step: stage ? stepIndex : undefined,
    });
    // The lesson's steps as the page has them (authoring edits them in the store).
    // A failed call is the recovery's to report (banner, restart); there is no link to write.
    const hash = await currentShareState(store, session.api).then((state) => session.api.encodeLink(state, view)).catch(() => undefined);
    if (hash === undefined || !writeLocationHash(store, hash)) return;
    try { await navigator.clipboard.writeText(location.href); } catch { /* the address bar has it anyway */ }
    setCopied(true);
    setTimeout(() => setCopied(false), 1800);
  };
  return (
    <button type="button" className="primary" onClick={() => void share()} disabled={!ready} data-testid="share">
      {copied ? 'Link copied ✓' : 'Share link'}
    </button>
  );
}
