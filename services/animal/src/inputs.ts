// Parses the animal subgraph's GraphQL inputs into typed values, once, at the edge.
import { id, name, parseInput, searchText, withoutNulls, z } from '@supergraph/validation';

const species = name('Species');
const photoUrl = z
  .string()
  .trim()
  .max(2048, 'photoUrl is at most 2048 characters')
  .pipe(z.url({ protocol: /^https$/, error: 'photoUrl must be an https URL' }));
// graphql-scalars' Date gives a Date at UTC midnight; the database wants the calendar day.
const birthDate = z
  .date()
  .refine((date) => date.getTime() <= Date.now(), 'birthDate cannot be in the future')
  .transform((date) => date.toISOString().slice(0, 10));

const createAnimalInput = z.object({
  name: name('Name'),
  species,
  birthDate: birthDate.nullish(),
  zooId: id('zoo id').nullish(),
  photoUrl: photoUrl.nullish(),
});
const updateAnimalInput = z.object({
  name: name('Name').optional(),
  species: species.optional(),
  birthDate: birthDate.nullable().optional(),
  photoUrl: photoUrl.nullable().optional(),
});
const animalFilter = z.object({
  species: z.string().trim().max(100).optional(),
  nameContains: searchText('nameContains').optional(),
  zooId: id('zoo id').optional(),
  ownerId: id('user id').optional(),
});

export type CreateAnimalInput = {
  name: string;
  species: string;
  birthDate: string | null;
  zooId: string | null;
  photoUrl: string | null;
};
export type UpdateAnimalInput = z.infer<typeof updateAnimalInput>;
export type AnimalFilterInput = z.infer<typeof animalFilter>;

export function parseCreateAnimalInput(input: Record<string, unknown>): CreateAnimalInput {
  const parsed = parseInput(createAnimalInput, input);
  return {
    name: parsed.name,
    species: parsed.species,
    birthDate: parsed.birthDate ?? null,
    zooId: parsed.zooId ?? null,
    photoUrl: parsed.photoUrl ?? null,
  };
}

/** Omitted fields stay as they are; null clears birthDate and photoUrl. */
export function parseUpdateAnimalInput(input: Record<string, unknown>): UpdateAnimalInput {
  return parseInput(updateAnimalInput, withoutNulls(input, ['birthDate', 'photoUrl']));
}

export function parseAnimalFilter(filter: Record<string, unknown> | null | undefined): AnimalFilterInput {
  return parseInput(animalFilter, withoutNulls(filter ?? {}), 'filter');
}

export function parseZooId(zooId: unknown): string | null {
  return zooId === null || zooId === undefined ? null : parseInput(id('zoo id'), zooId, 'zooId');
}
