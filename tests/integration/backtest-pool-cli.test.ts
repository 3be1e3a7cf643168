/** Root program setup: options typed after a subcommand belong to that subcommand (positional options). */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram, type CliIo } from '../../src/cli/main';
import { fakeClock, tempDir } from '../support/services';

describe('peak root program: positional options', () => {
  const t = tempDir('peak-posopt-');
  afterAll(() => t.remove());
  const io = (): CliIo => ({
    stdout: { write: () => true }, stderr: { write: () => true }, env: { HOME: t.dir }, cwd: t.dir, clock: fakeClock(),
    services: { seed: false, workers: 1 },
  });

  it('`sweep show 3 --json` gives --json to show, not to sweep; global options still work after the subcommand', async () => {
    const { program, ctx } = buildProgram(io());
    try {
      // the action fails (no such sweep); parsing is what is tested
      await program.parseAsync(['sweep', 'show', '3', '--json', '--db', 'x.db'], { from: 'user' }).catch(() => undefined);
      const sweep = program.commands.find((c) => c.name() === 'sweep')!;
      const show = sweep.commands.find((c) => c.name() === 'show')!;
      expect(show.opts().json).toBe(true);
      expect(sweep.opts().json).toBeUndefined();
      expect(program.opts().db).toBe('x.db');
      expect(ctx.dbPath()).toBe(join(t.dir, 'x.db'));
    } finally {
      await ctx.close();
    }
  });
});
