// Fresh authority for every subgraph: the gateway follows the users service's feed of role changes and
// deletions, so an access token issued before a change is not honoured with its old role, or at all for a
// deleted account, for longer than one poll (10 s by default, well inside the 30 s promise).
//
// Each poll asks for every user's latest change within the longest an access token lives, so a restarted
// gateway knows at once what matters and a missed poll loses nothing. The call goes straight to the users
// subgraph with the gateway's own signed claims, as an operation declared in service-operations.ts (the field is
// @inaccessible to clients).
//
// Failure mode: while the feed cannot be read, the last known changes keep applying; once it is older than
// `staleAfterMs` (30 s) the gateway fails closed for admin power — ADMIN tokens act as USER — and /ready
// reports the feed stale, until a poll succeeds again. Ordinary users are unaffected by an outage.
import {
  ACCESS_TOKEN_TTL_SECONDS,
  createSubgraphClient,
  SERVICE_OPERATIONS,
  subjectDigest,
  type AccessTokenClaims,
  type Role,
  type ServiceKeys,
  type Viewer,
} from '@supergraph/auth';
import { Unauthenticated } from '@supergraph/errors';
import type { Logger } from '@supergraph/runtime';

export interface AuthorityFeedOptions {
  /** The users subgraph's GraphQL URL (read at each poll: the supergraph may be reloaded). */
  usersUrl: () => string | undefined;
  keys: ServiceKeys;
  logger: Logger;
  intervalMs?: number;
  staleAfterMs?: number;
}

export interface AuthorityFeed {
  /** The viewer a verified access token stands for now; throws UNAUTHENTICATED for a deleted account. */
  apply(claims: AccessTokenClaims): Viewer;
  /** Polls now (tests and start-up); resolves whether or not the poll succeeded. */
  refresh(): Promise<void>;
  isFresh(): boolean;
  start(): void;
  stop(): void;
}

interface Change {
  role: Role | null;
  deleted: boolean;
  /** When it happened, in seconds since the epoch (rounded up: a token issued that second predates it). */
  at: number;
}

export function createAuthorityFeed(options: AuthorityFeedOptions): AuthorityFeed {
  const intervalMs = options.intervalMs ?? 10_000;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  let changes = new Map<string, Change>();
  let freshAt = Date.now(); // a gateway that just started has missed nothing yet
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;

  async function poll(): Promise<void> {
    const url = options.usersUrl();
    if (!url) return;
    const users = createSubgraphClient({ keys: options.keys, audience: 'users', url, timeoutMs: 5_000 });
    const since = new Date(Date.now() - (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000).toISOString();
    try {
      const data = await users.request(SERVICE_OPERATIONS.authorityChanges, { since }, null);
      changes = new Map(
        data._authorityChanges.map((change) => [
          change.subject,
          { role: change.role, deleted: change.deleted, at: Math.ceil(new Date(change.changedAt).getTime() / 1000) },
        ]),
      );
      freshAt = Date.now();
    } catch (error) {
      options.logger.warn({ err: error }, 'the authority feed could not be read; keeping the last known changes');
    }
  }

  const isFresh = () => Date.now() - freshAt <= staleAfterMs;

  return {
    apply(claims) {
      const change = changes.get(subjectDigest(claims.id));
      let role = claims.role;
      if (change && claims.iat <= change.at) {
        if (change.deleted) throw new Unauthenticated('This account no longer exists', 401);
        if (change.role) role = change.role;
      }
      if (role === 'ADMIN' && !isFresh()) role = 'USER';
      return { id: claims.id, role };
    },
    refresh() {
      polling ??= poll().finally(() => (polling = undefined));
      return polling;
    },
    isFresh,
    start() {
      if (timer) return;
      void this.refresh();
      timer = setInterval(() => void this.refresh(), intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
