/**
 * The service registry: long-lived services (LongLivedService) registered by type, started in registration order
 * and stopped in reverse order (a service may rely on the ones registered before it). Health of every service is
 * reported by app:info. createServices owns one registry; the app, the twin and the CLI call startAll() once and
 * stopAll() on quit/SIGTERM (services.close()).
 */
import type { ServiceInfo } from '../../core/api/commands/app';
import type { LongLivedService, ServiceStatus } from './service';

// The contract's status list and the lifecycle's are the same (compile-time check).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatch: Same<ServiceStatus, ServiceInfo['status']> = true;
void statusesMatch;

export interface ServiceRegistry {
  /** adds a service (before or after startAll: a late one starts at once); returns it, typed */
  register<S extends LongLivedService>(service: S): S;
  startAll(): Promise<void>;
  /** stops in reverse order; errors are logged, never thrown, so one bad service cannot block shutdown */
  stopAll(): Promise<void>;
  health(): ServiceInfo[];
  readonly started: boolean;
}

export function createServiceRegistry(log: (msg: string, fields: Record<string, unknown>) => void): ServiceRegistry {
  const services: LongLivedService[] = [];
  const failed = new Map<string, string>();
  let started = false;
  let stopped = false;

  async function startOne(s: LongLivedService): Promise<void> {
    try {
      await s.start();
    } catch (e) {
      failed.set(s.name, e instanceof Error ? e.message : String(e));
      log('service failed to start', { service: s.name, error: String(e) });
    }
  }

  return {
    register(service) {
      if (services.some((s) => s.name === service.name)) throw new Error(`service "${service.name}" registered twice`);
      services.push(service);
      if (started && !stopped) void startOne(service);
      return service;
    },
    async startAll() {
      if (started) return;
      started = true;
      for (const s of services) await startOne(s);
    },
    async stopAll() {
      if (stopped) return;
      stopped = true;
      for (const s of [...services].reverse()) {
        try {
          await s.stop();
        } catch (e) {
          log('service failed to stop', { service: s.name, error: String(e) });
        }
      }
    },
    health: () => services.map((s) => {
      const err = failed.get(s.name);
      if (err !== undefined) return { name: s.name, status: 'down', detail: `failed to start: ${err}` };
      try {
        const h = s.health();
        return { name: s.name, status: h.status, ...(h.detail !== undefined && { detail: h.detail }) };
      } catch (e) {
        return { name: s.name, status: 'down', detail: String(e) };
      }
    }),
    get started() {
      return started;
    },
  };
}
