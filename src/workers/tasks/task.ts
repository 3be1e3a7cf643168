import type { z } from 'zod';

/**
 * A task kind: a zod schema for its input (parsed in the worker: inputs cross a thread boundary) and a thin
 * `run` that calls core and returns plain, structured-clone-able data. `describe` names the task's parameters
 * in error messages (big arrays elided).
 */
export interface TaskModule<S extends z.ZodType = z.ZodType, O = unknown> {
  input: S;
  run(input: z.output<S>): O | Promise<O>;
  describe?(input: z.output<S>): string;
}

export const defineTask = <S extends z.ZodType, O>(t: TaskModule<S, O>): TaskModule<S, O> => t;

/** What the worker posts back: handler errors travel as data so the pool can tell them from a crashed worker. */
export type TaskReply<O = unknown> = { ok: true; value: O } | { ok: false; error: { code: string; message: string } };
