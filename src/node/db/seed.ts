/**
 * First run: an empty store is seeded with the named synthetic data sets (a BTC-like 1-minute year, a
 * daily decade, …) so the app and the CLI work before any import. Seeding is deterministic (same specs → same
 * bars → same content hashes → same data set ids) and runs only while the store has no data sets at all.
 */
import { generateSeedDataset, seedDatasets, type SeedDatasetSpec } from '../../core/data/synthetic';
import { qualityReport } from '../../core/data/validate';
import type { DatasetSummary } from '../../core/api/schemas';
import type { Store } from './store';

export interface SeedOptions {
  /** default: seedDatasets() (large); tests pass small specs */
  specs?: SeedDatasetSpec[];
}

export function seedIfEmpty(store: Store, opts: SeedOptions = {}): DatasetSummary[] {
  if (store.datasets.count() > 0) return [];
  const specs = opts.specs ?? seedDatasets();
  const out: DatasetSummary[] = [];
  for (const spec of specs) {
    const bars = generateSeedDataset(spec);
    const { dataset } = store.datasets.insert({
      name: spec.name,
      symbol: spec.symbol,
      source: 'seed',
      sourceDetail: spec.generator,
      bars,
      quality: qualityReport(bars),
      meta: { description: spec.description, generator: spec.generator, params: spec.params },
    });
    out.push(dataset);
  }
  return out;
}
