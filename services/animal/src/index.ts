// What other workspaces' tests may use to boot this subgraph in-process.
export { createAnimalServer, SCHEMA_FILE, type AnimalServerOptions } from './server';
export { migrations } from './db/migrations';
