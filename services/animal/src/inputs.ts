// Parses the animal subgraph's GraphQL inputs into typed values, once, at the edge.
import { id, name, parseInput, searchText, withoutNulls, z } from '@supergraph/validation';
import { DEFAULT_PHOTO_LIMITS, type PhotoContentType } from './photos/image-pipeline-types';

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

const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const satisfies readonly PhotoContentType[];
const requestAnimalPhotoUploadInput = z.object({
  animalId: id('animal id'),
  contentType: z.enum(PHOTO_CONTENT_TYPES, { error: `contentType must be one of ${PHOTO_CONTENT_TYPES.join(', ')}` }),
  byteSize: z
    .number()
    .int()
    .min(1, 'byteSize must be at least 1')
    .max(DEFAULT_PHOTO_LIMITS.maxBytes, `byteSize must be at most ${DEFAULT_PHOTO_LIMITS.maxBytes} (5 MB)`),
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
export type RequestAnimalPhotoUploadInput = z.infer<typeof requestAnimalPhotoUploadInput>;

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

export function parseRequestAnimalPhotoUploadInput(input: Record<string, unknown>): RequestAnimalPhotoUploadInput {
  return parseInput(requestAnimalPhotoUploadInput, input);
}

export function parseAnimalId(animalId: unknown): string {
  return parseInput(id('animal id'), animalId, 'animalId');
}
