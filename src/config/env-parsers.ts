/**
 * Small typed parsers for environment values. Each returns the parsed value or throws a
 * ConfigValueError whose message explains what was expected; the loader adds the variable name.
 */
export class ConfigValueError extends Error {}

export interface NumberBounds {
  min?: number;
  max?: number;
}

function checkBounds(n: number, { min, max }: NumberBounds): number {
  if (min !== undefined && n < min) throw new ConfigValueError(`must be ≥ ${min}`);
  if (max !== undefined && n > max) throw new ConfigValueError(`must be ≤ ${max}`);
  return n;
}

export const parseInteger =
  (bounds: NumberBounds = {}) =>
  (raw: string): number => {
    if (!/^-?\d+$/.test(raw.trim())) throw new ConfigValueError(`expected an integer, got "${raw}"`);
    return checkBounds(Number.parseInt(raw, 10), bounds);
  };

export const parseNumber =
  (bounds: NumberBounds = {}) =>
  (raw: string): number => {
    const n = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(n))
      throw new ConfigValueError(`expected a number, got "${raw}"`);
    return checkBounds(n, bounds);
  };

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** One boolean syntax for every variable (the reference had three; we accept all their spellings). */
export function parseBoolean(raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  throw new ConfigValueError(`expected true/false, got "${raw}"`);
}

export const parseEnum =
  <T extends string>(values: readonly T[]) =>
  (raw: string): T => {
    const v = raw.trim().toLowerCase();
    if ((values as readonly string[]).includes(v)) return v as T;
    throw new ConfigValueError(`expected one of ${values.join(', ')}, got "${raw}"`);
  };

export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function parseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (!url.protocol || !url.host) throw new Error();
    return raw.replace(/\/+$/, '');
  } catch {
    throw new ConfigValueError(`expected a URL, got "${raw}"`);
  }
}

export function parseString(raw: string): string {
  return raw;
}

/** A configured secret; a short one is refused rather than silently weakening authentication. */
export const parseSecret =
  (minLength: number) =>
  (raw: string): string => {
    if (raw.length < minLength)
      throw new ConfigValueError(
        `must be at least ${minLength} characters (got ${raw.length}); unset it to have a strong one generated`,
      );
    return raw;
  };
