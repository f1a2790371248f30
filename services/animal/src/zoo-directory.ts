// Asks the zoo subgraph who owns a zoo: the animal service's only question to another service.
import { SERVICE_OPERATIONS } from '@supergraph/auth';
import type { Viewer } from '@supergraph/auth';
import type { SubgraphClient } from '@supergraph/subgraph';

export interface ZooDirectory {
  /** The owner's id, or null when no such zoo exists. Throws ServiceUnavailable when the zoo service cannot answer. */
  ownerOf(zooId: string, viewer: Viewer | null): Promise<string | null>;
}

export function createZooDirectory(zooService: SubgraphClient): ZooDirectory {
  return {
    async ownerOf(zooId, viewer) {
      const data = await zooService.request(SERVICE_OPERATIONS.zooOwner, { id: zooId }, viewer);
      return data.zoo?.owner.id ?? null;
    },
  };
}
