import { createEventQueue } from '../src/subscriptions/event-queue';

const take = async <T>(queue: AsyncIterator<T>, count: number) => {
  const values: T[] = [];
  for (let i = 0; i < count; i++) values.push((await queue.next()).value as T);
  return values;
};

describe('a subscription’s event queue', () => {
  it('hands events over in the order they arrived, even when an earlier one resolves later', async () => {
    const queue = createEventQueue<string>({ maxPending: 10, onOverflow: jest.fn(), onDone: jest.fn() });
    let resolveFirst!: (value: string) => void;
    queue.push(new Promise((resolve) => (resolveFirst = resolve)));
    queue.push('second');
    const taken = take(queue, 2);
    resolveFirst('first');
    expect(await taken).toEqual(['first', 'second']);
  });

  it('reports an overflow once, when more than maxPending events wait', () => {
    const onOverflow = jest.fn();
    const queue = createEventQueue<number>({ maxPending: 2, onOverflow, onDone: jest.fn() });
    [1, 2].forEach((n) => queue.push(n));
    expect(onOverflow).not.toHaveBeenCalled();
    [3, 4].forEach((n) => queue.push(n));
    expect(onOverflow).toHaveBeenCalledTimes(1);
  });

  it('delivers what is queued after end(), then is done, and says so once', async () => {
    const onDone = jest.fn();
    const queue = createEventQueue<number>({ maxPending: 10, onOverflow: jest.fn(), onDone });
    queue.push(1);
    queue.end();
    queue.push(2); // after the end: dropped
    expect(await queue.next()).toEqual({ done: false, value: 1 });
    expect(onDone).not.toHaveBeenCalled();
    expect(await queue.next()).toEqual({ done: true, value: undefined });
    expect(await queue.next()).toEqual({ done: true, value: undefined });
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('ends a consumer waiting for the next event at once when it returns early', async () => {
    const onDone = jest.fn();
    const queue = createEventQueue<number>({ maxPending: 10, onOverflow: jest.fn(), onDone });
    const waiting = queue.next();
    await queue.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('waits until the client can take more before handing over the next event', async () => {
    let drained!: () => void;
    let congested = true;
    const queue = createEventQueue<number>({
      maxPending: 10,
      onOverflow: jest.fn(),
      onDone: jest.fn(),
      ready: () => (congested ? new Promise<void>((resolve) => (drained = resolve)) : undefined),
    });
    queue.push(1);
    let taken: IteratorResult<number> | undefined;
    void queue.next().then((result) => (taken = result));
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBeUndefined();
    expect(queue.pending).toBe(1);
    congested = false;
    drained();
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toEqual({ done: false, value: 1 });
  });
});
