// The zoo subgraph on a fresh database, with a stand-in animal service that records the events delivered to it.
import { randomUUID } from 'node:crypto';
import type { Viewer } from '@supergraph/auth';
import type { Logger } from '@supergraph/subgraph';
import { startStubSubgraph, startServiceHarness, type StubSubgraph, type SubgraphHarness } from '@supergraph/testing';
import { service } from '../../src';

export interface ZooTestbed {
  zoo: SubgraphHarness;
  animalService: StubSubgraph;
  close(): Promise<void>;
}

/** `logger`: where the service logs (default: nowhere). */
export async function startZooTestbed(logger?: Logger): Promise<ZooTestbed> {
  const animalService = await startStubSubgraph('animal', () => ({}));
  const zoo = await startServiceHarness(service, {
    settings: {},
    ...(logger && { logger }),
    peers: { animal: { url: animalService.url, timeoutMs: 500 } },
  });
  return {
    zoo,
    animalService,
    async close() {
      await zoo.close();
      await animalService.close();
    },
  };
}

export const newUser = (role: Viewer['role'] = 'USER'): Viewer => ({ id: randomUUID(), role });

export const CREATE_ZOO = /* GraphQL */ `
  mutation CreateZoo($input: CreateZooInput!) {
    createZoo(input: $input) {
      id
      name
      description
      owner {
        id
      }
      createdAt
      updatedAt
    }
  }
`;

export async function createZoo(
  zoo: SubgraphHarness,
  owner: Viewer,
  name: string,
  description?: string,
): Promise<string> {
  const result = await zoo.graphql(CREATE_ZOO, { input: { name, description } }, { viewer: owner });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.createZoo.id;
}
