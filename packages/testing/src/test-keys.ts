// Claims-signing keys for tests, generated fresh in each test process (nothing secret lives in the repository),
// and the trust a subgraph under test is given: the test gateway for anything, each calling service for the
// operations declared for it.
import {
  createLocalKeySet,
  generateSigningKey,
  serviceKeys,
  type ClaimsVerifier,
  type ServiceKeys,
  callersOf,
  createClaimsTrust,
} from '@supergraph/auth';
import { createLogger } from '@supergraph/runtime';

const keys = new Map<string, ServiceKeys>();

/** The test keys of `issuer` (`gateway`, `zoo`, `animal`, …), the same for the whole test file. */
export function testKeys(issuer: string): ServiceKeys {
  let found = keys.get(issuer);
  if (!found) {
    found = serviceKeys(issuer, generateSigningKey());
    keys.set(issuer, found);
  }
  return found;
}

/** What subgraph `name` believes in a test: the test gateway, and its declared callers' test keys. */
export function testClaimsTrust(name: string, callers: string[] = callersOf(name)): ClaimsVerifier {
  return createClaimsTrust({
    name,
    gateway: createLocalKeySet(testKeys('gateway').published),
    callers: Object.fromEntries(callers.map((caller) => [caller, createLocalKeySet(testKeys(caller).published)])),
  });
}

/**
 * What a service under test is built with, besides its pool and settings: its test keys, the test trust, a
 * silent logger, development mode and no peers (`{ ...testServiceOptions('zoo'), pool, settings, peers }`).
 */
export function testServiceOptions(name: string) {
  return {
    claims: testClaimsTrust(name),
    keys: testKeys(name),
    logger: createLogger(name, 'silent'),
    production: false,
    peers: {},
  };
}
