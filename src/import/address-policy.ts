import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Which network addresses the importer may reach. A page on the open web must never make Isnad request its own
 * machine or network (a loopback admin port, a cloud metadata address, a router): that is server-side request
 * forgery. The check is made on the address a name resolves to, at connection time, so a name that resolves
 * to 127.0.0.1 — or a redirect to one — is refused as well as a literal one.
 */

/** Ranges that are not the public internet, as ipaddr.js names them. */
const NOT_PUBLIC = new Set(["unspecified", "broadcast", "multicast", "linkLocal", "loopback", "carrierGradeNat", "private", "reserved", "uniqueLocal", "ipv4Mapped", "rfc6145", "rfc6052", "6to4", "teredo", "benchmarking", "amt", "as112", "as112v6", "orchid2", "droneRemoteIdProtocolEntityTags", "deprecated", "discard"]);

/** True when an IP address (v4 or v6, as text) is on the public internet. Unparseable text is not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return !NOT_PUBLIC.has(parsed.range());
}

/** Thrown by the guarded lookup; the fetcher turns it into an ImportError("private-address"). */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public internet address`);
  }
}

/**
 * A `lookup` for http.request that resolves as usual and fails when any resolved address is not public (all
 * of them are checked: a connection may try each). With `allowPrivate`, it is plain dns.lookup.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return (callback as (error: Error | null, address: string, family: number) => void)(error, "", 0);
      const refused = allowPrivate ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused) return (callback as (error: Error | null, address: string, family: number) => void)(new PrivateAddressError(hostname, refused.address), "", 0);
      if (options.all) return (callback as unknown as (error: Error | null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      (callback as (error: Error | null, address: string, family: number) => void)(null, first.address, first.family);
    });
  };
}

/** The IP literal of a URL's host (brackets removed), or undefined for a name. */
export function ipLiteralOf(hostname: string): string | undefined {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : undefined;
}
