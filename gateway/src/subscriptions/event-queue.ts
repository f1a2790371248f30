// One subscription's events on their way to one client: pushed as they arrive from the subgraph (each perhaps
// still being resolved), taken in order by the transport as fast as the client reads them. An event is
// "pending" until the transport takes it, so a client that falls behind shows as a growing queue: past
// `maxPending` the queue reports an overflow once, and the transport disconnects that client.

export interface EventQueueOptions {
  maxPending: number;
  /** Called once, when more than `maxPending` events wait. */
  onOverflow(): void;
  /** Called once, when the consumer is done: it took the last event after end(), or it returned early. */
  onDone(): void;
  /** Before each event is handed over: resolves when the client can take one more (its transport has drained). */
  ready?(): Promise<void> | undefined;
}

export interface EventQueue<T> extends AsyncIterableIterator<T, undefined, undefined> {
  /** Queues an event (or one still being resolved: events keep their order either way). */
  push(event: T | Promise<T>): void;
  /** No more events: the consumer takes what is queued, then is done. */
  end(): void;
  /** The consumer stops early: queued events are dropped. */
  return(): Promise<IteratorReturnResult<undefined>>;
  /** Events pushed and not yet taken. */
  readonly pending: number;
}

export function createEventQueue<T>(options: EventQueueOptions): EventQueue<T> {
  const events: (T | Promise<T>)[] = [];
  let ended = false;
  let done = false;
  let overflowed = false;
  let wake: (() => void) | undefined;
  const wakeConsumer = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const finish = () => {
    if (done) return;
    done = true;
    ended = true;
    events.length = 0;
    wakeConsumer();
    options.onDone();
  };
  const finished: IteratorReturnResult<undefined> = { done: true, value: undefined };

  return {
    push(event) {
      if (ended) return;
      events.push(event);
      if (events.length > options.maxPending && !overflowed) {
        overflowed = true;
        options.onOverflow();
      }
      wakeConsumer();
    },
    end() {
      ended = true;
      wakeConsumer();
    },
    get pending() {
      return events.length;
    },
    async next() {
      while (!done) {
        if (events.length) {
          await options.ready?.();
          if (done) break;
          return { done: false, value: await events.shift()! };
        }
        if (ended) {
          finish();
          break;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return finished;
    },
    async return() {
      finish();
      return finished;
    },
    async throw() {
      finish();
      return finished;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
