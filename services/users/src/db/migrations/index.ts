// Every migration of the users database, in order. Never edit one that has landed; add a new file.
import type { Migrations } from '@supergraph/db';
import * as createUsers from './2026-11-26T10-00_create_users';
import * as createAuthorityChanges from './2026-11-28T10-00_create_authority_changes';
import * as createOutbox from './2026-11-28T13-00_create_outbox';
import * as authorityChangesBySubject from './2026-11-28T13-10_authority_changes_by_subject';
import * as refreshTokenFamilies from './2026-12-05T10-00_refresh_token_families';

export const migrations: Migrations = {
  '2026-11-26T10-00_create_users': createUsers,
  '2026-11-28T10-00_create_authority_changes': createAuthorityChanges,
  '2026-11-28T13-00_create_outbox': createOutbox,
  '2026-11-28T13-10_authority_changes_by_subject': authorityChangesBySubject,
  '2026-12-05T10-00_refresh_token_families': refreshTokenFamilies,
};
