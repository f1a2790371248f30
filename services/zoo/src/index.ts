// What other workspaces' tests may use to boot this subgraph in-process.
export { createZooServer, SCHEMA_FILE, type ZooServerOptions } from './server';
export { migrations } from './db/migrations';
