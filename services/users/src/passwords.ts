// Password hashing with Argon2id (OWASP's first choice), via the Rust binding @node-rs/argon2, through a
// bounded number of slots per process (hash-slots.ts).
import { hash, verify, type Options } from '@node-rs/argon2';
import { createHashSlots } from './hash-slots';

// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import); the costs are
// OWASP's minimum for Argon2id.
const OPTIONS: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes outside the slots: for start-up work (the demo accounts), never for a request. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export interface PasswordHashingSettings {
  /** Hashes (and verifications) running at once in the process. */
  concurrency: number;
  /** Requests waiting for a slot; one more is RATE_LIMITED. */
  maxWaiting: number;
}

export interface Passwords {
  hash(password: string): Promise<string>;
  /** False for a wrong password, and for no hash at all (after the same work, see `decoy`). */
  verify(passwordHash: string | undefined, password: string): Promise<boolean>;
}

// Verifying against this when the username is unknown keeps both answers equally slow, so timing does not
// reveal which usernames exist.
let decoy: Promise<string> | undefined;

export function createPasswords(settings: PasswordHashingSettings): Passwords {
  const slots = createHashSlots(settings);
  return {
    hash: (password) => slots.run(() => hashPassword(password)),
    async verify(passwordHash, password) {
      decoy ??= hashPassword('decoy password, never matches anything');
      const against = passwordHash ?? (await decoy);
      return slots.run(async () => {
        try {
          return await verify(against, password);
        } catch {
          return false;
        }
      });
    },
  };
}
