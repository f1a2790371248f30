// An animal's photo, as a client does it through the real supergraph: ask the gateway for an upload URL, PUT the
// bytes to that URL (the animal service's own address, never the gateway), read the photo back through the
// gateway and fetch it; and the files go when the owner's account is deleted.
import { readdir } from 'node:fs/promises';
import sharp from 'sharp';
import { eventually } from '@supergraph/testing';
import { startSupergraph, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const CREATE_ANIMAL = 'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }';
const REQUEST_UPLOAD = `mutation($input: RequestAnimalPhotoUploadInput!) {
  requestAnimalPhotoUpload(input: $input) { uploadUrl headers { name value } expiresAt }
}`;
const ANIMAL_PHOTO =
  'query($id: ID!) { animal(id: $id) { photoUrl photo { url thumbnailUrl width height contentType } } }';

async function must(result: Promise<{ data?: Record<string, any> | null; errors?: unknown[] }>) {
  const { data, errors } = await result;
  if (errors) throw new Error(JSON.stringify(errors));
  return data!;
}

async function userWithAnimal(name: string) {
  const user = await supergraph.signUp(name);
  const animalId = (
    await must(supergraph.query(CREATE_ANIMAL, { input: { name: `${name}'s owl`, species: 'Owl' } }, user.auth))
  ).createAnimal.id as string;
  return { ...user, animalId };
}

const photoFiles = async () => (await readdir(supergraph.photoDir, { recursive: true })).filter((f) => /\./.test(f));

async function uploadPhoto(auth: Record<string, string>, animalId: string, bytes: Buffer) {
  const { requestAnimalPhotoUpload: grant } = await must(
    supergraph.query(REQUEST_UPLOAD, { input: { animalId, contentType: 'image/jpeg', byteSize: bytes.length } }, auth),
  );
  const response = await fetch(grant.uploadUrl, {
    method: 'PUT',
    headers: Object.fromEntries(grant.headers.map(({ name, value }: { name: string; value: string }) => [name, value])),
    body: bytes,
  });
  return { grant, status: response.status };
}

it('uploads a photo to the animal service and serves what the gateway says, re-encoded, with a thumbnail', async () => {
  const alice = await userWithAnimal('photo_alice');
  const bytes = await sharp({ create: { width: 1024, height: 512, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  const { grant, status } = await uploadPhoto(alice.auth, alice.animalId, bytes);
  expect(status).toBe(201);
  // The bytes went to the animal service, not to the gateway.
  expect(new URL(grant.uploadUrl).origin).toBe(new URL(supergraph.subgraphs.animal.url).origin);
  expect(new URL(grant.uploadUrl).origin).not.toBe(new URL(supergraph.gatewayUrl).origin);

  const { animal } = await must(supergraph.query(ANIMAL_PHOTO, { id: alice.animalId }));
  expect(animal.photo).toMatchObject({ width: 1024, height: 512, contentType: 'image/jpeg' });
  expect(animal.photoUrl).toBe(animal.photo.url);
  const served = await fetch(animal.photo.url);
  expect(served.status).toBe(200);
  expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const photo = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
  expect([photo.format, photo.width, photo.height]).toEqual(['jpeg', 1024, 512]);
  const thumbnail = await sharp(Buffer.from(await (await fetch(animal.photo.thumbnailUrl)).arrayBuffer())).metadata();
  expect([thumbnail.width, thumbnail.height]).toEqual([256, 128]);
});

it('refuses an upload URL to an anonymous caller and to someone else’s animal', async () => {
  const owner = await userWithAnimal('photo_owner');
  const stranger = await supergraph.signUp('photo_stranger');
  const input = { animalId: owner.animalId, contentType: 'image/png', byteSize: 1000 };
  const anonymous = await supergraph.query(REQUEST_UPLOAD, { input });
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const forbidden = await supergraph.query(REQUEST_UPLOAD, { input }, stranger.auth);
  expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(
    await supergraph.subgraphs.animal.sql('select 1 from photo_uploads where animal_id = $1', [owner.animalId]),
  ).toEqual([]);
});

it('deletes the photos of a deleted user’s animals once the deletion reaches the animal service', async () => {
  const leaving = await userWithAnimal('photo_leaving');
  const bytes = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#123' } })
    .jpeg()
    .toBuffer();
  expect((await uploadPhoto(leaving.auth, leaving.animalId, bytes)).status).toBe(201);
  const ofAnimal = async () => (await photoFiles()).filter((file) => file.includes(leaving.animalId));
  expect(await ofAnimal()).toHaveLength(2);
  await must(supergraph.query('mutation($id: ID!) { deleteUser(id: $id) }', { id: leaving.viewer.id }, leaving.auth));
  await eventually(ofAnimal, (files) => files.length === 0);
  expect((await must(supergraph.query(ANIMAL_PHOTO, { id: leaving.animalId }))).animal).toBeNull();
});
