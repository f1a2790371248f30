// The event's time rules: when a puzzle unlocks, and how long a wrong answer makes a user wait.

/**
 * Midnight US-Eastern on December `day` of `year`. December is always standard time (UTC-5) in
 * US-Eastern, so that is 05:00 UTC.
 */
export function defaultUnlocksAt(year: number, day: number): Date {
  return new Date(Date.UTC(year, 11, day, 5, 0, 0));
}

export interface CooldownSettings {
  /** Wait after a wrong answer (default 60 s). */
  seconds: number;
  /** Wait from the `longAfter`-th wrong answer on (default 300 s from the fifth). */
  longSeconds: number;
  longAfter: number;
}

export const DEFAULT_COOLDOWN: CooldownSettings = { seconds: 60, longSeconds: 300, longAfter: 5 };

/** How long the user must wait after `wrongAnswers` wrong answers on one part (0 when none). */
export function cooldownSeconds(wrongAnswers: number, settings: CooldownSettings): number {
  if (wrongAnswers === 0) return 0;
  return wrongAnswers >= settings.longAfter ? settings.longSeconds : settings.seconds;
}

/** Seconds left before the next submission is judged; 0 when it may be judged now. */
export function secondsUntilJudged(
  wrongAnswers: number,
  lastWrongAt: Date | null,
  now: Date,
  settings: CooldownSettings,
): number {
  if (!lastWrongAt) return 0;
  const readyAt = lastWrongAt.getTime() + cooldownSeconds(wrongAnswers, settings) * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}
