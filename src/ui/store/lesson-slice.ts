/**
 * The lesson on screen and the parts of the view a lesson step (or a link) sets beyond the
 * selection and camera: the inspector's terminal view and the timeline's filter. A step's
 * "what is shown" is exactly a link's view state (links/view-state.ts).
 */
import type { StateCreator } from 'zustand';
import type { LessonStep } from '../../sim/spec.ts';
import type { AppState } from './slices.ts';

/** The timeline's filters (Timeline.tsx), as a link or a step names them. */
export const TIMELINE_FILTERS = ['all', 'ec2', 'ipamd', 'k8s', 'problems'] as const;
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];

export interface LessonSlice {
  /** The presenter stage is open (large picture, narration, step list). */
  stage: boolean;
  /** The step on screen, 0-based; undefined when no step is open. */
  stepIndex?: number;
  /** The user added, edited, moved or deleted steps since the scenario was loaded. */
  stepsEdited: boolean;
  /** The inspector's terminal view (a text-view kind such as `ip rule`); undefined: its first. */
  terminal?: string;
  timelineFilter: TimelineFilter;
  setStage(on: boolean): void;
  setStepIndex(index: number | undefined): void;
  /** Replaces the lesson's steps (authoring); marks them edited. */
  setSteps(steps: readonly LessonStep[]): void;
  setTerminal(kind: string | undefined): void;
  setTimelineFilter(filter: TimelineFilter): void;
}

export const lessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => ({
  stage: false,
  stepsEdited: false,
  timelineFilter: 'all',
  setStage: (stage) => set({ stage }),
  setStepIndex: (stepIndex) => set({ stepIndex }),
  setSteps: (steps) => {
    const spec = get().spec;
    if (!spec) return;
    const index = get().stepIndex;
    set({
      spec: { ...spec, steps: [...steps] },
      stepsEdited: true,
      stepIndex: index === undefined || steps.length === 0 ? undefined : Math.min(index, steps.length - 1),
    });
  },
  setTerminal: (terminal) => set({ terminal }),
  setTimelineFilter: (timelineFilter) => set({ timelineFilter }),
});
