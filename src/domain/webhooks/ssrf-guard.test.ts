import { describe, expect, it } from 'vitest';
import {
  BlockedTargetError,
  blockedAddressReason,
  checkWebhookUrl,
  pinTarget,
  systemResolver,
  v6Groups,
  type Resolver,
} from './ssrf-guard.js';

const BLOCKED: Array<[string, RegExp]> = [
  ['0.0.0.0', /0\.0\.0\.0\/8/],
  ['0.1.2.3', /0\.0\.0\.0\/8/],
  ['10.1.2.3', /10\.0\.0\.0\/8/],
  ['100.64.0.1', /100\.64\.0\.0\/10/],
  ['100.127.255.254', /100\.64\.0\.0\/10/],
  ['127.0.0.1', /127\.0\.0\.0\/8/],
  ['169.254.169.254', /169\.254/],
  ['172.16.0.1', /172\.16\.0\.0\/12/],
  ['172.31.255.255', /172\.16\.0\.0\/12/],
  ['192.168.1.1', /192\.168/],
  ['224.0.0.1', /multicast/],
  ['239.255.255.250', /multicast/],
  ['240.0.0.1', /reserved/],
  ['255.255.255.255', /reserved/],
  ['::', /unspecified/],
  ['::1', /loopback/],
  ['fc00::1', /unique local/],
  ['fd12:3456::1', /unique local/],
  ['fe80::1', /link-local/],
  ['ff02::1', /multicast/],
  ['::ffff:127.0.0.1', /127\.0\.0\.0\/8.*IPv6/],
  ['::ffff:7f00:1', /127\.0\.0\.0\/8.*IPv6/],
  ['::ffff:10.0.0.1', /10\.0\.0\.0\/8/],
  ['::ffff:169.254.169.254', /169\.254/],
  ['::127.0.0.1', /127\.0\.0\.0\/8/],
  ['64:ff9b::10.0.0.1', /10\.0\.0\.0\/8/],
  ['2002:0a00:0001::1', /10\.0\.0\.0\/8/],
  ['2002:c0a8:0101::1', /192\.168/],
];
const ALLOWED = [
  '8.8.8.8',
  '1.1.1.1',
  '100.63.255.255',
  '100.128.0.0',
  '172.32.0.1',
  '2606:4700::1111',
  '::ffff:8.8.8.8',
  '2002:0808:0808::1',
];

describe('blockedAddressReason', () => {
  it.each(BLOCKED)('refuses %s', (ip, why) => {
    expect(blockedAddressReason(ip)).toMatch(why);
  });
  it.each(ALLOWED)('allows %s', (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });
  it('allows private and loopback with the setting, never metadata, this-network or multicast', () => {
    for (const ip of [
      '10.1.2.3',
      '127.0.0.1',
      '::1',
      '192.168.1.1',
      '100.64.0.1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ])
      expect(blockedAddressReason(ip, true), ip).toBeNull();
    for (const ip of ['169.254.169.254', '0.0.0.0', '224.0.0.1', 'fe80::1', '::ffff:169.254.169.254'])
      expect(blockedAddressReason(ip, true), ip).not.toBeNull();
  });
  it('expands IPv6 groups, with a dotted tail', () => {
    expect(v6Groups('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(v6Groups('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  });
});

const fixed =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const list = table[host];
    if (!list) throw new Error('ENOTFOUND');
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('checkWebhookUrl (create / update)', () => {
  const resolve = fixed({
    'public.example': ['93.184.216.34'],
    'inside.example': ['93.184.216.34', '10.0.0.5'],
    'mapped.example': ['::ffff:192.168.0.1'],
  });
  const o = { resolve, allowPrivate: false };
  it('accepts a public host and an unresolvable one (DNS may come later)', async () => {
    await expect(checkWebhookUrl('https://public.example/hook', o)).resolves.toBeUndefined();
    await expect(checkWebhookUrl('https://not-yet.example/hook', o)).resolves.toBeUndefined();
  });
  it.each([
    ['ftp://public.example/x', /http:\/\/ or https:\/\//],
    ['http://metadata.google.internal/x', /blocked/],
    ['http://169.254.169.254/latest', /blocked/],
    ['http://10.0.0.1/x', /blocked.*10\.0\.0\.0\/8/],
    ['http://[::ffff:127.0.0.1]/x', /blocked/],
    ['http://100.64.1.1/x', /blocked.*100\.64/],
    ['https://inside.example/hook', /blocked: inside\.example resolves to 10\.0\.0\.5/],
    ['https://mapped.example/hook', /blocked/],
  ])('refuses %s', async (url, why) => {
    await expect(checkWebhookUrl(url, o)).rejects.toThrow(BlockedTargetError);
    await expect(checkWebhookUrl(url, o)).rejects.toThrow(why);
  });
  it('refuses localhost (it resolves to loopback) unless private targets are allowed', async () => {
    await expect(
      checkWebhookUrl('http://localhost:9/x', { resolve: systemResolver, allowPrivate: false }),
    ).rejects.toThrow(/blocked: localhost resolves to/);
    await expect(
      checkWebhookUrl('http://localhost:9/x', { resolve: systemResolver, allowPrivate: true }),
    ).resolves.toBeUndefined();
  });
});

describe('pinTarget (send time)', () => {
  it('resolves once and answers the address to connect to; a rebound name is refused', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => {
      calls++;
      return [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const o = { resolve: rebinding, allowPrivate: false };
    await checkWebhookUrl('http://rebind.example/x', o); // public when saved
    await expect(pinTarget('http://rebind.example/x', o)).rejects.toThrow(/blocked.*127\.0\.0\.1/);
    expect(calls).toBe(2);
  });
  it('refuses a name that does not resolve at send time', async () => {
    await expect(
      pinTarget('http://nowhere.example/x', { resolve: fixed({}), allowPrivate: false }),
    ).rejects.toThrow(/Connection error: cannot resolve nowhere\.example/);
  });
  it('pins an IP literal as it is', async () => {
    const p = await pinTarget('http://[2606:4700::1111]:8080/x', { resolve: fixed({}), allowPrivate: false });
    expect(p.address).toEqual({ address: '2606:4700::1111', family: 6 });
  });
});
