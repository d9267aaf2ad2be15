import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * The SSRF guard of webhook targets (security-reliability.md §A7, done as the spec's "gap" asks): the URL
 * is checked when a webhook is saved (an unresolvable name is allowed then) and again at every send,
 * where the name is resolved once and the connection goes to that address (see pinnedLookup), so a DNS
 * answer that changes between the check and the connect (rebinding) cannot reach a blocked range.
 */

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** Resolves a host name to all its addresses (getaddrinfo); a seam for tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const BLOCKED_HOSTNAMES = new Set([
  'metadata.google.internal',
  'metadata.google.internal.',
  '169.254.169.254',
]);

/** [first address as a number, prefix length, what it is]; "private" ranges are allowed by the setting. */
type V4Range = readonly [string, number, string, 'private' | 'always'];
const V4_RANGES: readonly V4Range[] = [
  ['0.0.0.0', 8, 'this network (0.0.0.0/8)', 'always'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)', 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT (100.64.0.0/10)', 'private'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)', 'private'],
  ['169.254.0.0', 16, 'link-local / cloud metadata (169.254.0.0/16)', 'always'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)', 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)', 'always'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)', 'private'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)', 'private'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)', 'always'],
  ['240.0.0.0', 4, 'reserved (240.0.0.0/4, broadcast)', 'always'],
];

function v4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Why an IPv4 address is refused (null: allowed). */
function blockedV4(ip: string, allowPrivate: boolean): string | null {
  const n = v4ToNumber(ip);
  for (const [start, bits, what, kind] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const first = v4ToNumber(start);
    if (n >= first && n < first + size) return kind === 'private' && allowPrivate ? null : what;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
export function v6Groups(ip: string): number[] {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4ToNumber(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...new Array<number>(fill).fill(0), ...right];
}

const groupsToV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** Why an IPv6 address is refused; IPv4 embedded in it (mapped, compatible, 6to4, NAT64) is judged as IPv4. */
function blockedV6(ip: string, allowPrivate: boolean): string | null {
  const g = v6Groups(ip);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroTo(8)) return 'unspecified (::/128)';
  if (zeroTo(7) && g7 === 1) return allowPrivate ? null : 'loopback (::1/128)';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 address is what a connect reaches.
  if (zeroTo(5) && (g5 === 0xffff || g5 === 0)) return embedded(groupsToV4(g6, g7), allowPrivate);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return embedded(groupsToV4(g6, g7), allowPrivate); // NAT64 64:ff9b::/96
  if (g0 === 0x2002) return embedded(groupsToV4(g1, g2), allowPrivate); // 6to4 2002::/16
  if ((g0 & 0xfe00) === 0xfc00) return allowPrivate ? null : 'unique local (fc00::/7)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast (ff00::/8)';
  return null;
}

function embedded(v4: string, allowPrivate: boolean): string | null {
  const why = blockedV4(v4, allowPrivate);
  return why ? `${why} embedded in IPv6` : null;
}

/** Why `ip` (an IPv4 or IPv6 literal) may not be a webhook target; null when it may. */
export function blockedAddressReason(ip: string, allowPrivate = false): string | null {
  const family = isIP(ip);
  if (family === 4) return blockedV4(ip, allowPrivate);
  if (family === 6) return blockedV6(ip, allowPrivate);
  return 'not an IP address';
}

export interface GuardOptions {
  resolve: Resolver;
  /** VLOG_WEBHOOKS_ALLOW_PRIVATE_TARGETS: private and loopback receivers allowed (never metadata). */
  allowPrivate: boolean;
}

/** The URL refused, with why ("… blocked …"). */
export class BlockedTargetError extends Error {}

/** The URL's host name (brackets of an IPv6 literal removed); throws BlockedTargetError on a bad URL. */
export function targetHost(url: string): { url: URL; host: string } {
  if (!/^https?:\/\//i.test(url)) throw new BlockedTargetError('URL must start with http:// or https://');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BlockedTargetError('URL is not valid');
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!host) throw new BlockedTargetError('URL has no host name');
  if (BLOCKED_HOSTNAMES.has(host)) throw new BlockedTargetError(`Host '${host}' is blocked (cloud metadata)`);
  return { url: parsed, host };
}

function refuseAddress(host: string, address: string, allowPrivate: boolean): void {
  const why = blockedAddressReason(address, allowPrivate);
  if (why) throw new BlockedTargetError(`URL is blocked: ${host} resolves to ${address}, ${why}`);
}

/**
 * The check when a webhook is created or updated: every address the name resolves to must be allowed.
 * A name that does not resolve (yet) is accepted (A7), the send-time check refuses it if it then points
 * somewhere blocked.
 */
export async function checkWebhookUrl(url: string, o: GuardOptions): Promise<void> {
  const { host } = targetHost(url);
  if (isIP(host)) return refuseAddress(host, host, o.allowPrivate);
  let addresses: ResolvedAddress[];
  try {
    addresses = await o.resolve(host);
  } catch {
    return;
  }
  for (const a of addresses) refuseAddress(host, a.address, o.allowPrivate);
}

/**
 * The send-time check: resolves the host once, refuses it if any address is blocked (or it does not
 * resolve) and answers the address to connect to — the sender connects there and nowhere else.
 */
export async function pinTarget(
  url: string,
  o: GuardOptions,
): Promise<{ url: URL; address: ResolvedAddress }> {
  const { url: parsed, host } = targetHost(url);
  const family = isIP(host);
  if (family) {
    refuseAddress(host, host, o.allowPrivate);
    return { url: parsed, address: { address: host, family: family === 6 ? 6 : 4 } };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await o.resolve(host);
  } catch (err) {
    throw new Error(`Connection error: cannot resolve ${host} (${(err as Error).message})`);
  }
  const first = addresses[0];
  if (!first) throw new Error(`Connection error: ${host} has no address`);
  for (const a of addresses) refuseAddress(host, a.address, o.allowPrivate);
  return { url: parsed, address: first };
}
