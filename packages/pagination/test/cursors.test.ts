import { z } from '@supergraph/validation';
import {
  createdAtCursor,
  createdAtCursorSchema,
  decodeCursor,
  encodeCursor,
  MAX_CURSOR_LENGTH,
  parseCreatedAtPage,
  parsePageArgs,
  toConnection,
} from '../src';

const badInput = (field: string) =>
  expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });

const ID = '3f2b8c1e-7d4a-4c9b-9a1e-2b5c6d7e8f90';
const AT = '2026-11-26T10:00:00.000Z';
const raw = (text: string) => Buffer.from(text).toString('base64url');

describe('page arguments', () => {
  it('defaults to 20 and accepts up to 100', () => {
    expect(parsePageArgs({}, createdAtCursorSchema).first).toBe(20);
    expect(parsePageArgs({ first: 100 }, createdAtCursorSchema).first).toBe(100);
  });

  it('rejects more than 100, negatives and fractions on `first`', () => {
    for (const first of [101, -1, 2.5])
      expect(() => parsePageArgs({ first }, createdAtCursorSchema)).toThrow(badInput('first'));
  });

  it('round-trips a cursor and rejects tampered ones on `after`', () => {
    const cursor = encodeCursor([AT, ID]);
    expect(parsePageArgs({ after: cursor }, createdAtCursorSchema).after).toEqual([AT, ID]);
    for (const after of ['not-a-cursor', encodeCursor(['only-one']), raw('{"a":1}')]) {
      expect(() => parsePageArgs({ after }, createdAtCursorSchema)).toThrow(badInput('after'));
    }
    expect(() => decodeCursor(encodeCursor([{ nested: true } as never, 'x']), createdAtCursorSchema)).toThrow(
      badInput('after'),
    );
  });

  it('checks a cursor against the exact key its list uses', () => {
    const countKey = z.tuple([z.number().int(), z.string()]);
    expect(decodeCursor(encodeCursor([3, 'x']), countKey)).toEqual([3, 'x']);
    expect(() => decodeCursor(encodeCursor(['3', 'x']), countKey)).toThrow(badInput('after'));
  });
});

describe('a createdAt cursor', () => {
  const refused = {
    'an id that is not a uuid': encodeCursor([AT, 'not-a-uuid']),
    'an id that is a number': raw(JSON.stringify([AT, 42])),
    'a time that is not a time': encodeCursor(['yesterday', ID]),
    'a time that is a number': raw(JSON.stringify([Date.parse(AT), ID])),
    'an extra value': encodeCursor([AT, ID, 'extra']),
    'an object instead of the pair': raw(JSON.stringify({ createdAt: AT, id: ID })),
    'characters outside base64url': `${encodeCursor([AT, ID])}!`,
    'standard base64 padding': `${Buffer.from(JSON.stringify([AT, ID])).toString('base64')}==`,
    'bytes that are not JSON': raw('\u0000\u0001garbage'),
    'more than the longest cursor (valid JSON padded with spaces)': raw(
      `[${' '.repeat(MAX_CURSOR_LENGTH)}"${AT}","${ID}"]`,
    ),
    null: raw('null'),
  };

  it.each(Object.entries(refused))('with %s is BAD_USER_INPUT on `after`', (_shape, after) => {
    expect(() => parseCreatedAtPage({ after })).toThrow(badInput('after'));
  });

  it('decodes the (createdAt, id) key this platform issues', () => {
    const at = new Date('2026-11-26T10:00:00.123Z');
    const page = parseCreatedAtPage({ first: 3, after: encodeCursor(createdAtCursor({ createdAt: at, id: ID })) });
    expect(page).toEqual({ first: 3, after: { createdAt: at, id: ID } });
  });
});

describe('toConnection', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: n }));
  const key = (row: { id: string; at: number }) => [row.at, row.id] as const;
  const three = async () => 3;

  it('uses the extra row only to report a next page', async () => {
    const connection = toConnection(rows, { first: 2 }, three, key);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['id1', 'id2']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2, 'id2']) });
    expect(await connection.totalCount()).toBe(3);
  });

  it('reports the last page and an empty one', () => {
    expect(toConnection(rows, { first: 5 }, three, key).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], { first: 5 }, three, key).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('counts only when totalCount is asked for, and once however often it is asked', async () => {
    const count = jest.fn(three);
    const connection = toConnection(rows, { first: 2 }, count, key);
    expect(count).not.toHaveBeenCalled();
    await Promise.all([connection.totalCount(), connection.totalCount()]);
    expect(count).toHaveBeenCalledTimes(1);
  });
});

describe('cursors of a page', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: n }));
  const three = async () => 3;

  it('are encoded only when read: a page asked for its nodes builds none', () => {
    const key = jest.fn((row: { id: string; at: number }) => [row.at, row.id] as const);
    const connection = toConnection(rows, { first: 2 }, three, key);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['id1', 'id2']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(key).not.toHaveBeenCalled();
  });

  it('are the same when read: each edge its own, endCursor the last edge’s', () => {
    const key = jest.fn((row: { id: string; at: number }) => [row.at, row.id] as const);
    const connection = toConnection(rows, { first: 2 }, three, key);
    expect(connection.edges.map((edge) => edge.cursor)).toEqual([encodeCursor([1, 'id1']), encodeCursor([2, 'id2'])]);
    expect(connection.pageInfo.endCursor).toBe(encodeCursor([2, 'id2']));
    expect(connection.edges[1]!.cursor).toBe(connection.pageInfo.endCursor);
    expect(key).toHaveBeenCalledTimes(2);
  });
});
