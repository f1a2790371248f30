import { createZoo, newUser, startZooTestbed, type ZooTestbed } from './support/zoo-subgraph';

let testbed: ZooTestbed;
beforeAll(async () => {
  testbed = await startZooTestbed();
});
afterAll(() => testbed.close());

const PAGE = /* GraphQL */ `
  query Page($after: String, $ownerId: ID) {
    zoos(first: 10, after: $after, filter: { ownerId: $ownerId }) {
      totalCount
      edges {
        cursor
        node {
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

describe('paging through zoos', () => {
  it('reads 25 zoos in pages of 10 as 3 pages, without gaps or repeats, while others are being created', async () => {
    const owner = newUser();
    const names = Array.from({ length: 25 }, (_, index) => `Zoo ${String(index).padStart(2, '0')}`);
    for (const name of names) await createZoo(testbed.zoo, owner, name);

    const seen: string[] = [];
    let pages = 0;
    let after: string | null = null;
    const concurrentInserts: Promise<string>[] = [];
    do {
      const result: any = await testbed.zoo.graphql(PAGE, { after, ownerId: owner.id });
      pages++;
      seen.push(...result.data.zoos.edges.map((edge: any) => edge.node.name));
      after = result.data.zoos.pageInfo.hasNextPage ? result.data.zoos.pageInfo.endCursor : null;
      // Other owners keep creating zoos between page reads; they must not disturb this listing.
      concurrentInserts.push(createZoo(testbed.zoo, newUser(), `Concurrent ${pages}`));
    } while (after);
    await Promise.all(concurrentInserts);

    expect(pages).toBe(3);
    expect(seen).toEqual(names);
  });

  it('lists every zoo exactly once across pages even when new zoos arrive at the end mid-way', async () => {
    const before = (await testbed.zoo.graphql('{ zoos(first: 0) { totalCount } }')).data!.zoos.totalCount as number;
    const ids: string[] = [];
    let after: string | null = null;
    let added = false;
    do {
      const result: any = await testbed.zoo.graphql(
        'query($after: String) { zoos(first: 10, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      ids.push(...result.data.zoos.edges.map((edge: any) => edge.node.id));
      if (!added) {
        added = true;
        await createZoo(testbed.zoo, newUser(), 'Late arrival');
      }
      after = result.data.zoos.pageInfo.hasNextPage ? result.data.zoos.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(before + 1);
  });
});
