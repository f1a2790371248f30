// What every resolver of the users subgraph receives.
import type { Kysely } from 'kysely';
import type { Publish, RequestInfo } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';
import type { LoginThrottle } from './login-throttle';
import type { SessionSettings } from './sessions';

export interface UsersServices {
  db: Kysely<Database>;
  sessions: SessionSettings;
  loginThrottle: LoginThrottle;
  /** Domain events (UserDeleted), written in the transaction that makes the change. */
  publish: Publish<Database>;
}

export interface UsersContext extends RequestInfo, UsersServices {
  loaders: Loaders;
}
