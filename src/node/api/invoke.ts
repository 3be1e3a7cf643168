/**
 * Calls a handler with RAW input: parses it with the command's zod schema, runs the handler, and returns an
 * ApiResult. PeakError → its code and message; a zod failure → BAD_INPUT naming the field; anything else →
 * INTERNAL with the message kept. Never throws.
 */
import { z } from 'zod';
import { commands, isCommandName, type ApiResult, type CommandName, type CommandOutput } from '../../core/api/contract';
import { isPeakError, PeakError } from '../../core/errors';
import { checkInputLimits } from '../../core/api/input-limits';
import { localCall, withCall, type CallContext } from '../jobs/call-context';
import type { Handlers } from './handlers';

/** `field.sub: message` for the first issue (one line, names the field). */
export function formatZodError(e: z.ZodError, prefix = ''): string {
  const first = e.issues[0];
  if (!first) return `${prefix}invalid input`;
  const path = first.path.length ? first.path.map(String).join('.') : '(input)';
  const more = e.issues.length > 1 ? ` (+${e.issues.length - 1} more)` : '';
  return `${prefix}${path}: ${first.message}${more}`;
}

export function toApiError(e: unknown): { code: PeakError['code']; message: string } {
  // (every code is one of PeakErrorCodeSchema's: the envelope's code is a z.enum)
  if (isPeakError(e)) return { code: e.code, message: e.message };
  if (e instanceof z.ZodError) return { code: 'BAD_INPUT', message: formatZodError(e) };
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message || e.name };
  return { code: 'INTERNAL', message: String(e) };
}

export function parseInput<K extends CommandName>(name: K, raw: unknown): z.output<(typeof commands)[K]['input']> {
  checkInputLimits(name, raw);
  const r = (commands[name].input as z.ZodType).safeParse(raw === undefined ? undefined : raw);
  if (!r.success) throw new PeakError('BAD_INPUT', formatZodError(r.error, `${name}: `));
  return r.data as z.output<(typeof commands)[K]['input']>;
}

export async function invoke<K extends CommandName>(handlers: Handlers, name: K, rawInput: unknown, call?: CallContext): Promise<ApiResult<CommandOutput<K>>>;
export async function invoke(handlers: Handlers, name: string, rawInput: unknown, call?: CallContext): Promise<ApiResult<unknown>>;
export async function invoke(handlers: Handlers, name: string, rawInput: unknown, call: CallContext = localCall): Promise<ApiResult<unknown>> {
  try {
    if (!isCommandName(name)) throw new PeakError('NOT_FOUND', `unknown command "${name}"`);
    const input = parseInput(name, rawInput);
    const handler = handlers[name] as (i: unknown, c: CallContext) => unknown;
    // The call context also travels implicitly (AsyncLocalStorage): jobs started inside know their owner.
    const value = await withCall(call, () => handler(input, call));
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
