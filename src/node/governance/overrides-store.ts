/**
 * The live overrides file in the user data dir: `<dataDir>/live_overrides/auto.toml` (never the shipped config/),
 * written atomically (temp file + rename). Every version is kept — as a row in overrides_versions (the exact
 * bytes) and as `live_overrides/versions/v<NNNN>.toml` — so a rollback rewrites an earlier version byte for byte.
 * Each write is audited in the same transaction as its version row.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../files/atomic';
import { parse as parseToml } from 'smol-toml';
import { PeakError } from '../../core/errors';
import { diffOverrides, overridesFromToml, renderOverridesToml, type OverrideChange, type Overrides } from '../../core/governance/overrides';
import type { Store } from '../db/store';
import type { GovernanceRepo, OverridesVersion } from '../db/governance';

export const OVERRIDES_DIR = 'live_overrides';
export const OVERRIDES_FILE = 'auto.toml';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');


export function createOverridesStore(store: Store, repo: GovernanceRepo, dataDir: string) {
  const dir = join(dataDir, OVERRIDES_DIR);
  const file = join(dir, OVERRIDES_FILE);
  const versionsDir = join(dir, 'versions');

  function write(values: Overrides, meta: { actor: string; action: 'init' | 'apply' | 'auto-apply' | 'rollback'; reason: string; proposalId?: string | null; content?: string }): OverridesVersion {
    mkdirSync(versionsDir, { recursive: true });
    const content = meta.content ?? renderOverridesToml(values);
    return store.tx(() => {
      const prev = repo.lastVersion();
      const v: OverridesVersion = {
        version: prev ? prev.version + 1 : 0, createdAt: store.clock(), actor: meta.actor, action: meta.action, reason: meta.reason,
        proposalId: meta.proposalId ?? null, values, content, sha256: sha(content),
      };
      repo.insertVersion(v);
      store.audit.append({
        category: 'overrides', action: `overrides-${meta.action}`, actor: meta.actor, subject: `v${v.version}`, allowed: true, reason: meta.reason,
        details: { version: v.version, previous: prev?.version ?? null, sha256: v.sha256, proposalId: v.proposalId, changes: diffOverrides(prev?.values ?? {}, values) },
      });
      // files last: a failed write throws and rolls the version row and its audit row back
      writeAtomic(join(versionsDir, `v${String(v.version).padStart(4, '0')}.toml`), content);
      writeAtomic(file, content);
      return v;
    });
  }

  function get(version: number): OverridesVersion {
    const v = repo.getVersion(version);
    if (!v) throw new PeakError('NOT_FOUND', `overrides version ${version} does not exist (see \`peak overrides history\`)`);
    return v;
  }

  /** version 0 (empty) exists once the loop is first used */
  function ensureInit(actor = 'system'): OverridesVersion {
    return repo.lastVersion() ?? write({}, { actor, action: 'init', reason: 'initial empty overrides' });
  }

  return {
    file,
    dir,
    ensureInit,
    current: (): OverridesVersion => ensureInit(),
    history: (): OverridesVersion[] => (ensureInit(), repo.versions()),
    get,
    /** a new version with these values (the caller has already checked them against the policy) */
    write: (values: Overrides, meta: { actor: string; action: 'apply' | 'auto-apply'; reason: string; proposalId?: string | null }) => (ensureInit(), write(values, meta)),
    /** a new version whose bytes equal an earlier version's */
    rollback(version: number, actor: string, reason: string): OverridesVersion {
      ensureInit();
      const target = get(version);
      return write(target.values, { actor, action: 'rollback', reason: `rollback to v${version}: ${reason}`, content: target.content });
    },
    diff(from: number, to: number): OverrideChange[] {
      return diffOverrides(get(from).values, get(to).values);
    },
    /**
     * What the config loader reads: the file on disk. Missing file → no overrides; unreadable or invalid → no
     * overrides plus a warning (seed 004 §6.3 graceful degradation).
     */
    readFile(): { values: Overrides; warning: string | null; bytes: string | null } {
      if (!existsSync(file)) return { values: {}, warning: null, bytes: null };
      let bytes: string;
      try {
        bytes = readFileSync(file, 'utf8');
        return { values: overridesFromToml(parseToml(bytes)), warning: null, bytes };
      } catch (e) {
        return { values: {}, warning: `${OVERRIDES_DIR}/${OVERRIDES_FILE} ignored: ${(e as Error).message.split('\n')[0]}`, bytes: null };
      }
    },
  };
}
export type OverridesStore = ReturnType<typeof createOverridesStore>;
