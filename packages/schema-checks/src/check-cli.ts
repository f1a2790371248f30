#!/usr/bin/env node
// `npm run check [-- --subgraph <name> --schema <file>]`: the CI gate (see check.ts). With --subgraph and
// --schema it checks a proposed schema for one subgraph, offline, like `rover subgraph check`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runChecks } from './check';
import { MANIFEST_FILE, OPERATIONS_DIR, REPO_ROOT, SCHEMA_DOC_FILE, SUPERGRAPH_CONFIG, SUPERGRAPH_FILE } from './paths';

/** The supergraph as last committed, when this is a git checkout that has one. */
function committedSupergraph(): string | undefined {
  try {
    return execFileSync('git', ['show', 'HEAD:supergraph.graphql'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { subgraph: { type: 'string' }, schema: { type: 'string' } } });
  if (Boolean(values.subgraph) !== Boolean(values.schema)) {
    console.error('Usage: npm run check [-- --subgraph <name> --schema <path to proposed schema.graphql>]');
    return 2;
  }
  const proposed = values.subgraph
    ? { subgraph: values.subgraph, sdl: readFileSync(values.schema!, 'utf8') }
    : undefined;
  const report = await runChecks({
    configFile: SUPERGRAPH_CONFIG,
    supergraphFile: SUPERGRAPH_FILE,
    baselineSdl: committedSupergraph(),
    operationsDir: OPERATIONS_DIR,
    manifestFile: MANIFEST_FILE,
    schemaDocFile: SCHEMA_DOC_FILE,
    proposed,
  });
  for (const line of report.lines) console.log(line);
  console.log(report.ok ? '\nSupergraph checks passed.' : '\nSupergraph checks FAILED.');
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
