// The key a client's limits are counted under: its IP address as the gateway forwarded it in the signed
// claims, an IPv4-mapped IPv6 address as plain IPv4, and an IPv6 client by its /64 (a subscriber's network,
// whose addresses one attacker can hop between at will).
import ipaddr from 'ipaddr.js';

/** undefined when the request carried no client address (a service's own call, an older gateway). */
export function clientKeyOf(clientAddress: string | undefined): string | undefined {
  if (!clientAddress || !ipaddr.isValid(clientAddress)) return undefined;
  const address = ipaddr.process(clientAddress);
  if (address.kind() === 'ipv4') return address.toString();
  const network = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
}
