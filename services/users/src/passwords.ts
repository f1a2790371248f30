// Password hashing with Argon2id (OWASP's first choice), via the Rust binding @node-rs/argon2.
import { hash, verify, type Options } from '@node-rs/argon2';

// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import); the costs are
// OWASP's minimum for Argon2id.
const OPTIONS: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against this when the username is unknown keeps both answers equally slow, so timing does not
// reveal which usernames exist.
const decoy = hashPassword('decoy password, never matches anything');

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await decoy), password);
  } catch {
    return false;
  }
}
