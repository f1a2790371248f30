// Public keys published as a JWKS at a URL, kept in memory, that a flood of unknown `kid`s cannot starve.
//
// jwks-rsa (and jose's own remote set) answer an unknown kid with "no such key" while a refetch budget or
// cooldown is spent, so a trickle of tokens with random kids keeps a genuinely new key from being fetched.
// Here an unknown, well-formed kid waits for a fetch that starts after it arrived; concurrent waiters share
// that one fetch, and fetches start at most once per `minFetchIntervalMs`. So the URL sees at most one
// request per interval whatever the traffic, and a token signed with a newly published key always verifies
// (after at most one interval). A malformed kid is refused before any fetch. A failed fetch keeps the keys
// already known.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { VerificationKey } from './signing-keys';

export interface RemoteKeySetOptions {
  /** Shortest time between two fetches of the URL (default 1 s). */
  minFetchIntervalMs?: number;
  /** Known keys are refreshed when older than this (default 10 min), so removed keys stop verifying. */
  maxAgeMs?: number;
  timeoutMs?: number;
}

export interface KeyLookup {
  kid?: string | undefined;
  alg?: string | undefined;
}

export class UnknownSigningKey extends Error {
  override name = 'UnknownSigningKey';
}

export class KeySetUnavailable extends Error {
  override name = 'KeySetUnavailable';
}

/** What a kid may look like: an RFC 7638 thumbprint or a short label. Anything else is refused unfetched. */
const KID = /^[A-Za-z0-9._-]{1,128}$/;

interface KnownKey {
  key: KeyObject;
  alg: string | undefined;
}

/** Where a verifier finds an issuer's public keys. */
export interface KeySet {
  /** The public key for a JWS header; throws UnknownSigningKey or KeySetUnavailable. */
  getKey(header: KeyLookup): Promise<KeyObject>;
}

function isWellFormedKid(kid: unknown): kid is string {
  return typeof kid === 'string' && KID.test(kid);
}

function keysFromJwks(jwks: unknown): Map<string, KnownKey> {
  const keys = new Map<string, KnownKey>();
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) throw new Error('not a JWKS: no "keys" array');
  for (const jwk of list as Record<string, unknown>[]) {
    // Public asymmetric signing keys only: a symmetric (`oct`) or private member is never taken as a key.
    if (!isWellFormedKid(jwk.kid) || (jwk.kty !== 'EC' && jwk.kty !== 'RSA' && jwk.kty !== 'OKP') || 'd' in jwk)
      continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    try {
      keys.set(jwk.kid, {
        key: createPublicKey({ key: jwk as never, format: 'jwk' }),
        alg: typeof jwk.alg === 'string' ? jwk.alg : undefined,
      });
    } catch {
      // an unreadable key is skipped; the others still count
    }
  }
  return keys;
}

export function createRemoteKeySet(url: string, options: RemoteKeySetOptions = {}): KeySet {
  const minInterval = options.minFetchIntervalMs ?? 1_000;
  const maxAge = options.maxAgeMs ?? 10 * 60_000;
  let keys = new Map<string, KnownKey>();
  let fetchedAt = 0; // when the keys were last fetched successfully
  let lastStart = -Infinity;
  let next: { startsAt: number; done: Promise<void> } | undefined;
  let inFlight: Promise<void> | undefined;

  function fetchNow(): Promise<void> {
    lastStart = Date.now();
    inFlight = load().finally(() => (inFlight = undefined));
    return inFlight;
  }

  async function load(): Promise<void> {
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      keys = keysFromJwks(await response.json());
      fetchedAt = Date.now();
    } catch (error) {
      throw new KeySetUnavailable(`The signing keys at ${url} could not be fetched: ${(error as Error).message}`);
    }
  }

  /** A fetch that starts no earlier than `arrival`: the one already scheduled, or a new one. */
  function fetchStartingAfter(arrival: number): Promise<void> {
    if (next && next.startsAt >= arrival) return next.done;
    const startsAt = Math.max(arrival, lastStart + minInterval);
    const scheduled = {
      startsAt,
      done: new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, startsAt - Date.now()))).then(() => {
        if (next === scheduled) next = undefined;
        return fetchNow();
      }),
    };
    next = scheduled;
    return scheduled.done;
  }

  function lookup({ kid, alg }: KeyLookup): KeyObject | undefined {
    const known = kid === undefined ? undefined : keys.get(kid);
    return known && (!known.alg || !alg || known.alg === alg) ? known.key : undefined;
  }

  return {
    async getKey(header) {
      if (!isWellFormedKid(header.kid)) throw new UnknownSigningKey('The token names no well-formed key id');
      const stale = Date.now() - fetchedAt > maxAge;
      const known = lookup(header);
      if (known && !stale) return known;
      const arrival = Date.now();
      if (!known && inFlight) {
        // A fetch already under way may well bring the key (a cold start's concurrent requests): wait for it
        // before asking for one of our own.
        await inFlight.catch(() => undefined);
        const fetched = lookup(header);
        if (fetched) return fetched;
      }
      try {
        await fetchStartingAfter(arrival);
      } catch (error) {
        // Unreachable: a key we already know still verifies; anything else cannot be decided now.
        if (known) return known;
        throw error;
      }
      const key = lookup(header);
      if (!key) throw new UnknownSigningKey(`No signing key "${header.kid}" at ${url}`);
      return key;
    },
  };
}

/** Keys held in this process (a test's, or a deployment that pins an issuer's keys): no fetching. */
export function createLocalKeySet(keys: VerificationKey[]): KeySet {
  return {
    async getKey({ kid, alg }) {
      const key = keys.find((candidate) => candidate.kid === kid && (!alg || candidate.algorithm === alg));
      if (!key) throw new UnknownSigningKey(`No signing key "${String(kid)}"`);
      return key.publicKey;
    },
  };
}
