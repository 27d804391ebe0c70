/** A dismissible message across the top: broken links, refused commands, failed loads. */
import { useApp } from '../store/context.tsx';

export function Banner() {
  const banner = useApp((s) => s.banner);
  const dismiss = useApp((s) => s.showBanner);
  if (!banner) return <div className="banner-slot" />;
  return (
    <div className={`banner ${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'} data-testid="banner">
      <div>
        <strong>{banner.title}</strong>
        {banner.detail && <p>{banner.detail}</p>}
      </div>
      <button type="button" className="ghost" onClick={() => dismiss(undefined)} aria-label="Dismiss message">✕</button>
    </div>
  );
}
