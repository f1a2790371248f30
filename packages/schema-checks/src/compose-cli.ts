#!/usr/bin/env node
// `npm run compose`: writes supergraph.graphql from supergraph.yaml (rover when installed, else
// @apollo/composition), and the persisted query manifest of the stored client operations. On a composition
// error it prints each error and exits 1, writing nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { composeFromConfig } from './compose';
import { buildManifest, manifestText } from './manifest';
import { MANIFEST_FILE, OPERATIONS_DIR, SUPERGRAPH_CONFIG, SUPERGRAPH_FILE } from './paths';

const outcome = composeFromConfig(SUPERGRAPH_CONFIG);
if (!outcome.ok) {
  console.error(`Composition failed (${outcome.tool}):`);
  for (const error of outcome.errors) console.error(`  - ${error}`);
  process.exit(1);
}
function write(file: string, content: string, label: string) {
  let previous = '';
  try {
    previous = readFileSync(file, 'utf8');
  } catch {
    // first time
  }
  if (previous === content) {
    console.log(`${label} is up to date.`);
  } else {
    writeFileSync(file, content);
    console.log(`Wrote ${label}.`);
  }
}

write(SUPERGRAPH_FILE, outcome.supergraphSdl, `supergraph.graphql (${outcome.tool})`);
write(
  MANIFEST_FILE,
  manifestText(buildManifest(OPERATIONS_DIR)),
  'the persisted query manifest (packages/schema-checks/persisted-queries.json)',
);
for (const hint of outcome.hints) console.log(`  hint: ${hint}`);
