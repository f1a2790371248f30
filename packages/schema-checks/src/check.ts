// The CI gate for the supergraph: (1) each subgraph serves exactly its schema.graphql, (2) the subgraphs
// compose, (3) the committed supergraph.graphql is what they compose to, and (4) no change breaks an
// operation that clients send. Breaking changes that no stored operation uses are reported, not fatal. The
// generated files (persisted query manifest, schema reference) must be what `npm run compose` writes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraph } from '@apollo/federation-internals';
import { apiSchemaOf, brokenOperations, loadOperations, schemaChanges } from './api-schema';
import { composeFromConfig, loadSubgraphs } from './compose';
import { buildManifest, manifestText } from './manifest';
import { schemaDocument } from './schema-doc';
import { servedSdl } from './served-sdl';

export interface CheckOptions {
  configFile: string;
  /** The committed supergraph.graphql. */
  supergraphFile: string;
  /** The supergraph to compare against (default: the content of supergraphFile). */
  baselineSdl?: string;
  operationsDir: string;
  /** The committed persisted query manifest, checked against the operations (skipped when absent). */
  manifestFile?: string;
  /** The committed schema reference (docs/schema.md), checked against the supergraph (skipped when absent). */
  schemaDocFile?: string;
  /** A proposed schema for one subgraph, as `rover subgraph check` takes; skips the up-to-date check. */
  proposed?: { subgraph: string; sdl: string };
  /** Start each subgraph and compare what it serves with its file (default true). */
  checkServedSdl?: boolean;
  preferRover?: boolean;
}

export interface CheckReport {
  ok: boolean;
  lines: string[];
}

/**
 * A subgraph schema as federation sees it: the served SDL spells out every federation definition that
 * the file only imports with @link, so both are built as subgraphs before they are compared.
 */
const normalize = (name: string, sdl: string) => buildSubgraph(name, 'http://schema-check', sdl).toString();

const readIfPresent = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const firstDifferentLine = (left: string, right: string) => {
  const [a, b] = [left.split('\n'), right.split('\n')];
  const index = a.findIndex((line, at) => line !== b[at]);
  return (index === -1 ? a.length : index) + 1;
};

function firstDifference(expected: string, actual: string): string {
  const left = expected.split('\n');
  const right = actual.split('\n');
  const index = left.findIndex((line, at) => line !== right[at]);
  const at = index === -1 ? left.length : index;
  return `line ${at + 1}: file has ${JSON.stringify(left[at] ?? '(end)')}, server has ${JSON.stringify(right[at] ?? '(end)')}`;
}

export async function runChecks(options: CheckOptions): Promise<CheckReport> {
  const lines: string[] = [];
  let ok = true;
  const fail = (line: string) => {
    ok = false;
    lines.push(`✖ ${line}`);
  };
  const pass = (line: string) => lines.push(`✔ ${line}`);

  const subgraphs = loadSubgraphs(
    options.configFile,
    options.proposed && { name: options.proposed.subgraph, sdl: options.proposed.sdl },
  );

  if (options.checkServedSdl !== false) {
    for (const subgraph of subgraphs) {
      if (subgraph.name === options.proposed?.subgraph) continue;
      const file = normalize(subgraph.name, readFileSync(subgraph.schemaFile, 'utf8'));
      const served = normalize(subgraph.name, await servedSdl(subgraph));
      if (file === served) pass(`${subgraph.name}: schema.graphql is what its server serves`);
      else
        fail(
          `${subgraph.name}: its server serves a different SDL than ${subgraph.schemaFile} (${firstDifference(file, served)})`,
        );
    }
  }

  const composed = composeFromConfig(
    options.configFile,
    options.proposed && { name: options.proposed.subgraph, sdl: options.proposed.sdl },
    options.preferRover,
  );
  if (!composed.ok) {
    fail(`composition failed (${composed.tool}):`);
    lines.push(...composed.errors.map((error) => `    ${error}`));
    return { ok: false, lines };
  }
  pass(
    `the ${subgraphs.length} subgraphs compose (${composed.tool})${options.proposed ? ` with the proposed ${options.proposed.subgraph} schema` : ''}`,
  );

  const committed = readFileSync(options.supergraphFile, 'utf8');
  if (!options.proposed) {
    if (committed === composed.supergraphSdl) pass('supergraph.graphql is up to date');
    else fail('supergraph.graphql is out of date: run `npm run compose` and commit the result');
  }

  const after = apiSchemaOf(composed.supergraphSdl);
  const { breaking, dangerous } = schemaChanges(apiSchemaOf(options.baselineSdl ?? committed), after);
  if (breaking.length) {
    lines.push(`! ${breaking.length} breaking change(s) against the committed supergraph:`);
    lines.push(...breaking.map((change) => `    ${change.type}: ${change.description}`));
  }
  if (dangerous.length) {
    lines.push(`! ${dangerous.length} change(s) that may affect clients:`);
    lines.push(...dangerous.map((change) => `    ${change.type}: ${change.description}`));
  }

  const operations = loadOperations(options.operationsDir);
  const broken = brokenOperations(after, operations);
  if (broken.length) {
    fail(`${broken.length} of ${operations.length} client operation(s) would break:`);
    for (const { operation, reasons } of broken) {
      lines.push(`    ${operation.name} (${path.relative(process.cwd(), operation.file)}):`);
      lines.push(...[...new Set(reasons)].map((reason) => `      ${reason}`));
    }
  } else {
    pass(`all ${operations.length} client operations still validate`);
  }
  if (options.manifestFile && !options.proposed) {
    let committedManifest = '';
    try {
      committedManifest = readFileSync(options.manifestFile, 'utf8');
    } catch {
      // missing: reported below
    }
    if (committedManifest === manifestText(buildManifest(options.operationsDir)))
      pass('the persisted query manifest is up to date');
    else fail('the persisted query manifest is out of date: run `npm run compose` and commit the result');
  }
  if (options.schemaDocFile && !options.proposed) {
    const name = path.relative(process.cwd(), options.schemaDocFile);
    const committedDoc = readIfPresent(options.schemaDocFile);
    const expected = schemaDocument(composed.supergraphSdl, options.operationsDir, options.schemaDocFile);
    if (committedDoc === expected) pass(`${name} (the schema reference) is up to date`);
    else if (committedDoc === undefined) fail(`${name} is missing: run \`npm run compose\` and commit the result`);
    else
      fail(
        `${name} is out of date or was edited by hand (line ${firstDifferentLine(committedDoc, expected)} differs from what \`npm run compose\` writes): run \`npm run compose\` and commit the result`,
      );
  }
  return { ok, lines };
}
