/**
 * The top bar's menu: exports of the picture (PNG, SVG) and "try it on a real cluster"; in a
 * narrow window (a 1024×768 projector, a phone) also the theme, which would otherwise fall off
 * the bar. A disclosure: a button and a list of ordinary buttons; Escape or
 * a click elsewhere closes it and focus goes back to the button.
 */
import { useLingui } from '@lingui/react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useApp } from '../store/context.tsx';

const ClusterSnippetDialog = lazy(() => import('../export/ClusterSnippetDialog.tsx').then((m) => ({ default: m.ClusterSnippetDialog })));

export function TopBarMenu({ narrow }: { narrow: boolean }) {
  const { _ } = useLingui();
  const [open, setOpen] = useState(false);
  const [snippet, setSnippet] = useState(false);
  /** Why the last export failed (the browser's words). */
  const [error, setError] = useState<string | undefined>();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const name = useApp((s) => s.spec?.name ?? '');
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    addEventListener('pointerdown', away);
    return () => removeEventListener('pointerdown', away);
  }, [open]);

  const close = () => { setOpen(false); button.current?.focus(); };
  const exportPicture = async (kind: 'svg' | 'png') => {
    setError(undefined);
    try {
      // The export code loads on first use: it is not part of the first paint.
      const { currentPicture, download, fileName, pngBlob, svgMarkup } = await import('../export/picture-export.ts');
      const svg = currentPicture();
      if (!svg) return;
      const bg = getComputedStyle(document.documentElement).getPropertyValue('--panel').trim() || '#ffffff';
      const what = svg.dataset.testid === 'pw-datapath' ? 'datapath' : 'cluster';
      const { markup, width, height } = svgMarkup(svg, bg);
      const blob = kind === 'svg' ? new Blob([markup], { type: 'image/svg+xml' }) : await pngBlob(markup, width, height);
      download(fileName(name, what, kind), blob);
      close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="tb-menu" ref={root} onKeyDown={(e) => { if (e.key === 'Escape' && open) { e.stopPropagation(); close(); } }}>
      <button ref={button} type="button" aria-expanded={open} aria-controls="tb-menu-list" onClick={() => setOpen(!open)} data-testid="tb-menu">
        {narrow ? _('menu.more') : _('menu.export')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id="tb-menu-list" className="tb-menu-list" role="group" aria-label={narrow ? _('menu.more') : _('menu.export')}>
          <button type="button" onClick={() => void exportPicture('png')} data-testid="export-png">{_('menu.png')}</button>
          <button type="button" onClick={() => void exportPicture('svg')} data-testid="export-svg">{_('menu.svg')}</button>
          <button type="button" onClick={() => { setOpen(false); setSnippet(true); }} data-testid="export-cluster">{_('menu.realCluster')}</button>
          {narrow && (
            <>
              <hr />
              <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
                {theme === 'dark' ? _('theme.toLight') : _('theme.toDark')}
              </button>
            </>
          )}
          {error !== undefined && <p className="tb-menu-error" role="alert">{_('menu.exportFailed', { error })}</p>}
        </div>
      )}
      {snippet && <Suspense fallback={null}><ClusterSnippetDialog onClose={() => { setSnippet(false); button.current?.focus(); }} /></Suspense>}
    </div>
  );
}
