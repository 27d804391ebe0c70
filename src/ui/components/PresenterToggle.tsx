/** Presenter text size: a larger type scale for projectors (shortcut P, kept in share links). */
import { useLingui } from '@lingui/react';
import { useApp } from '../store/context.tsx';

export function PresenterToggle() {
  const presenter = useApp((s) => s.presenter);
  const setPresenter = useApp((s) => s.setPresenter);
  const { _ } = useLingui();
  return (
    <button type="button" className="icon text presenter-toggle" aria-pressed={presenter} onClick={() => setPresenter(!presenter)}
      aria-label={_('presenter.label')} title={_('presenter.title')} data-testid="presenter">
      <span aria-hidden="true" className="presenter-glyph"><small>A</small>A</span>
    </button>
  );
}
