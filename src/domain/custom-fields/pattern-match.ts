import { createContext, runInContext } from 'node:vm';
import { MAX_PATTERN_LENGTH } from '../../contracts/api/custom-field.contract.js';

/**
 * A field's `pattern`, matched as the reference does (Python `re.match`: anchored at the start only).
 *
 * ReDoS guard: an admin-written pattern such as `(a+)+$` backtracks exponentially, and a JavaScript regex
 * cannot be interrupted from the same thread. So patterns are at most MAX_PATTERN_LENGTH characters, and
 * every match runs in a `node:vm` context with a time limit (V8 stops a running regex at the limit; a
 * normal match costs ~0.1 ms there). A match that runs out of time counts as a refusal, never a hang.
 */
export const MATCH_TIME_LIMIT_MS = 50;

const sandbox = createContext({ re: /^/, text: '' });

/** The anchored regex, or the reason it cannot be one. */
export function compilePattern(pattern: string): RegExp | { error: string } {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return { error: `Pattern must be at most ${MAX_PATTERN_LENGTH} characters` };
  try {
    return new RegExp(`^(?:${pattern})`);
  } catch {
    return { error: `Pattern is not a valid regular expression: ${pattern}` };
  }
}

/** Whether `text` matches; 'timeout' when the match took longer than the limit. */
export function matchesPattern(re: RegExp, text: string): boolean | 'timeout' {
  sandbox.re = re;
  sandbox.text = text;
  try {
    return runInContext('re.test(text)', sandbox, { timeout: MATCH_TIME_LIMIT_MS }) === true;
  } catch {
    return 'timeout';
  } finally {
    sandbox.text = '';
  }
}
