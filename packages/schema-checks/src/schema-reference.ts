// The schema reference (docs/schema.md): every type and field of the API schema, as Markdown, with its
// description, arguments, the subgraphs that resolve it and the stored client operations that use it. Pure and
// deterministic (sorted, no dates), so a diff of the file shows only real changes to the schema.
import {
  astFromValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { apiSchemaOf, type ClientOperation } from './api-schema';
import { operationUsage, type OperationUsage } from './operation-usage';
import { subgraphOwnership, type SubgraphOwnership } from './subgraph-ownership';

const byName = (a: string, b: string) => {
  const [left, right] = [a.toLowerCase(), b.toLowerCase()];
  return left < right ? -1 : left > right ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** Heading anchors as GitHub makes them (github-slugger): lower case, punctuation dropped, repeats numbered. */
class Anchors {
  private readonly taken = new Map<string, number>();
  private readonly byKey = new Map<string, string>();

  add(key: string, heading: string): void {
    const base = heading
      .toLowerCase()
      .replace(/[^a-z0-9 _-]/g, '')
      .replace(/ /g, '-');
    let anchor = base;
    while (this.taken.has(anchor)) {
      const count = this.taken.get(base)! + 1;
      this.taken.set(base, count);
      anchor = `${base}-${count}`;
    }
    this.taken.set(anchor, 0);
    this.byKey.set(key, anchor);
  }

  of(key: string): string {
    const anchor = this.byKey.get(key);
    if (anchor === undefined) throw new Error(`schema reference: no heading for ${key}`);
    return anchor;
  }
}

/** A code span that holds any text, backticks included. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return longestRun ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** A GraphQL description as Markdown (which the GraphQL spec says it is), indented to sit inside a list item. */
const indentedText = (text: string, indent: string) =>
  text
    .trim()
    .split('\n')
    .map((line, index) => (index === 0 || !line.trim() ? line.trimEnd() : `${indent}${line.trimEnd()}`))
    .join('\n');

const descriptionOf = (element: { description?: string | null | undefined }) =>
  element.description?.trim() ? element.description.trim() : '_No description._';

const defaultOf = (input: GraphQLArgument | GraphQLInputField) => {
  if (input.defaultValue === undefined) return '';
  const ast = astFromValue(input.defaultValue, input.type);
  return ast ? `, default ${code(print(ast))}` : '';
};

const deprecationOf = (element: { deprecationReason?: string | null | undefined }) =>
  element.deprecationReason != null ? `**Deprecated:** ${element.deprecationReason.trim() || 'no reason given.'}` : '';

const andList = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

interface Group {
  heading: string;
  types: GraphQLNamedType[];
}

/** Root types first (in the order query, mutation, subscription), then each kind of type alphabetically. */
function groupsOf(schema: GraphQLSchema): Group[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (type): type is NonNullable<typeof type> => Boolean(type),
  );
  const rootNames = new Set(roots.map((type) => type.name));
  const rest = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !rootNames.has(type.name))
    .sort((a, b) => byName(a.name, b.name));
  return [
    { heading: 'Root types', types: roots },
    { heading: 'Objects', types: rest.filter(isObjectType) },
    { heading: 'Interfaces', types: rest.filter(isInterfaceType) },
    { heading: 'Unions', types: rest.filter(isUnionType) },
    { heading: 'Input objects', types: rest.filter(isInputObjectType) },
    { heading: 'Enums', types: rest.filter(isEnumType) },
    { heading: 'Scalars', types: rest.filter(isScalarType) },
  ].filter((group) => group.types.length);
}

const outputFieldsOf = (type: GraphQLNamedType): GraphQLField<unknown, unknown>[] =>
  isObjectType(type) || isInterfaceType(type)
    ? Object.values(type.getFields()).sort((a, b) => byName(a.name, b.name))
    : [];

class ReferenceWriter {
  private readonly anchors = new Anchors();
  private readonly blocks: string[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly groups: Group[],
    private readonly ownership: SubgraphOwnership,
    private readonly usage: OperationUsage,
    private readonly operations: ClientOperation[],
  ) {
    // Every heading, in the order written, so that links (the contents come first) find their anchors.
    this.anchors.add('title', 'Schema reference');
    this.anchors.add('contents', 'Contents');
    for (const group of groups) {
      this.anchors.add(`group:${group.heading}`, group.heading);
      for (const type of group.types) {
        this.anchors.add(`type:${type.name}`, type.name);
        for (const field of outputFieldsOf(type))
          this.anchors.add(`field:${type.name}.${field.name}`, `${type.name}.${field.name}`);
      }
    }
  }

  private block(...lines: string[]) {
    const text = lines.filter(Boolean).join('\n');
    if (text) this.blocks.push(text);
  }

  private typeLink(type: GraphQLType): string {
    return `[${code(String(type))}](#${this.anchors.of(`type:${getNamedType(type).name}`)})`;
  }

  private operationLinks(operations: ClientOperation[]): string {
    return operations.map((operation) => `[${code(operation.name)}](${operation.file})`).join(', ');
  }

  private subgraphList(subgraphs: string[]): string {
    return andList(subgraphs.map(code));
  }

  write(): string {
    const fieldCount = this.groups
      .flatMap((group) => group.types)
      .reduce((count, type) => count + outputFieldsOf(type).length, 0);
    const usedFieldCount = this.groups
      .flatMap((group) => group.types)
      .reduce(
        (count, type) =>
          count + outputFieldsOf(type).filter((field) => this.usage.ofField(type.name, field.name).length).length,
        0,
      );
    const typeCount = this.groups.reduce((count, group) => count + group.types.length, 0);

    this.block('# Schema reference');
    this.block(
      '> Generated from `supergraph.graphql` by `npm run compose`; do not edit by hand. To change it, change a',
      "> subgraph's `schema.graphql` and run `npm run compose`. `npm run check` fails when this file is out of date.",
    );
    this.block(
      'What clients can ask the gateway for: every type and field of the API schema (the supergraph without its',
      '`@inaccessible` parts and federation internals). Each field says which subgraph resolves it and which of the',
      'stored client operations in `packages/schema-checks/operations/` use it: those operations must keep working,',
      'so `npm run check` fails a change that breaks one.',
    );
    this.block(
      `${typeCount} types; ${fieldCount} fields on object and interface types, ${usedFieldCount} of them used by the ${this.operations.length} stored operations.`,
    );

    this.block('## Contents');
    this.block(
      ...this.groups.map(
        (group) =>
          `- [${group.heading}](#${this.anchors.of(`group:${group.heading}`)}): ${group.types
            .map((type) => `[${type.name}](#${this.anchors.of(`type:${type.name}`)})`)
            .join(', ')}`,
      ),
    );

    for (const group of this.groups) {
      this.block(`## ${group.heading}`);
      for (const type of group.types) this.writeType(type);
    }
    return `${this.blocks.join('\n\n')}\n`;
  }

  private kindOf(type: GraphQLNamedType): string {
    const entity = this.ownership.typeIn(type.name)?.some((entry) => entry.keys.length);
    if (isObjectType(type)) {
      if (type === this.schema.getQueryType()) return 'Root query type';
      if (type === this.schema.getMutationType()) return 'Root mutation type';
      if (type === this.schema.getSubscriptionType()) return 'Root subscription type';
      return entity
        ? 'Entity (an object type identified by its key, which subgraphs can reference and extend)'
        : 'Object type';
    }
    if (isInterfaceType(type)) return entity ? 'Entity interface' : 'Interface';
    if (isUnionType(type)) return 'Union';
    if (isInputObjectType(type)) return 'Input object (an argument value)';
    if (isEnumType(type)) return 'Enum';
    return isSpecifiedScalarType(type) ? 'Scalar, built into GraphQL' : 'Scalar';
  }

  private subgraphsOf(type: GraphQLNamedType): string {
    const entries = this.ownership.typeIn(type.name);
    if (!entries?.length) return '';
    const described = entries.map((entry) => {
      const notes = [
        ...entry.keys.map((key) => `key ${code(key)}`),
        ...(entry.keys.length && !entry.resolvable ? ['references it only'] : []),
        ...(entry.interfaceObject ? ['as an `@interfaceObject`'] : []),
      ];
      return notes.length ? `${code(entry.subgraph)} (${notes.join(', ')})` : code(entry.subgraph);
    });
    return `- Subgraphs: ${andList(described)}`;
  }

  private writeType(type: GraphQLNamedType) {
    this.block(`### ${type.name}`);
    this.block(descriptionOf(type));
    const facts = [`- Kind: ${this.kindOf(type)}`, this.subgraphsOf(type)];
    if (isObjectType(type) || isInterfaceType(type)) {
      const interfaces = type.getInterfaces();
      if (interfaces.length) facts.push(`- Implements: ${interfaces.map((i) => this.typeLink(i)).join(', ')}`);
    }
    if (isInterfaceType(type) || isUnionType(type)) {
      const possible = [...this.schema.getPossibleTypes(type)].sort((a, b) => byName(a.name, b.name));
      facts.push(
        `- ${isUnionType(type) ? 'Members' : 'Implemented by'}: ${possible.map((t) => this.typeLink(t)).join(', ')}`,
      );
    }
    if (isScalarType(type) && type.specifiedByURL) facts.push(`- Specified by: <${type.specifiedByURL}>`);
    if (isInputObjectType(type) || isEnumType(type)) {
      const users = this.usage.ofInputType(type.name);
      if (users.length) facts.push(`- Passed in by: ${this.operationLinks(users)}`);
    }
    const fields = outputFieldsOf(type);
    if (fields.length)
      facts.push(
        `- Fields: ${fields.map((field) => `[${code(field.name)}](#${this.anchors.of(`field:${type.name}.${field.name}`)})`).join(', ')}`,
      );
    this.block(...facts);

    if (isInputObjectType(type)) {
      this.block('Input fields:');
      this.block(
        // Composition keeps only the input fields that every subgraph defining the input type has.
        ...Object.values(type.getFields()).map((field) => this.inputItem(field)),
      );
    }
    if (isEnumType(type)) {
      this.block('Values:');
      this.block(
        ...type.getValues().map((value) => {
          const text = [descriptionOf(value), deprecationOf(value)].filter(Boolean).join(' ');
          return `- ${code(value.name)}: ${indentedText(text, '  ')}`;
        }),
      );
    }
    for (const field of fields) this.writeField(type, field);
  }

  /** One argument or input field, as a list item. */
  private inputItem(input: GraphQLArgument | GraphQLInputField): string {
    const text = [descriptionOf(input), deprecationOf(input)].filter(Boolean).join(' ');
    return `- ${code(input.name)}: ${this.typeLink(input.type)}${defaultOf(input)}. ${indentedText(text, '  ')}`;
  }

  private writeField(type: GraphQLNamedType, field: GraphQLField<unknown, unknown>) {
    this.block(`#### ${type.name}.${field.name}`);
    const resolution = this.ownership.field(type.name, field.name);
    const resolvedBy = resolution.resolvedBy.length
      ? `Resolved by ${this.subgraphList(resolution.resolvedBy)}`
      : 'Resolved by no subgraph';
    const notes = [
      ...resolution.requires.map(
        (requirement) =>
          `${code(requirement.subgraph)} needs ${code(requirement.fields)} of the ${type.name} first (\`@requires\`)`,
      ),
      ...resolution.overrides.map(
        (override) =>
          `${code(override.subgraph)} took it over from ${code(override.from)} (\`@override\`${override.label ? ` with label ${code(override.label)}` : ''})`,
      ),
    ];
    this.block(`Type: ${this.typeLink(field.type)} · ${resolvedBy}${notes.length ? `; ${notes.join('; ')}` : ''}.`);
    this.block(descriptionOf(field));
    this.block(deprecationOf(field));
    if (field.args.length) {
      this.block('Arguments:');
      this.block(...field.args.map((arg) => this.inputItem(arg)));
    }
    const users = this.usage.ofField(type.name, field.name);
    this.block(users.length ? `Used by: ${this.operationLinks(users)}.` : 'Used by no stored operation.');
  }
}

/**
 * The schema reference of `supergraphSdl`. Each operation's `file` is used as its link target as given, so pass
 * paths relative to where the Markdown file will be written.
 */
export function schemaReference(supergraphSdl: string, operations: ClientOperation[]): string {
  const schema = apiSchemaOf(supergraphSdl);
  return new ReferenceWriter(
    schema,
    groupsOf(schema),
    subgraphOwnership(supergraphSdl),
    operationUsage(schema, operations),
    operations,
  ).write();
}
