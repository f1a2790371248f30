// The S3 photo store against a real S3-protocol server on 127.0.0.1: s3rver (@20minutes/s3rver, a maintained
// fork), started in this process. It is only a test double of the object store's HTTP protocol (PutObject,
// DeleteObjects, XML errors, anonymous GETs), not MinIO or AWS: what is checked here is what the store sends
// and how it reads the answers, not how a real store behaves (MinIO itself runs under the compose profile `s3`).
// s3rver's signature check is off: it canonicalises the bucket-root path of DeleteObjects (`POST /bucket/?delete`,
// as the current SDK sends it) as `/bucket` and so refuses every correctly signed one; unknown access keys are
// still refused, which is what shows that the store sends the credentials it is given.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '@supergraph/testing';
import { createS3PhotoStore } from '../src/photos/s3-photo-store';

const BUCKET = 'animal-photos';
// s3rver's one account.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let server: S3rver;
let directory: string;
let endpoint: string;
let client: S3Client;
const stores: { close(): void }[] = [];

const storeFor = (bucket: string) => {
  const store = createS3PhotoStore({
    bucket,
    region: 'us-east-1',
    endpoint,
    ...CREDENTIALS,
    forcePathStyle: true,
    publicBaseUrl: `${endpoint}/${bucket}/`,
  });
  stores.push(store);
  return store;
};

/** Whether the key is in the bucket, asked with the SDK itself rather than through the store under test. */
async function exists(key: string): Promise<boolean> {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    await object.Body!.transformToByteArray();
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return false;
    throw error;
  }
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 's3-photo-store-'));
  const port = await freePort();
  server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: BUCKET }],
  });
  await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS });
});

afterAll(async () => {
  for (const store of stores) store.close();
  client?.destroy();
  await server?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

it('stores a photo that clients read back from its public URL, with its type and immutable cache headers', async () => {
  const store = storeFor(BUCKET);
  const key = 'animals/0b7c/ph oto+1.webp';
  const bytes = Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 not really a picture');
  await store.put(key, bytes, 'image/webp');

  const url = store.publicUrl(key);
  expect(url).toBe(`${endpoint}/${BUCKET}/animals/0b7c/ph%20oto%2B1.webp`);
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/webp');
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
});

it('deletes several keys at once, a key that is already gone included', async () => {
  const store = storeFor(BUCKET);
  const keys = ['animals/a1/photo.png', 'animals/a1/thumb.png', 'animals/a2/photo.jpg'];
  for (const key of keys) await store.put(key, Buffer.from(key), 'image/png');
  await store.put('animals/a3/kept.jpg', Buffer.from('kept'), 'image/jpeg');

  await store.delete([...keys, 'animals/never/stored.jpg', keys[0]!]);

  for (const key of keys) expect(await exists(key)).toBe(false);
  expect(await exists('animals/a3/kept.jpg')).toBe(true);
  await expect(store.delete(keys)).resolves.toBeUndefined(); // deleting again: all already gone
  await expect(store.delete([])).resolves.toBeUndefined();
});

it('surfaces an error of the store as a thrown error: a bucket that does not exist', async () => {
  const store = storeFor('no-such-bucket');
  await expect(store.put('animals/x/photo.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toMatchObject({
    name: 'NoSuchBucket',
  });
  await expect(store.delete(['animals/x/photo.jpg'])).rejects.toMatchObject({ name: 'NoSuchBucket' });
});

it('surfaces refused credentials as a thrown error', async () => {
  const store = createS3PhotoStore({
    bucket: BUCKET,
    region: 'us-east-1',
    endpoint,
    accessKeyId: 'NOT-AN-ACCOUNT',
    secretAccessKey: 'not-the-secret',
    forcePathStyle: true,
    publicBaseUrl: `${endpoint}/${BUCKET}`,
  });
  stores.push(store);
  await expect(store.put('animals/x/photo.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toMatchObject({
    name: 'InvalidAccessKeyId',
  });
  expect(await exists('animals/x/photo.jpg')).toBe(false);
});

it('refuses half of a pair of credentials at construction', () => {
  expect(() =>
    createS3PhotoStore({ bucket: BUCKET, region: 'us-east-1', accessKeyId: 'only-the-id', publicBaseUrl: endpoint }),
  ).toThrow(/both the access key id and the secret access key, or neither/);
});

// Two behaviours of S3 that s3rver does not model, played by a stub on 127.0.0.1 that answers DeleteObjects
// only: more than 1000 keys in one request is MalformedXML, and a 200 answer may list keys it refused.
describe('against S3’s DeleteObjects limits and per-key errors (a stub of that one request)', () => {
  let stub: Server;
  let stubEndpoint: string;
  const requests: string[][] = [];
  /** Per key, the <Error> code the stub reports for it. */
  const errors = new Map<string, string>();

  beforeAll(async () => {
    stub = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const keys = [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]!);
        res.setHeader('content-type', 'application/xml');
        if (req.method !== 'POST' || !req.url?.includes('?delete') || keys.length > 1000) {
          res.statusCode = 400;
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>MalformedXML</Code><Message>no</Message></Error>',
          );
          return;
        }
        requests.push(keys);
        const refused = keys
          .filter((key) => errors.has(key))
          .map((key) => `<Error><Key>${key}</Key><Code>${errors.get(key)}</Code><Message>refused</Message></Error>`);
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${refused.join('')}</DeleteResult>`,
        );
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => stub.listen(port, '127.0.0.1', resolve));
    stubEndpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => stub?.close(() => resolve())));
  beforeEach(() => {
    requests.length = 0;
    errors.clear();
  });

  const stubStore = () => {
    const store = createS3PhotoStore({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: stubEndpoint,
      ...CREDENTIALS,
      forcePathStyle: true,
      publicBaseUrl: `${stubEndpoint}/${BUCKET}`,
    });
    stores.push(store);
    return store;
  };

  it('sends more than 1000 keys in batches of at most 1000, each key once', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `animals/many/${i}.jpg`);
    await stubStore().delete([...keys, keys[0]!]);
    expect(requests.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(requests.flat()).toEqual(keys);
  });

  it('throws when S3 refuses some keys in a 200 answer, naming them; a key reported missing is no failure', async () => {
    errors.set('animals/a/photo.jpg', 'AccessDenied');
    errors.set('animals/a/thumb.jpg', 'NoSuchKey');
    const attempt = stubStore().delete(['animals/a/photo.jpg', 'animals/a/thumb.jpg']);
    await expect(attempt).rejects.toThrow(/refused to delete 1 photo object.*animals\/a\/photo\.jpg: AccessDenied/);

    errors.delete('animals/a/photo.jpg');
    await expect(stubStore().delete(['animals/a/photo.jpg', 'animals/a/thumb.jpg'])).resolves.toBeUndefined();
  });
});
