import { hash, verify, type Options } from '@node-rs/argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Hash formats of worker_api_keys.key_hash; any other hash_version is refused (fail closed). */
export const HASH_VERSION_SHA256 = 1;
export const HASH_VERSION_ARGON2ID = 2;
export const KEY_PREFIX_LENGTH = 8;

// security-reliability.md A10: argon2id t=3, m=64 MiB, p=4. (Algorithm is an ambient const enum,
// which verbatimModuleSyntax cannot import: 2 is Algorithm.Argon2id.)
const ARGON2_OPTIONS: Options = {
  algorithm: 2 as NonNullable<Options['algorithm']>,
  timeCost: 3,
  memoryCost: 65536,
  parallelism: 4,
};

export interface NewApiKey {
  /** Shown once to the caller, never stored. */
  key: string;
  prefix: string;
  hash: string;
  hashVersion: number;
}

/** 32 random bytes, URL-safe base64 without padding (43 characters). */
export async function generateApiKey(): Promise<NewApiKey> {
  const key = randomBytes(32).toString('base64url');
  return {
    key,
    prefix: key.slice(0, KEY_PREFIX_LENGTH),
    hash: await hash(key, ARGON2_OPTIONS),
    hashVersion: HASH_VERSION_ARGON2ID,
  };
}

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** Whether `key` matches a stored hash. Malformed hashes and unknown versions never match. */
export async function verifyApiKey(key: string, stored: { hash: string; hashVersion: number }) {
  if (stored.hashVersion === HASH_VERSION_ARGON2ID) {
    if (!stored.hash.startsWith('$argon2id$')) return false;
    try {
      return await verify(stored.hash, key);
    } catch {
      return false;
    }
  }
  if (stored.hashVersion === HASH_VERSION_SHA256) {
    const expected = Buffer.from(stored.hash.toLowerCase(), 'utf8');
    const actual = Buffer.from(sha256Hex(key), 'utf8');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  return false;
}
