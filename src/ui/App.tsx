/**
 * The app shell: top bar, controls, picture, inspector, timeline. Each sits in an error
 * boundary of its own (one panel's bug leaves the others working and says so in the banner),
 * and the whole shell in a root boundary that offers to reopen the last good scenario.
 * Loading a scenario (a new generation) gives every boundary a fresh start.
 */
import { useLingui } from '@lingui/react';
import { lazy, Suspense, useEffect } from 'react';
import { Banner } from './components/Banner.tsx';
import { ControlsPanel } from './components/ControlsPanel.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Inspector } from './components/Inspector.tsx';
import { LoadProgress } from './components/LoadProgress.tsx';
import { Panel } from './components/Panel.tsx';
import { Timeline } from './components/Timeline.tsx';
import { TopBar } from './components/TopBar.tsx';
import { TopologyView } from './components/TopologyView.tsx';
import { useKeyboardShortcuts } from './components/use-keyboard-shortcuts.ts';
import { useSession } from './session/session-context.tsx';
import './lessons/lessons.css';
import { useApp } from './store/context.tsx';

/** The presenter stage and its authoring tools load when a lesson opens, not with the first paint. */
const LessonStage = lazy(() => import('./lessons/LessonStage.tsx').then((m) => ({ default: m.LessonStage })));

export function App() {
  const generation = useApp((s) => s.generation);
  const { reopen } = useSession();
  return (
    <ErrorBoundary area="app" variant="root" resetKey={generation} onReopen={() => void reopen()}>
      <Shell />
    </ErrorBoundary>
  );
}

function Shell() {
  const theme = useApp((s) => s.theme);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  const presenter = useApp((s) => s.presenter);
  useEffect(() => { document.documentElement.dataset.presenter = presenter ? 'on' : 'off'; }, [presenter]);
  const stage = useApp((s) => s.stage);
  useEffect(() => { document.documentElement.dataset.stage = stage ? 'on' : 'off'; }, [stage]);
  useKeyboardShortcuts();
  const { _ } = useLingui();
  return (
    <div className="app">
      <Panel area="top bar"><TopBar /></Panel>
      <Banner />
      <Panel area="load progress"><LoadProgress /></Panel>
      <main className={stage ? 'workspace staged' : 'workspace'}>
        {stage ? <Panel area="lesson stage"><Suspense fallback={<p className="stage-loading" role="status">{_('lesson.openingStage')}</p>}><LessonStage /></Suspense></Panel> : <Panel area="controls"><ControlsPanel /></Panel>}
        <Panel area="picture"><TopologyView /></Panel>
        <Panel area="inspector"><Inspector /></Panel>
      </main>
      <Panel area="timeline"><Timeline /></Panel>
    </div>
  );
}
