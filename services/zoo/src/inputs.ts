// Parses the zoo subgraph's GraphQL inputs into typed values, once, at the edge.
import { id, name, parseInput, plainText, searchText, withoutNulls, z } from '@supergraph/validation';

const zooName = name('Name');
const description = plainText('Description', 2000);

const createZooInput = z.object({ name: zooName, description: description.nullish() });
const updateZooInput = z.object({ name: zooName.optional(), description: description.nullable().optional() });
const zooFilter = z.object({
  nameContains: searchText('nameContains').optional(),
  ownerId: id('user id').optional(),
});

export type CreateZooInput = z.infer<typeof createZooInput>;
export type UpdateZooInput = z.infer<typeof updateZooInput>;
export type ZooFilterInput = z.infer<typeof zooFilter>;

export function parseCreateZooInput(input: Record<string, unknown>): { name: string; description: string | null } {
  const parsed = parseInput(createZooInput, input);
  return { name: parsed.name, description: parsed.description || null };
}

/** Omitted fields stay as they are; `description: null` clears it. */
export function parseUpdateZooInput(input: Record<string, unknown>): UpdateZooInput {
  const parsed = parseInput(updateZooInput, withoutNulls(input, ['description']));
  return parsed.description === '' ? { ...parsed, description: null } : parsed;
}

export function parseZooFilter(filter: Record<string, unknown> | null | undefined): ZooFilterInput {
  return parseInput(zooFilter, withoutNulls(filter ?? {}), 'filter');
}
