/**
 * Accessibility scans with axe-core, injected into the page (the @axe-core/playwright wrapper
 * needs Node 22). Serious and critical WCAG 2.1 A/AA violations fail the scan; the rest (moderate
 * and minor ones, and axe's best-practice rules) are printed and attached to the test report.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** WCAG 2.0 and 2.1, levels A and AA: the bar the brief sets (best-practice rules are not in it). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING: ImpactValue[] = ['serious', 'critical'];

let axeSource: Promise<string> | undefined;

/**
 * Rules switched off for every scan, each with its reason. Empty on purpose: a rule that fails is
 * fixed in the product, not excluded.
 */
const EXCLUDED_RULES: Record<string, string> = {};

/** The page's axe global; the Node-side type-check knows no DOM. */
interface AxeGlobal {
  document: object;
  axe?: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
}

/**
 * Scans the whole page as it is now (the page's CSP forbids inline scripts, so axe is evaluated
 * through the debugger protocol rather than added as a <script>). Fails on serious or critical
 * violations; returns the results for further assertions.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // Contrast differs per theme: each state is scanned in both (the app follows the system).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await scan(page, `${state} (${colorScheme})`);
  }
}

async function scan(page: Page, state: string): Promise<void> {
  const loaded = await page.evaluate(() => Boolean((globalThis as unknown as AxeGlobal).axe));
  if (!loaded) await page.evaluate(await (axeSource ??= readFile(AXE_PATH, 'utf8')));
  const options: RunOptions = {
    // Best-practice rules run too, to be reported; only WCAG rules can fail a scan.
    runOnly: { type: 'tag', values: [...WCAG_TAGS, 'best-practice'] },
    rules: Object.fromEntries(Object.keys(EXCLUDED_RULES).map((id) => [id, { enabled: false }])),
    resultTypes: ['violations'],
  };
  const results = await page.evaluate((runOptions) => {
    const web = globalThis as unknown as AxeGlobal;
    return web.axe!.run(web.document, runOptions);
  }, options);
  const blocking = results.violations.filter(
    (v) => v.impact && BLOCKING.includes(v.impact) && v.tags.some((tag) => WCAG_TAGS.includes(tag)),
  );
  const lesser = results.violations.filter((v) => !blocking.includes(v));
  if (lesser.length > 0) {
    const text = describe(lesser);
    console.log(`[a11y] ${state}: ${lesser.length} finding(s) that do not fail the scan\n${text}`);
    test
      .info()
      .annotations.push({ type: 'a11y (reported, not failing)', description: `${state}: ${text}` });
  }
  // Soft: one scan's findings do not hide the next state's.
  expect
    .soft(describe(blocking), `serious/critical accessibility violations in "${state}"`)
    .toBe('');
}

/** One line per violation and per offending element: rule, impact, where, and axe's summary. */
function describe(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
        .join('\n');
      return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${nodes}`;
    })
    .join('\n');
}
