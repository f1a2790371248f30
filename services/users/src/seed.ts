// Demo accounts for local development (`npm start`); main.ts refuses to run this in production.
import type { Kysely } from 'kysely';
import type { Role } from '@supergraph/auth';
import type { Database } from './db/schema';
import { insertUserIfAbsent } from './db/users';
import { hashPassword } from './passwords';

export const DEMO_PASSWORD = 'supergraph-demo';

export const DEMO_USERS: { username: string; email: string; role: Role }[] = [
  { username: 'alice', email: 'alice@example.com', role: 'USER' },
  { username: 'bob', email: 'bob@example.com', role: 'USER' },
  { username: 'admin', email: 'admin@example.com', role: 'ADMIN' },
];

/** Creates the demo accounts that do not exist yet; returns the usernames it created. */
export async function seedDemoUsers(db: Kysely<Database>): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    if (await insertUserIfAbsent(db, { ...user, passwordHash })) created.push(user.username);
  }
  return created;
}
