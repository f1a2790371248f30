import { drawDemoPhoto } from './demo-photos';
import { demoPuzzles } from './demo-puzzles';

// Demo zoos, animals and puzzles for `npm start`, created through the gateway's public API as the demo users, so
// the seed exercises exactly what a client would. Idempotent: what exists already is left alone.

const DEMO_PASSWORD = 'supergraph-demo';

/** The first animals of each demo zoo get a photo, drawn at start-up and uploaded as a client would. */
const PHOTOGRAPHED_PER_ZOO = 3;

interface DemoZoo {
  name: string;
  description: string;
  animals: { name: string; species: string; birthDate?: string }[];
}

const DEMO: Record<string, { zoos: DemoZoo[]; freeAnimals: { name: string; species: string }[] }> = {
  alice: {
    zoos: [
      {
        name: 'Savanna Gardens',
        description: 'Open plains, long shadows and a very loud hippo.',
        animals: [
          { name: 'Nala', species: 'Lion', birthDate: '2019-04-02' },
          { name: 'Kito', species: 'Lion', birthDate: '2021-08-15' },
          { name: 'Tembo', species: 'Elephant', birthDate: '2008-11-30' },
          { name: 'Zuri', species: 'Giraffe' },
        ],
      },
      {
        name: 'Polar Point',
        description: 'Cold water, warm hearts.',
        animals: [
          { name: 'Pebble', species: 'Penguin' },
          { name: 'Frost', species: 'Arctic fox', birthDate: '2022-02-14' },
        ],
      },
    ],
    freeAnimals: [{ name: 'Biscuit', species: 'Tortoise' }],
  },
  bob: {
    zoos: [
      {
        name: 'Rainforest Dome',
        description: 'Humid, green and full of surprises.',
        animals: [
          { name: 'Mango', species: 'Toucan' },
          { name: 'Slowpoke', species: 'Sloth', birthDate: '2015-06-01' },
          { name: 'Jade', species: 'Tree frog' },
        ],
      },
    ],
    freeAnimals: [],
  },
};

async function call(gatewayUrl: string, query: string, variables: Record<string, unknown>, accessToken?: string) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken && { authorization: `Bearer ${accessToken}` }) },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the seed reads the fields of its own queries
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`Demo seed failed: ${body.errors.map((error) => error.message).join('; ')}`);
  return body.data;
}

const REQUEST_PHOTO_UPLOAD = `mutation($input: RequestAnimalPhotoUploadInput!) {
  requestAnimalPhotoUpload(input: $input) { uploadUrl headers { name value } }
}`;

/** Asks for a signed upload URL and PUTs the drawn JPEG there: the bytes go to the animal service (or the object
 * store), never through the gateway. */
async function uploadDemoPhoto(
  gatewayUrl: string,
  animal: { id: string; name: string; species: string },
  accessToken: string,
): Promise<void> {
  const bytes = await drawDemoPhoto(animal.name, animal.species);
  const { requestAnimalPhotoUpload: upload } = await call(
    gatewayUrl,
    REQUEST_PHOTO_UPLOAD,
    { input: { animalId: animal.id, contentType: 'image/jpeg', byteSize: bytes.length } },
    accessToken,
  );
  const headers = (upload.headers as { name: string; value: string }[]).map(({ name, value }): [string, string] => [
    name,
    value,
  ]);
  const response = await fetch(upload.uploadUrl as string, { method: 'PUT', headers, body: new Uint8Array(bytes) });
  if (!response.ok) {
    throw new Error(
      `Demo seed failed: uploading ${animal.name}'s photo answered ${response.status} ${await response.text()}`,
    );
  }
}

/** Seeds the demo zoos and animals, some with photos; returns how many zoos and photos it created. */
export async function seedDemoZoos(gatewayUrl: string): Promise<{ zoos: number; photos: number }> {
  let created = 0;
  let photos = 0;
  for (const [username, demo] of Object.entries(DEMO)) {
    const { login } = await call(gatewayUrl, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
      input: { username, password: DEMO_PASSWORD },
    });
    const token: string = login.accessToken;
    const { me } = await call(gatewayUrl, '{ me { zoos(first: 1) { totalCount } } }', {}, token);
    if (me.zoos.totalCount > 0) continue;
    for (const zoo of demo.zoos) {
      const { createZoo } = await call(
        gatewayUrl,
        'mutation($input: CreateZooInput!) { createZoo(input: $input) { id } }',
        {
          input: { name: zoo.name, description: zoo.description },
        },
        token,
      );
      created++;
      for (const [index, animal] of zoo.animals.entries()) {
        const { createAnimal } = await call(
          gatewayUrl,
          'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
          { input: { ...animal, zooId: createZoo.id } },
          token,
        );
        if (index < PHOTOGRAPHED_PER_ZOO) {
          await uploadDemoPhoto(gatewayUrl, { ...animal, id: createAnimal.id }, token);
          photos++;
        }
      }
    }
    for (const animal of demo.freeAnimals) {
      await call(
        gatewayUrl,
        'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
        { input: animal },
        token,
      );
    }
  }
  return { zoos: created, photos };
}

/** Creates the demo puzzles as the demo admin, for each year that has none yet; returns how many. */
export async function seedDemoPuzzles(gatewayUrl: string): Promise<number> {
  const { login } = await call(gatewayUrl, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { username: 'admin', password: DEMO_PASSWORD },
  });
  const puzzles = demoPuzzles();
  let created = 0;
  for (const year of new Set(puzzles.map((puzzle) => puzzle.year))) {
    const { puzzles: existing } = await call(gatewayUrl, 'query($year: Int!) { puzzles(year: $year) { id } }', {
      year,
    });
    if (existing.length > 0) continue;
    for (const puzzle of puzzles.filter((candidate) => candidate.year === year)) {
      await call(
        gatewayUrl,
        'mutation($input: CreatePuzzleInput!) { createPuzzle(input: $input) { id } }',
        { input: puzzle },
        login.accessToken,
      );
      created++;
    }
  }
  return created;
}
