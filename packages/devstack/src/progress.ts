// The launcher's own lines: one per start-up step with how long it took (`✔ Postgres      1.2 s   …`), a ✖ line
// with the reason when a step fails, and one line per part stopped. Plain text unless `colors` (a terminal).
import { styleText } from 'node:util';

export interface StepLine {
  ok: boolean;
  label: string;
  durationMs: number;
  detail: string;
}

const LABEL_WIDTH = 12;

function paint(colors: boolean, style: Parameters<typeof styleText>[0], text: string): string {
  return colors ? styleText(style, text, { validateStream: false }) : text;
}

/** `1.2 s`; under a tenth of a second still says `0.0 s` rather than nothing. */
export function formatDuration(durationMs: number): string {
  return `${(durationMs / 1000).toFixed(1)} s`;
}

export function formatStepLine(line: StepLine, colors = false): string {
  const mark = line.ok ? paint(colors, 'green', '✔') : paint(colors, 'red', '✖');
  const duration = paint(colors, 'dim', formatDuration(line.durationMs).padStart(7));
  return `${mark} ${line.label.padEnd(LABEL_WIDTH)}${duration}   ${line.detail}`;
}

/** `✔ stopped gateway`, or `✖ users did not stop cleanly: exit code 1`. */
export function formatStoppedLine(name: string, problem: string | undefined, colors = false): string {
  return problem
    ? `${paint(colors, 'red', '✖')} ${name} did not stop cleanly: ${problem}`
    : `${paint(colors, 'green', '✔')} stopped ${name}`;
}

export interface Step {
  done(detail: string): void;
  fail(reason: string): void;
}

export interface Progress {
  /** Starts timing a step; its line is printed when it is done or fails. */
  step(label: string): Step;
  stopped(name: string, problem?: string): void;
  /** A failure that is no step's: `✖ message`. */
  failed(message: string): void;
}

export function createProgress(write: (line: string) => void, colors: boolean): Progress {
  return {
    step(label) {
      const startedAt = performance.now();
      const finish = (ok: boolean, detail: string) =>
        write(formatStepLine({ ok, label, durationMs: performance.now() - startedAt, detail }, colors));
      return { done: (detail) => finish(true, detail), fail: (reason) => finish(false, reason) };
    },
    stopped(name, problem) {
      write(formatStoppedLine(name, problem, colors));
    },
    failed(message) {
      write(`${paint(colors, 'red', '✖')} ${message}`);
    },
  };
}
