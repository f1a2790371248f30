// Which columns a connection's page must read: the node fields the operation selects (through aliases and
// fragments) mapped to the columns each reads, and the cursor's key columns only where a cursor is selected.
// Reading too much is safe and reading too little is not, so every fragment counts whatever its type condition,
// and @skip/@include are not evaluated.
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The subfields selected on `nodes`, by field name (aliases merged). */
function subfields(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): Map<string, FieldNode[]> {
  const byName = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        byName.set(name, [...(byName.get(name) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        collect(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) collect(node.selectionSet);
  return byName;
}

export interface ColumnMap<Column extends string> {
  /** The columns each node field's resolver reads; a selected field not named here reads every column. */
  byField: Readonly<Record<string, readonly Column[]>>;
  /** What a cursor is built from: read where an edge's cursor or pageInfo.endCursor is selected. */
  cursor: readonly Column[];
  /** Read whatever is selected. */
  always?: readonly Column[];
}

/**
 * For one connection field: the columns its page must read for what the operation selects, or null for all of
 * them. Worked out once per field of an operation (every parent in a list shares the answer), not per parent.
 */
export function columnSelector<Column extends string>(
  map: ColumnMap<Column>,
): (info: GraphQLResolveInfo) => Column[] | null {
  // graphql-js builds one fieldNodes array per field and execution, shared by every item of a list.
  const known = new WeakMap<readonly FieldNode[], Column[] | null>();
  return (info) => {
    if (!known.has(info.fieldNodes)) known.set(info.fieldNodes, selectedColumns(info, map));
    return known.get(info.fieldNodes)!;
  };
}

function selectedColumns<Column extends string>(info: GraphQLResolveInfo, map: ColumnMap<Column>): Column[] | null {
  const { byField, cursor: cursorColumns } = map;
  const columns = new Set<Column>(map.always);
  const selected = subfields(info, info.fieldNodes);
  const edges = selected.get('edges');
  if (edges) {
    const edgeFields = subfields(info, edges);
    if (edgeFields.has('cursor')) for (const column of cursorColumns) columns.add(column);
    const node = edgeFields.get('node');
    if (node) {
      for (const name of subfields(info, node).keys()) {
        if (name === '__typename') continue;
        const read = Object.hasOwn(byField, name) ? byField[name] : undefined;
        if (!read) return null;
        for (const column of read) columns.add(column);
      }
    }
  }
  const pageInfo = selected.get('pageInfo');
  if (pageInfo && subfields(info, pageInfo).has('endCursor')) for (const column of cursorColumns) columns.add(column);
  return [...columns].sort();
}
