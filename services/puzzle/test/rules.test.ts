import { createAnswerVault } from '../src/answers';
import { cooldownSeconds, DEFAULT_COOLDOWN, defaultUnlocksAt, secondsUntilJudged } from '../src/rules';

describe('unlock time', () => {
  it('is midnight US-Eastern (05:00 UTC) on the puzzle’s December day', () => {
    expect(defaultUnlocksAt(2026, 1).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(defaultUnlocksAt(2025, 25).toISOString()).toBe('2025-12-25T05:00:00.000Z');
  });
});

describe('cooldown', () => {
  it('is 60 s after each of the first four wrong answers and 300 s from the fifth', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((wrong) => cooldownSeconds(wrong, DEFAULT_COOLDOWN))).toEqual([
      0, 60, 60, 60, 60, 300, 300,
    ]);
  });

  it('counts down from the last wrong answer, rounding up', () => {
    const last = new Date('2026-12-01T06:00:00.000Z');
    expect(secondsUntilJudged(1, last, new Date('2026-12-01T06:00:00.500Z'), DEFAULT_COOLDOWN)).toBe(60);
    expect(secondsUntilJudged(1, last, new Date('2026-12-01T06:00:59.001Z'), DEFAULT_COOLDOWN)).toBe(1);
    expect(secondsUntilJudged(1, last, new Date('2026-12-01T06:01:00.000Z'), DEFAULT_COOLDOWN)).toBe(0);
    expect(secondsUntilJudged(5, last, new Date('2026-12-01T06:01:00.000Z'), DEFAULT_COOLDOWN)).toBe(240);
    expect(secondsUntilJudged(0, null, last, DEFAULT_COOLDOWN)).toBe(0);
  });
});

describe('answer vault', () => {
  const vault = createAnswerVault('test-answer-secret-of-sufficient-length!!');
  const salt = vault.newSalt();
  const stored = vault.store(salt, 1, ' 1234 ');

  it('never stores the answer in clear', () => {
    expect(JSON.stringify(stored)).not.toContain('1234');
  });

  it('judges equal answers CORRECT after trimming, and integers TOO_HIGH or TOO_LOW', () => {
    expect(vault.judge(salt, 1, stored, '1234\n')).toBe('CORRECT');
    expect(vault.judge(salt, 1, stored, '1235')).toBe('TOO_HIGH');
    expect(vault.judge(salt, 1, stored, '-7')).toBe('TOO_LOW');
    expect(vault.judge(salt, 1, stored, '99999999999999999999999')).toBe('TOO_HIGH');
    expect(vault.judge(salt, 1, stored, '12.5')).toBe('INCORRECT');
    expect(vault.judge(salt, 1, stored, 'twelve')).toBe('INCORRECT');
  });

  it('says only INCORRECT when the answer itself is not an integer', () => {
    const word = vault.store(salt, 2, 'HELLO');
    expect(vault.judge(salt, 2, word, 'hello')).toBe('INCORRECT');
    expect(vault.judge(salt, 2, word, '42')).toBe('INCORRECT');
    expect(vault.judge(salt, 2, word, 'HELLO')).toBe('CORRECT');
  });

  it('binds a hash to its part and salt', () => {
    expect(vault.hashOf(salt, 1, '1234')).toBe(stored.hash);
    expect(vault.hashOf(salt, 2, '1234')).not.toBe(stored.hash);
    expect(vault.hashOf(vault.newSalt(), 1, '1234')).not.toBe(stored.hash);
  });
});
