// Limits on what one request may ask for, enforced before any subgraph is called: one operation (no
// batches), tokens (counted before parsing), depth, aliases and directives (graphql-armor), root fields, and
// a cost that multiplies by the page sizes a query asks for, and by the assumed length of every list no
// argument bounds (graphql-query-complexity). Rejections are HTTP 400 GRAPHQL_VALIDATION_FAILED; in
// production their messages do not reveal the limits.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  getNullableType,
  isListType,
  type GraphQLField,
  type OperationDefinitionNode,
  type ValidationRule,
  type SelectionNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ValidationFailed } from '@supergraph/errors';
import type { GatewayFeature, ResolvedOperation } from './feature';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** The page size assumed for a list field whose `first` is not given (the contract's default). */
  defaultPageSize: number;
  /** The length assumed for each list no argument bounds, by `Type.field` (ASSUMED_LIST_SIZES). */
  listSizes: Readonly<Record<string, number>>;
}

/**
 * Lists whose length no argument bounds, and the length the cost model assumes for each: its real upper
 * bound. Which fields are such lists is read from the schema (a list type, no `first` argument, not a
 * connection's `edges`, which its connection's `first` already counts); any not named here is assumed to be
 * UNDECLARED_LIST_SIZE long, and a test keeps this table in step with the supergraph.
 */
export const ASSUMED_LIST_SIZES: Readonly<Record<string, number>> = {
  /** Up to the puzzle service's MAX_LEADERBOARD_MEMBERS (default 200); raise with COST_LIST_SIZES with it. */
  'Leaderboard.members': 200,
  /** A year's puzzles: one a day, 25 days. */
  'Query.puzzles': 25,
  /** A year's solved parts: two per puzzle. */
  'User.completions': 50,
  /** The headers an upload must carry: content-type alone today. */
  'PhotoUpload.headers': 5,
};

/** A list no one has declared a size for counts as a full page of the largest size. */
export const UNDECLARED_LIST_SIZE = 100;

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 15,
  maxDirectives: 50,
  maxTokens: 2_000,
  maxCost: 25_000,
  defaultPageSize: 20,
  listSizes: ASSUMED_LIST_SIZES,
};

const rejected = (message: string) => new ValidationFailed(message);

/** Counts the fields selected at the top of each operation (fragments spread there included). */
function rootFieldsRule(limit: number, exposeLimits: boolean): ValidationRule {
  return (context) => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      let count = 0;
      const visit = (selections: readonly SelectionNode[], seen: Set<string>) => {
        for (const selection of selections) {
          if (selection.kind === Kind.FIELD) count++;
          else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections, seen);
          else if (!seen.has(selection.name.value)) {
            seen.add(selection.name.value);
            const fragment = context.getFragment(selection.name.value);
            if (fragment) visit(fragment.selectionSet.selections, seen);
          }
        }
      };
      visit(operation.selectionSet.selections, new Set());
      if (count > limit) {
        context.reportError(
          new ValidationFailed(
            exposeLimits ? `Too many root fields: ${count} (at most ${limit})` : 'Operation has too many root fields',
            [operation],
          ),
        );
      }
    },
  });
}

/** Counts lexical tokens up to `limit + 1`, without building a document (that is what the limit protects). */
function exceedsTokens(source: string, limit: number): boolean {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++count > limit) return true;
    }
  } catch {
    return false; // a syntax error: the parser reports it
  }
  return false;
}

/** A field with a `first` argument costs its page size times what each item costs. */
function pageSizeEstimator(defaultPageSize: number): ComplexityEstimator {
  return ({ args, childComplexity, field }) => {
    if (!field.args.some((arg) => arg.name === 'first')) return undefined;
    const first = typeof args.first === 'number' ? args.first : defaultPageSize;
    return 1 + Math.max(0, first) * Math.max(1, childComplexity);
  };
}

/** Which list fields no argument bounds (see ASSUMED_LIST_SIZES): null for a field that is not one. */
export function unboundedListKey(parent: { name: string }, field: GraphQLField<unknown, unknown>): string | null {
  if (parent.name.startsWith('__') || !isListType(getNullableType(field.type))) return null; // introspection: not data
  if (field.args.some((arg) => arg.name === 'first')) return null;
  if (field.name === 'edges' && parent.name.endsWith('Connection')) return null;
  return `${parent.name}.${field.name}`;
}

/** A list no argument bounds costs its assumed length times what each item costs. */
function listSizeEstimator(listSizes: Readonly<Record<string, number>>): ComplexityEstimator {
  return ({ type, field, childComplexity }) => {
    const key = unboundedListKey(type, field);
    if (!key) return undefined;
    return 1 + (listSizes[key] ?? UNDECLARED_LIST_SIZE) * Math.max(1, childComplexity);
  };
}

export function operationLimits(limits: OperationLimits, production: boolean): GatewayFeature {
  const exposeLimits = !production;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases, exposeLimits },
    maxDirectives: { n: limits.maxDirectives, exposeLimits },
    // armor's token plugin fails with a 500 inside Apollo Server; the token check below answers 400.
    maxTokens: { enabled: false },
    // The cost limit below understands page sizes; armor's does not.
    costLimit: { enabled: false },
    // "Did you mean …?" hints describe the schema; production keeps them to itself.
    blockFieldSuggestion: { enabled: production },
  }).protect();

  // After validation, with the variables known, so `first: $n` counts at its real value.
  const checkCost = ({ schema, document, variables, operationName }: ResolvedOperation) => {
    const cost = getComplexity({
      schema,
      query: document,
      variables,
      ...(operationName ? { operationName } : {}),
      estimators: [
        pageSizeEstimator(limits.defaultPageSize),
        listSizeEstimator(limits.listSizes),
        simpleEstimator({ defaultComplexity: 1 }),
      ],
    });
    if (cost <= limits.maxCost) return undefined;
    return rejected(
      exposeLimits
        ? `Operation is too expensive: cost ${cost} (at most ${limits.maxCost})`
        : 'Operation is too expensive',
    );
  };

  return {
    name: 'operation-limits',
    // One operation per request: batched (array) requests are refused.
    apolloConfig: { allowBatchedHttpRequests: false },
    // Before parsing: the token limit protects the parser itself.
    checkSource: (query) =>
      exceedsTokens(query, limits.maxTokens)
        ? rejected(exposeLimits ? `Operation has more than ${limits.maxTokens} tokens` : 'Operation is too large')
        : undefined,
    plugins: armor.plugins,
    checkOperation: checkCost,
    validationRules: [...armor.validationRules, rootFieldsRule(limits.maxRootFields, exposeLimits)],
  };
}
