// The UI reads the one app store through a context, so tests and main.tsx can hand it in.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store/appStore.ts';

export const AppStoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const s = useContext(AppStoreContext);
  if (!s) throw new Error('useAppStore outside <AppStoreContext.Provider>');
  return s;
}

export function useAppState<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}
