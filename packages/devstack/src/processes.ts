// Child processes of the dev stack: started with their own environment, each output line shown through the
// launcher's log formatter, stopped with SIGTERM (then SIGKILL if they hang), and reported if they die on their own.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { LogLineFormatter } from './log-format';

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Settles once the process has exited and all of its output has been shown. */
  exited: Promise<Exit>;
}

export function startProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  cwd: string,
  formatLine: LogLineFormatter,
): ManagedProcess {
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on('line', (line) => console.log(formatLine(line, name)));
  }
  // 'close', not 'exit': it comes after the process's last output lines, so a "stopped" line follows them.
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { name, child, exited };
}

/** A clean end: exit code 0, or killed by the signal a stop sends (a process stopped before its handlers were set). */
export function describeUncleanExit({ code, signal }: Exit): string | undefined {
  if (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') return undefined;
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/** Stops the process (SIGTERM, then SIGKILL after `graceMs`); resolves with how it ended. */
export async function stopProcess(managed: ManagedProcess, graceMs = 10_000): Promise<Exit> {
  if (managed.child.exitCode === null && managed.child.signalCode === null) {
    managed.child.kill('SIGTERM');
    const timer = setTimeout(() => managed.child.kill('SIGKILL'), graceMs);
    const exit = await managed.exited;
    clearTimeout(timer);
    return exit;
  }
  return managed.exited;
}

/** Polls `url` until it answers 200, the process exits, or the deadline passes (the errors say which). */
export async function waitUntilReady(managed: ManagedProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | undefined;
  void managed.exited.then((how) => (exit = how));
  while (Date.now() < deadline) {
    if (exit)
      throw new Error(
        `exited before it was ready (${describeUncleanExit(exit) ?? 'exit code 0'}; its output is above)`,
      );
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not ready at ${url} within ${timeoutMs / 1000} s`);
}
