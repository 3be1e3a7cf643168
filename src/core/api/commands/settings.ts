import { z } from 'zod';
import { defineDomain } from '../define';

/**
 * App settings the user may change at run time. Today: the worker-pool size. Paths are reported (read-only:
 * the entry point injects them at start-up). Theme lives in the renderer (localStorage), not here.
 */
export const SettingsSchema = z.object({
  /** threads of the shared worker pool NOW (new jobs use this many) */
  workers: z.number().int().min(1),
  /** what the pool gets with no stored setting: the machine's cores (os.availableParallelism) */
  workersDefault: z.number().int().min(1),
  /** largest accepted `workers` (settings:set refuses more) */
  workersMax: z.number().int().min(1),
  dataDir: z.string(),
  dbPath: z.string(),
});

export const settingsDomain = defineDomain({
  commands: {
    'settings:get': {
      doc: 'Current settings: worker-pool size (with default and maximum), data directory, database path.',
      input: z.object({}).default({}),
      output: SettingsSchema,
    },
    'settings:set': {
      doc: 'Changes settings (worker-pool size 1..workersMax); stored in the database, applied to new jobs at once.',
      input: z.object({
        // The upper bound depends on the machine (workersMax), so the handler checks it and names `workers`.
        workers: z.number().int().min(1).optional(),
      }).strict(),
      output: SettingsSchema,
    },
  },
  events: {
    /** after settings:set changed something; the payload is the new settings */
    'settings:did-change': SettingsSchema,
  },
});
