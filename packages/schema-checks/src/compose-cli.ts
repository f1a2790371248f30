#!/usr/bin/env node
// `npm run compose`: writes supergraph.graphql from supergraph.yaml (rover when installed, else
// @apollo/composition), the persisted query manifest of the stored client operations and the schema reference
// (docs/schema.md). On a composition error it prints each error and exits 1, writing nothing.
import path from 'node:path';
import { composeAndWrite } from './compose-outputs';
import { MANIFEST_FILE, OPERATIONS_DIR, REPO_ROOT, SCHEMA_DOC_FILE, SUPERGRAPH_CONFIG, SUPERGRAPH_FILE } from './paths';

const result = composeAndWrite({
  configFile: SUPERGRAPH_CONFIG,
  supergraphFile: SUPERGRAPH_FILE,
  operationsDir: OPERATIONS_DIR,
  manifestFile: MANIFEST_FILE,
  schemaDocFile: SCHEMA_DOC_FILE,
});
if (!result.ok) {
  console.error(`Composition failed (${result.tool}):`);
  for (const error of result.errors) console.error(`  - ${error}`);
  process.exit(1);
}
const labels = new Map([
  [SUPERGRAPH_FILE, `supergraph.graphql (${result.tool})`],
  [MANIFEST_FILE, 'the persisted query manifest (packages/schema-checks/persisted-queries.json)'],
  [SCHEMA_DOC_FILE, 'the schema reference (docs/schema.md)'],
]);
for (const { file, changed } of result.files) {
  const label = labels.get(file) ?? path.relative(REPO_ROOT, file);
  console.log(changed ? `Wrote ${label}.` : `${label} is up to date.`);
}
for (const hint of result.hints) console.log(`  hint: ${hint}`);
