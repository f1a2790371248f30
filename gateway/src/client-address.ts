// Who is calling, as an IP address: the socket's peer, unless that peer is a proxy the operator trusts
// (TRUST_PROXY), in which case X-Forwarded-For is read back through the trusted hops (proxy-addr, as Express
// does). Every address the gateway keys or logs by — rate limits, subscription caps per IP — comes from here.
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Which peers may speak for the client: none, the nearest `hops` proxies, or these addresses and CIDRs. */
export type TrustProxy = false | { hops: number } | { addresses: readonly string[] };

/** Derives a request's client address. */
export type ClientAddress = (req: IncomingMessage) => string;

/**
 * Parses TRUST_PROXY: empty means trust nothing; a whole number is a hop count; anything else is a
 * comma-separated list of addresses, CIDRs, or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`).
 * Throws on an address proxy-addr cannot read.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  proxyAddr.compile(addresses); // throws "invalid IP address" / "invalid range on address"
  return { addresses };
}

export function clientAddressDeriver(trust: TrustProxy = false): ClientAddress {
  // A socket that has closed has no remote address; such a request is answered by nobody anyway.
  const socketAddress = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
  if (trust === false) return socketAddress;
  const trusts =
    'hops' in trust ? (_address: string, hop: number) => hop < trust.hops : proxyAddr.compile([...trust.addresses]);
  return (req) => (req.socket.remoteAddress ? proxyAddr(req, trusts) : 'unknown');
}
