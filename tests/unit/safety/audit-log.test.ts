import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/node/db/store';
import { GENESIS_HASH } from '../../../src/core/safety/audit';
import { redactSecrets, REDACTED } from '../../../src/core/safety/redact';
import { fakeClock, tempDir } from '../../support/services';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function fresh(): Store {
  const t = tempDir('peak-audit-');
  const store = openStore({ path: join(t.dir, 'peak.db'), clock: fakeClock() });
  cleanups.push(t.remove, () => store.close());
  return store;
}

function fill(store: Store, n: number): void {
  for (let i = 0; i < n; i++) {
    store.audit.append({ category: 'gate', action: 'ensure-may-place-order', actor: 'system', allowed: false, reason: `gate ${i}`, details: { i } });
  }
}

describe('audit log', () => {
  it('chains every row to the previous one and verifies a clean log', () => {
    const store = fresh();
    fill(store, 5);
    const rows = store.audit.list();
    expect(rows.map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(rows[4]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 0; i < 4; i++) expect(rows[i]!.prevHash).toBe(rows[i + 1]!.hash);
    expect(store.audit.verify()).toMatchObject({ ok: true, checked: 5, firstBad: null, headHash: rows[0]!.hash });
  });

  it('refuses UPDATE and DELETE through SQL (append-only triggers)', () => {
    const store = fresh();
    fill(store, 2);
    expect(() => store.db.prepare("UPDATE audit_log SET reason = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('detects a row changed behind the triggers\' back', () => {
    const store = fresh();
    fill(store, 4);
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare("UPDATE audit_log SET reason = 'forged' WHERE seq = 3").run();
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 3, problem: expect.stringMatching(/changed/) } });
  });

  it('detects a deleted row (middle and last-but-one)', () => {
    const store = fresh();
    fill(store, 4);
    store.db.exec('DROP TRIGGER audit_log_no_delete');
    store.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 3, problem: expect.stringMatching(/missing/) } });
  });

  it('detects a rewritten chain tail whose hashes were recomputed without the predecessor', () => {
    const store = fresh();
    fill(store, 3);
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare("UPDATE audit_log SET prev_hash = ? WHERE seq = 2").run('f'.repeat(64));
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 2 } });
  });

  it('never stores secrets: keys and URL credentials are redacted before hashing', () => {
    const store = fresh();
    store.audit.append({
      category: 'config',
      action: 'load',
      actor: 'system',
      reason: 'webhook https://bot:hunter2@example.invalid/hook?token=abc123 failed',
      details: { api_key: 'AKIA-SECRET', nested: { confirm_token: 'I_KNOW_WHAT_I_AM_DOING', confirm_token_present: true } },
    });
    const raw = JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all());
    for (const s of ['hunter2', 'abc123', 'AKIA-SECRET', 'I_KNOW_WHAT_I_AM_DOING']) expect(raw).not.toContain(s);
    expect(store.audit.verify().ok).toBe(true);
    expect(store.audit.list()[0]!.details).toEqual({ api_key: REDACTED, nested: { confirm_token: REDACTED, confirm_token_present: true } });
  });

  it('rejects a category outside the fixed list', () => {
    const store = fresh();
    expect(() => store.audit.append({ category: 'constructor' as never, action: 'x', actor: 'y' })).toThrow();
    expect(store.audit.count()).toBe(0);
  });
});

describe('redactSecrets', () => {
  it('masks slack webhook paths and secret query parameters, keeps plain text', () => {
    expect(redactSecrets('see https://hooks.slack.com/services/T000/B000/XXXX now')).toBe(`see https://hooks.slack.com/services/${REDACTED} now`);
    expect(redactSecrets({ url: 'http://127.0.0.1:9/x?a=1&apikey=zzz', note: 'plain' })).toEqual({ url: `http://127.0.0.1:9/x?a=1&apikey=${REDACTED}`, note: 'plain' });
    expect(redactSecrets({ webhook_url: 'http://x' })).toEqual({ webhook_url: REDACTED });
  });

  it('masks a URL password with an empty user name (redis://:secret@host), as well as user:password', () => {
    expect(redactSecrets('connect redis://:s3cret@10.0.0.5:6379/2 failed')).toBe(`connect redis://${REDACTED}@10.0.0.5:6379/2 failed`);
    expect(redactSecrets('rediss://default:s3cret@cache.example:6380')).toBe(`rediss://${REDACTED}@cache.example:6380`);
    expect(redactSecrets('http://host:8080/a@b')).toBe('http://host:8080/a@b');
    expect(redactSecrets('cache redis://:s3cretpass@10.0.0.5:6379/0 down')).toBe(`cache redis://${REDACTED}@10.0.0.5:6379/0 down`);
    expect(redactSecrets('db postgres://app:pw@db.local/x')).toBe(`db postgres://${REDACTED}@db.local/x`);
    expect(redactSecrets('plain https://example.invalid/a@b and mailto:x@y')).toBe('plain https://example.invalid/a@b and mailto:x@y');
  });
});
