// The launcher's own lines: one per start-up step with its duration, ✖ and the reason when a step fails, one
// per part stopped; plain text unless it writes to a terminal.
import { createProgress, formatStepLine, formatStoppedLine } from '../src/progress';

it('prints a step as mark, name, duration and what it did, in columns', () => {
  expect(
    formatStepLine({
      ok: true,
      label: 'Postgres',
      durationMs: 1234,
      detail: '127.0.0.1:54329, data in .data/postgres',
    }),
  ).toBe('✔ Postgres      1.2 s   127.0.0.1:54329, data in .data/postgres');
  expect(
    formatStepLine({ ok: true, label: 'users', durationMs: 10_250, detail: 'http://localhost:4001/graphql' }),
  ).toBe('✔ users        10.3 s   http://localhost:4001/graphql');
});

it('prints a failed step with ✖ and the reason', () => {
  expect(formatStepLine({ ok: false, label: 'zoo', durationMs: 40, detail: 'exited before it was ready' })).toBe(
    '✖ zoo           0.0 s   exited before it was ready',
  );
});

it('prints one line per stopped part, and says when one did not stop cleanly', () => {
  expect(formatStoppedLine('gateway', undefined)).toBe('✔ stopped gateway');
  expect(formatStoppedLine('users', 'exit code 1')).toBe('✖ users did not stop cleanly: exit code 1');
});

it('colours the marks only on a terminal', () => {
  const line = { ok: true, label: 'gateway', durationMs: 900, detail: 'http://localhost:4000/graphql' };
  expect(formatStepLine(line, false)).not.toContain('\u001b[');
  expect(formatStepLine(line, true)).toContain('\u001b[');
});

it('times each step from its start to its line', () => {
  const lines: string[] = [];
  const progress = createProgress((line) => lines.push(line), false);
  const databases = progress.step('databases');
  databases.done('users, zoo (already there)');
  progress.step('gateway').fail('not ready at http://localhost:4000/ready within 60s');
  progress.stopped('Postgres');

  expect(lines).toEqual([
    expect.stringMatching(/^✔ databases +\d+\.\d s {3}users, zoo \(already there\)$/),
    expect.stringMatching(/^✖ gateway +\d+\.\d s {3}not ready at http:\/\/localhost:4000\/ready within 60s$/),
    '✔ stopped Postgres',
  ]);
});
