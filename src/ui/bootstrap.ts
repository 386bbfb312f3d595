// Where the first text comes from: a permalink in the URL wins, then the autosaved work, then the
// first scenario. A permalink is consumed (the hash is cleared) so a reload keeps later edits.
import type { AppStore } from '../store/appStore.ts';
import { decodePermalink } from '../store/permalink.ts';
import { readSavedText, type KeyValueStorage } from '../store/persistence.ts';
import { fetchScenarioIndex, fetchScenarioText } from './toolbar/scenarios.ts';

export async function bootstrap(store: AppStore, storage: KeyValueStorage, location: Location, history: History): Promise<void> {
  const scenarios = await fetchScenarioIndex();
  store.getState().setScenarios(scenarios);
  const link = decodePermalink(location.hash);
  if (link.ok) {
    store.setState({ scenarioId: null, scenarioText: null });
    store.getState().setText(link.text, 'permalink');
    history.replaceState(null, '', location.pathname + location.search);
    return;
  }
  const saved = readSavedText(storage);
  if (saved !== null && saved !== '') {
    store.getState().setText(saved, 'restore');
    const entry = scenarios.find((s) => s.id === store.getState().scenarioId);
    if (entry) {
      fetchScenarioText(entry).then((text) => store.setState({ scenarioText: text }), () => {});
    } else {
      store.setState({ scenarioId: null });
    }
    return;
  }
  const first = scenarios[0];
  if (first) store.getState().loadScenario(first.id, await fetchScenarioText(first));
}
