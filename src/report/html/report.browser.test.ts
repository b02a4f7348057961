import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../test-support/cli.js';
import { fixtureImage, tempDir } from '../../test-support/fixtures.js';
import { fixtureStoreCacheDir } from '../../test-support/store.js';
import type { ScanReport, Severity, VulnerabilityFinding } from '../types.js';
import { contrastRatio, launchChromium, screenshot, type TestBrowser } from './__fixtures__/chromium.js';
import type { PageComputedStyle, PageDocument, PageElement } from './__fixtures__/dom.js';
import { renderHtml } from './render.js';

// Browser globals, for the callbacks that run in the page (see __fixtures__/dom.ts).
declare const document: PageDocument;
declare const window: { __pwned?: number };
declare const getComputedStyle: PageComputedStyle;

const store = fixtureStoreCacheDir();
const out = tempDir('vigia-html-');
const htmlFile = join(out.path, 'node-app.html');
let report: ScanReport;
let browser: TestBrowser;

/** The report of `debian-node-app.oci.tar:node-app`, as HTML and as JSON, from the built CLI. */
beforeAll(async () => {
  const image = `${fixtureImage('debian-node-app.oci.tar')}:node-app`;
  const common = [
    '--cache-dir',
    store.path,
    'scan',
    image,
    '--offline',
    '--timestamp',
    '2026-01-02T03:04:05Z',
  ];
  const html = await runVigia([...common, '--format', 'html', '-o', htmlFile]);
  expect(html.stderr).not.toMatch(/error/);
  const jsonRun = await runVigia([...common, '--format', 'json']);
  report = JSON.parse(jsonRun.stdout) as ScanReport;
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  store.cleanup();
  out.cleanup();
});

async function open(file: string) {
  const url = pathToFileURL(file).href;
  const opened = await browser.page((u) => u === url);
  await opened.page.goto(url);
  await opened.page.waitForSelector('body[data-ready=true]');
  return { ...opened, url };
}

const rowsOf = (page: Page, panel: string) =>
  page.$$eval(`#p-${panel} tbody tr.row`, (rows) =>
    (rows as unknown as PageElement[]).map((r) => Array.from(r.children).map((td) => td.textContent ?? '')),
  );

function vulns(r: ScanReport): VulnerabilityFinding[] {
  return r.findings.filter((f): f is VulnerabilityFinding => f.kind === 'vulnerability' && !f.suppressed);
}

describe('HTML report in chromium', () => {
  it('embeds the same report that --format json prints', () => {
    const page = readFileSync(htmlFile, 'utf8');
    const embedded =
      /<script type="application\/json" id="vigia-data">(.*?)<\/script>/s.exec(page)?.[1] ?? '';
    expect(JSON.parse(embedded)).toEqual(report);
  });

  it('shows the image, verdict and layers, and nothing is fetched but the page itself', async () => {
    const { page, requests, refused, errors, url } = await open(htmlFile);
    expect(await page.textContent('#v-name')).toBe(report.artifact.name);
    expect(await page.textContent('#v-verdict .v')).toBe(report.verdict.status.toUpperCase());
    if (report.verdict.grade) expect(await page.textContent('#v-grade .v')).toBe(report.verdict.grade);
    const options = await page.$$eval('#v-layers [role=option] .lcount', (list) =>
      (list as unknown as PageElement[]).map((e) => e.textContent ?? ''),
    );
    expect(options).toHaveLength(report.layers.length + 1);
    report.layers.forEach((l, i) =>
      expect(options[i + 1]).toMatch(new RegExp(`^${l.introduced.packages} packages`)),
    );
    await screenshot(page, 'report-overview');
    expect(requests).toEqual([url]);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lists a layer's packages when the layer is clicked", async () => {
    const { page } = await open(htmlFile);
    const layer = report.layers
      .filter((l) => l.index > 0)
      .sort((a, b) => b.introduced.packages - a.introduced.packages)[0];
    expect(layer).toBeDefined();
    const index = layer?.index ?? 0;
    await page.click('#t-packages');
    const all = await rowsOf(page, 'packages');
    expect(all).toHaveLength(report.packages.length);
    await page.click(`#layer-${index}`);
    expect(await page.getAttribute(`#layer-${index}`, 'aria-selected')).toBe('true');
    const rows = await rowsOf(page, 'packages');
    const expected = report.packages
      .filter((p) => p.layer.index === index)
      .map((p) => `${p.name} ${p.version}`);
    expect(rows.map((r) => `${r[0]} ${r[1]}`).sort()).toEqual(expected.sort());
    expect(rows.every((r) => r[4] === `#${index}`)).toBe(true);
    expect(await page.textContent('#v-shown')).toBe(
      `Showing ${expected.length} of ${report.packages.length}`,
    );
    await screenshot(page, 'report-layer-packages');
    await page.close();
  });

  it('filters vulnerabilities to CRITICAL and HIGH, opens a finding, Escape closes it', async () => {
    const { page } = await open(htmlFile);
    for (const s of ['MEDIUM', 'LOW', 'UNKNOWN']) await page.click(`#f-sev button[data-sev=${s}]`);
    const keep: Severity[] = ['CRITICAL', 'HIGH'];
    const expected = vulns(report).filter((f) => keep.includes(f.severity));
    expect(expected.length).toBeGreaterThan(0);
    const rows = await rowsOf(page, 'vulns');
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => /^(CRITICAL|HIGH)/.test(r[0] ?? ''))).toBe(true);
    expect(rows.map((r) => `${r[1]} ${r[2]}`).sort()).toEqual(
      expected.map((f) => `${f.id} ${f.package.name} ${f.package.ecosystem}`).sort(),
    );
    await screenshot(page, 'report-critical-high');

    const first = expected.find((f) => f.id === rows[0]?.[1]) as VulnerabilityFinding;
    await page.click('#p-vulns tbody tr.row >> nth=0');
    const dialog = page.locator('#v-detail');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.textContent('#v-detail-title')).toBe(first.id);
    const text = (await dialog.textContent()) ?? '';
    for (const alias of first.aliases) expect(text).toContain(alias);
    if (first.fixedVersion) expect(text).toContain(first.fixedVersion);
    for (const c of first.cvss) expect(text).toContain(c.vector);
    expect(text).toContain(`Layer ${first.layer.index}`);
    for (const p of first.paths) expect(text).toContain(p);
    await screenshot(page, 'report-finding');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('row'))).toBe(true);
    await page.close();
  });

  it('works from the keyboard: Tab to the layers, arrows and Enter select, Enter opens a row', async () => {
    const { page } = await open(htmlFile);
    let role: string | null = null;
    for (let i = 0; i < 10 && role !== 'option'; i++) {
      await page.keyboard.press('Tab');
      role = await page.evaluate(() => document.activeElement?.getAttribute('role') ?? null);
    }
    expect(role).toBe('option');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#layer-1', 'aria-selected')).toBe('true');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as PageElement).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Home');
    await page.keyboard.press(' ');
    expect(await page.getAttribute('#layer-all', 'aria-selected')).toBe('true');
    await page.focus('#t-vulns');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#t-packages', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#p-packages')).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.focus('#p-vulns tbody tr.row >> nth=0');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#v-detail').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('uses severity colours with at least 4.5:1 contrast', async () => {
    const { page } = await open(htmlFile);
    const pairs = await page.$$eval('.sev', (list) =>
      (list as unknown as PageElement[]).map(
        (e) =>
          [
            getComputedStyle(e).color ?? '',
            getComputedStyle(e).backgroundColor ?? '',
            e.textContent ?? '',
          ] as const,
      ),
    );
    expect(pairs.length).toBeGreaterThan(5);
    for (const [fg, bg, label] of pairs)
      expect(contrastRatio(fg, bg), `${label} ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });

  it('prints every section with the findings expanded and no sidebar scrolling', async () => {
    const { page } = await open(htmlFile);
    await page.emulateMedia({ media: 'print' });
    const state = await page.evaluate(() => ({
      panels: Array.from(document.querySelectorAll('[role=tabpanel]')).map(
        (p) => getComputedStyle(p).display,
      ),
      more: Array.from(document.querySelectorAll('#p-vulns tr.more')).map((r) => getComputedStyle(r).display),
      tools: getComputedStyle(document.getElementById('v-tools') as PageElement).display,
      side: getComputedStyle(document.querySelector('.side') as PageElement).overflowY,
    }));
    expect(state.panels.every((d) => d === 'block')).toBe(true);
    expect(state.more.length).toBe(vulns(report).length);
    expect(state.more.every((d) => d === 'table-row')).toBe(true);
    expect(state.tools).toBe('none');
    expect(state.side).toBe('visible');
    await screenshot(page, 'report-print');
    await page.close();
  });

  it('shows hostile report content as text, never as markup', async () => {
    const hostile = structuredClone(report);
    const pkg = hostile.packages[0];
    const finding = vulns(hostile)[0];
    if (!pkg || !finding) throw new Error('the fixture report has no package or vulnerability');
    pkg.name = '<img src=x onerror="window.__pwned=1">';
    finding.title = '</script><script>window.__pwned=2</script><!--';
    finding.package.name = '<iframe src="https://evil.example/"></iframe>';
    finding.references = ['javascript:window.__pwned=3', ...finding.references];
    hostile.artifact.name = '<b id="bold">x</b>\u2028\u2029';
    const layer = hostile.layers[1];
    if (layer) layer.createdBy = '<svg onload="window.__pwned=4">';
    const file = join(out.path, 'hostile.html');
    writeFileSync(file, renderHtml(hostile, { color: false }));
    const { page, requests, refused, errors, url } = await open(file);
    await page.click('#t-packages');
    await page.click('#t-vulns');
    await page.fill('#f-q', '__pwned=2');
    await expect.poll(() => rowsOf(page, 'vulns').then((r) => r.length)).toBe(1);
    await page.click('#p-vulns tbody tr.row >> nth=0');
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      injected: document.querySelectorAll('img, iframe, svg, #bold, [onerror], [onload]').length,
      scripts: document.scripts.length,
      js: Array.from(document.querySelectorAll('a')).filter((a) =>
        a.getAttribute('href')?.startsWith('javascript:'),
      ).length,
      title: document.getElementById('v-detail-title')?.textContent,
      name: document.getElementById('v-name')?.textContent,
    }));
    expect(state).toEqual({
      pwned: undefined,
      injected: 0,
      scripts: 2,
      js: 0,
      title: finding.id,
      name: hostile.artifact.name,
    });
    expect(await page.textContent('#v-detail')).toContain(finding.title);
    expect(await page.textContent('#v-detail')).toContain('javascript:window.__pwned=3');
    expect(requests).toEqual([url]);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
