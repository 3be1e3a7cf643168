import { useCallback, useReducer, useRef } from 'react';
import { commandReducer, idleCommand, type CommandState } from './command-state';

export interface UseCommand<T> extends CommandState<T> {
  /** Runs `fn`; busy until it settles; its value becomes `result`, its rejection `error`. Resolves null on failure. */
  run(fn: () => Promise<T>): Promise<T | null>;
  /** Shows an error without calling anything (a form's own validation). */
  fail(error: unknown): void;
  reset(): void;
}

/** Busy / error / result handling written once for every form that calls one command. */
export function useCommand<T>(): UseCommand<T> {
  const [state, dispatch] = useReducer(commandReducer<T>, undefined, idleCommand<T>);
  const seqRef = useRef(0);
  const run = useCallback(async (fn: () => Promise<T>): Promise<T | null> => {
    const seq = ++seqRef.current;
    dispatch({ type: 'start' });
    try {
      const result = await fn();
      dispatch({ type: 'done', seq, result });
      return result;
    } catch (error) {
      dispatch({ type: 'fail', seq, error });
      return null;
    }
  }, []);
  const fail = useCallback((error: unknown) => {
    const seq = ++seqRef.current;
    dispatch({ type: 'start' });
    dispatch({ type: 'fail', seq, error });
  }, []);
  const reset = useCallback(() => {
    ++seqRef.current;
    dispatch({ type: 'reset' });
  }, []);
  return { ...state, run, fail, reset };
}
