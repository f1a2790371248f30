// A pool of this platform reads counts as numbers and calendar days as 'YYYY-MM-DD', instants as Dates; the
// parsers belong to its pools, so another pg client in the same process still reads values as pg does.
import pg from 'pg';
import { createPool } from '../src';

const url = process.env.SUPERGRAPH_TEST_POSTGRES_URL!;
const VALUES = `select count(*) as count, date '2026-01-02' as day, timestamptz '2026-01-02 03:04:05.678+00' as at
  from generate_series(1, 3)`;

it('reads bigint as a number, date as a string and timestamptz as a Date', async () => {
  const pool = createPool({ connectionString: url, maxConnections: 1 });
  try {
    const { rows } = await pool.query(VALUES);
    expect(rows[0]).toEqual({ count: 3, day: '2026-01-02', at: new Date('2026-01-02T03:04:05.678Z') });
  } finally {
    await pool.end();
  }
});

it('leaves pg’s global parsers as they are for any other client', async () => {
  createPool({ connectionString: url, maxConnections: 1 })
    .end()
    .catch(() => undefined);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(VALUES);
    expect(rows[0].count).toBe('3');
    expect(rows[0].day).toBeInstanceOf(Date);
  } finally {
    await client.end();
  }
});
