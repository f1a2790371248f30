// What other workspaces' tests may use to boot this subgraph in-process.
export { createPuzzleServer, SCHEMA_FILE, type PuzzleServerOptions } from './server';
export { migrations } from './db/migrations';
export { DEFAULT_COOLDOWN } from './rules';
