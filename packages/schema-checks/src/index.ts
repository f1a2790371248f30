export { runChecks, type CheckOptions, type CheckReport } from './check';
export {
  composeFromConfig,
  composeWithLibrary,
  loadSubgraphs,
  roverAvailable,
  type CompositionOutcome,
} from './compose';
export { apiSchemaOf, brokenOperations, loadOperations, schemaChanges, type ClientOperation } from './api-schema';
export { servedSdl } from './served-sdl';
export { MANIFEST_FILE, OPERATIONS_DIR, REPO_ROOT, SCHEMA_DOC_FILE, SUPERGRAPH_CONFIG, SUPERGRAPH_FILE } from './paths';
export { buildManifest, manifestText, type PersistedQueryManifest } from './manifest';
export { composeAndWrite, type ComposeResult, type ComposeTargets } from './compose-outputs';
export { schemaReference } from './schema-reference';
export { formatMarkdown } from './markdown-format';
