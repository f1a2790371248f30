// Every migration of the users database, in order. Never edit one that has landed; add a new file.
import type { Migrations } from '@supergraph/db';
import * as createUsers from './2026-11-26T10-00_create_users';
import * as createAuthorityChanges from './2026-11-28T10-00_create_authority_changes';

export const migrations: Migrations = {
  '2026-11-26T10-00_create_users': createUsers,
  '2026-11-28T10-00_create_authority_changes': createAuthorityChanges,
};
