import { useLingui } from '@lingui/react';
import { useApp } from '../store/context.tsx';
import { MoonIcon, SunIcon } from './icons.tsx';

export function ThemeToggle() {
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  const { _ } = useLingui();
  const label = next === 'dark' ? _('theme.toDark') : _('theme.toLight');
  return (
    <button type="button" className="icon" onClick={() => setTheme(next)} aria-label={label} title={label}>
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
