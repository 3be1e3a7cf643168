/**
 * The ONE piscina worker entry. Messages are `{ kind, input }`; the kind picks a thin task module
 * (src/workers/tasks), whose zod schema parses the input. Handler failures come back as data
 * (`{ ok: false, error }`) naming the kind and the task's parameters; anything that kills the thread is
 * seen by the pool as a crash (reported, retried once).
 */
import { z } from 'zod';
import { isPeakError } from '../core/errors';
import { tasks } from './tasks/index';
import type { TaskModule, TaskReply } from './tasks/task';

const Envelope = z.object({ kind: z.string(), input: z.unknown() });

const registry: Record<string, TaskModule> = tasks;

export default async function handle(message: unknown): Promise<TaskReply> {
  const env = Envelope.safeParse(message);
  if (!env.success) return { ok: false, error: { code: 'INTERNAL', message: 'worker: malformed task envelope' } };
  const { kind, input } = env.data;
  const task = Object.hasOwn(registry, kind) ? registry[kind] : undefined;
  if (task === undefined) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `worker: unknown task kind "${kind}" (known: ${Object.keys(registry).join(', ')})` } };
  }
  const parsed = task.input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    return { ok: false, error: { code: 'BAD_INPUT', message: `task ${kind}: invalid input at ${where}: ${issue?.message ?? 'invalid'}` } };
  }
  try {
    const value = await task.run(parsed.data);
    return { ok: true, value };
  } catch (e) {
    let what = '';
    try {
      what = task.describe?.(parsed.data) ?? '';
    } catch {
      what = '';
    }
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { code: isPeakError(e) ? e.code : 'INTERNAL', message: `task ${kind}${what ? ` (${what})` : ''} failed: ${msg}` },
    };
  }
}
