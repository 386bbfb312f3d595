// Used only when public/scenarios/index.json cannot be fetched (e.g. a build without scenarios):
// the default scenario itself, bundled as text, so the fallback is never a second copy to keep
// in step with public/scenarios/.
import type { ScenarioEntry } from '../../store/scenarioSlice.ts';
import defaultScenarioText from '../../../public/scenarios/web-clusterip-nodeport.yaml?raw';

export const BUILTIN_SCENARIO: ScenarioEntry = {
  id: 'builtin-web', file: '', title: 'Web app: ClusterIP + NodePort',
  description: 'Built-in fallback: the default scenario, bundled with the page',
};

export const BUILTIN_TEXT: string = defaultScenarioText;
