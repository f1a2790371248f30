// At most `concurrency` password hashes run at once in the process (Argon2id runs on libuv's thread pool,
// which dns.lookup and the file system share), and at most `maxWaiting` wait for a turn; past that a request
// is refused with RATE_LIMITED at once instead of queueing without bound.
import { RateLimited } from '@supergraph/errors';

export interface HashSlots {
  /** Runs `task` in a slot, waiting for one if needed; throws RATE_LIMITED when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createHashSlots({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): HashSlots {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(task) {
      if (running < concurrency) running++;
      else if (waiting.length < maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw new RateLimited(1, 'Too many password checks in progress; try again in a moment');
      try {
        return await task();
      } finally {
        // The slot passes straight to the next waiter, so `running` never drops below what is in flight.
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
