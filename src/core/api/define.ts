/**
 * Building blocks of the contract. A domain module (./commands/<domain>.ts) declares its commands and push
 * events with `defineDomain`; contract.ts assembles the domains. Command names are `noun:verb`, event names
 * `noun:did-something`.
 */
import type { z } from 'zod';

export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** one line for docs, --help and the UI */
  doc: string;
}

export type CommandSpecs = Record<string, CommandSpec>;
export type EventSpecs = Record<string, z.ZodType>;

export interface Domain<C extends CommandSpecs = CommandSpecs, E extends EventSpecs = EventSpecs> {
  commands: C;
  events: E;
}

/** Identity with inference: keeps the literal keys and the exact zod types of every command. */
export function defineDomain<const C extends CommandSpecs, const E extends EventSpecs = Record<never, never>>(
  d: { commands: C; events?: E },
): Domain<C, E> {
  return { commands: d.commands, events: (d.events ?? {}) as E };
}
