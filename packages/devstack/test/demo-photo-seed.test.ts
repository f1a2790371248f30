// The demo seed gives the first animals of each new demo zoo a photo, uploaded as a client would: it asks the
// gateway for a signed upload URL, then PUTs the drawn JPEG there with the headers it was given. Here a fake
// gateway and upload endpoint on loopback stand in for the real ones and record what the seed sent.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { seedDemoZoos } from '../src/demo-data';

interface Upload {
  animalId: string;
  headers: IncomingMessage['headers'];
  bytes: Buffer;
}

interface FakeGateway {
  url: string;
  animals: Map<string, string>; // id → name
  requestedSizes: Map<string, number>; // animal id → byteSize asked for
  uploads: Upload[];
  close: () => Promise<void>;
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** Answers the seed's operations by what they ask for; `bob` has a zoo already, so only `alice` is seeded. */
async function startFakeGateway(uploadStatus = 201): Promise<FakeGateway> {
  const fake = {
    animals: new Map<string, string>(),
    requestedSizes: new Map<string, number>(),
    uploads: [] as Upload[],
  };
  let nextId = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const uploadPath = /^\/upload\/(.+)$/.exec(request.url ?? '');
      if (request.method === 'PUT' && uploadPath) {
        fake.uploads.push({ animalId: uploadPath[1]!, headers: request.headers, bytes: body });
        response.writeHead(uploadStatus).end(uploadStatus === 201 ? '{}' : 'refused: corrupt');
        return;
      }
      const { query, variables } = JSON.parse(body.toString()) as { query: string; variables: any };
      const answer = (data: unknown) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      if (query.includes('login(')) return answer({ login: { accessToken: `access-${variables.input.username}` } });
      if (query.includes('me {')) {
        const seeded = request.headers.authorization === 'Bearer access-bob';
        return answer({ me: { zoos: { totalCount: seeded ? 1 : 0 } } });
      }
      if (query.includes('createZoo(')) return answer({ createZoo: { id: `zoo-${++nextId}` } });
      if (query.includes('createAnimal(')) {
        const id = `animal-${++nextId}`;
        fake.animals.set(id, variables.input.name);
        return answer({ createAnimal: { id } });
      }
      if (query.includes('requestAnimalPhotoUpload(')) {
        const { animalId, contentType, byteSize } = variables.input;
        fake.requestedSizes.set(animalId, byteSize);
        return answer({
          requestAnimalPhotoUpload: {
            uploadUrl: `${url}/upload/${animalId}`,
            headers: [
              { name: 'content-type', value: contentType },
              { name: 'x-upload-signature', value: `signed-${animalId}` },
            ],
          },
        });
      }
      response.writeHead(400).end(JSON.stringify({ errors: [{ message: `unexpected operation: ${query}` }] }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...fake,
    url,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

let gateway: FakeGateway;
afterEach(() => gateway.close());

it('uploads a drawn JPEG for the first three animals of each zoo it creates, with the headers it was given', async () => {
  gateway = await startFakeGateway();

  const seeded = await seedDemoZoos(`${gateway.url}/graphql`);

  expect(seeded).toEqual({ zoos: 2, photos: 5 });
  const photographed = gateway.uploads.map((upload) => gateway.animals.get(upload.animalId));
  expect(photographed).toEqual(['Nala', 'Kito', 'Tembo', 'Pebble', 'Frost']);
  for (const upload of gateway.uploads) {
    expect(upload.headers['content-type']).toBe('image/jpeg');
    expect(upload.headers['x-upload-signature']).toBe(`signed-${upload.animalId}`);
    expect(upload.bytes.length).toBe(gateway.requestedSizes.get(upload.animalId));
    expect(await sharp(upload.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
  }
});

it('stops with the upload endpoint’s answer when an upload is refused', async () => {
  gateway = await startFakeGateway(400);

  await expect(seedDemoZoos(`${gateway.url}/graphql`)).rejects.toThrow(
    "Demo seed failed: uploading Nala's photo answered 400 refused: corrupt",
  );
});
