import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contrastRatio,
  launchChromium,
  screenshot,
  type TestBrowser,
} from '../report/html/__fixtures__/chromium.js';
import type { PageComputedStyle, PageElement } from '../report/html/__fixtures__/dom.js';
import type { ScanReport, VulnerabilityFinding } from '../report/types.js';
import { fixtureImage } from '../test-support/fixtures.js';
import { startFixtureRegistry, type TestRegistry } from '../test-support/registry.js';
import { json, startTestServer, waitForScan, type TestServer } from './__fixtures__/harness.js';

// A browser global, for the callbacks that run in the page (see report/html/__fixtures__/dom.ts).
declare const getComputedStyle: PageComputedStyle;

let registry: TestRegistry;
let srv: TestServer;
let browser: TestBrowser;
let id: string;
let report: ScanReport;
let image: string;

/** node-app pushed to a real registry, scanned through the API. */
beforeAll(async () => {
  registry = await startFixtureRegistry();
  await registry.push(`oci-archive:${fixtureImage('debian-node-app.oci.tar')}:node-app`, 'team/node-app:1.0');
  image = `${registry.host}/team/node-app:1.0`;
  srv = await startTestServer();
  const res = await fetch(`${srv.url}/api/scans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ image }),
  });
  expect(res.status).toBe(202);
  id = (await json(res)).id as string;
  const done = await waitForScan(srv.url, id);
  expect(done.status).toBe('done');
  report = done.report as ScanReport;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  await registry?.stop();
});

describe('vigia serve in chromium', () => {
  it('lists the scan with its verdict and grade, and opens its report', async () => {
    const origin = new URL(srv.url).origin;
    const { page, requests, refused, errors } = await browser.page((u) => u.startsWith(`${origin}/`));
    await page.goto(`${srv.url}/`);
    const row = page.locator(`tr[data-id="${id}"]`);
    expect(await row.locator('td.img').textContent()).toBe(image);
    expect(await row.locator('.st').textContent()).toBe('done');
    expect(await row.locator('[class^=v-]').textContent()).toBe(report.verdict.status.toUpperCase());
    if (report.verdict.grade) {
      const grade = row.locator('.grade');
      expect(await grade.textContent()).toBe(report.verdict.grade);
      const [fg, bg] = await grade.evaluate((e) => [
        getComputedStyle(e as unknown as PageElement).color,
        getComputedStyle(e as unknown as PageElement).backgroundColor,
      ]);
      expect(contrastRatio(fg as string, bg as string)).toBeGreaterThanOrEqual(4.5);
    }
    await screenshot(page, 'serve-list');

    await row.locator('a', { hasText: 'report' }).click();
    await page.waitForSelector('body[data-ready=true]');
    expect(page.url()).toBe(`${srv.url}/api/scans/${id}/report.html`);
    expect(await page.textContent('#v-name')).toBe(image);

    const layer = report.layers
      .filter((l) => l.index > 0)
      .sort((a, b) => b.introduced.packages - a.introduced.packages)[0];
    const index = layer?.index ?? 0;
    await page.click('#t-packages');
    await page.click(`#layer-${index}`);
    const names = await page.$$eval('#p-packages tbody tr.row td:first-child', (tds) =>
      (tds as unknown as PageElement[]).map((t) => t.textContent ?? ''),
    );
    expect(names.sort()).toEqual(
      report.packages
        .filter((p) => p.layer.index === index)
        .map((p) => p.name)
        .sort(),
    );
    await screenshot(page, 'serve-report-layer');

    // The fixture's private key in layer 3 (fixtures README), found and shown in the Secrets tab.
    const key = report.findings.find((f) => f.kind === 'secret' && f.path === '/root/.ssh/id_rsa');
    expect(key).toBeDefined();
    await page.click('#layer-all');
    await page.click('#t-secrets');
    const where = await page.$$eval('#p-secrets tbody tr.row td:nth-child(3)', (tds) =>
      (tds as unknown as PageElement[]).map((t) => t.textContent ?? ''),
    );
    expect(where.some((w) => w.startsWith('/root/.ssh/id_rsa:'))).toBe(true);
    expect(where).toHaveLength(report.findings.filter((f) => f.kind === 'secret' && !f.suppressed).length);
    await screenshot(page, 'serve-report-secrets');

    await page.click('#t-vulns');
    for (const s of ['MEDIUM', 'LOW', 'UNKNOWN']) await page.click(`#f-sev button[data-sev=${s}]`);
    const expected = report.findings.filter(
      (f): f is VulnerabilityFinding =>
        f.kind === 'vulnerability' && !f.suppressed && ['CRITICAL', 'HIGH'].includes(f.severity),
    );
    const ids = await page.$$eval('#p-vulns tbody tr.row td:nth-child(2)', (tds) =>
      (tds as unknown as PageElement[]).map((t) => t.textContent ?? ''),
    );
    expect(ids.sort()).toEqual(expected.map((f) => f.id).sort());
    await page.click('#p-vulns tbody tr.row >> nth=0');
    await expect.poll(() => page.locator('#v-detail').isVisible()).toBe(true);
    expect(expected.map((f) => f.id)).toContain(await page.textContent('#v-detail-title'));
    await screenshot(page, 'serve-report-finding');
    await page.keyboard.press('Escape');

    expect(requests.every((u) => u.startsWith(`${origin}/`))).toBe(true);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts a scan from the form and shows it in the list', async () => {
    const origin = new URL(srv.url).origin;
    const { page, errors } = await browser.page((u) => u.startsWith(`${origin}/`));
    await page.goto(`${srv.url}/`);
    await page.fill('#image', `${registry.host}/team/node-app:1.0`);
    await Promise.all([
      page.waitForResponse((r) => r.url() === `${srv.url}/scans`),
      page.click('button[type=submit]'),
    ]);
    await page.waitForLoadState('load');
    await screenshot(page, 'serve-form-submitted');
    const first = page.locator('tbody tr').first();
    expect(await first.getAttribute('data-id')).not.toBe(id);
    expect(await first.locator('td.img').textContent()).toBe(image);
    await page.fill('#image', '/etc/passwd');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('local paths are not accepted');
    expect(await page.inputValue('#image')).toBe('/etc/passwd');
    await screenshot(page, 'serve-form-error');
    // The refused form answers 400, which chromium logs; nothing else may fail.
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.close();
  });
});
