import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AutomationLogSchema } from '../../../src/core/automation/schemas';
import { createAutomationRepository } from '../../../src/node/db/automation';
import { runSuite } from '../../../src/node/automation/runner';
import { recordingAlertSink } from '../../../src/node/automation/alerts';
import { validateRunDir } from '../../../src/node/automation/run-files';
import { createTestServices, type TestServices } from '../../support/services';
import type { CommandInput, CommandName } from '../../../src/core/api/contract';

let s: TestServices | undefined;
afterEach(async () => { await s?.dispose(); s = undefined; });

function deps(svc: TestServices) {
  return {
    call: async <K extends CommandName>(name: K, input: CommandInput<K>) => {
      const r = await svc.invoke(name, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    clock: svc.ctx.clock,
    repo: createAutomationRepository(svc.store.db),
    alerts: recordingAlertSink(),
    drills: null,
  };
}

describe('suite runner', () => {
  it('runs the quick daily suite end to end and writes valid files', async () => {
    s = createTestServices();
    const d = deps(s);
    const r = await runSuite(d, { suite: 'daily', quick: true, outputDir: s.dir, trigger: 'test' });
    const log = AutomationLogSchema.parse(JSON.parse(readFileSync(r.logPath, 'utf8')));
    expect(log.status).toBe('completed');
    expect(validateRunDir(r.dir)).toMatchObject({ valid: true, status: 'completed' });
  }, 60_000);
});
