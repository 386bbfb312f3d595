import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from './store/appStore.ts';
import { connectEngine } from './store/connectEngine.ts';
import { persist } from './store/persistence.ts';
import { App } from './ui/App.tsx';
import { bootstrap } from './ui/bootstrap.ts';
import './ui/styles.css';
import { AppStoreContext } from './ui/useAppState.ts';
import { createWorkerClient } from './worker/createWorkerClient.ts';

const store = createAppStore();
persist(store, window.localStorage, window);
// The engine runs in a worker: the main thread never parses YAML.
connectEngine(store, createWorkerClient(), window);
void bootstrap(store, window.localStorage, window.location, window.history);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppStoreContext.Provider value={store}><App /></AppStoreContext.Provider>
  </StrictMode>,
);
