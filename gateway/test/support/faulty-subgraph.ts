// Starts test/fixtures/faulty-subgraph.js as a child process and hands back its URL and the process.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const FAULTY_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query {
    faultyEcho(text: String!, delayMs: Int = 0): String
    faultyThrow: String
  }
`;

export interface FaultySubgraph {
  url: string;
  process: ChildProcess;
  /** The faultyEcho texts it has started answering, in arrival order. */
  echoing: string[];
  stop(): Promise<void>;
}

export async function startFaultySubgraph(): Promise<FaultySubgraph> {
  const child = spawn(process.execPath, [path.join(__dirname, '../fixtures/faulty-subgraph.js')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const echoing: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`faulty subgraph exited early (${code})`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"url"')) resolve((JSON.parse(line) as { url: string }).url);
      if (line.startsWith('{"echoing"')) echoing.push((JSON.parse(line) as { echoing: string }).echoing);
    });
  });
  return {
    url,
    process: child,
    echoing,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }
      await exited;
    },
  };
}
