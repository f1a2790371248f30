// What clients see of a supergraph (its API schema), what changed between two of them, and which stored
// client operations a schema no longer serves.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  findBreakingChanges,
  findDangerousChanges,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

export interface SchemaChange {
  type: string;
  description: string;
}

export function schemaChanges(
  before: GraphQLSchema,
  after: GraphQLSchema,
): { breaking: SchemaChange[]; dangerous: SchemaChange[] } {
  return { breaking: findBreakingChanges(before, after), dangerous: findDangerousChanges(before, after) };
}

export interface ClientOperation {
  file: string;
  name: string;
  source: string;
}

/** Every operation in the `.graphql` files of `dir` (one file may hold several, sharing its fragments). */
export function loadOperations(dir: string): ClientOperation[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .flatMap((file) => {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const operations = parse(source).definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
      );
      return operations.map((operation) => ({
        file: path.join(dir, file),
        name: operation.name?.value ?? '(anonymous)',
        source,
      }));
    });
}

export interface BrokenOperation {
  operation: ClientOperation;
  reasons: string[];
}

/** The stored operations that do not validate against `schema`, with the validation messages. */
export function brokenOperations(schema: GraphQLSchema, operations: ClientOperation[]): BrokenOperation[] {
  const byFile = new Map<string, ClientOperation[]>();
  for (const operation of operations) byFile.set(operation.file, [...(byFile.get(operation.file) ?? []), operation]);
  const broken: BrokenOperation[] = [];
  for (const [, fileOperations] of byFile) {
    const document = parse(fileOperations[0]!.source);
    for (const operation of fileOperations) {
      // Validate each operation with the fragments of its file, so each failure is pinned on one operation.
      const single = {
        ...document,
        definitions: document.definitions.filter(
          (definition) =>
            definition.kind !== 'OperationDefinition' || (definition.name?.value ?? '(anonymous)') === operation.name,
        ),
      };
      const errors = validate(schema, single).filter((error) => !/Fragment ".*" is never used/.test(error.message));
      if (errors.length) broken.push({ operation, reasons: errors.map((error) => error.message) });
    }
  }
  return broken;
}
