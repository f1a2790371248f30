// Which stored client operations use each field and each input type of the API schema, found by walking every
// operation (with the fragments it spreads) against the schema with graphql-js's TypeInfo.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { ClientOperation } from './api-schema';
import { fragmentsUsedBy } from './manifest';

export interface OperationUsage {
  /** The operations that select `typeName.fieldName` (on that type itself, or on the interface it was asked on). */
  ofField(typeName: string, fieldName: string): ClientOperation[];
  /** The operations that pass a value of this input object or enum (as a variable or an argument). */
  ofInputType(typeName: string): ClientOperation[];
}

const sortOperations = (operations: Iterable<ClientOperation>) =>
  [...operations].sort((a, b) =>
    a.name === b.name ? (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) : a.name < b.name ? -1 : 1,
  );

export function operationUsage(schema: GraphQLSchema, operations: ClientOperation[]): OperationUsage {
  const fields = new Map<string, Set<ClientOperation>>();
  const inputTypes = new Map<string, Set<ClientOperation>>();
  const record = (map: Map<string, Set<ClientOperation>>, key: string, operation: ClientOperation) =>
    map.set(key, (map.get(key) ?? new Set()).add(operation));

  for (const operation of operations) {
    const document = parse(operation.source);
    const fragments = new Map(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const definition = document.definitions.find(
      (candidate): candidate is OperationDefinitionNode =>
        candidate.kind === Kind.OPERATION_DEFINITION && (candidate.name?.value ?? '(anonymous)') === operation.name,
    );
    if (!definition) continue;
    for (const node of [definition, ...fragmentsUsedBy(definition, fragments)]) {
      const typeInfo = new TypeInfo(schema);
      const recordInputType = () => {
        const type = getNamedType(typeInfo.getInputType());
        if (type && (isInputObjectType(type) || isEnumType(type))) record(inputTypes, type.name, operation);
      };
      visit(
        node,
        visitWithTypeInfo(typeInfo, {
          Field() {
            const parent = typeInfo.getParentType();
            const field = typeInfo.getFieldDef();
            if (parent && field && !field.name.startsWith('__'))
              record(fields, `${parent.name}.${field.name}`, operation);
          },
          VariableDefinition: recordInputType,
          Argument: recordInputType,
          ObjectField: recordInputType,
        }),
      );
    }
  }
  return {
    ofField: (typeName, fieldName) => sortOperations(fields.get(`${typeName}.${fieldName}`) ?? []),
    ofInputType: (typeName) => sortOperations(inputTypes.get(typeName) ?? []),
  };
}
