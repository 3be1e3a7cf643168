/**
 * Scenario library: config/drills/*.toml, bundled at build time (import.meta.glob, like the migrations), parsed
 * with smol-toml and validated with the core Scenario schema. Errors name the file and the bad key.
 */
import { readToml } from '../config/toml';
import { PeakError } from '../../core/errors';
import { Scenario } from '../../core/drills';

const files = import.meta.glob<string>('../../../config/drills/*.toml', { query: '?raw', import: 'default', eager: true });

export function parseScenarioText(text: string, file: string): Scenario {
  return readToml(Scenario, text, file);
}

let cache: Map<string, Scenario> | null = null;

/** Every bundled scenario by id (a file whose id repeats another's is an error naming both files). */
export function scenarioLibrary(): Map<string, Scenario> {
  if (cache) return cache;
  const out = new Map<string, Scenario>();
  const fileOf = new Map<string, string>();
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const file = `config/drills/${path.slice(path.lastIndexOf('/') + 1)}`;
    const s = parseScenarioText(text, file);
    if (out.has(s.id)) throw new PeakError('BAD_FILE', `${file}: id "${s.id}" is already used by ${fileOf.get(s.id)}`);
    out.set(s.id, s);
    fileOf.set(s.id, file);
  }
  cache = out;
  return out;
}

export function getScenario(id: string): Scenario {
  const lib = scenarioLibrary();
  const s = lib.get(id);
  if (!s) throw new PeakError('BAD_INPUT', `scenario "${id}": unknown (known: ${[...lib.keys()].join(', ')})`);
  return s;
}
