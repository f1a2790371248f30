// Where the supergraph's shared files live, relative to the repository root.
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SUPERGRAPH_CONFIG = path.join(REPO_ROOT, 'supergraph.yaml');
export const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'supergraph.graphql');
/** Operations real clients send: every supergraph must keep validating them. */
export const OPERATIONS_DIR = path.join(REPO_ROOT, 'packages/schema-checks/operations');
/** Those operations as a persisted query manifest, for the gateway's safelist mode. */
export const MANIFEST_FILE = path.join(REPO_ROOT, 'packages/schema-checks/persisted-queries.json');
/** The schema reference, generated from the supergraph and those operations. */
export const SCHEMA_DOC_FILE = path.join(REPO_ROOT, 'docs/schema.md');
