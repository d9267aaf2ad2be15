import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, verifyApiKey } from './api-key-hash.js';

describe('worker API key hashing', () => {
  it('generates a 43-char base64url key, its 8-char prefix and an argon2id PHC hash that verifies', async () => {
    const k = await generateApiKey();
    expect(k.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(k.prefix).toBe(k.key.slice(0, 8));
    expect(k.hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    expect(k.hashVersion).toBe(2);
    expect(await verifyApiKey(k.key, { hash: k.hash, hashVersion: 2 })).toBe(true);
    expect(await verifyApiKey(`${k.key}x`, { hash: k.hash, hashVersion: 2 })).toBe(false);
  });

  it('verifies legacy SHA-256 hex (version 1) and refuses unknown versions and malformed hashes', async () => {
    const key = 'legacy-key-0123456789';
    const hex = createHash('sha256').update(key).digest('hex');
    expect(await verifyApiKey(key, { hash: hex, hashVersion: 1 })).toBe(true);
    expect(await verifyApiKey(key, { hash: hex.toUpperCase(), hashVersion: 1 })).toBe(true);
    expect(await verifyApiKey('other', { hash: hex, hashVersion: 1 })).toBe(false);
    expect(await verifyApiKey(key, { hash: hex.slice(1), hashVersion: 1 })).toBe(false);
    for (const version of [0, 3, 99])
      expect(await verifyApiKey(key, { hash: hex, hashVersion: version })).toBe(false);
    // A version-2 row must hold an argon2id hash; anything else never matches.
    expect(await verifyApiKey(key, { hash: hex, hashVersion: 2 })).toBe(false);
    expect(await verifyApiKey(key, { hash: '$argon2id$garbage', hashVersion: 2 })).toBe(false);
  });
});
