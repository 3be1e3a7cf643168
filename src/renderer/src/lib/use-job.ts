import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { api } from '../api/client';
import { commandReducer, idleCommand, type CommandState } from './command-state';
import { isOwnJobEvent, newJobId, progressText } from './job-events';

export interface UseJob<T> extends CommandState<T> {
  /** the id of the running job (chosen here, passed to the command), null when idle */
  jobId: string | null;
  /** progress line of THIS job only ('' until its first event) */
  progress: string;
  /** Starts a long command with a fresh job id; `call` must pass that id as the command's `jobId`. */
  start(call: (jobId: string) => Promise<T>): Promise<T | null>;
  /** Shows an error without starting anything (a form's own validation). */
  fail(error: unknown): void;
  /** Cancels this job (by its id); the command then fails with CANCELLED, which lands in `error`. */
  cancel: (() => void) | undefined;
}

/**
 * The one hook for long commands (research runs, downloads, backtests): client-chosen job id, progress filtered by
 * that id, cancel by id. Another tab's (or the CLI's) job never moves this progress line or gets cancelled here.
 */
export function useJob<T>(): UseJob<T> {
  const [state, dispatch] = useReducer(commandReducer<T>, undefined, idleCommand<T>);
  const [progress, setProgress] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const idRef = useRef<string | null>(null);
  const seqRef = useRef(0);

  useEffect(
    () =>
      api.on('jobs:did-progress', (p) => {
        if (isOwnJobEvent(p, idRef.current)) setProgress(progressText(p));
      }),
    [],
  );

  const start = useCallback(async (call: (jobId: string) => Promise<T>): Promise<T | null> => {
    const id = newJobId();
    const seq = ++seqRef.current;
    idRef.current = id;
    setJobId(id);
    setProgress('');
    dispatch({ type: 'start' });
    try {
      const result = await call(id);
      dispatch({ type: 'done', seq, result });
      return result;
    } catch (error) {
      dispatch({ type: 'fail', seq, error });
      return null;
    } finally {
      if (idRef.current === id) {
        idRef.current = null;
        setJobId(null);
        setProgress('');
      }
    }
  }, []);

  const fail = useCallback((error: unknown) => {
    const seq = ++seqRef.current;
    dispatch({ type: 'start' });
    dispatch({ type: 'fail', seq, error });
  }, []);

  const cancel = jobId ? () => void api.call('jobs:cancel', { jobId }).catch(() => undefined) : undefined;
  return { ...state, jobId, progress, start, fail, cancel };
}
