#!/usr/bin/env node
// Packaging step: flip the Electron fuses of config/electron-fuses.json in a packaged Electron binary
// (RunAsNode off, inspect arguments off, app only from an integrity-checked asar, cookie encryption on …).
// Usage: npm run fuses -- <path to the packaged app's Electron executable>
// Uses @electron/fuses (a pinned devDependency: a packaging-time tool, never loaded by the app at run time).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(root, 'config', 'electron-fuses.json'), 'utf8'));

const target = process.argv[2];
if (!target) {
  process.stderr.write('peak: usage: npm run fuses -- <path to the packaged Electron executable>\n');
  process.exit(2);
}
let fuses;
try {
  fuses = await import('@electron/fuses');
} catch {
  process.stderr.write('peak: @electron/fuses is not installed (npm i -D --save-exact @electron/fuses), fuses not applied\n');
  process.exit(1);
}
const { flipFuses, FuseVersion, FuseV1Options } = fuses;
const wanted = { version: FuseVersion.V1, resetAdHocDarwinSignature: config.resetAdHocDarwinSignature };
for (const [name, on] of Object.entries(config.fuses)) {
  if (!(name in FuseV1Options)) {
    process.stderr.write(`peak: config/electron-fuses.json: unknown fuse ${name}\n`);
    process.exit(2);
  }
  wanted[FuseV1Options[name]] = on;
}
await flipFuses(target, wanted);
process.stdout.write(`fuses applied to ${target}: ${Object.entries(config.fuses).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ')}\n`);
