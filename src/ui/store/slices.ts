/**
 * The app store's slices. Each is a plain function of zustand's `set`/`get`; the factory
 * in app-store.ts composes them. Nothing here talks to the worker: the session does.
 */
import type { Locale } from '../i18n/locales.ts';
import type { Text } from '../i18n/text.ts';
import type { StateCreator } from 'zustand';
import type { ScenarioSpec } from '../../sim/spec.ts';
import type { SimEvent, SimSnapshot } from '../../sim/view.ts';
import type { LoadProgress, TickResult } from '../../worker/protocol.ts';
import type { Camera } from '../links/view-state.ts';
import { applyDelta } from './apply-delta.ts';

/** Events the timeline keeps; older ones scroll away. */
export const EVENT_HISTORY = 1500;

/** One line of a banner's list: a problem or warning and where it is (`nodeGroups[0].instanceType`). */
export interface BannerItem { path: string; message: Text }

/** Texts are translated when shown (src/ui/i18n/text.ts), so a banner follows a language switch. */
export interface Banner {
  tone: 'error' | 'warning' | 'info';
  title: Text;
  detail?: Text;
  /** Problems or warnings, each with its JSON path; a few are listed, `more` says how many were not. */
  items?: BannerItem[];
  more?: number;
  /** 'reopen' offers to reopen the last good scenario (after a render error); an object is one button beside the message (the autosave's "Reset"). */
  action?: 'reopen' | { label: Text; run(): void };
}

/** A scenario being built in the worker, slice by slice (it can be cancelled). */
export interface Loading {
  loadId: number;
  /** The scenario's name. */
  label: string;
  /** Unknown until the first slice ends (small scenarios load within one). */
  progress?: LoadProgress;
}

export interface ScenarioSlice {
  spec?: ScenarioSpec;
  /** Which fixture the spec came from, or 'link' / 'custom'. */
  source: string;
  /** Simulated ms to run to when the scenario is (re)loaded: a shared link's moment. */
  startAtMs: number;
  banner?: Banner;
  /**
   * A link is being decoded (in the worker) and not yet loaded or refused. Until its
   * outcome is known nothing may write the URL (toolchain pitfall 3: a writer that ran
   * first would replace a shared link with the default scenario).
   */
  openingLink: boolean;
  /** A load in progress; the previous scenario stays on screen meanwhile. */
  loading?: Loading;
  setScenario(spec: ScenarioSpec, source: string, startAtMs?: number): void;
  showBanner(banner: Banner | undefined): void;
  setOpeningLink(on: boolean): void;
  setLoading(loading: Loading | undefined): void;
}

export interface SimSlice {
  snapshot?: SimSnapshot;
  events: SimEvent[];
  skippedEvents: number;
  nextEventMs?: number;
  /** Bumped on every load so views can reset (the first delta after a load is full). */
  generation: number;
  /** Takes a worker answer; false when its delta needs a snapshot the store does not have (resync). */
  receiveTick(tick: TickResult): boolean;
}

export type Selection = { kind: 'node' | 'eni' | 'pod'; id: string; node?: string };

export interface SelectionSlice {
  selection?: Selection;
  /** Ids (node names, ENI ids, pod names, IPs) touched by the highlighted event. */
  highlight: string[];
  highlightSeq?: number;
  select(selection: Selection | undefined): void;
  highlightEvent(event: SimEvent | undefined): void;
}

export type PlayState = 'paused' | 'playing' | 'stepping';

export interface PlaybackSlice {
  playState: PlayState;
  speed: number;
  setPlayback(playState: PlayState, speed: number): void;
}

export type Theme = 'light' | 'dark';
export type ControlTab = 'nodes' | 'env' | 'workloads';

export interface PrefsSlice {
  theme: Theme;
  locale: Locale;
  controlTab: ControlTab;
  /** Larger type scale for projectors. */
  presenter: boolean;
  /** The camera the picture shows; undefined while it fits itself to the VPC. */
  camera?: Camera;
  /** A shared link's camera, applied once to the next freshly loaded picture. */
  initialCamera?: Camera;
  setTheme(theme: Theme): void;
  setLocale(locale: Locale): void;
  setControlTab(tab: ControlTab): void;
  setPresenter(on: boolean): void;
  setCamera(camera: Camera | undefined): void;
  setInitialCamera(camera: Camera | undefined): void;
}

export type AppState = ScenarioSlice & SimSlice & SelectionSlice & PlaybackSlice & PrefsSlice & import('./lesson-slice.ts').LessonSlice;
type Slice<T> = StateCreator<AppState, [], [], T>;

export const scenarioSlice: Slice<ScenarioSlice> = (set) => ({
  source: 'none',
  startAtMs: 0,
  openingLink: false,
  setScenario: (spec, source, startAtMs = 0) => set({ spec, source, startAtMs }),
  showBanner: (banner) => set({ banner }),
  setOpeningLink: (openingLink) => set({ openingLink }),
  setLoading: (loading) => set({ loading }),
});

export const simSlice: Slice<SimSlice> = (set, get) => ({
  events: [],
  skippedEvents: 0,
  generation: 0,
  receiveTick: (tick) => {
    const { snapshot, events, skippedEvents, generation } = get();
    const full = tick.delta.full;
    const next = applyDelta(full ? undefined : snapshot, tick.delta);
    if (!next) return false;
    const merged = full ? tick.events : events.concat(tick.events);
    set({
      snapshot: next,
      events: merged.length > EVENT_HISTORY ? merged.slice(merged.length - EVENT_HISTORY) : merged,
      skippedEvents: (full ? 0 : skippedEvents) + tick.skippedEvents,
      nextEventMs: tick.nextEventMs,
      generation: full ? generation + 1 : generation,
    });
    return true;
  },
});

export const selectionSlice: Slice<SelectionSlice> = (set) => ({
  highlight: [],
  select: (selection) => set({ selection }),
  highlightEvent: (event) => set({ highlight: event ? event.touches : [], highlightSeq: event?.seq }),
});

export const playbackSlice: Slice<PlaybackSlice> = (set) => ({
  playState: 'paused',
  speed: 1,
  setPlayback: (playState, speed) => set({ playState, speed }),
});

export const prefsSlice: Slice<PrefsSlice> = (set) => ({
  theme: 'light',
  locale: 'en',
  controlTab: 'nodes',
  presenter: false,
  setTheme: (theme) => set({ theme }),
  setLocale: (locale) => set({ locale }),
  setControlTab: (controlTab) => set({ controlTab }),
  setPresenter: (presenter) => set({ presenter }),
  setCamera: (camera) => set({ camera }),
  setInitialCamera: (initialCamera) => set({ initialCamera }),
});
