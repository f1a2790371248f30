// What other workspaces' tests may use to boot this subgraph in-process.
export { createUsersServer, SCHEMA_FILE, type UsersServerOptions } from './server';
export { migrations } from './db/migrations';
export { seedDemoUsers, DEMO_USERS, DEMO_PASSWORD } from './seed';
export type { Database as UsersDatabase } from './db/schema';
