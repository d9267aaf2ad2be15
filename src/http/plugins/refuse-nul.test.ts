import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nulPath, refuseNul } from './refuse-nul.js';

describe('nulPath', () => {
  it('finds NUL in strings, nested values and keys, wherever parsed data keeps them', () => {
    expect(nulPath('a\u0000')).toBe('');
    expect(nulPath({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c.1');
    expect(nulPath({ ['k\u0000']: 1 })).toBe('k\u0000');
    const query = Object.create(Object.create(null) as object) as Record<string, string>;
    query.search = 'a\u0000b';
    expect(nulPath(query)).toBe('search');
    expect(nulPath(Object.assign(Object.create(null) as object, { x: '\u0000' }))).toBe('x');
  });

  it('passes clean data and leaves streams and buffers alone', () => {
    expect(nulPath({ a: 'é😀', n: 1, b: null, t: true, list: [] })).toBeNull();
    expect(nulPath(Buffer.from([0, 0]))).toBeNull();
    expect(nulPath(Readable.from(['\u0000']))).toBeNull();
    expect(nulPath(undefined)).toBeNull();
  });

  it('refuseNul names the part and the field', () => {
    expect(() => refuseNul('body', { title: 'a\u0000' })).toThrow(
      "Invalid body field 'title': must not contain NUL characters",
    );
    expect(() => refuseNul('body', 'x')).not.toThrow();
  });
});
