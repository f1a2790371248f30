// Leaderboards, their members, and the scores: computed in SQL, one statement per board or year.
import { sql, type Kysely, type Transaction } from 'kysely';
import { isUuid } from '@supergraph/db';
import type { Database, LeaderboardRow } from './schema';

type Db = Kysely<Database>;

export interface Standing {
  userId: string;
  localScore: number;
  stars: number;
  lastStarAt: Date | null;
}

export interface GlobalStanding {
  rank: number;
  userId: string;
  score: number;
  stars: number;
}

export async function insertLeaderboard(
  db: Db,
  board: { name: string; year: number; ownerId: string; joinCode: string },
): Promise<LeaderboardRow> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('leaderboards').values(board).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('leaderboardMembers').values({ leaderboardId: row.id, userId: board.ownerId }).execute();
    return row;
  });
}

export async function findLeaderboardById(db: Db, id: string): Promise<LeaderboardRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('leaderboards').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLeaderboardByJoinCode(db: Db, joinCode: string): Promise<LeaderboardRow | undefined> {
  return db.selectFrom('leaderboards').selectAll().where('joinCode', '=', joinCode).executeTakeFirst();
}

export async function isMember(db: Db, leaderboardId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('leaderboardMembers')
    .select('userId')
    .where('leaderboardId', '=', leaderboardId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The boards of one year that a user is a member of. */
export async function findLeaderboardIdsOfMember(db: Db, userId: string, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('leaderboardMembers')
    .innerJoin('leaderboards', 'leaderboards.id', 'leaderboardMembers.leaderboardId')
    .select('leaderboards.id')
    .where('leaderboardMembers.userId', '=', userId)
    .where('leaderboards.year', '=', year)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Adds a member unless the board already has `maxMembers` (checked under a lock on the board row, so two
 * joins cannot both take the last seat: run it in a transaction, which holds the lock until it ends).
 * Returns 'joined', 'already' or 'full'.
 */
export async function addMember(
  trx: Transaction<Database>,
  leaderboardId: string,
  userId: string,
  maxMembers: number,
): Promise<'joined' | 'already' | 'full'> {
  await trx.selectFrom('leaderboards').select('id').where('id', '=', leaderboardId).forUpdate().executeTakeFirst();
  if (await isMember(trx, leaderboardId, userId)) return 'already';
  const { count } = await trx
    .selectFrom('leaderboardMembers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('leaderboardId', '=', leaderboardId)
    .executeTakeFirstOrThrow();
  if (count >= maxMembers) return 'full';
  await trx.insertInto('leaderboardMembers').values({ leaderboardId, userId }).execute();
  return 'joined';
}

export async function removeMember(db: Db, leaderboardId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('leaderboardMembers')
    .where('leaderboardId', '=', leaderboardId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteLeaderboard(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('leaderboards').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Local scores of one board: for every star of the board's year, the first member to earn it gets N points
 * (N = member count), the next N - 1, and so on. Ordered by score, then by who reached it first.
 */
export async function findStandings(db: Db, leaderboardId: string, year: number): Promise<Standing[]> {
  const { rows } = await sql<Standing>`
    with members as (
      select user_id from leaderboard_members where leaderboard_id = ${leaderboardId}
    ),
    ranked as (
      select c.user_id, c.completed_at,
             row_number() over (partition by c.puzzle_id, c.part order by c.completed_at, c.user_id) as position
      from completions c
      join puzzles p on p.id = c.puzzle_id
      where p.year = ${year} and c.user_id in (select user_id from members)
    )
    select m.user_id as "userId",
           coalesce(sum((select count(*) from members) + 1 - r.position), 0)::int as "localScore",
           count(r.completed_at)::int as "stars",
           max(r.completed_at) as "lastStarAt"
    from members m
    left join ranked r on r.user_id = m.user_id
    group by m.user_id
    order by "localScore" desc, "lastStarAt" asc nulls last, m.user_id
  `.execute(db);
  return rows;
}

/** The global leaderboard: the first 100 solvers of each star get 100 … 1 points. */
export async function findGlobalStandings(db: Db, year: number, first: number): Promise<GlobalStanding[]> {
  const { rows } = await sql<GlobalStanding>`
    with ranked as (
      select c.user_id, c.completed_at,
             row_number() over (partition by c.puzzle_id, c.part order by c.completed_at, c.user_id) as position
      from completions c
      join puzzles p on p.id = c.puzzle_id
      where p.year = ${year}
    ),
    scores as (
      select user_id,
             sum(101 - position) filter (where position <= 100)::int as score,
             count(*)::int as stars,
             max(completed_at) filter (where position <= 100) as last_scored_at
      from ranked
      group by user_id
      having count(*) filter (where position <= 100) > 0
    )
    select (rank() over (order by score desc))::int as "rank", user_id as "userId", score, stars
    from scores
    order by score desc, last_scored_at asc, user_id
    limit ${first}
  `.execute(db);
  return rows;
}
