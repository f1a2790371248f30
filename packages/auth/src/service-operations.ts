// Every GraphQL operation one service sends another, declared once, where the owners of both services see
// it. The caller sends exactly this text (the subgraph client refuses anything undeclared), and the callee
// accepts that caller's signed claims for exactly these documents, by hash. A compromised service can
// therefore ask another only what it was always allowed to ask.
//
// Each document lives in operations/<callee>/<Name>.graphql and is compiled by `npm run codegen`, which
// validates it against the callee's schema.graphql, into src/__generated__/<callee>-operations.ts with its
// result and variables types. Adding a call: write the .graphql file, run codegen, declare it here.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { DetachAnimalsDocument } from './__generated__/animal-operations';
import { AuthorityChangesDocument } from './__generated__/users-operations';
import { ZooOwnerDocument } from './__generated__/zoo-operations';
import { operationHash } from './forwarded-claims';

export interface ServiceOperation<Data = unknown, Variables = Record<string, unknown>> {
  caller: string;
  callee: string;
  /** The operation's text: what the caller sends, and what the callee's allow-list hashes. */
  document: string;
  /** Phantom: the `data` the callee answers with and the variables the operation takes (both generated). */
  readonly __types?: { data: Data; variables: Variables };
}

function declare<Data, Variables>(
  caller: string,
  callee: string,
  document: TypedDocumentNode<Data, Variables>,
): ServiceOperation<Data, Variables> {
  return { caller, callee, document: print(document) };
}

export const SERVICE_OPERATIONS = {
  /** animal → zoo: who owns this zoo (before an animal is put into it). */
  zooOwner: declare('animal', 'zoo', ZooOwnerDocument),
  /** gateway → users: each user's latest role change or deletion since a time (authority-feed.ts). */
  authorityChanges: declare('gateway', 'users', AuthorityChangesDocument),
  /** zoo → animal: take every animal out of a zoo that is being deleted. */
  detachAnimalsFromZoo: declare('zoo', 'animal', DetachAnimalsDocument),
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
