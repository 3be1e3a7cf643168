/**
 * The audit snapshot never exports a secret (planted in config and sessions), and the alert sinks deliver to a
 * loopback HTTP server (webhook JSON, Slack {text}, per-sink minimum level, dedup) while a dead webhook never
 * blocks. Also: no source file imports an exchange's order-placing API.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfigSchema } from '../../src/core/api/config';
import { createTestServices, type TestServices } from '../support/services';
import { AlertService } from '../../src/node/live/alert-sinks';
import { createLiveRepository } from '../../src/node/db/live';
import { silentLogger } from '../../src/node/api/context';

const SECRETS = {
  token: 'I_KNOW_WHAT_I_AM_DOING',
  apiKey: 'AKIA-PLANTED-APIKEY-9f8e7d',
  webhookPass: 'hunter2-webhook-pass',
  webhookUser: 'hookuser-planted',
  queryToken: 'qtok-5c4b3a2918',
  slackPath: 'T000PLANT/B000PLANT/XXXXplantedslackpathXXXX',
};

async function call<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('audit snapshot secrets', () => {
  let s: TestServices;
  beforeAll(() => {
    const config = AppConfigSchema.parse({
      environment: { mode: 'live', enable_live_trading: true, live_mode_armed: true, live_dry_run_mode: false, confirm_token: SECRETS.token },
      live_alerts: {
        sinks: [
          { kind: 'log' },
          { kind: 'webhook', url: `http://${SECRETS.webhookUser}:${SECRETS.webhookPass}@127.0.0.1:9/hook?token=${SECRETS.queryToken}` },
          { kind: 'slack_webhook', url: `https://hooks.slack.com/services/${SECRETS.slackPath}` },
        ],
      },
    });
    s = createTestServices({ config, clock: () => Date.now() });
  });
  afterAll(async () => { await s.dispose(); });

  it('no planted secret appears in any exported byte', async () => {
    const ds = (await call(s.invoke('data:list')) as unknown as { id: string }[] | { datasets: { id: string }[] });
    const id = Array.isArray(ds) ? ds[0].id : ds.datasets[0].id;
    await call(s.invoke('live:session-start', {
      name: `key api_key=${SECRETS.apiKey} via http://${SECRETS.webhookUser}:${SECRETS.webhookPass}@example.org/x`,
      note: `token=${SECRETS.queryToken} secret: ${SECRETS.apiKey}`,
      feed: { kind: 'replay', datasetId: id, speed: 'max' }, strategyId: 'ma_crossover', riskMode: 'monitor', mode: 'live_dry_run', wait: true,
    }));
    await call(s.invoke('live:drills-run'));
    const snap = await call(s.invoke('audit:snapshot', { save: true }));
    expect(snap.files.map((f) => f.name)).toEqual(['snapshot.json', 'snapshot.md', 'MANIFEST.sha256']);
    const dir = snap.savedTo!;
    const bytes = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(bytes.length).toBeGreaterThan(1000);
    for (const v of Object.values(SECRETS)) expect(bytes, `secret ${v} leaked`).not.toContain(v);
    // what the snapshot must say instead
    const json = JSON.parse(snap.files[0].content) as { gating: { confirm_token_present: boolean }; safety: { safety_guarantee_v1_0: string }; sessions: unknown[] };
    expect(json.gating.confirm_token_present).toBe(true);
    expect(json.safety.safety_guarantee_v1_0).toMatch(/^Dry-Run only/);
    expect(json.sessions.length).toBe(1);
    // the manifest is the sha256 of each file
    const { createHash } = await import('node:crypto');
    for (const f of snap.files.slice(0, 2)) expect(snap.files[2].content).toContain(`${createHash('sha256').update(readFileSync(join(dir, f.name))).digest('hex')}  ${f.name}`);
    // the dry-run executor audited its refused orders (gate decisions)
    const gates = await call(s.invoke('audit:list', { category: 'gate' }));
    expect(gates.length).toBeGreaterThan(0);
    expect(gates.every((g) => g.allowed === false)).toBe(true);
    // and nothing in the database either
    const dbDump = JSON.stringify(s.store.db.prepare('SELECT * FROM live_sessions').all()) + JSON.stringify(s.store.db.prepare('SELECT * FROM audit_log').all());
    for (const v of Object.values(SECRETS)) expect(dbDump).not.toContain(v);
  });
});

describe('alert sinks against a loopback HTTP server', () => {
  let server: Server;
  let port = 0;
  const got: { path: string; body: unknown }[] = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let b = '';
      req.on('data', (c: Buffer) => (b += c.toString()));
      req.on('end', () => {
        if (req.url === '/slow') return; // never answers: the timeout must fire
        got.push({ path: req.url ?? '', body: JSON.parse(b) as unknown });
        res.writeHead(req.url === '/fail' ? 500 : 200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

  it('delivers by level, dedups, survives dead and slow webhooks without blocking', async () => {
    const s = createTestServices({ clock: () => Date.now() });
    try {
      const repo = createLiveRepository(s.store.db);
      const stderr: string[] = [];
      const svc = new AlertService({
        config: AppConfigSchema.parse({ live_alerts: { min_level: 'INFO', sinks: [
          { kind: 'webhook', url: `http://127.0.0.1:${port}/hook`, min_level: 'WARNING' },
          { kind: 'slack_webhook', url: `http://127.0.0.1:${port}/slack`, min_level: 'CRITICAL' },
          { kind: 'webhook', url: `http://127.0.0.1:${port}/fail` },
          { kind: 'webhook', url: `http://127.0.0.1:${port}/slow`, timeout_ms: 300 },
          { kind: 'stderr' },
        ] } }).live_alerts,
        repo, audit: s.store.audit, logger: silentLogger, clock: () => Date.now(), jsonlDir: join(s.dir, 'alerts'), stderr: (l) => stderr.push(l),
      });
      const t0 = Date.now();
      svc.emit('INFO', 'session:1', 'STATUS_CHANGE', 'back to green');
      svc.emit('WARNING', 'session:1', 'NO_EVENTS', 'no bars for 130 s');
      svc.emit('WARNING', 'session:1', 'NO_EVENTS', 'no bars for 131 s'); // folded
      svc.emit('CRITICAL', 'live_risk.orders', 'RISK_BLOCKED', 'order blocked: max_order_notional breach');
      expect(Date.now() - t0).toBeLessThan(100); // emit never waits for a sink
      await svc.flush();
      const hook = got.filter((g) => g.path === '/hook').map((g) => g.body as { level: string; code: string; source: string; ts: string });
      expect(hook.map((h) => h.code)).toEqual(['NO_EVENTS', 'RISK_BLOCKED']);
      expect(hook[1]).toMatchObject({ level: 'CRITICAL', source: 'live_risk.orders', message: 'order blocked: max_order_notional breach' });
      expect(hook[1].ts).toMatch(/^\d{4}-\d\d-\d\dT/);
      const slack = got.filter((g) => g.path === '/slack').map((g) => g.body as { text: string });
      expect(slack).toEqual([{ text: '[CRITICAL] live_risk.orders RISK_BLOCKED: order blocked: max_order_notional breach' }]);
      expect(stderr).toHaveLength(3);
      // the failing and the slow sink are recorded through the fallback
      const failures = repo.alerts(0, 100).filter((a) => a.code === 'SINK_FAILURE');
      expect(failures.length).toBeGreaterThanOrEqual(1);
      expect(svc.health().status).toBe('degraded');
      const jsonl = readdirSync(join(s.dir, 'alerts'));
      expect(jsonl[0]).toMatch(/^alerts_\d{4}-\d\d-\d\d\.jsonl$/);
      expect(readFileSync(join(s.dir, 'alerts', jsonl[0]), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(3);
      await svc.stop();
    } finally {
      await s.dispose();
    }
  });
});

describe('no order-placing exchange API anywhere in src/', () => {
  it('no file imports ccxt order methods or private endpoints', () => {
    const files: string[] = [];
    const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (/\.(ts|tsx|mjs|js)$/.test(f)) files.push(p); } };
    walk(join(__dirname, '../../src'));
    expect(files.length).toBeGreaterThan(50);
    const banned = /\b(create\w*Order|cancel\w*Order|editOrder|privatePost\w*|privateGet\w*|fetchBalance|withdraw|transfer)\s*\(/;
    const offenders = files.filter((f) => banned.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
