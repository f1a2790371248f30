// The bound on password hashes at once, as pure logic: a slot passes straight to the next waiter, and past
// the queue a request is refused at once with RATE_LIMITED.
import { RateLimited } from '@supergraph/errors';
import { createHashSlots } from '../src/hash-slots';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

it('runs at most `concurrency` tasks, queues `maxWaiting` more, refuses the rest, and frees slots as tasks end', async () => {
  const slots = createHashSlots({ concurrency: 2, maxWaiting: 1 });
  const gates = [deferred(), deferred(), deferred()];
  const started: number[] = [];
  const runs = gates.map((gate, n) =>
    slots.run(async () => {
      started.push(n);
      await gate.promise;
      return n;
    }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([0, 1]); // the third waits

  const refused = slots.run(async () => 'never');
  await expect(refused).rejects.toBeInstanceOf(RateLimited);
  await expect(refused).rejects.toMatchObject({ retryAfter: 1 });

  gates[0]!.resolve();
  await expect(runs[0]).resolves.toBe(0);
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([0, 1, 2]);

  gates[1]!.resolve();
  gates[2]!.resolve();
  await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
  // All slots are free again.
  await expect(Promise.all([slots.run(async () => 'a'), slots.run(async () => 'b')])).resolves.toEqual(['a', 'b']);
});

it('frees the slot of a task that throws', async () => {
  const slots = createHashSlots({ concurrency: 1, maxWaiting: 0 });
  await expect(slots.run(async () => Promise.reject(new Error('argon2 failed')))).rejects.toThrow('argon2 failed');
  await expect(slots.run(async () => 'next')).resolves.toBe('next');
});
