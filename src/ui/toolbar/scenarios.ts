// Scenarios come from public/scenarios/ (index.json + YAML files), fetched relative to the page so
// the app works from any base path and never leaves its origin.
import { parseScenarioIndex, type ScenarioEntry } from '../../store/scenarioSlice.ts';
import { BUILTIN_SCENARIO, BUILTIN_TEXT } from './builtinScenario.ts';

export async function fetchScenarioIndex(): Promise<ScenarioEntry[]> {
  try {
    const res = await fetch('scenarios/index.json');
    if (!res.ok) return [BUILTIN_SCENARIO];
    const list = parseScenarioIndex(await res.json());
    return list.length ? list : [BUILTIN_SCENARIO];
  } catch {
    return [BUILTIN_SCENARIO];
  }
}

export async function fetchScenarioText(entry: ScenarioEntry): Promise<string> {
  if (entry.id === BUILTIN_SCENARIO.id) return BUILTIN_TEXT;
  const res = await fetch(`scenarios/${entry.file}`);
  if (!res.ok) throw new Error(`scenarios/${entry.file}: HTTP ${res.status}`);
  return res.text();
}
