// What every resolver of the users subgraph receives.
import type { Kysely } from 'kysely';
import type { Publish, RequestInfo } from '@supergraph/subgraph';
import type { CredentialLimit } from './credential-limit';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';
import type { LoginProtection } from './login-protection';
import type { Passwords } from './passwords';
import type { SessionSettings } from './sessions';

export interface UsersServices {
  db: Kysely<Database>;
  sessions: SessionSettings;
  loginProtection: LoginProtection;
  /** Credential mutations per client address (`clientAddress` of the request). */
  credentialLimit: CredentialLimit;
  /** Argon2id, a bounded number at a time. */
  passwords: Passwords;
  /** Domain events (UserDeleted), written in the transaction that makes the change. */
  publish: Publish<Database>;
}

export interface UsersContext extends RequestInfo, UsersServices {
  loaders: Loaders;
}
