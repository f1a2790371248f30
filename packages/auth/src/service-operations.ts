// Every GraphQL operation one service sends another, declared once, where the owners of both services see
// it. The caller sends exactly this text (the subgraph client refuses anything undeclared), and the callee
// accepts that caller's signed claims for exactly these documents, by hash. A compromised service can
// therefore ask another only what it was always allowed to ask. Adding a call means adding it here.
import { operationHash } from './forwarded-claims';

export interface ServiceOperation<Data = unknown> {
  caller: string;
  callee: string;
  document: string;
  /** Phantom: the shape of `data` the callee answers with. */
  readonly __data?: Data;
}

function declare<Data>(caller: string, callee: string, document: string): ServiceOperation<Data> {
  return { caller, callee, document };
}

export const SERVICE_OPERATIONS = {
  /** animal → zoo: who owns this zoo (before an animal is put into it). */
  zooOwner: declare<{ zoo: { id: string; owner: { id: string } } | null }>(
    'animal',
    'zoo',
    /* GraphQL */ `
      query ZooOwner($id: ID!) {
        zoo(id: $id) {
          id
          owner {
            id
          }
        }
      }
    `,
  ),
  /** gateway → users: each user's latest role change or deletion since a time (authority-feed.ts). */
  authorityChanges: declare<{
    _authorityChanges: { userId: string; role: 'USER' | 'ADMIN' | null; deleted: boolean; changedAt: string }[];
  }>(
    'gateway',
    'users',
    /* GraphQL */ `
      query AuthorityChanges($since: DateTime!) {
        _authorityChanges(since: $since) {
          userId
          role
          deleted
          changedAt
        }
      }
    `,
  ),
  /** zoo → animal: take every animal out of a zoo that is being deleted. */
  detachAnimalsFromZoo: declare<{ detachAnimalsFromZoo: number }>(
    'zoo',
    'animal',
    /* GraphQL */ `
      mutation DetachAnimals($zooId: ID!) {
        detachAnimalsFromZoo(zooId: $zooId)
      }
    `,
  ),
} as const;

/** The operation hashes `callee` accepts from `caller`. */
export function operationsAccepted(callee: string, caller: string): ReadonlySet<string> {
  return new Set(
    Object.values(SERVICE_OPERATIONS)
      .filter((operation) => operation.callee === callee && operation.caller === caller)
      .map((operation) => operationHash(operation.document)),
  );
}

/** The services that call `callee` (not the gateway: it is trusted for any operation, not only its declared ones). */
export function callersOf(callee: string): string[] {
  return [
    ...new Set(
      Object.values(SERVICE_OPERATIONS)
        .filter((operation) => operation.callee === callee && operation.caller !== 'gateway')
        .map((operation) => operation.caller),
    ),
  ];
}
