// Keeps puzzle answers secret: an HMAC (keyed, so a leaked table cannot be brute-forced offline) to check
// a submission, and an AES-256-GCM sealed copy, opened only in memory to tell TOO_HIGH from TOO_LOW.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export type Judgement = 'CORRECT' | 'TOO_HIGH' | 'TOO_LOW' | 'INCORRECT';

export interface StoredAnswer {
  hash: string;
  sealed: string;
}

export interface AnswerVault {
  newSalt(): string;
  store(salt: string, part: 1 | 2, answer: string): StoredAnswer;
  /** Hash of a submitted answer, for the submissions log (never the answer itself). */
  hashOf(salt: string, part: 1 | 2, submitted: string): string;
  judge(salt: string, part: 1 | 2, stored: StoredAnswer, submitted: string): Judgement;
}

const INTEGER = /^[+-]?\d+$/;

/** Answers compare after trimming; everything else is significant. */
export const normalizeAnswer = (answer: string) => answer.trim();

export function createAnswerVault(secret: string): AnswerVault {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, 'puzzle-answers', label, 32));
  const hmacKey = derive('hmac');
  const aesKey = derive('aes-256-gcm');

  const hashOf = (salt: string, part: 1 | 2, answer: string) =>
    createHmac('sha256', hmacKey)
      .update(`${salt}:${part}:${normalizeAnswer(answer)}`)
      .digest('base64url');

  const seal = (answer: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
    const ciphertext = Buffer.concat([cipher.update(answer, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  };

  const open = (sealed: string) => {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', aesKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };

  return {
    newSalt: () => randomBytes(16).toString('base64url'),
    hashOf,
    store: (salt, part, answer) => ({ hash: hashOf(salt, part, answer), sealed: seal(normalizeAnswer(answer)) }),
    judge(salt, part, stored, submitted) {
      const given = Buffer.from(hashOf(salt, part, submitted));
      const expected = Buffer.from(stored.hash);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return 'CORRECT';
      const answer = normalizeAnswer(submitted);
      if (!INTEGER.test(answer)) return 'INCORRECT';
      const correct = open(stored.sealed);
      if (!INTEGER.test(correct)) return 'INCORRECT';
      return BigInt(answer) > BigInt(correct) ? 'TOO_HIGH' : 'TOO_LOW';
    },
  };
}
