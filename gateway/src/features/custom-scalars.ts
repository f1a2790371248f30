// The supergraph's own scalars (DateTime, Date), checked at the edge exactly as the subgraphs parse them
// (graphql-scalars). The gateway's schema knows them only by name and would pass any value on; the subgraph
// then refuses the request with a 400, which reached the client as an internal error (found by fuzzing). A bad
// value is the client's mistake: GRAPHQL_VALIDATION_FAILED in the document, BAD_USER_INPUT in the variables.
import {
  getOperationAST,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  getNamedType,
  typeFromAST,
  type ASTVisitor,
  type GraphQLInputType,
  type GraphQLScalarType,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { ErrorCode, ValidationFailed } from '@supergraph/errors';
import type { GatewayFeature, ResolvedOperation } from './feature';

const SCALARS: Record<string, GraphQLScalarType> = { DateTime: DateTimeResolver, Date: DateResolver };

const parses = (run: () => unknown) => {
  try {
    return run() !== undefined;
  } catch {
    return false;
  }
};

/** Every literal in the document whose type is one of SCALARS parses as that scalar. */
const literalsRule: ValidationRule = (context) => {
  const check = (node: ValueNode) => {
    const type = context.getInputType();
    const scalar = type && SCALARS[getNamedType(type).name];
    if (scalar && !parses(() => scalar.parseLiteral(node, undefined)))
      context.reportError(
        new ValidationFailed(
          `Expected a valid ${scalar.name}, found ${JSON.stringify((node as { value?: unknown }).value ?? null)}`,
          node,
        ),
      );
  };
  const visitor: ASTVisitor = {
    StringValue: check,
    IntValue: check,
    FloatValue: check,
    BooleanValue: check,
    EnumValue: check,
  };
  return visitor;
};

/** The first value of `type` inside `value` that does not parse as its scalar, if any. */
function invalidIn(value: unknown, type: GraphQLInputType): GraphQLScalarType | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return invalidIn(value, type.ofType);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const invalid = invalidIn(item, type.ofType);
      if (invalid) return invalid;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const invalid = invalidIn((value as Record<string, unknown>)[field.name], field.type);
      if (invalid) return invalid;
    }
    return undefined;
  }
  const scalar = isScalarType(type) ? SCALARS[type.name] : undefined;
  return scalar && !parses(() => scalar.parseValue(value)) ? scalar : undefined;
}

/** Every variable value whose type is (or holds) one of SCALARS parses as that scalar. */
function checkVariables({ schema, document, variables, operationName }: ResolvedOperation) {
  const operation = getOperationAST(document, operationName);
  for (const definition of operation?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    const invalid = type && invalidIn(variables[name], type);
    if (invalid)
      return new GraphQLError(`Variable "$${name}" holds a value that is not a valid ${invalid.name}`, {
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: name, http: { status: 400 } },
      });
  }
  return undefined;
}

export function customScalars(): GatewayFeature {
  return { name: 'custom-scalars', validationRules: [literalsRule], checkOperation: checkVariables };
}
