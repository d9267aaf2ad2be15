import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTimestamptz, TIMESTAMPTZ_OID } from './type-parsers.js';

// pg's own parser, the reference: the fast path must read every value exactly as it does.
const reference = pg.types.getTypeParser(TIMESTAMPTZ_OID) as (value: string) => Date | number;

describe('parseTimestamptz', () => {
  it.each([
    '2026-12-07 17:00:00+00',
    '2026-12-07 17:00:00.1+00',
    '2026-12-07 17:00:00.123+00',
    '2026-12-07 17:00:00.123456+00',
    '1970-01-01 00:00:00+00',
    '2000-02-29 23:59:59.999999+00',
  ])('reads the UTC form %s as pg does', (text) => {
    const date = parseTimestamptz(text) as Date;
    expect(date).toBeInstanceOf(Date);
    expect(date.getTime()).toBe((reference(text) as Date).getTime());
  });

  it.each([
    '2026-12-07 18:30:00.5+01:30', // a session in another time zone
    '2026-12-07 12:00:00-05',
    '0044-03-15 12:00:00+00 BC',
    '12026-12-07 17:00:00+00',
  ])('leaves %s to pg’s parser', (text) => {
    expect((parseTimestamptz(text) as Date).getTime()).toBe((reference(text) as Date).getTime());
  });

  it('keeps infinity as pg reads it', () => {
    expect(parseTimestamptz('infinity')).toBe(reference('infinity'));
    expect(parseTimestamptz('-infinity')).toBe(reference('-infinity'));
  });
});
