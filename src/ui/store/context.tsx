/** React access to the app store: one provider at the root, a selector hook below it. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './app-store.ts';
import { CHECK_SELECTORS, checkedSelector } from './checked-selector.ts';
import type { AppState } from './slices.ts';

const StoreContext = createContext<AppStore | null>(null);

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside <AppStoreProvider>');
  return store;
}

/**
 * Subscribes to one slice of state; re-renders only when the selected value changes. The
 * selector must be stable (checked-selector.ts checks it in dev, tests and the e2e build).
 */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), CHECK_SELECTORS ? checkedSelector(selector, 'useApp') : selector);
}
