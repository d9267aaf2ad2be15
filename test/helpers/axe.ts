// axe-core in a Playwright page: the serious and critical violations of what the page shows now, formatted so
// a failing assertion says what to fix (rule, impact, the elements, axe's help text and link).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: Promise<string> | undefined;

export interface AxeScope {
  /** Only this part of the page (a CSS selector), e.g. an open dialog. */
  include?: string;
  /** Parts left out, each with its reason in the caller (real false positives only). */
  exclude?: string[];
}

/**
 * Runs axe on the page and returns its serious and critical violations. The script is evaluated through the
 * DevTools protocol rather than added as a <script>: the pages' CSP (`script-src 'self'`) refuses inline scripts,
 * and loosening it for the test would test a different page.
 */
export async function seriousViolations(page: Page, scope: AxeScope = {}): Promise<Result[]> {
  axeSource ??= readFile(AXE_PATH, 'utf8');
  const source = await axeSource;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  // A dialog fading in is measured half transparent (low contrast): let finite animations end first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await page.evaluate(
    async ({ include, exclude }) => {
      const context = { include: include ? [include] : [document], exclude: exclude ?? [] };
      return (window as unknown as { axe: { run(c: unknown): Promise<AxeResults> } }).axe.run(context);
    },
    { include: scope.include, exclude: scope.exclude },
  );
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One paragraph per rule: `rule-id (impact): help` then each offending element's selector and summary. */
export function formatViolations(where: string, violations: Result[]): string {
  if (violations.length === 0) return `${where}: no serious or critical violation`;
  const rules = violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 8)
      .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n\s*/g, ' ')}`);
    const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
    return [`  ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`, ...nodes, ...more].join('\n');
  });
  return `${where}: ${violations.length} serious/critical axe violation(s)\n${rules.join('\n')}`;
}

/** The formatted report of `page` as it is now: empty when axe finds nothing serious or critical. */
export async function axeReport(page: Page, where: string, scope: AxeScope = {}): Promise<string> {
  const violations = await seriousViolations(page, scope);
  return violations.length === 0 ? '' : formatViolations(where, violations);
}
