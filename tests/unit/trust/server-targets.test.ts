/**
 * The browser twin takes no server-side TARGET from a page: no file path (data:import path) and no address the
 * server would connect to (cluster:set / cluster:test url). The policy unit, an audit of every command's input
 * schema (a new field named like a path or URL must be listed, or this test fails), and the refusals over a real
 * twin on loopback (the stored setting stays testable).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../src/core/api/contract';
import { refuseForTransport, serverTargetFields, TWIN_CAPABILITIES } from '../../../src/node/web/page-policy';
import { startWebTwin, type WebTwin } from '../../../src/node/web/twin';
import { createTestServices, tempDir, type TestServices } from '../../support/services';

describe('refuseForTransport', () => {
  it('refuses every listed field over the twin, naming the command, the field and where to set it instead', () => {
    expect(refuseForTransport('data:import', { path: '/etc/shadow' }, TWIN_CAPABILITIES)).toEqual({
      code: 'UNSAFE',
      message: 'data:import: "path" (a file on the server) is not accepted over the browser twin; send the file\'s content instead (csvText)',
    });
    expect(refuseForTransport('cluster:set', { compute: 'cluster', url: 'redis://10.0.0.5:6379' }, TWIN_CAPABILITIES)).toEqual({
      code: 'UNSAFE',
      message: 'cluster:set: "url" (an address the server would connect to) is not accepted over the browser twin; set the Redis URL with `peak cluster set <redis-url>` or in the desktop app',
    });
    expect(refuseForTransport('cluster:test', { url: 'redis://169.254.169.254:80' }, TWIN_CAPABILITIES)?.message)
      .toMatch(/^cluster:test: "url" .* test the stored setting \(no url\), or a URL with `peak cluster test <redis-url>` or in the desktop app$/);
    // present but empty or of the wrong type is still a target field: refused before validation
    expect(refuseForTransport('cluster:test', { url: '' }, TWIN_CAPABILITIES)?.code).toBe('UNSAFE');
    expect(refuseForTransport('cluster:set', { url: null }, TWIN_CAPABILITIES)?.code).toBe('UNSAFE');
  });
  it('lets the rest through: no target field, other commands, non-objects, inherited names', () => {
    expect(refuseForTransport('cluster:test', {}, TWIN_CAPABILITIES)).toBeNull();
    expect(refuseForTransport('cluster:set', { compute: 'local' }, TWIN_CAPABILITIES)).toBeNull();
    expect(refuseForTransport('data:import', { csvText: 'a', name: 'x' }, TWIN_CAPABILITIES)).toBeNull();
    expect(refuseForTransport('runs:list', { url: 'x', path: 'y' }, TWIN_CAPABILITIES)).toBeNull();
    expect(refuseForTransport('cluster:set', null, TWIN_CAPABILITIES)).toBeNull();
    expect(refuseForTransport('cluster:set', 'redis://x', TWIN_CAPABILITIES)).toBeNull();
    expect(refuseForTransport('constructor', { url: 'x' }, TWIN_CAPABILITIES)).toBeNull();
    expect(refuseForTransport('cluster:set', Object.create({ url: 'inherited' }) as object, TWIN_CAPABILITIES)).toBeNull();
  });
  it('a transport with the capability (CLI, Electron IPC) is never refused', () => {
    expect(refuseForTransport('cluster:set', { compute: 'cluster', url: 'redis://x' }, { serverTargets: true })).toBeNull();
    expect(refuseForTransport('data:import', { path: '/tmp/a.csv' }, { serverTargets: true })).toBeNull();
  });
});

/** Every input field name of a zod (v4) schema, nested objects included. */
function fieldNames(schema: unknown, out = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return out;
  const t = def.type as string;
  if (t === 'object') {
    for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
      out.add(k);
      fieldNames(v, out);
    }
  } else if (t === 'union') for (const o of def.options as unknown[]) fieldNames(o, out);
  else if (t === 'pipe') fieldNames(def.in, out);
  else if (t === 'array') fieldNames(def.element, out);
  else if (t === 'record') fieldNames(def.valueType, out);
  else if (def.innerType) fieldNames(def.innerType, out);
  return out;
}

describe('audit: every contract input field that may name a server-side target is refused over the twin', () => {
  it('fields named like a path, dir, url, file, out or webhook are exactly the listed ones', () => {
    const listed = new Set(serverTargetFields().map((f) => `${f.command}.${f.field}`));
    const found: string[] = [];
    for (const [name, c] of Object.entries(commands)) {
      for (const f of fieldNames(c.input)) if (/path|dir$|^dir|url|file|^out|webhook|host|endpoint/i.test(f)) found.push(`${name}.${f}`);
    }
    // reviewed and not targets: a risk profile name from a fixed enum, a path COUNT
    const reviewed = new Set(['gonogo:evaluate.riskProfile', 'research:gonogo.riskProfile', 'montecarlo:run.nPaths', 'research:portfolio.nPaths']);
    expect(found.filter((f) => !reviewed.has(f)).sort()).toEqual([...listed].sort());
  });
});

function post(port: number, name: string, body: unknown): Promise<{ status: number; env: { ok: boolean; error?: { code: string; message: string }; value?: unknown } }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, method: 'POST', path: `/api/${name}`,
      headers: { host: `127.0.0.1:${port}`, 'x-peak-token': 'tk', 'content-type': 'application/json' },
    }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, env: JSON.parse(b) as never }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('over a real twin: a page cannot make the server connect to an address', () => {
  let s: TestServices;
  let twin: WebTwin;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    s = createTestServices({ seed: false });
    dir = tempDir('peak-targets-');
    mkdirSync(join(dir.dir, 'r'));
    writeFileSync(join(dir.dir, 'r', 'index.html'), '<!doctype html>');
    twin = await startWebTwin({ services: s, rendererDir: join(dir.dir, 'r'), token: 'tk' });
  });
  afterAll(async () => {
    await twin.close();
    await s.dispose();
    dir.remove();
  });

  it('cluster:set and cluster:test with a url are refused (403 UNSAFE) and nothing is stored', async () => {
    const set = await post(twin.port, 'cluster:set', { compute: 'cluster', url: 'redis://169.254.169.254:6379' });
    expect(set.status).toBe(403);
    expect(set.env.error?.code).toBe('UNSAFE');
    expect(set.env.error?.message).toContain('peak cluster set <redis-url>');
    const test = await post(twin.port, 'cluster:test', { url: 'redis://127.0.0.1:1' });
    expect(test.status).toBe(403);
    expect(test.env.error?.code).toBe('UNSAFE');
    const got = await s.invoke('cluster:get', {});
    expect(got.ok && got.value).toMatchObject({ compute: 'local', url: null });
  });

  it('the stored setting stays readable and testable, and a page may switch back to this machine', async () => {
    expect((await post(twin.port, 'cluster:get', {})).env.ok).toBe(true);
    // nothing stored: the handler's own answer (no cluster configured), not the transport's refusal
    const test = await post(twin.port, 'cluster:test', {});
    expect(test.env.error?.code).toBe('BAD_INPUT');
    expect(test.env.error?.message).toMatch(/no cluster is configured/);
    const local = await post(twin.port, 'cluster:set', { compute: 'local' });
    expect(local.env).toMatchObject({ ok: true, value: { compute: 'local' } });
  });
});
