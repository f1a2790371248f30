// The persisted query manifest (Apollo's format) of the stored client operations: what the gateway's
// safelist mode lets run. Each body is one operation with the fragments it uses, printed canonically.
import { createHash } from 'node:crypto';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { loadOperations } from './api-schema';

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
}

/** The fragments `definition` spreads, directly or through other fragments. */
export function fragmentsUsedBy(
  definition: DefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  found = new Map<string, FragmentDefinitionNode>(),
) {
  visit(definition, {
    FragmentSpread(node) {
      const fragment = fragments.get(node.name.value);
      if (fragment && !found.has(fragment.name.value)) {
        found.set(fragment.name.value, fragment);
        fragmentsUsedBy(fragment, fragments, found);
      }
    },
  });
  return [...found.values()];
}

export function buildManifest(operationsDir: string): PersistedQueryManifest {
  const operations = loadOperations(operationsDir).map(({ name, source }) => {
    const document = parse(source);
    const fragments = new Map(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const operation = document.definitions.find(
      (definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && (definition.name?.value ?? '(anonymous)') === name,
    )!;
    const body = print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsedBy(operation, fragments)] });
    const type = operation.kind === Kind.OPERATION_DEFINITION ? operation.operation : 'query';
    return { id: createHash('sha256').update(body).digest('hex'), name, type, body };
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export const manifestText = (manifest: PersistedQueryManifest) => `${JSON.stringify(manifest, null, 2)}\n`;
