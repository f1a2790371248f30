// The async iterators a subscription is made of, written by hand rather than as `async function*`: graphql-js
// and graphql-ws end a subscription by calling `return()` on its iterator, and an async generator waiting for
// its next event queues that call until an event arrives — a client that leaves a quiet topic would hold its
// subscription (and its socket's cleanup) open indefinitely. Here `return()` ends a stream at once.

/** What a mapping step returns to drop an event (e.g. one its subscriber may not see). */
export const SKIP: unique symbol = Symbol('skip');
/** What a mapping step returns to end the stream quietly (e.g. the watched thing is gone). */
export const END: unique symbol = Symbol('end');

const done = <T>(): IteratorResult<T> => ({ done: true, value: undefined });

/** A stream that its producer feeds with push(), and ends with end() or fail(). */
export interface EventQueue<T> extends AsyncIterableIterator<T> {
  /** Queues an event; false once the stream has ended. */
  push(value: T): boolean;
  /** How many events wait to be read. */
  readonly backlog: number;
  /** Ends the stream after the events already queued. */
  end(): void;
  /** Ends the stream with `error`, after the events already queued. */
  fail(error: Error): void;
}

/** An event queue; `onEnd` runs once when the stream ends, whichever side ends it. */
export function createEventQueue<T>(onEnd: () => void = () => undefined): EventQueue<T> {
  const queued: T[] = [];
  let waiting: { resolve(result: IteratorResult<T>): void; reject(error: Error): void } | undefined;
  let ended = false;
  let failure: Error | undefined;

  const finish = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  const settleWaiting = () => {
    if (!waiting || queued.length) return;
    const { resolve, reject } = waiting;
    waiting = undefined;
    if (failure) {
      reject(failure);
      failure = undefined;
    } else resolve(done());
  };

  const queue: EventQueue<T> = {
    push(value) {
      if (ended) return false;
      if (waiting) {
        const { resolve } = waiting;
        waiting = undefined;
        resolve({ done: false, value });
      } else queued.push(value);
      return true;
    },
    get backlog() {
      return queued.length;
    },
    end() {
      finish();
      settleWaiting();
    },
    fail(error) {
      if (ended) return;
      failure = error;
      finish();
      settleWaiting();
    },
    next() {
      if (queued.length) return Promise.resolve({ done: false, value: queued.shift()! });
      if (failure) {
        const error = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (ended) return Promise.resolve(done());
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return() {
      queued.length = 0;
      failure = undefined;
      finish();
      settleWaiting();
      return Promise.resolve(done());
    },
    [Symbol.asyncIterator]() {
      return queue;
    },
  };
  return queue;
}

/**
 * `source`'s events through `step`, one at a time: `step` may drop an event (SKIP), end the stream (END) or
 * fail it (throw). Ending this stream ends `source`; `onEnd` runs once when the stream ends, however it ends.
 */
export function mapEvents<In, Out>(
  source: AsyncIterator<In>,
  step: (event: In) => Promise<Out | typeof SKIP | typeof END> | Out | typeof SKIP | typeof END,
  onEnd: () => void = () => undefined,
): AsyncIterableIterator<Out> {
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    onEnd();
    await source.return?.();
  };
  const mapped: AsyncIterableIterator<Out> = {
    async next() {
      while (!closed) {
        let out: Out | typeof SKIP | typeof END;
        try {
          const event = await source.next();
          if (event.done || closed) break;
          out = await step(event.value);
        } catch (error) {
          await close();
          throw error;
        }
        if (out === SKIP) continue;
        if (out === END) break;
        // A return() that came while the step ran wins: nothing more is delivered after it.
        if (closed) break;
        return { done: false, value: out };
      }
      await close();
      return done();
    },
    async return() {
      await close();
      return done();
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
