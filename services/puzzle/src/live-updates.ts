// The puzzle subgraph's live updates: one topic per subscription argument, carrying ids only (the
// subscriptions' resolvers load what they show), published in the transaction of the change.
export const topics = {
  /** A star earned in an event year. */
  starEarned: (year: number) => `starEarned:${year}`,
  /** A board whose standings or members changed, or that was deleted. */
  leaderboardChanged: (leaderboardId: string) => `leaderboardChanged:${leaderboardId}`,
};

export interface StarEarnedMessage {
  userId: string;
  puzzleId: string;
  part: number;
}

export interface LeaderboardChangedMessage {
  leaderboardId: string;
}
