/**
 * Writes the scenario, the current moment and the view (theme, selection, text size, camera,
 * packet walk and hop) into the URL fragment and copies the link. The worker encodes it;
 * disabled while a link is being opened (its outcome decides what the URL says) or before
 * anything is loaded.
 */
import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { shareLink } from '../links/share-link.ts';
import { writeLocationHash } from '../links/watch-hash.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';

export function ShareButton() {
  const { session } = useSession();
  const store = useAppStore();
  const ready = useApp((s) => !s.openingLink && s.snapshot !== undefined);
  const [copied, setCopied] = useState(false);
  const { _ } = useLingui();
  const share = async () => {
    // A failed call is the recovery's to report (banner, restart); there is no link to write.
    const hash = await shareLink(store, session.api).catch(() => undefined);
    if (hash === undefined || !writeLocationHash(store, hash)) return;
    try { await navigator.clipboard.writeText(location.href); } catch { /* the address bar has it anyway */ }
    setCopied(true);
    setTimeout(() => setCopied(false), 1800);
  };
  return (
    <button type="button" className="primary" onClick={() => void share()} disabled={!ready} data-testid="share">
      {copied ? _('share.copied') : _('share.button')}
    </button>
  );
}
