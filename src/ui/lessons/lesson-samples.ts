/**
 * The shipped lessons in the scenario menu. The page lists them from a small catalogue and
 * loads a lesson's content (its JSON, narration and claims) only when it is picked; the worker
 * validates it then, like a sample.
 */
import { LESSON_CATALOGUE } from '../../scenario/lessons/catalogue.ts';
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import type { StageHandle } from './stage-actor.ts';
import { msg } from '../i18n/text.ts';
import { issueItems } from '../links/link-banner.ts';

export interface LessonEntry { id: string; letter: string; title: string }

/** Menu values of lessons are `lesson:<id>`, so they never clash with a sample's id. */
export const LESSON_PREFIX = 'lesson:';

export const LESSON_ENTRIES: readonly LessonEntry[] = LESSON_CATALOGUE.map((l) => ({ ...l, id: `${LESSON_PREFIX}${l.id}` }));

/** Validates a shipped lesson in the worker, loads it and opens the presenter stage at its first step. */
export async function loadLesson(store: AppStore, session: SimSession, stage: StageHandle, id: string): Promise<boolean> {
  if (!LESSON_ENTRIES.some((e) => e.id === id)) return false;
  const { LESSONS } = await import('../../scenario/lessons/index.ts');
  const lesson = LESSONS.find((l) => `${LESSON_PREFIX}${l.id}` === id);
  if (!lesson) return false;
  const r = await session.api.parseScenario(lesson.scenario);
  if (!r.ok) {
    store.getState().showBanner({ tone: 'error', title: msg('lesson.loadFailed', { id: lesson.id }), items: issueItems(r.issues, '') });
    return false;
  }
  const first = r.spec.steps?.[0];
  if (!(await session.load(r.spec, id, Math.round((first?.at ?? 0) * 1000)))) return false;
  store.setState({ stepsEdited: false });
  stage.open(0);
  return true;
}
