/**
 * A dismissible message across the top: broken links (with each problem and its JSON path),
 * a link's warnings, refused commands, failed loads, what broke (with the offer to reopen the
 * last good scenario); and, while a link is being decoded, a status line saying so.
 */
import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { useText } from '../i18n/text.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';

export function Banner() {
  const banner = useApp((s) => s.banner);
  const opening = useApp((s) => s.openingLink);
  const dismiss = useApp((s) => s.showBanner);
  const { reopen } = useSession();
  const [busy, setBusy] = useState(false);
  const { _ } = useLingui();
  const show = useText();
  if (!banner) {
    if (!opening) return <div className="banner-slot" />;
    return (
      <div className="banner info" role="status" data-testid="opening-link">
        <div><strong>{_('banner.opening')}</strong></div>
      </div>
    );
  }
  return (
    <div className={`banner ${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'} data-testid="banner">
      <div className="banner-body">
        <strong>{show(banner.title)}</strong>
        {banner.detail && <p>{show(banner.detail)}</p>}
        {banner.items && banner.items.length > 0 && (
          <ul className="banner-items">
            {banner.items.map((item, i) => (
              <li key={i}><code>{item.path}</code> {show(item.message)}</li>
            ))}
            {banner.more !== undefined && banner.more > 0 && <li className="muted">{_('banner.more', { more: banner.more })}</li>}
          </ul>
        )}
      </div>
      <div className="banner-actions">
        {banner.action === 'reopen' && (
          <button type="button" className="primary" disabled={busy}
            onClick={() => { setBusy(true); void reopen().finally(() => setBusy(false)); }}>{_('banner.reopen')}</button>
        )}
        {typeof banner.action === 'object' && <button type="button" onClick={banner.action.run} data-testid="banner-action">{show(banner.action.label)}</button>}
        <button type="button" className="ghost" onClick={() => dismiss(undefined)} aria-label={_('banner.dismiss')}>✕</button>
      </div>
    </div>
  );
}
