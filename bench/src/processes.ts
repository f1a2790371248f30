// Child processes of a benchmark run, and what the kernel says they cost: CPU seconds and peak RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isProfiled, profilerArgs } from './profile';

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  output: string[];
}

/** Starts `node <args>`; the process named by `--profile` also gets V8's CPU profiler (see profile.ts). */
export function start(name: string, args: string[], env: Record<string, string>, cwd: string): BenchProcess {
  const child = spawn(process.execPath, [...profilerArgs(name), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(name, child);
}

/** Keeps the last lines a child (spawned with piped stdout and stderr) wrote, to show if it fails. */
export function track(name: string, child: ChildProcess): BenchProcess {
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, child, output };
}

export async function stop(process_: BenchProcess): Promise<void> {
  const { child } = process_;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  // A profiled process writes its profile as it exits: give it time to.
  const timer = setTimeout(() => child.kill('SIGKILL'), isProfiled(process_.name) ? 60_000 : 10_000);
  await exited;
  clearTimeout(timer);
}

export async function waitFor(
  url: string,
  what: string,
  process_?: BenchProcess,
  timeoutMs = 60_000,
  init?: RequestInit,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process_ && process_.child.exitCode !== null) throw new Error(`${what} exited:\n${process_.output.join('')}`);
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${what} did not answer at ${url} within ${timeoutMs / 1000} s${process_ ? `:\n${process_.output.join('')}` : ''}`,
  );
}

/** SIGINT to a detached child's whole process group (as Ctrl-C would), then waits for the child to exit. */
export async function interruptGroup(child: ChildProcess): Promise<void> {
  const exited =
    child.exitCode === null && child.signalCode === null
      ? new Promise((resolve) => child.once('exit', resolve))
      : Promise.resolve();
  try {
    process.kill(-child.pid!, 'SIGINT');
  } catch (error) {
    // The group is gone already (e.g. npm start failed): whatever ended it is the error worth reporting.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  await exited;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The fields of /proc/<pid>/stat after the command name: [0] is the state, [1] the parent's pid. */
const statFields = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** This process's children running `command` (e.g. the embedded Postgres server, `postgres`). */
export function childrenNamed(command: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return stat.includes(`(${command}) `) && Number(statFields(Number(entry))[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * CPU seconds of a process and its children, live or exited: Postgres's postmaster and its backends (a
 * backend that exited is counted in the postmaster's children's time once reaped). One level deep.
 */
export function treeCpuSeconds(pid: number): number {
  const own = statFields(pid);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(Number(entry));
      if (Number(fields[1]) === pid)
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // exited meanwhile: its time is in the parent's children's time once reaped
    }
  }
  return ticks / TICKS_PER_SECOND;
}

const statusMiB = (pid: number, field: string) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(`${field}:`));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
};

/** The process's peak resident memory (VmHWM), in MiB. */
export const peakRssMiB = (pid: number): number => statusMiB(pid, 'VmHWM');

/** The process's resident memory now (VmRSS), in MiB. */
export const rssMiB = (pid: number): number => statusMiB(pid, 'VmRSS');
