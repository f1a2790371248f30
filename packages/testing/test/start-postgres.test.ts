import pg from 'pg';
import { startPostgres } from '../src';

describe('startPostgres', () => {
  it('gives each caller its own empty database on a real Postgres server', async () => {
    const first = await startPostgres('a');
    const second = await startPostgres('b');
    try {
      expect(first.name).not.toEqual(second.name);
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      try {
        await client.query('create table marker (id int)');
        const version = await client.query<{ server_version_num: string }>('show server_version_num');
        expect(Number(version.rows[0]!.server_version_num)).toBeGreaterThanOrEqual(150000);
      } finally {
        await client.end();
      }
      const other = new pg.Client({ connectionString: second.url });
      await other.connect();
      try {
        const tables = await other.query("select 1 from pg_tables where tablename = 'marker'");
        expect(tables.rowCount).toBe(0);
      } finally {
        await other.end();
      }
    } finally {
      await first.drop();
      await second.drop();
    }
  });
});
