#!/usr/bin/env node
// `npm run compose`: writes supergraph.graphql from supergraph.yaml (rover when installed, else
// @apollo/composition). On a composition error it prints each error and exits 1, writing nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from './compose';
import { SUPERGRAPH_CONFIG, SUPERGRAPH_FILE } from './paths';

const outcome = composeSupergraph(SUPERGRAPH_CONFIG);
if (!outcome.ok) {
  console.error(`Composition failed (${outcome.tool}):`);
  for (const error of outcome.errors) console.error(`  - ${error}`);
  process.exit(1);
}
let previous = '';
try {
  previous = readFileSync(SUPERGRAPH_FILE, 'utf8');
} catch {
  // first composition
}
if (previous === outcome.supergraphSdl) {
  console.log(`supergraph.graphql is up to date (${outcome.tool}).`);
} else {
  writeFileSync(SUPERGRAPH_FILE, outcome.supergraphSdl);
  console.log(`Wrote supergraph.graphql (${outcome.tool}).`);
}
for (const hint of outcome.hints) console.log(`  hint: ${hint}`);
