// What a subscription passes before it reaches a subgraph: the checks of an HTTP request, in the same order —
// the features' context hooks (the rate limit counts a subscription as a request), their checks on the raw
// text (token limit, safelist), parsing, the same validation rules (depth, aliases, directives, root fields),
// the variables, the cost limit — and then the query plan.
import {
  getOperationAST,
  Kind,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type VariableDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { BadRequest, BadUserInput, ServiceUnavailable, ValidationFailed } from '@supergraph/errors';
import type { Caller, GatewayFeature } from '../features/feature';
import { withoutSuggestions } from '../features/masking';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-planner';

export interface SubscriptionRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** A subscription that passed every check, and its plan. */
export interface CheckedSubscription {
  query: string;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
  plan: SubscriptionPlan;
}

export type CheckOutcome = CheckedSubscription | { refused: readonly GraphQLError[] };

export interface SubscriptionChecks {
  check(request: SubscriptionRequest, caller: Caller): Promise<CheckOutcome>;
}

const refused = (error: GraphQLError) => ({ refused: [error] });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function createSubscriptionChecks(options: {
  features: GatewayFeature[];
  planner: SubscriptionPlanner;
  production: boolean;
}): SubscriptionChecks {
  const { features, planner } = options;
  const validationRules = [...specifiedRules, ...features.flatMap((feature) => feature.validationRules ?? [])];
  // Production keeps "Did you mean …?" to itself, as over HTTP (features/masking.ts).
  const hideSuggestions = (message: string) => (options.production ? withoutSuggestions(message) : message);

  return {
    async check(request, caller) {
      for (const feature of features) await feature.context?.(caller);
      const { query } = request;
      if (typeof query !== 'string') return refused(new BadRequest('The operation text (query) must be a string'));
      const variables = request.variables ?? {};
      if (!isRecord(variables)) return refused(new BadRequest('Variables must be an object'));
      const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
      for (const feature of features) {
        const error = feature.checkSource?.(query);
        if (error) return refused(error);
      }
      const supergraph = planner.current();
      if (!supergraph) return refused(new ServiceUnavailable('The gateway has not loaded its supergraph yet'));

      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (error) {
        const syntaxError = error as GraphQLError;
        return refused(
          new GraphQLError(syntaxError.message, {
            ...(syntaxError.source && { source: syntaxError.source }),
            ...(syntaxError.positions && { positions: syntaxError.positions }),
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          }),
        );
      }
      let invalid: readonly GraphQLError[];
      try {
        invalid = validate(supergraph.apiSchema, document, validationRules);
      } catch (error) {
        // graphql-js 16's subscription rule evaluates @include/@skip before their arguments are type-checked,
        // and throws on `@include(if: "yes")`: the client's mistake (found by fuzzing).
        return refused(new ValidationFailed(hideSuggestions((error as Error).message)));
      }
      if (invalid.length) {
        return { refused: invalid.map((error) => new ValidationFailed(hideSuggestions(error.message), error.nodes)) };
      }
      const operation = getOperationAST(document, operationName);
      if (!operation) return refused(new BadRequest('Unable to identify the operation to run'));
      if (operation.operation !== 'subscription') {
        return refused(
          new BadRequest('Only subscriptions are served here; send queries and mutations to POST /graphql'),
        );
      }
      const coerced = getVariableValues(supergraph.apiSchema, operation.variableDefinitions ?? [], variables);
      if (coerced.errors) {
        const [error] = coerced.errors;
        const definition = error?.nodes?.[0] as VariableDefinitionNode | undefined;
        return refused(
          new BadUserInput(definition?.variable.name.value ?? 'variables', error?.message ?? 'Bad variables'),
        );
      }
      for (const feature of features) {
        const error = feature.checkOperation?.({
          schema: supergraph.apiSchema,
          document,
          variables,
          ...(operationName !== undefined && { operationName }),
        });
        if (error) return refused(error);
      }
      // A root field skipped by @include/@skip leaves nothing to subscribe to (validation counts fields only
      // when there are several): the client's mistake, not the planner's (found by fuzzing).
      const selected = operation.selectionSet.selections.filter((selection) => {
        const skip = selection.directives?.find((directive) => directive.name.value === 'skip');
        const include = selection.directives?.find((directive) => directive.name.value === 'include');
        const argument = (directive: typeof skip) =>
          directive?.arguments?.find((arg) => arg.name.value === 'if')?.value;
        const truth = (directive: typeof skip) => {
          const value = argument(directive);
          if (!value) return undefined;
          if (value.kind === Kind.BOOLEAN) return value.value;
          if (value.kind === Kind.VARIABLE) return coerced.coerced[value.name.value] === true;
          return undefined;
        };
        return truth(skip) !== true && truth(include) !== false;
      });
      if (selected.length !== 1) return refused(new BadRequest('A subscription must select exactly one root field'));
      const plan = planner.plan(supergraph, document, operationName, `${operationName ?? ''}\n${query}`);
      return { query, document, ...(operationName !== undefined && { operationName }), variables, plan };
    },
  };
}
