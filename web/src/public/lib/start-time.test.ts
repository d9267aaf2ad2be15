import { describe, expect, it } from 'vitest';
import { parseStartTime } from './start-time.js';

describe('parseStartTime', () => {
  it('reads seconds, h/m/s and clock forms', () => {
    expect(parseStartTime('90')).toBe(90);
    expect(parseStartTime('90.5')).toBe(90.5);
    expect(parseStartTime('1m30s')).toBe(90);
    expect(parseStartTime('1h2m3s')).toBe(3723);
    expect(parseStartTime('2h')).toBe(7200);
    expect(parseStartTime(' 45S ')).toBe(45);
    expect(parseStartTime('1:30')).toBe(90);
    expect(parseStartTime('1:02:03')).toBe(3723);
    expect(parseStartTime('0')).toBe(0);
  });

  it('refuses anything else', () => {
    for (const bad of [null, '', 'abc', '-5', '1m30', 'h', '1:2:3:4', 'Infinity', '1e3', '90s30m']) {
      expect(parseStartTime(bad), String(bad)).toBeNull();
    }
  });
});
