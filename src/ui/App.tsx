/** The app shell: top bar, controls, picture, inspector, timeline. Nothing else. */
import { useEffect } from 'react';
import { Banner } from './components/Banner.tsx';
import { ControlsPanel } from './components/ControlsPanel.tsx';
import { Inspector } from './components/Inspector.tsx';
import { Timeline } from './components/Timeline.tsx';
import { TopBar } from './components/TopBar.tsx';
import { TopologyView } from './components/TopologyView.tsx';
import { useKeyboardShortcuts } from './components/use-keyboard-shortcuts.ts';
import { useApp } from './store/context.tsx';

export function App() {
  const theme = useApp((s) => s.theme);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  const presenter = useApp((s) => s.presenter);
  useEffect(() => { document.documentElement.dataset.presenter = presenter ? 'on' : 'off'; }, [presenter]);
  useKeyboardShortcuts();
  return (
    <div className="app">
      <TopBar />
      <Banner />
      <main className="workspace">
        <ControlsPanel />
        <TopologyView />
        <Inspector />
      </main>
      <Timeline />
    </div>
  );
}
