/**
 * Pool self-test task: echo, sleep, handler error, worker crash (once or always), and a read of a shared data
 * set. Used by the pool tests and the pool bench; cheap enough to ship.
 */
import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import { SharedBarsSchema, cachedDatasetKeys, datasetFor } from '../shared-data';
import { defineTask } from './task';

const Input = z.discriminatedUnion('action', [
  z.object({ action: z.literal('echo'), value: z.unknown() }),
  /** blocks the worker thread for `ms` milliseconds (Atomics.wait: no CPU) */
  z.object({ action: z.literal('sleep'), ms: z.number().nonnegative() }),
  /** burns CPU for `ms` milliseconds (for scaling measurements) */
  z.object({ action: z.literal('spin'), ms: z.number().nonnegative() }),
  z.object({ action: z.literal('throw'), message: z.string() }),
  /** kills the worker thread outside any handler (process.exit in a worker ends the thread) */
  z.object({ action: z.literal('exit'), code: z.number().int() }),
  /** crashes only on the first attempt: `counter` is an Int32Array over a SharedArrayBuffer counting attempts */
  z.object({ action: z.literal('exit-once'), counter: z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array') }),
  z.object({ action: z.literal('sum-close'), data: SharedBarsSchema }),
]);

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export const diagTask = defineTask({
  input: Input,
  describe: (i) => `action=${i.action}`,
  run(i) {
    switch (i.action) {
      case 'echo':
        return { value: i.value, threadId };
      case 'sleep':
        Atomics.wait(sleeper, 0, 0, i.ms);
        return { threadId };
      case 'spin': {
        const end = performance.now() + i.ms;
        let x = 0;
        while (performance.now() < end) for (let k = 0; k < 1000; k++) x += Math.sqrt(k);
        return { threadId, x };
      }
      case 'throw':
        throw new Error(i.message);
      case 'exit':
        process.exit(i.code);
        return { threadId };
      case 'exit-once': {
        if (Atomics.add(i.counter, 0, 1) === 0) process.exit(3);
        return { threadId, attempts: Atomics.load(i.counter, 0) };
      }
      case 'sum-close': {
        const before = cachedDatasetKeys().includes(i.data.key);
        const { bars } = datasetFor(i.data);
        let s = 0;
        for (let k = 0; k < bars.close.length; k++) s += bars.close[k];
        // Writing through the shared view proves the memory is shared, not copied (tests check it).
        return { sum: s, cached: before, threadId, shared: bars.close.buffer instanceof SharedArrayBuffer };
      }
    }
  },
});
