/**
 * The state machine behind `useCommand` and `useJob`, pure so it is unit-tested without React: a command is idle,
 * busy, failed or done. Starting clears the previous error AND the previous result, so a failed run never leaves
 * an old result beside its error.
 */
export interface CommandState<T> {
  busy: boolean;
  error: unknown;
  result: T | null;
  /** increments per start, so a late answer of an older start is ignored */
  seq: number;
}

export type CommandAction<T> =
  | { type: 'start' }
  | { type: 'done'; seq: number; result: T }
  | { type: 'fail'; seq: number; error: unknown }
  | { type: 'reset' };

export const idleCommand = <T>(): CommandState<T> => ({ busy: false, error: null, result: null, seq: 0 });

export function commandReducer<T>(s: CommandState<T>, a: CommandAction<T>): CommandState<T> {
  switch (a.type) {
    case 'start':
      return { busy: true, error: null, result: null, seq: s.seq + 1 };
    case 'done':
      return a.seq === s.seq ? { ...s, busy: false, result: a.result } : s;
    case 'fail':
      return a.seq === s.seq ? { ...s, busy: false, error: a.error, result: null } : s;
    case 'reset':
      return { ...idleCommand<T>(), seq: s.seq + 1 };
  }
}
