/**
 * One store per app instance, made by a factory from slices (xyflow style). The caller
 * passes what it knows synchronously from the URL fragment: above all `openingLink`, so
 * that no effect can overwrite a shared link while the worker decodes it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { lessonSlice } from './lesson-slice.ts';
import {
  playbackSlice, prefsSlice, scenarioSlice, selectionSlice, simSlice, type AppState,
} from './slices.ts';

export type AppStore = StoreApi<AppState>;
export type InitialState = Partial<Pick<AppState, 'spec' | 'source' | 'startAtMs' | 'banner' | 'theme' | 'locale' | 'selection' | 'presenter' | 'initialCamera' | 'openingLink'>>;

export function createAppStore(initial: InitialState = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...scenarioSlice(...a),
    ...simSlice(...a),
    ...selectionSlice(...a),
    ...playbackSlice(...a),
    ...prefsSlice(...a),
    ...lessonSlice(...a),
    ...initial,
  }));
}
