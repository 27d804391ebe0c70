/**
 * Brand, scenario picker, time controls, lessons, packet walk, share link, exports, presenter text size,
 * theme and language. Below NARROW the theme moves into the menu and the bar tightens, so every control
 * stays reachable on a 1024×768 projector.
 */
import { LessonButton } from '../lessons/LessonButton.tsx';
import { PacketWalkButton } from '../packet/PacketWalkButton.tsx';
import { useApp } from '../store/context.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { PlaybackControls } from './PlaybackControls.tsx';
import { PresenterToggle } from './PresenterToggle.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { ShareButton } from './ShareButton.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { TopBarMenu } from './TopBarMenu.tsx';
import { useMediaQuery } from './use-media-query.ts';

/** Widths at which the bar no longer holds every control on one line (measured at 14 px and presenter's 18 px). */
const NARROW = '(max-width: 1280px)';
const NARROW_PRESENTER = '(max-width: 1700px)';

export function TopBar() {
  const presenter = useApp((s) => s.presenter);
  const narrowPlain = useMediaQuery(NARROW);
  const narrowPresenter = useMediaQuery(NARROW_PRESENTER);
  const narrow = presenter ? narrowPresenter : narrowPlain;
  return (
    <header className={`topbar${narrow ? ' narrow' : ''}`}>
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
        <TopBarMenu narrow={narrow} />
        <PresenterToggle />
        {!narrow && <ThemeToggle />}
        <LanguageSwitcher />
      </div>
    </header>
  );
}
