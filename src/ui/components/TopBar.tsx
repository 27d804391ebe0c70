/** Brand, scenario picker, time controls, share link, presenter text size, theme and language. */
import { LessonButton } from '../lessons/LessonButton.tsx';
import { PacketWalkButton } from '../packet/PacketWalkButton.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { PlaybackControls } from './PlaybackControls.tsx';
import { PresenterToggle } from './PresenterToggle.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { ShareButton } from './ShareButton.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

export function TopBar() {
  return (
    <header className="topbar">
      <div className="brand">
        <svg width="26" height="26" viewBox="0 0 26 26" aria-hidden="true">
          <rect x="1" y="1" width="24" height="24" rx="6" className="brand-mark" />
          <rect x="6" y="7" width="5" height="5" rx="1" className="brand-cell" />
          <rect x="13" y="7" width="5" height="5" rx="1" className="brand-cell warm" />
          <rect x="6" y="14" width="5" height="5" rx="1" className="brand-cell warm" />
          <rect x="13" y="14" width="5" height="5" rx="1" className="brand-cell" />
        </svg>
        <h1>VPC CNI Explorer</h1>
      </div>
      <ScenarioPicker />
      <PlaybackControls />
      <div className="topbar-end">
        <LessonButton />
        <PacketWalkButton />
        <ShareButton />
        <PresenterToggle />
        <ThemeToggle />
        <LanguageSwitcher />
      </div>
    </header>
  );
}
