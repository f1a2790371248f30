// Waiting for something that happens after a response, such as an event reaching its subscribers: polls
// `probe` until `done` accepts its value. No duration is asserted; the limit only keeps a broken test from
// hanging, and the failure says what was last seen.
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { limitMs = 20_000, everyMs = 100 }: { limitMs?: number; everyMs?: number } = {},
): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Still not there after ${limitMs} ms; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
