import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../../test-support/fixtures.js';

/** Debian's chromium (installed by `.ci/run`); no downloaded browsers. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no network chatter of its own (updates, sync, QUIC, background requests). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots go (gitignored; CI keeps them as artifacts). */
export const SCREENSHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');

/** A browser with a fresh profile (`--user-data-dir` in a new temp directory, removed by `close`). */
export interface TestBrowser {
  context: BrowserContext;
  /** A new page recording its requests (those outside `allowed` are aborted), script errors and console errors (CSP violations). */
  page(allowed: (url: string) => boolean): Promise<{ page: Page; requests: string[]; refused: string[]; errors: string[] }>;
  close(): Promise<void>;
}

/** Launch chromium with a fresh user data directory. */
export async function launchChromium(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'vigia-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
  });
  return {
    context,
    page: async (allowed) => {
      const page = await context.newPage();
      const requests: string[] = [];
      const refused: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (allowed(url)) return route.continue();
        refused.push(url);
        return route.abort();
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      return { page, requests, refused, errors };
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Save a screenshot as `test-artifacts/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
export function contrastRatio(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const lin = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(bl ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
