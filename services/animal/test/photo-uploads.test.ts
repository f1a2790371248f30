// Uploading an animal's photo: requestAnimalPhotoUpload hands the owner a signed, single-use URL; the bytes go
// there with PUT (no claims: the URL is the permission); the service stores the re-encoded photo and its
// thumbnail on disk and serves them; whatever is refused stores nothing; replaced and deleted photos' files go.
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import type { Viewer } from '@supergraph/auth';
import { eventually } from '@supergraph/testing';
import { codeOf, createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

const clock = { now: new Date() };
let testbed: AnimalTestbed;
beforeAll(async () => {
  testbed = await startAnimalTestbed({ now: () => clock.now });
});
afterAll(() => testbed.close());
beforeEach(() => {
  clock.now = new Date();
});

const REQUEST_UPLOAD = /* GraphQL */ `
  mutation Request($input: RequestAnimalPhotoUploadInput!) {
    requestAnimalPhotoUpload(input: $input) {
      uploadUrl
      headers {
        name
        value
      }
      expiresAt
    }
  }
`;
const ANIMAL_PHOTO =
  'query($id: ID!) { animal(id: $id) { photoUrl photo { url thumbnailUrl width height contentType } } }';

interface Grant {
  uploadUrl: string;
  headers: { name: string; value: string }[];
  expiresAt: string;
}

async function requestUpload(
  viewer: Viewer | null,
  input: { animalId: string; contentType?: string; byteSize?: number },
) {
  return testbed.animal.graphql<{ requestAnimalPhotoUpload: Grant }>(
    REQUEST_UPLOAD,
    { input: { contentType: 'image/jpeg', byteSize: 1_000_000, ...input } },
    { viewer },
  );
}

async function grantFor(viewer: Viewer, animalId: string, contentType = 'image/jpeg', byteSize = 1_000_000) {
  const result = await requestUpload(viewer, { animalId, contentType, byteSize });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.requestAnimalPhotoUpload;
}

async function put(url: string, body: Buffer | ReadableStream, contentType = 'image/jpeg') {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body,
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as any };
}

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .toBuffer();

/** Every file under the photo directory, relative to it. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(testbed.photoDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(testbed.photoDir, path.join(entry.parentPath, entry.name)))
    .sort();
}
const filesOf = (animalId: string) => storedFiles().then((files) => files.filter((file) => file.includes(animalId)));
const keyOf = (url: string) => new URL(url).pathname.replace(/^\/photos\/files\//, '');

async function photoOf(animalId: string) {
  const result = await testbed.animal.graphql(ANIMAL_PHOTO, { id: animalId }, { viewer: null });
  return result.data!.animal;
}

async function animalWithPhoto(owner: Viewer, name = 'Pic') {
  const animalId = await createAnimal(testbed.animal, owner, { name });
  const grant = await grantFor(owner, animalId);
  const uploaded = await put(grant.uploadUrl, await jpeg(64, 48));
  expect(uploaded.status).toBe(201);
  return { animalId, photo: uploaded.body };
}

describe('requestAnimalPhotoUpload', () => {
  it('gives the owner a URL on this service, the header to send, and 10 minutes', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Kiko' });
    const grant = await grantFor(owner, animalId, 'image/png', 1234);
    expect(grant.uploadUrl).toMatch(
      new RegExp(`^${testbed.animal.baseUrl}/photos/uploads/[0-9a-f-]{36}\\?expires=\\d+&signature=`),
    );
    expect(grant.headers).toEqual([{ name: 'content-type', value: 'image/png' }]);
    const lifetime = new Date(grant.expiresAt).getTime() - clock.now.getTime();
    expect(lifetime).toBeGreaterThan(9 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60 * 1000);
  });

  it('is refused to an anonymous caller, to another user, and for an animal that does not exist', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Mine' });
    expect(codeOf(await requestUpload(null, { animalId }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await requestUpload(newUser(), { animalId }))).toBe('FORBIDDEN');
    expect(codeOf(await requestUpload(owner, { animalId: randomUUID() }))).toBe('NOT_FOUND');
    // An admin may.
    expect((await requestUpload(newUser('ADMIN'), { animalId })).errors).toBeUndefined();
    expect(await testbed.animal.sql('select 1 from photo_uploads where animal_id = $1', [animalId])).toHaveLength(1);
  });

  it.each([
    ['contentType', { contentType: 'image/gif' }],
    ['contentType', { contentType: 'text/plain' }],
    ['byteSize', { byteSize: 0 }],
    ['byteSize', { byteSize: 5 * 1024 * 1024 + 1 }],
    ['animalId', { animalId: 'not-an-id' }],
  ])('refuses a bad %s with BAD_USER_INPUT and writes no grant', async (field, input) => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Bad input' });
    const result = await requestUpload(owner, { animalId, ...input });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.field).toBe(field);
    expect(await testbed.animal.sql('select 1 from photo_uploads where animal_id = $1', [animalId])).toEqual([]);
  });
});

describe('PUT to the upload URL', () => {
  it('stores the photo and a thumbnail, served with immutable cache headers, and sets Animal.photo', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Tall', photoUrl: 'https://example.com/x.jpg' });
    const grant = await grantFor(owner, animalId);
    const uploaded = await put(grant.uploadUrl, await jpeg(600, 900));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ width: 600, height: 900, contentType: 'image/jpeg' });

    const animal = await photoOf(animalId);
    expect(animal.photo).toEqual(uploaded.body);
    // The deprecated field follows the uploaded photo.
    expect(animal.photoUrl).toBe(animal.photo.url);

    const served = await fetch(animal.photo.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const decoded = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([decoded.format, decoded.width, decoded.height]).toEqual(['jpeg', 600, 900]);

    const thumbnail = await sharp(Buffer.from(await (await fetch(animal.photo.thumbnailUrl)).arrayBuffer())).metadata();
    expect(Math.max(thumbnail.width!, thumbnail.height!)).toBeLessThanOrEqual(256);
    expect(thumbnail.height).toBe(256);
    expect((await filesOf(animalId)).map((file) => file.replaceAll(path.sep, '/'))).toEqual(
      [keyOf(animal.photo.url), keyOf(animal.photo.thumbnailUrl)].sort(),
    );
  });

  it('lets a web page on another origin upload (CORS preflight), the URL being the permission', async () => {
    const owner = newUser();
    const grant = await grantFor(owner, await createAnimal(testbed.animal, owner, { name: 'Cors' }));
    const preflight = await fetch(grant.uploadUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://zoo.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    const uploaded = await fetch(grant.uploadUrl, {
      method: 'PUT',
      headers: { origin: 'https://zoo.example', 'content-type': 'image/jpeg' },
      body: await jpeg(10, 10),
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('stores a PNG declared as JPEG as the PNG it is', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Png' });
    const grant = await grantFor(owner, animalId, 'image/jpeg');
    const png = await sharp({ create: { width: 20, height: 10, channels: 4, background: '#00ff0080' } })
      .png()
      .toBuffer();
    const uploaded = await put(grant.uploadUrl, png, 'image/jpeg');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.contentType).toBe('image/png');
    expect(uploaded.body.url).toMatch(/\.png$/);
    expect((await fetch(uploaded.body.url)).headers.get('content-type')).toBe('image/png');
  });

  it('is single use: the same URL again is 410, and the photo stays the first one', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Once' });
    const grant = await grantFor(owner, animalId);
    const first = await put(grant.uploadUrl, await jpeg(30, 30));
    expect(first.status).toBe(201);
    const again = await put(grant.uploadUrl, await jpeg(40, 40));
    expect(again.status).toBe(410);
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'used' });
    expect((await photoOf(animalId)).photo).toEqual(first.body);
    expect(await filesOf(animalId)).toHaveLength(2);
  });

  it('lets exactly one of two racing uploads with the same URL through', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Race' });
    const grant = await grantFor(owner, animalId);
    const bytes = await jpeg(30, 30);
    // Both requests pass the checks that read the grant, then wait on its row, held here, to use it.
    const holder = new pg.Client({ connectionString: testbed.animal.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from photo_uploads where animal_id = $1 for update', [animalId]);
      const racing = Promise.all([put(grant.uploadUrl, bytes), put(grant.uploadUrl, bytes)]);
      // (Asked on another connection: inside a transaction, pg_stat_activity is a snapshot.)
      await eventually(
        () =>
          testbed.animal.sql(
            `select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like 'update "photo_uploads"%'`,
          ),
        (waiting) => waiting.length === 2,
      );
      await holder.query('commit');
      const statuses = (await racing).map((result) => result.status);
      expect(statuses.sort()).toEqual([201, 410]);
    } finally {
      await holder.end();
    }
    expect(await filesOf(animalId)).toHaveLength(2);
  });

  it('refuses an expired URL with 410 and stores nothing', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Late' });
    const grant = await grantFor(owner, animalId);
    clock.now = new Date(clock.now.getTime() + 10 * 60 * 1000 + 1000);
    const late = await put(grant.uploadUrl, await jpeg(30, 30));
    expect(late.status).toBe(410);
    expect(late.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'expired' });
    expect((await photoOf(animalId)).photo).toBeNull();
    expect(await filesOf(animalId)).toEqual([]);
  });

  it('refuses a grant expired in the database even when the URL says otherwise', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Revoked' });
    const grant = await grantFor(owner, animalId);
    await testbed.animal.sql(`update photo_uploads set expires_at = now() - interval '1 second' where animal_id = $1`, [
      animalId,
    ]);
    expect((await put(grant.uploadUrl, await jpeg(30, 30))).status).toBe(410);
    expect(await filesOf(animalId)).toEqual([]);
  });

  describe('a URL or request that does not match what was signed: refused, nothing stored, the URL still usable', () => {
    let owner: Viewer;
    let animalId: string;
    let grant: Grant;
    beforeAll(async () => {
      owner = newUser();
      animalId = await createAnimal(testbed.animal, owner, { name: 'Tampered' });
      grant = await grantFor(owner, animalId, 'image/jpeg', 2000);
    });

    const withParam = (name: string, value: (old: string) => string) => {
      const url = new URL(grant.uploadUrl);
      url.searchParams.set(name, value(url.searchParams.get(name)!));
      return url.toString();
    };

    it.each([
      ['a changed signature', () => withParam('signature', (old) => `${old.slice(0, -2)}AA`)],
      ['a later expiry', () => withParam('expires', (old) => String(Number(old) + 3600))],
      ['no signature', () => grant.uploadUrl.replace(/&signature=[^&]*/, '')],
      ['another upload id', () => grant.uploadUrl.replace(/uploads\/[0-9a-f-]{36}/, `uploads/${randomUUID()}`)],
    ])('%s: 403', async (_name, url) => {
      const refused = await put(url(), await jpeg(16, 16));
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'invalid-url' });
      expect(await filesOf(animalId)).toEqual([]);
    });

    it('another content type than the URL was issued for: 403', async () => {
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
      const refused = await put(grant.uploadUrl, png, 'image/png');
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].extensions.reason).toBe('content-type');
      expect(await filesOf(animalId)).toEqual([]);
    });

    it('more bytes declared than the URL allows: 413 before reading them', async () => {
      const refused = await put(grant.uploadUrl, Buffer.alloc(2001, 1));
      expect(refused.status).toBe(413);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'too-large' });
      expect(await filesOf(animalId)).toEqual([]);
    });

    it('after all of these, the URL still works', async () => {
      expect((await put(grant.uploadUrl, await jpeg(16, 16))).status).toBe(201);
    });
  });

  describe('bytes refused once read: nothing stored, the row unchanged, the URL used', () => {
    it.each([
      ['a text file', 415, 'not-an-image', async () => Buffer.from('just some text, named photo.jpg\n'.repeat(20))],
      ['a truncated JPEG', 422, 'corrupt', async () => (await jpeg(300, 300)).subarray(0, 400)],
    ])('%s: %i', async (_name, status, reason, bytes) => {
      const owner = newUser();
      const { animalId, photo } = await animalWithPhoto(owner, 'Refusals');
      const grant = await grantFor(owner, animalId);
      const refused = await put(grant.uploadUrl, await bytes());
      expect(refused.status).toBe(status);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect((await photoOf(animalId)).photo).toEqual(photo);
      expect(await filesOf(animalId)).toHaveLength(2);
      expect((await put(grant.uploadUrl, await jpeg(16, 16))).status).toBe(410);
    });

    it('more bytes than the URL allows, sent without a length (6 MB against 5 MB): 413', async () => {
      const owner = newUser();
      const animalId = await createAnimal(testbed.animal, owner, { name: 'Huge' });
      const grant = await grantFor(owner, animalId, 'image/jpeg', 5 * 1024 * 1024);
      const chunk = Buffer.alloc(64 * 1024, 7);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 6 * 1024 * 1024) controller.close();
          else {
            controller.enqueue(chunk);
            sent += chunk.length;
          }
        },
      });
      const refused = await put(grant.uploadUrl, body);
      expect(refused.status).toBe(413);
      expect(refused.body.errors[0].extensions.reason).toBe('too-large');
      expect((await photoOf(animalId)).photo).toBeNull();
      expect(await filesOf(animalId)).toEqual([]);
      expect(await testbed.animal.sql('select used_at from photo_uploads where animal_id = $1', [animalId])).toEqual([
        { used_at: expect.any(Date) },
      ]);
    });
  });
});

describe('the stored files follow the animal', () => {
  it('replacing a photo deletes the old files', async () => {
    const owner = newUser();
    const { animalId, photo: old } = await animalWithPhoto(owner, 'Replaced');
    const grant = await grantFor(owner, animalId);
    const replaced = await put(grant.uploadUrl, await jpeg(50, 50));
    expect(replaced.status).toBe(201);
    expect((await fetch(old.url)).status).toBe(404);
    expect((await filesOf(animalId)).map((file) => file.replaceAll(path.sep, '/'))).toEqual(
      [keyOf(replaced.body.url), keyOf(replaced.body.thumbnailUrl)].sort(),
    );
    expect(await testbed.animal.sql('select * from photo_files_to_delete')).toEqual([]);
  });

  it('deleteAnimalPhoto removes the photo and its files; photoUrl falls back to the typed-in URL', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, {
      name: 'Plain',
      photoUrl: 'https://example.com/p.jpg',
    });
    const grant = await grantFor(owner, animalId);
    expect((await put(grant.uploadUrl, await jpeg(20, 20))).status).toBe(201);
    const deleteAs = (viewer: Viewer | null) =>
      testbed.animal.graphql(
        'mutation($id: ID!) { deleteAnimalPhoto(animalId: $id) { id photo { url } photoUrl } }',
        { id: animalId },
        { viewer },
      );
    expect(codeOf(await deleteAs(newUser()))).toBe('FORBIDDEN');
    expect(codeOf(await deleteAs(null))).toBe('UNAUTHENTICATED');
    expect(await filesOf(animalId)).toHaveLength(2);
    const deleted = await deleteAs(owner);
    expect(deleted.data!.deleteAnimalPhoto).toEqual({
      id: animalId,
      photo: null,
      photoUrl: 'https://example.com/p.jpg',
    });
    expect(await filesOf(animalId)).toEqual([]);
  });

  it('deleteAnimal removes its files', async () => {
    const owner = newUser();
    const { animalId } = await animalWithPhoto(owner, 'Deleted');
    const deleted = await testbed.animal.graphql(
      'mutation($id: ID!) { deleteAnimal(id: $id) }',
      { id: animalId },
      {
        viewer: owner,
      },
    );
    expect(deleted.data!.deleteAnimal).toBe(true);
    expect(await filesOf(animalId)).toEqual([]);
  });

  it('a deleted user’s animals’ files go once the UserDeleted event is applied', async () => {
    const owner = newUser();
    const first = await animalWithPhoto(owner, 'One');
    const second = await animalWithPhoto(owner, 'Two');
    const bystander = await animalWithPhoto(newUser(), 'Other');
    const event = {
      id: randomUUID(),
      type: 'UserDeleted',
      aggregateId: owner.id,
      occurredAt: new Date().toISOString(),
      version: 1,
    };
    expect((await testbed.animal.deliverEvent(event)).status).toBe(204);
    await eventually(
      async () => [...(await filesOf(first.animalId)), ...(await filesOf(second.animalId))],
      (files) => files.length === 0,
    );
    expect(await filesOf(bystander.animalId)).toHaveLength(2);
  });
});

describe('GET /photos/files', () => {
  it.each([
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    'animals/../x',
    `animals/${randomUUID()}/${randomUUID()}.jpg`,
    `animals/${randomUUID()}/${randomUUID()}.svg`,
  ])('answers 404 for %s', async (key) => {
    const response = await fetch(`${testbed.animal.baseUrl}/photos/files/${key}`);
    expect(response.status).toBe(404);
  });
});
