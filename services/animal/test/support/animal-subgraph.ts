// The animal subgraph on a fresh database, with a stand-in zoo service that knows which zoo belongs to whom.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Viewer } from '@supergraph/auth';
import type { Logger } from '@supergraph/subgraph';
import {
  freePort,
  startStubSubgraph,
  startServiceHarness,
  type StubSubgraph,
  type SubgraphHarness,
} from '@supergraph/testing';
import { service } from '../../src';

export interface AnimalTestbed {
  animal: SubgraphHarness;
  zooService: StubSubgraph;
  /** Where this testbed's photos are stored (PHOTO_DIR, a fresh temporary directory). */
  photoDir: string;
  /** Registers a zoo with the stand-in zoo service; returns its id. */
  addZoo(owner: Viewer): string;
  close(): Promise<void>;
}

export interface AnimalTestbedOptions {
  /** Where the service logs (default: nowhere). */
  logger?: Logger;
  /** The service's clock (default: the real one). */
  now?: () => Date;
}

export async function startAnimalTestbed({ logger, now }: AnimalTestbedOptions = {}): Promise<AnimalTestbed> {
  const zooOwners = new Map<string, string>();
  const zooService = await startStubSubgraph('zoo', ({ variables }) => {
    const ownerId = zooOwners.get(variables.id);
    return { zoo: ownerId ? { id: variables.id, owner: { id: ownerId } } : null };
  });
  const photoDir = await mkdtemp(path.join(tmpdir(), 'animal-photos-'));
  // The service signs upload URLs with its own address, so it listens where it was told.
  const port = await freePort();
  const animal = await startServiceHarness(service, {
    settings: service.loadSettings({
      NODE_ENV: 'test',
      PHOTO_DIR: photoDir,
      PHOTOS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    }),
    port,
    ...(logger && { logger }),
    ...(now && { now }),
    peers: { zoo: { url: zooService.url, timeoutMs: 500 } },
  });
  return {
    animal,
    zooService,
    photoDir,
    addZoo(owner) {
      const id = randomUUID();
      zooOwners.set(id, owner.id);
      return id;
    },
    async close() {
      await animal.close();
      await zooService.close();
      await rm(photoDir, { recursive: true, force: true });
    },
  };
}

export const newUser = (role: Viewer['role'] = 'USER'): Viewer => ({ id: randomUUID(), role });

export const CREATE_ANIMAL = /* GraphQL */ `
  mutation CreateAnimal($input: CreateAnimalInput!) {
    createAnimal(input: $input) {
      id
      name
      species
      birthDate
      photoUrl
      owner {
        id
      }
      zoo {
        id
      }
      createdAt
    }
  }
`;

export async function createAnimal(
  animal: SubgraphHarness,
  owner: Viewer,
  input: Record<string, unknown>,
): Promise<string> {
  const result = await animal.graphql(CREATE_ANIMAL, { input: { species: 'Lion', ...input } }, { viewer: owner });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.createAnimal.id;
}

export const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.code;
