// Which subgraphs define each type of a supergraph and which resolve each field, read from the @join__type and
// @join__field directives that composition writes into the supergraph SDL (join spec v0.3 to v0.5).
import {
  isTypeDefinitionNode,
  Kind,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
} from 'graphql';

/** One subgraph's definition of a type; `keys` is empty for a value type. */
export interface TypeInSubgraph {
  subgraph: string;
  keys: string[];
  /** false when the subgraph only references the entity (`@key(resolvable: false)`). */
  resolvable: boolean;
  /** The subgraph declares the interface as an object (`@interfaceObject`). */
  interfaceObject: boolean;
}

export interface FieldResolution {
  /** The subgraphs the query planner may ask for this field, sorted. */
  resolvedBy: string[];
  /** A subgraph that needs other fields of the entity first (`@requires`). */
  requires: { subgraph: string; fields: string }[];
  /** A subgraph that took the field over from another (`@override`). */
  overrides: { subgraph: string; from: string; label?: string }[];
}

export interface SubgraphOwnership {
  /** The subgraphs that define the type (sorted), or undefined for a type the supergraph does not declare. */
  typeIn(typeName: string): TypeInSubgraph[] | undefined;
  /** Who resolves `typeName.fieldName` (an output or input field). */
  field(typeName: string, fieldName: string): FieldResolution;
}

type Arguments = Record<string, unknown>;

const directivesNamed = (directives: readonly ConstDirectiveNode[] | undefined, name: string): Arguments[] =>
  (directives ?? [])
    .filter((directive) => directive.name.value === name)
    .map((directive) =>
      Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)])),
    );

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function subgraphOwnership(supergraphSdl: string): SubgraphOwnership {
  const document = parse(supergraphSdl);
  // The join__Graph enum maps each graph value (USERS) to the subgraph's name in supergraph.yaml (users).
  const subgraphNames = new Map<string, string>();
  const types = new Map<string, TypeInSubgraph[]>();
  const fields = new Map<string, Map<string, Arguments[]>>();

  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const [graph] = directivesNamed(value.directives, 'join__graph');
        subgraphNames.set(value.name.value, typeof graph?.name === 'string' ? graph.name : value.name.value);
      }
    }
  }
  const subgraphOf = (graph: unknown) => subgraphNames.get(String(graph)) ?? String(graph);

  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition)) continue;
    const joinTypes = directivesNamed(definition.directives, 'join__type');
    if (!joinTypes.length) continue;
    const perSubgraph = new Map<string, TypeInSubgraph>();
    for (const joinType of joinTypes) {
      const subgraph = subgraphOf(joinType.graph);
      const entry = perSubgraph.get(subgraph) ?? { subgraph, keys: [], resolvable: false, interfaceObject: false };
      if (typeof joinType.key === 'string') entry.keys.push(joinType.key);
      // A subgraph may list several keys; it resolves the entity when any of them is resolvable.
      entry.resolvable ||= joinType.resolvable !== false;
      entry.interfaceObject ||= joinType.isInterfaceObject === true;
      perSubgraph.set(subgraph, entry);
    }
    types.set(
      definition.name.value,
      [...perSubgraph.values()].sort((a, b) => byName(a.subgraph, b.subgraph)),
    );
    const fieldNodes: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] =
      'fields' in definition && definition.fields ? definition.fields : [];
    fields.set(
      definition.name.value,
      new Map(fieldNodes.map((field) => [field.name.value, directivesNamed(field.directives, 'join__field')])),
    );
  }

  return {
    typeIn: (typeName) => types.get(typeName),
    field(typeName, fieldName) {
      const typeSubgraphs = (types.get(typeName) ?? []).map((entry) => entry.subgraph);
      const joinFields = fields.get(typeName)?.get(fieldName) ?? [];
      // No @join__field: every subgraph that defines the type defines the field too.
      const resolving = joinFields.filter(
        (joinField) =>
          joinField.graph !== undefined && joinField.external !== true && joinField.usedOverridden !== true,
      );
      const resolvedBy = resolving.length
        ? [...new Set(resolving.map((joinField) => subgraphOf(joinField.graph)))]
        : typeSubgraphs;
      return {
        resolvedBy: [...resolvedBy].sort(byName),
        requires: resolving
          .filter((joinField) => typeof joinField.requires === 'string')
          .map((joinField) => ({ subgraph: subgraphOf(joinField.graph), fields: String(joinField.requires) })),
        overrides: resolving
          .filter((joinField) => typeof joinField.override === 'string')
          .map((joinField) => ({
            subgraph: subgraphOf(joinField.graph),
            from: String(joinField.override),
            ...(typeof joinField.overrideLabel === 'string' && { label: joinField.overrideLabel }),
          })),
      };
    },
  };
}
