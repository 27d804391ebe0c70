/**
 * One store per app instance, made by a factory from slices (xyflow style). The initial
 * scenario is computed synchronously by the caller (from the URL fragment) and passed in,
 * so no effect can overwrite a shared link before it is read.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  playbackSlice, prefsSlice, scenarioSlice, selectionSlice, simSlice, type AppState,
} from './slices.ts';

export type AppStore = StoreApi<AppState>;
export type InitialState = Partial<Pick<AppState, 'spec' | 'source' | 'startAtMs' | 'banner' | 'theme' | 'selection' | 'presenter' | 'initialCamera'>>;

export function createAppStore(initial: InitialState = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...scenarioSlice(...a),
    ...simSlice(...a),
    ...selectionSlice(...a),
    ...playbackSlice(...a),
    ...prefsSlice(...a),
    ...initial,
  }));
}
