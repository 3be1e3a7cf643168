/**
 * Sweep presets (SPEC §4) from config/sweeps/*.toml, bundled at build time (so the app and the CLI need no
 * runtime path lookup) and validated with the core schema; errors name the file and the key.
 */
import { PeakError } from '../../core/errors';
import { parseTomlText } from '../config/toml';
import { parseSweepPreset, type SweepPreset } from '../../core/research/sweep';

const files = import.meta.glob<string>('../../../config/sweeps/*.toml', { query: '?raw', import: 'default', eager: true });

export interface NamedPreset extends SweepPreset {
  name: string;
  file: string;
}

export function parsePresetText(text: string, file: string): SweepPreset {
  return parseSweepPreset(parseTomlText(text, file), file);
}

let cache: Map<string, NamedPreset> | null = null;

export function sweepPresets(): Map<string, NamedPreset> {
  if (cache !== null) return cache;
  const m = new Map<string, NamedPreset>();
  for (const [path, text] of Object.entries(files)) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const file = `config/sweeps/${base}`;
    const name = base.replace(/\.toml$/, '');
    m.set(name, { ...parsePresetText(text, file), name, file });
  }
  cache = new Map([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
  return cache;
}

export function getSweepPreset(name: string): NamedPreset {
  const p = sweepPresets().get(name);
  if (p === undefined) {
    throw new PeakError('NOT_FOUND', `sweep preset "${name}" not found (presets: ${[...sweepPresets().keys()].join(', ')})`);
  }
  return p;
}
