import { createdAtCursor, decodeCursor, encodeCursor, parseCreatedAtPage, parsePageArgs, toConnection } from '../src';

const badInput = (field: string) =>
  expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });

describe('page arguments', () => {
  it('defaults to 20 and accepts up to 100', () => {
    expect(parsePageArgs({}, 2).first).toBe(20);
    expect(parsePageArgs({ first: 100 }, 2).first).toBe(100);
  });

  it('rejects more than 100, negatives and fractions on `first`', () => {
    for (const first of [101, -1, 2.5]) expect(() => parsePageArgs({ first }, 2)).toThrow(badInput('first'));
  });

  it('round-trips a cursor and rejects tampered ones on `after`', () => {
    const cursor = encodeCursor(['2026-11-26T10:00:00.000Z', 'a1']);
    expect(parsePageArgs({ after: cursor }, 2).after).toEqual(['2026-11-26T10:00:00.000Z', 'a1']);
    for (const after of ['not-a-cursor', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => parsePageArgs({ after }, 2)).toThrow(badInput('after'));
    }
    expect(() => decodeCursor(encodeCursor([{ nested: true } as never, 'x']), 2)).toThrow(badInput('after'));
  });
});

describe('toConnection', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: n }));
  const key = (row: { id: string; at: number }) => [row.at, row.id] as const;

  it('uses the extra row only to report a next page', () => {
    const connection = toConnection(rows, { first: 2 }, 3, key);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['id1', 'id2']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2, 'id2']) });
    expect(connection.totalCount).toBe(3);
  });

  it('reports the last page and an empty one', () => {
    expect(toConnection(rows, { first: 5 }, 3, key).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], { first: 5 }, 0, key).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});

describe('parseCreatedAtPage', () => {
  it('decodes a (createdAt, id) cursor and refuses one whose time is not a time', () => {
    const at = new Date('2026-11-26T10:00:00.123Z');
    const page = parseCreatedAtPage({ first: 3, after: encodeCursor(createdAtCursor({ createdAt: at, id: 'u1' })) });
    expect(page).toEqual({ first: 3, after: { createdAt: at, id: 'u1' } });
    expect(() => parseCreatedAtPage({ after: encodeCursor(['yesterday', 'u1']) })).toThrow(badInput('after'));
  });
});
