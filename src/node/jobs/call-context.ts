/**
 * Who is calling: the connection a command came through (a twin page, an Electron webContents, 'cli', 'test').
 * invoke() runs every handler inside `withCall`, so the job registry knows a job's owner without every handler
 * threading it through (handlers also get it as their second parameter).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LOCAL_CONNECTION } from '../../core/api/wire';

export interface CallContext {
  /** the transport connection that made the call */
  connectionId: string;
}

export const localCall: CallContext = Object.freeze({ connectionId: LOCAL_CONNECTION });

const storage = new AsyncLocalStorage<CallContext>();

export const withCall = <T>(call: CallContext, fn: () => T): T => storage.run(call, fn);

/** the current call's context (the local door when none: timers, start-up work) */
export const currentCall = (): CallContext => storage.getStore() ?? localCall;
