// At most one credential mutation per operation. Each one runs a password hash or verify (Argon2id, on a
// small shared thread pool) or a refresh-token rotation, so an operation of aliased `login`s would multiply
// what one request costs the service, not the caller. A second one — aliased, through a fragment, or another
// of the kind — refuses the whole operation with HTTP 400 GRAPHQL_VALIDATION_FAILED before any subgraph is
// called. Fields under @skip/@include count too: a client has no reason to send one it means to skip.
import {
  Kind,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';
import { ValidationFailed } from '@supergraph/errors';
import type { GatewayFeature, ResolvedOperation } from './feature';

/** Root mutation fields that check or set a credential, and whether a call with these arguments does. */
export const CREDENTIAL_MUTATIONS: Readonly<Record<string, (args: Record<string, unknown>) => boolean>> = {
  login: () => true,
  register: () => true,
  refreshToken: () => true,
  // Only a new password is hashed (and the current one verified); a new username or email is not a credential.
  updateMe: ({ input }) => (input as { password?: unknown } | null | undefined)?.password != null,
};

const MESSAGE = `An operation may hold at most one credential mutation (${Object.keys(CREDENTIAL_MUTATIONS).join(', ')})`;

/** The root fields an operation selects, through inline fragments and fragment spreads. */
function rootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

function countCredentialMutations({ schema, document, variables, operationName }: ResolvedOperation): number {
  const operation = getOperationAST(document, operationName);
  const mutationType: GraphQLObjectType | null | undefined = schema.getMutationType();
  if (operation?.operation !== 'mutation' || !mutationType) return 0;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  // Variables as execution will read them; when they do not coerce, execution refuses the operation anyway.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return rootFields(operation.selectionSet, fragments).filter((field) => {
    const isCredential = CREDENTIAL_MUTATIONS[field.name.value];
    const definition = mutationType.getFields()[field.name.value];
    if (!isCredential || !definition) return false;
    if (!coerced.coerced) return true; // cannot tell: count it
    try {
      return isCredential(getArgumentValues(definition, field, coerced.coerced));
    } catch {
      return true; // arguments that do not coerce: execution refuses them; count it rather than guess
    }
  }).length;
}

export function credentialMutations(): GatewayFeature {
  return {
    name: 'credential-mutations',
    checkOperation: (operation) =>
      countCredentialMutations(operation) > 1 ? new ValidationFailed(MESSAGE) : undefined,
  };
}
