/** `peak audit verify` (exit 1 when the chain is broken) and `peak audit export --out <dir>` (JSON + Markdown + sha256 manifest). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';

export function registerAudit(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit log and audit snapshots');
  audit.command('verify').description('walk the hash chain; names the first changed, inserted or deleted row').option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const v = await ctx.call('audit:verify', {});
      if (o.json) ctx.json(v);
      else ctx.out(v.ok ? `audit log ok: ${v.checked} rows, head ${v.headHash}` : `audit log BROKEN at seq ${v.firstBad?.seq}: ${v.firstBad?.problem}`);
      if (!v.ok) throw new PeakError('INTERNAL', `audit chain broken at seq ${v.firstBad?.seq ?? '?'}`);
    });
  audit.command('export').description('write the audit snapshot (snapshot.json, snapshot.md, MANIFEST.sha256); secrets never included')
    .requiredOption('--out <dir>', 'directory to write into (created)')
    .option('--json', 'print JSON')
    .action(async (o: { out: string; json?: boolean }) => {
      const snap = await ctx.call('audit:snapshot', { save: false });
      const dir = ctx.path(o.out);
      try {
        mkdirSync(dir, { recursive: true });
        for (const f of snap.files) writeFileSync(join(dir, f.name), f.content);
      } catch (e) {
        throw new PeakError('BAD_INPUT', `--out: cannot write ${dir}: ${(e as Error).message}`);
      }
      const files = snap.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 }));
      if (o.json) return ctx.json({ dir, stamp: snap.stamp, files });
      for (const f of files) ctx.out(`${f.sha256}  ${join(dir, f.name)}  (${f.bytes} bytes)`);
    });
}
