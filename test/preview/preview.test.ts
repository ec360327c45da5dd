import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { bridgeScriptTag, startPreviewServer, type PreviewServer } from '../../dev/previewServer';
import { parseCsvText } from '../../src/core/io/csv';
import { GLM_COEFFICIENT_HEADER } from '../../src/core/model/glmResults';
import { projectRoot } from '../helpers/shared';

// The local preview (`npm start`) in a real browser: the page's menu, grid and tabs, and the real built sidebar in
// its iframe, clicked as a user clicks them, with the add-on running over the Apps Script fake on the server.

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
const TIMEOUT_MS = 120_000;
const shotDir = join(projectRoot, 'test-results');
const distSidebar = join(projectRoot, 'dist', 'addon', 'sidebar.html');
const samplePath = join(projectRoot, 'samples', 'tiktok-sample.csv');
const shortsPath = join(projectRoot, 'test', 'fixtures', 'creators', 'youtube-shorts.csv');
// What Clean says of the typo in Views, and what Impute and every later step say once it wrote the mean over it.
const STRAY_WARNING =
  'Views, row 67: "1O24" is not a number; it counts as missing until you type the right number or Impute fills it';
const STRAY_REPLACED =
  'Views, row 67: "1O24" was not a number; Impute replaced it with the mean (11,141): type the right number there if you know it';
const MENU = ['Open TikFit', 'Run all', 'Clean', 'Impute', 'Encode', 'Fit regression', 'Undo last step'];
const TABLE_HEADER = ['Term', 'Estimate', 'Std. Error', 't', 'p-value', 'CI low', 'CI high', 'VIF'];
const PAYLOAD = '<img src=x onerror=alert(1)>';

// The little of the DOM the functions run in the browser touch (tsconfig has no DOM library).
interface MiniElement {
  textContent: string | null;
  offsetTop: number;
  offsetHeight: number;
  scrollTop: number;
  disabled?: boolean;
  hidden?: boolean;
  scrollIntoView(): void;
  getAttribute(name: string): string | null;
  classList: { contains(name: string): boolean };
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
}
declare function getComputedStyle(element: unknown): { color: string };
declare const document: {
  getElementById(id: string): MiniElement | null;
  querySelector(selector: string): MiniElement | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
  body: MiniElement & { scrollWidth: number; scrollHeight: number };
};

type Step = 'recipe' | 'clean' | 'impute' | 'encode' | 'fit' | 'undo';

function suite(): void {
  let server: PreviewServer;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let tempDir: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  let original: string[][] = [];

  beforeAll(async () => {
    if (!existsSync(distSidebar))
      throw new Error(`${distSidebar} is missing: run "npm run build" first (npm test does)`);
    mkdirSync(shotDir, { recursive: true });
    tempDir = mkdtempSync(join(tmpdir(), 'tikfit-preview-'));
    userDataDir = mkdtempSync(join(tmpdir(), 'tikfit-chromium-'));
    server = await startPreviewServer({ port: 0, testHooks: true });
    // launch() refuses --user-data-dir in args; a persistent context on a fresh folder is the same thing.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Dialogs of the page and of its frames all arrive here.
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }, TIMEOUT_MS);

  async function sidebarFrame(): Promise<Frame> {
    const handle = await page.waitForSelector('#sidebar');
    const frame = await handle.contentFrame();
    if (frame === null) throw new Error('the sidebar iframe has no frame');
    await frame.waitForFunction(() => document.getElementById('btn-recipe') !== null);
    return frame;
  }

  /** Waits until the sidebar has loaded its profile and its buttons can be clicked. */
  async function sidebarReady(): Promise<Frame> {
    const frame = await sidebarFrame();
    await frame.waitForFunction(() => {
      const info = document.getElementById('sheet-info')?.textContent ?? '';
      const button = document.getElementById('btn-clean');
      return info.includes('Sheet1') && button !== null && button.disabled === false;
    });
    return frame;
  }

  /** Clicks a step's button in the sidebar and waits for its result (or error) and for the button to be free. */
  async function clickStep(step: Step): Promise<{ result: string; error: string }> {
    const frame = await sidebarFrame();
    await frame.waitForSelector(`#btn-${step}:not([disabled])`);
    await frame.click(`#btn-${step}`);
    await frame.waitForFunction((key: string) => {
      const button = document.getElementById(`btn-${key}`);
      const result = document.getElementById(`result-${key}`)?.textContent ?? '';
      const error = document.getElementById(`error-${key}`)?.textContent ?? '';
      return (
        button !== null &&
        button.getAttribute('aria-busy') === 'false' &&
        !button.classList.contains('busy') &&
        (result !== '' || error !== '')
      );
    }, step);
    return frame.evaluate(
      (key: string) => ({
        result: document.getElementById(`result-${key}`)?.textContent ?? '',
        error: document.getElementById(`error-${key}`)?.textContent ?? '',
      }),
      step,
    );
  }

  async function serverVersion(): Promise<number> {
    const response = await fetch(`${server.url}/api/state`);
    return ((await response.json()) as { version: number }).version;
  }

  /** Waits until the page's grid shows the server's document as it is now (and `sheet`, when given). */
  async function gridSynced(sheet?: string): Promise<void> {
    const version = await serverVersion();
    await page.waitForFunction(
      ([least, name]: [number, string | null]) => {
        const grid = document.getElementById('grid');
        return (
          grid !== null &&
          Number(grid.getAttribute('data-version')) >= least &&
          (name === null || grid.getAttribute('data-sheet') === name)
        );
      },
      [version, sheet ?? null] as [number, string | null],
    );
  }

  async function gridCells(): Promise<string[][]> {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll('#grid tbody tr')).map((row) =>
        Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? ''),
      ),
    );
  }

  async function showTab(sheet: string): Promise<void> {
    await page.click(`.tab[data-sheet="${sheet}"]`);
    await gridSynced(sheet);
  }

  async function imgCount(target: Page | Frame): Promise<number> {
    return target.evaluate(() => document.querySelectorAll('img').length);
  }

  test(
    'the page shows the add-on menu, the sample in Sheet1 and the built sidebar 300 px wide',
    async () => {
      await page.goto(server.url);
      await sidebarReady();
      await gridSynced('Sheet1');
      const captions = await page.$$eval('#menu-items .menu-item', (items) => items.map((item) => item.textContent));
      expect(captions).toEqual(MENU);
      const recorded = server
        .runtime()
        .fake.menus[0]?.items.flatMap((item) => (item.kind === 'item' ? [item.caption] : []));
      expect(captions).toEqual(recorded);
      expect(await page.$$eval('.tab', (tabs) => tabs.map((tab) => tab.textContent))).toEqual(['Sheet1']);

      original = await gridCells();
      const csv = parseCsvText(readFileSync(samplePath, 'utf8'));
      expect(original).toHaveLength(csv.length);
      expect(original[0]).toEqual(csv[0]);
      expect(original[1]?.slice(0, 3)).toEqual(csv[1]?.slice(0, 3));

      const box = await page.locator('#sidebar').boundingBox();
      expect(box?.width).toBe(300);
      // The sample has no date column: the trend choice is off, and says why.
      const frame = await sidebarFrame();
      expect(await frame.isDisabled('#trend')).toBe(true);
      expect(await frame.$$eval('#trend option', (options) => options.map((option) => option.textContent))).toEqual([
        'None',
      ]);
      expect(await frame.textContent('#trend-hint')).toBe('No date column in this sheet.');
      expect(await frame.isHidden('#notes')).toBe(true);
      // Nothing wider than the sidebar: no horizontal scrolling.
      expect(await frame.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(300);

      // The sidebar is the built file, byte for byte, with only the google.script.run bridge put in front.
      const served = await (await fetch(`${server.url}/sidebar.html`)).text();
      expect(served.replace(bridgeScriptTag(), '')).toBe(readFileSync(distSidebar, 'utf8'));
    },
    TIMEOUT_MS,
  );

  test(
    'Clean, Impute, Encode and Fit clicked in the sidebar change the sheet and write the results',
    async () => {
      for (const step of ['clean', 'impute', 'encode', 'fit'] as const) {
        const { result, error } = await clickStep(step);
        expect({ step, error }).toEqual({ step, error: '' });
        expect(result).not.toBe('');
      }
      await gridSynced();
      const tabs = await page.$$eval('.tab', (items) => items.map((item) => item.textContent));
      expect(tabs).toEqual(
        expect.arrayContaining(['Sheet1', 'TikFit Results', 'TikFit backup 1 (hidden)', 'TikFit backup 3 (hidden)']),
      );
    },
    TIMEOUT_MS,
  );

  test(
    'the results tab: findings first, numbers formatted, the p < 0.05 highlight, the live status, and both charts drawn',
    async () => {
      await showTab('TikFit Results');
      const cells = await gridCells();
      const firstRow = (pattern: RegExp): number => cells.findIndex((row) => pattern.test(row[0] ?? ''));
      // The answer first: the findings, then the warnings, the model, and the machinery last.
      const order = [
        /^What TikFit found/,
        /^Warnings$/,
        /^Model summary$/,
        /^Term$/,
        /^Not in the model$/,
        /^How this was computed$/,
        /^Settings$/,
      ].map(firstRow);
      expect(order.every((row, k) => row > 0 && (k === 0 || row > (order[k - 1] as number)))).toBe(true);
      expect(firstRow(/^What TikFit found/)).toBeLessThan(4);
      const tableRow = firstRow(/^Term$/);
      expect(cells[tableRow]?.slice(0, 8)).toEqual(TABLE_HEADER);
      // Encode recorded the reference levels, so the fit after the separate steps still words it as Run all does.
      const finding = /^Videos in the info category gain about .+ new followers (than|as) videos in the humor category/;
      expect(cells.some((row) => finding.test(row[0] ?? ''))).toBe(true);
      const frame = await sidebarFrame();
      const findings = await frame.evaluate(() =>
        Array.from(document.querySelectorAll('#findings li, #findings-more li')).map((item) => item.textContent ?? ''),
      );
      expect(findings.some((line) => finding.test(line))).toBe(true);

      // Numbers for reading: R² to 3 decimals, p-values to 4 or "<0.0001", estimates to 4 significant digits.
      expect(cells[firstRow(/^R²$/)]?.[1]).toMatch(/^0\.\d{3}$/);
      const table = cells.slice(tableRow + 1, firstRow(/^Estimates are on/));
      expect(table[0]?.[4]).toBe('<0.0001');
      for (const row of table) {
        expect(row[4]).toMatch(/^(<0\.0001|[01]\.\d{4})$/);
        expect(String(row[1]).replace(/^-/, '').replace(/,/g, '').replace('.', '').replace(/^0+/, '')).toMatch(
          /^\d{4}$|E/,
        );
      }
      // Settings one per line, the full time stamp.
      expect(cells.some((row) => row[0] === '  Seed' && row[1] === '42')).toBe(true);
      expect(cells.find((row) => row[0] === 'Made')?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      // The data-status cell shows what its formula computes, not the formula.
      expect(cells.find((row) => row[0] === 'Data status')?.[1]).toBe(
        'Current: the data is unchanged since these results were made',
      );

      // The conditional format's highlight, on exactly the rows with p < 0.05.
      const highlighted = await page.evaluate((first: number) => {
        const rows = Array.from(document.querySelectorAll('#grid tbody tr')).slice(first);
        return rows.map(
          (row) =>
            (row.querySelectorAll('td')[0] as unknown as { style: { backgroundColor: string } } | undefined)?.style
              .backgroundColor ?? '',
        );
      }, tableRow + 1);
      table.forEach((row, k) => {
        const significant = row[4] === '<0.0001' || Number(row[4]) < 0.05;
        expect({ term: row[0], fill: highlighted[k] }).toEqual({
          term: row[0],
          fill: significant ? 'rgb(217, 234, 211)' : '',
        });
      });

      // Both charts, drawn from the add-on's own spec: as many points per series as the chart's data has rows.
      const charts = server.runtime().fake.getCharts('TikFit Results');
      expect(charts.map((c) => c.chartType)).toEqual(['LINE', 'SCATTER']);
      const dataRows = (a1: string): number => {
        const [, from, to] = /!\D+(\d+):\D+(\d+)$/.exec(a1) ?? [];
        return Number(to) - Number(from);
      };
      const coefficientRows = dataRows(charts[0]?.ranges[0] ?? '');
      const residualRows = dataRows(charts[1]?.ranges[0] ?? '');
      await page.waitForSelector('.chart-box[data-points] canvas');
      const drawn = await page.$$eval('.chart-box', (boxes) =>
        boxes.map((box) => [
          box.getAttribute('data-type'),
          box.getAttribute('data-anchor'),
          box.getAttribute('data-points'),
          box.querySelectorAll('canvas').length,
        ]),
      );
      expect(drawn).toEqual([
        ['LINE', 'I2', `${coefficientRows},${coefficientRows},${coefficientRows}`, 1],
        ['SCATTER', 'I21', String(residualRows), 1],
      ]);
      expect(coefficientRows).toBeGreaterThan(10);

      // For the picture (README): a wide window, the answer at the top of the sheet, the charts beside it.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.evaluate(() => {
        const wrap = document.getElementById('grid-wrap');
        if (wrap) wrap.scrollTop = 0;
      });
      await page.screenshot({ path: join(shotDir, 'preview-fit.png') });
      await page
        .locator('.chart-box')
        .first()
        .screenshot({ path: join(shotDir, 'preview-chart-coefficients.png') });
      await page
        .locator('.chart-box')
        .nth(1)
        .screenshot({ path: join(shotDir, 'preview-chart-residuals.png') });
      await page.evaluate(
        (row: number) => {
          const wrap = document.getElementById('grid-wrap');
          const cell = document.querySelector(`td[data-ref="A${row}"]`);
          const head = document.querySelector('#grid thead');
          if (wrap && cell && head) wrap.scrollTop = cell.offsetTop - head.offsetHeight;
        },
        firstRow(/^Model summary$/) + 1,
      );
      await page.screenshot({ path: join(shotDir, 'preview-highlight.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
      if (process.env.UPDATE_SCREENSHOT) {
        mkdirSync(join(projectRoot, 'docs'), { recursive: true });
        copyFileSync(join(shotDir, 'preview-fit.png'), join(projectRoot, 'docs', 'preview.png'));
      }
    },
    TIMEOUT_MS,
  );

  test(
    'the sidebar holds the answer: findings and the coefficient chart at the top, in one screen 300 px wide',
    async () => {
      const frame = await sidebarFrame();
      // The answer comes before the steps, and the options and columns are folded away.
      const top = await frame.evaluate(() => ({
        answer: document.getElementById('answer')?.offsetTop ?? -1,
        steps: document.getElementById('steps')?.offsetTop ?? -1,
        options: (document.getElementById('options-section') as unknown as { open: boolean } | null)?.open,
        columns: (document.getElementById('columns-section') as unknown as { open: boolean } | null)?.open,
      }));
      expect(top.answer).toBeGreaterThan(0);
      expect(top.answer).toBeLessThan(top.steps);
      expect([top.options, top.columns]).toEqual([false, false]);
      const summary = (
        server.runtime().callJson('getProfile', []) as { lastModel: { terms: unknown[]; findings: string[] } }
      ).lastModel;
      const terms = Math.min(summary.terms.length, 16);
      await frame.waitForSelector('#coef-chart[data-points] canvas');
      expect(
        await frame.$eval('#coef-chart', (chart) => [
          chart.getAttribute('data-terms'),
          chart.getAttribute('data-points'),
          chart.getAttribute('data-bars'),
        ]),
      ).toEqual([String(terms), String(terms), String(terms)]);
      expect(await frame.$$eval('#findings li', (items) => items.length)).toBe(Math.min(4, summary.findings.length));
      const height = await frame.evaluate(() => document.body.scrollHeight);
      expect(height).toBeLessThanOrEqual(1200);
      expect(await frame.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(300);
      // The whole sidebar in one picture.
      await page.setViewportSize({ width: 1280, height: height + 120 });
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-sidebar.png') });
      await page.setViewportSize({ width: 1280, height: 800 });

      // Reopened, it shows the sheet's last model, read from the document's record.
      const before = await frame.evaluate(() =>
        Array.from(document.querySelectorAll('#findings li')).map((item) => item.textContent ?? ''),
      );
      await page.reload();
      const reopened = await sidebarReady();
      await reopened.waitForSelector('#answer:not([hidden]) #coef-chart[data-points]');
      expect(
        await reopened.evaluate(() =>
          Array.from(document.querySelectorAll('#findings li')).map((item) => item.textContent ?? ''),
        ),
      ).toEqual(before);
      expect(await reopened.textContent('#answer-source')).toMatch(/^Fitted on “Sheet1”/);
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-sidebar-reopened.png') });
    },
    TIMEOUT_MS,
  );

  test(
    'Undo, clicked until nothing is left to undo, brings the sheet back exactly',
    async () => {
      for (let i = 0; i < 3; i++) {
        const { error } = await clickStep('undo');
        expect(error).toBe('');
      }
      const frame = await sidebarFrame();
      await frame.waitForSelector('#btn-undo[disabled]');
      await showTab('Sheet1');
      expect(await gridCells()).toEqual(original);
      const tabs = await page.$$eval('.tab', (items) => items.map((item) => item.textContent));
      expect(tabs.filter((tab) => tab?.includes('(hidden)'))).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'a category named like markup shows as text in the grid and the sidebar, and runs nothing',
    async () => {
      const grid = parseCsvText(readFileSync(samplePath, 'utf8'));
      const column = grid[0]?.indexOf('category') ?? -1;
      expect(column).toBeGreaterThan(0);
      let renamed = 0;
      for (const row of grid.slice(1)) {
        if (row[column] === 'tech') {
          row[column] = `tech ${PAYLOAD}`;
          renamed++;
        }
      }
      expect(renamed).toBeGreaterThanOrEqual(6); // more than the rare threshold: the level is kept
      const file = join(tempDir, 'markup.csv');
      writeFileSync(
        file,
        grid
          .map((row) => row.map((cell) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','))
          .join('\n') + '\n',
      );

      await page.setInputFiles('#load-file', file);
      await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Loaded'));
      await gridSynced('Sheet1');
      expect((await gridCells()).some((row) => row.includes(`tech ${PAYLOAD}`))).toBe(true);
      await sidebarReady();

      const { result, error } = await clickStep('recipe');
      expect(error).toBe('');
      expect(result).toMatch(/^Kept \d+ of 200 rows/);
      const frame = await sidebarFrame();
      const sidebarText = await frame.evaluate(() => document.body.textContent ?? '');
      expect(sidebarText).toContain(PAYLOAD);
      expect(sidebarText).toMatch(/Videos in the \S+ category gain about .+ than videos in the humor category/);
      await gridSynced();
      const pageText = await page.evaluate(() => document.getElementById('grid')?.textContent ?? '');
      expect(pageText).toContain(PAYLOAD);
      await showTab('Sheet1');
      const header = (await gridCells())[0] ?? [];
      const labelColumn = header.indexOf(`category_tech ${PAYLOAD}`);
      expect(labelColumn).toBeGreaterThan(0);
      // Picked, the cell shows its text in the formula bar (and scrolls into view for the picture).
      await page.click(`#grid tbody tr:first-child td:nth-of-type(${labelColumn + 1})`);
      expect(await page.textContent('#cell-content')).toBe(`category_tech ${PAYLOAD}`);

      expect(await imgCount(page)).toBe(0);
      expect(await imgCount(frame)).toBe(0);
      expect(dialogs).toEqual([]);
      await page.screenshot({ path: join(shotDir, 'preview-markup.png') });
    },
    TIMEOUT_MS,
  );

  test(
    'a server error shows inline next to the button that caused it',
    async () => {
      const lock = async (busy: boolean): Promise<void> => {
        const response = await fetch(`${server.url}/api/test/lock`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ busy }),
        });
        expect(response.status).toBe(200);
      };
      await lock(true);
      try {
        const { result, error } = await clickStep('clean');
        expect(result).toBe('');
        expect(error).toContain('Another editor is running TikFit');
        const frame = await sidebarFrame();
        expect(await frame.textContent('#error-clean')).toContain('Another editor is running TikFit');
        await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-error.png') });
      } finally {
        await lock(false);
      }
    },
    TIMEOUT_MS,
  );

  test(
    "the menu bar runs the add-on's menu functions and shows their toast or alert",
    async () => {
      await page.click('.menu-item[data-function="menuUndoLastStep"]');
      await page.waitForSelector('.toast');
      expect(await page.textContent('#toasts')).toContain('Undid "recipe" on "Sheet1"');
      await gridSynced();
      await page.click('.menu-item[data-function="menuUndoLastStep"]');
      await page.waitForSelector('#alert:not([hidden])');
      expect(await page.textContent('#alert-text')).toMatch(/nothing to undo/);
      await page.click('#alert-ok');
      await page.waitForSelector('#alert', { state: 'hidden' });
      const fake = server.runtime().fake;
      expect(fake.toasts.map((toast) => toast.message)).toEqual(['Undid "recipe" on "Sheet1"']);
      expect(fake.alerts.map((alert) => alert.prompt)).toEqual([expect.stringMatching(/nothing to undo/)]);
      // The add-on's own alerts are drawn in the page; no browser dialog ever opened, and no script failed.
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'a step that would replace a formula asks beside its button: Cancel keeps the sheet, "Replace with values" runs it',
    async () => {
      // A video log whose like-rate column E is a formula in every row; row 9's is blank, so Impute would fill it.
      const grid: unknown[][] = [['category', 'newFollowers', 'views', 'likes', 'likeRate']];
      for (let r = 2; r <= 31; r++) {
        const views = 100 + ((r * 37) % 400);
        const likes = 3 + ((r * 13) % 40);
        const rate =
          r === 9
            ? { formula: `=IF(C${r}>1000,D${r}/C${r},"")`, value: '' }
            : { formula: `=D${r}/C${r}`, value: likes / views };
        grid.push([['humor', 'info', 'tips'][r % 3], r % 7 === 3 ? '' : 5 + ((r * 11) % 23), views, likes, rate]);
      }
      const fake = server.runtime().fake;
      fake.setSheetValues('Sheet1', grid as never);
      fake.setActiveSheet('Sheet1');
      await page.reload();
      const frame = await sidebarReady();
      const before = fake.getSheetGrid('Sheet1');

      const ask = async (): Promise<string> => {
        await frame.click('#btn-impute');
        await frame.waitForSelector('#confirm-impute:not([hidden]) .confirm-replace:not([disabled])');
        return (await frame.textContent('#confirm-impute .question')) ?? '';
      };
      expect(await ask()).toBe('Replace 1 formula with a value (E9)? Impute would change what it shows.');
      expect(fake.getSheetGrid('Sheet1')).toEqual(before);
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-confirm.png') });
      await frame.click('#confirm-impute .confirm-cancel');
      await frame.waitForSelector('#confirm-impute', { state: 'hidden' });
      expect(await frame.textContent('#result-impute')).toBe('Nothing was changed; the formulas stay.');
      expect(fake.getSheetGrid('Sheet1')).toEqual(before);

      await ask();
      await frame.click('#confirm-impute .confirm-replace');
      await frame.waitForFunction(() =>
        /replaced 1 formula with a value$/.test(document.getElementById('result-impute')?.textContent ?? ''),
      );
      expect(await frame.isHidden('#confirm-impute')).toBe(true);
      const after = fake.getSheetGrid('Sheet1');
      expect(after.formulas[8]?.[4]).toBe('');
      expect(after.formulas[9]?.[4]).toBe('=D10/C10');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    "a creator's own log (YouTube Shorts): notes, the trend choice, strays and left-out reasons per column, and the warnings of each step",
    async () => {
      await page.setInputFiles('#load-file', shortsPath);
      await page.waitForFunction(
        () => (document.getElementById('status')?.textContent ?? '') === 'Loaded youtube-shorts.csv',
      );
      // A saved setting naming a column this sheet does not have (one renamed in the sheet, say).
      const saved = await fetch(`${server.url}/api/run`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'saveSettings', args: [{ zeroMissing: ['Watch time', 'Views'] }] }),
      });
      expect(((await saved.json()) as { ok: boolean }).ok).toBe(true);
      const fake = server.runtime().fake;
      await page.reload();
      const frame = await sidebarReady();
      await frame.waitForSelector('#profile-body tr[data-column="Upload date"]');
      const text = async (selector: string): Promise<string> => ((await frame.textContent(selector)) ?? '').trim();
      const row = (name: string): string => `#profile-body tr[data-column="${name}"]`;

      expect(await text('#btn-recipe')).toBe('Run all');
      // The note is information, not an error.
      expect(await frame.$$eval('#notes li', (items) => items.map((item) => item.textContent))).toEqual([
        'The saved setting "0 = blank" named "Watch time", which is not a column of this sheet; it was dropped',
      ]);
      expect(await text('#error')).toBe('');
      expect(await frame.$eval('#notes', (notes) => getComputedStyle(notes).color)).toBe('rgb(60, 64, 67)');
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-creator-top.png') });

      expect(
        await frame.$$eval('#trend option', (options) =>
          options.map((option) => [option.getAttribute('value'), option.textContent]),
        ),
      ).toEqual([
        ['', 'None'],
        ['Upload date', 'Upload date'],
      ]);
      expect(await frame.inputValue('#trend')).toBe('');
      expect(await frame.isEnabled('#trend')).toBe(true);
      expect(await frame.inputValue('#target')).toBe('Subscribers gained');

      expect(await text(`${row('Views')} .strays`)).toBe(
        '1 cell is not a number (row 67: "1O24") — treated as missing',
      );
      expect(await text(`${row('Title')} .left-out`)).toBe('Not in the model: mostly distinct text, such as a title');
      expect(await text(`${row('Upload date')} .role`)).toBe('date');
      expect(await text(`${row('Upload date')} .left-out`)).toMatch(/^Not in the model: dates are not a predictor/);
      expect(await frame.isChecked(`${row('Views')} .zero-missing`)).toBe(true);
      // Red is kept for errors: no role tag is red.
      const roleColours = await frame.$$eval('.role', (tags) => tags.map((tag) => getComputedStyle(tag).color));
      expect(roleColours.length).toBe(7);
      for (const colour of roleColours) {
        const [r = 0, g = 0, b = 0] = (colour.match(/\d+/g) ?? []).map(Number);
        expect({ colour, red: r > 150 && g < 110 && b < 110 }).toEqual({ colour, red: false });
      }
      await frame.evaluate(() => document.getElementById('h-columns')?.scrollIntoView());
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-creator-columns.png') });

      // Before a model the columns are open and the options folded; a click opens them.
      expect(await frame.$eval('#columns-section', (section) => (section as unknown as { open: boolean }).open)).toBe(
        true,
      );
      expect(await frame.isVisible('#trend')).toBe(false);
      await frame.click('#options-section > summary');
      // Choosing the trend sends it, and saves settings that name only columns the sheet has.
      await frame.selectOption('#trend', 'Upload date');
      await frame.waitForFunction(
        () => document.getElementById('save-status')?.textContent === 'Saved for this spreadsheet.',
      );
      expect(JSON.parse(fake.properties.document.get('tikfit.settings') ?? '{}')).toMatchObject({
        trend: 'Upload date',
        zeroMissing: ['Views'],
        target: 'Subscribers gained',
      });
      expect(fake.properties.document.get('tikfit.settings')).not.toContain('Watch time');
      expect(await frame.isHidden('#notes')).toBe(true);
      expect(await text(`${row('Upload date')} .role`)).toBe('trend');
      expect(await frame.$(`${row('Upload date')} .left-out`)).toBeNull();
      // …and None removes it.
      await frame.selectOption('#trend', '');
      await frame.waitForFunction(
        () => document.getElementById('save-status')?.textContent === 'Saved for this spreadsheet.',
      );
      expect(fake.properties.document.get('tikfit.settings')).not.toContain('trend');
      await frame.selectOption('#trend', 'Upload date');
      await frame.waitForFunction(
        () => document.getElementById('save-status')?.textContent === 'Saved for this spreadsheet.',
      );

      // Step by step shows the warnings Run all shows, under the step that ran last.
      const warnings = async (step: string): Promise<string[]> =>
        frame.$$eval(`#warnings-${step} li`, (items) => items.map((item) => item.textContent ?? ''));
      const clean = await clickStep('clean');
      expect(clean.error).toBe('');
      expect(await warnings('clean')).toEqual([STRAY_WARNING]);
      expect(await frame.isVisible('#warnings-clean')).toBe(true);
      const impute = await clickStep('impute');
      expect(impute.error).toBe('');
      expect(await warnings('impute')).toEqual([STRAY_REPLACED, expect.stringMatching(/imputed rather than deleted/)]);
      expect(await frame.isHidden('#warnings-clean')).toBe(true);
      await frame.evaluate(() => document.getElementById('h-steps')?.scrollIntoView());
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-creator-steps.png') });
      const encode = await clickStep('encode');
      expect(encode.error).toBe('');
      expect(encode.result).toMatch(/^Encoded Topic/);
      expect(await warnings('encode')).toEqual([STRAY_REPLACED, expect.stringMatching(/imputed rather than deleted/)]);
      expect(await frame.isHidden('#warnings-impute')).toBe(true);
      await frame.waitForSelector(`${row('Topic_review')} .role`);
      expect(await text(`${row('Topic_review')} .role`)).toBe('binary');
      expect(await frame.$(row('Topic'))).toBeNull();
      await frame.evaluate(() => document.getElementById('h-columns')?.scrollIntoView());
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-creator-encoded.png') });

      const fit = await clickStep('fit');
      expect(fit.error).toBe('');
      expect(await frame.$$eval('#warnings li', (items) => items.map((item) => item.textContent))).toContain(
        STRAY_REPLACED,
      );
      for (const step of ['clean', 'impute', 'encode']) expect(await frame.isHidden(`#warnings-${step}`)).toBe(true);
      expect(JSON.parse(fake.properties.document.get('tikfit.settings') ?? '{}')).toMatchObject({
        trend: 'Upload date',
      });
      await frame.evaluate(() => document.getElementById('h-answer')?.scrollIntoView());
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-creator-model.png') });
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'a target mostly filled in: "Read this first" before the findings, and "Missing target" drops those rows instead',
    async () => {
      // The sample with newFollowers blank in 130 of its 200 rows.
      const grid = parseCsvText(readFileSync(samplePath, 'utf8'));
      const target = grid[0]?.indexOf('newFollowers') ?? -1;
      grid.slice(1).forEach((row, i) => {
        if (i % 20 < 13) row[target] = '';
      });
      const file = join(tempDir, 'mostly-blank.csv');
      writeFileSync(
        file,
        grid
          .map((row) => row.map((cell) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','))
          .join('\n') + '\n',
      );
      await page.setInputFiles('#load-file', file);
      await page.waitForFunction(
        () => (document.getElementById('status')?.textContent ?? '') === 'Loaded mostly-blank.csv',
      );
      const frame = await sidebarReady();
      expect((await clickStep('recipe')).error).toBe('');
      await frame.waitForSelector('#caveat:not([hidden])');
      expect(await frame.textContent('#caveat')).toMatch(
        /^Read this first\. Most of newFollowers was never recorded: 130 of 200 values \(65%\) were missing and TikFit filled them in, .* set "Missing newFollowers" to "Drop those rows" and fit again\.$/,
      );
      const order = await frame.evaluate(() => [
        document.getElementById('caveat')?.offsetTop ?? -1,
        document.getElementById('findings')?.offsetTop ?? -1,
      ]);
      expect(order[0]).toBeLessThan(order[1] as number);
      expect(await frame.evaluate(() => document.body.scrollHeight)).toBeLessThanOrEqual(1200);
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-caveat.png') });
      await showTab('TikFit Results');
      const cells = await gridCells();
      expect(cells[2]?.[0]).toBe('Read this first');
      expect(cells[3]?.[0]).toMatch(/^Most of newFollowers was never recorded/);
      expect(cells.findIndex((row) => /^What TikFit found/.test(row[0] ?? ''))).toBeGreaterThan(3);

      // What to do: undo, drop the rows with no target, run again.
      expect((await clickStep('undo')).error).toBe('');
      await frame.click('#options-section > summary');
      await frame.selectOption('#missing-target', 'drop');
      await frame.waitForFunction(
        () => document.getElementById('save-status')?.textContent === 'Saved for this spreadsheet.',
      );
      expect(JSON.parse(server.runtime().fake.properties.document.get('tikfit.settings') ?? '{}')).toMatchObject({
        impute: { newFollowers: 'drop' },
      });
      const again = await clickStep('recipe');
      expect(again.error).toBe('');
      expect(again.result).toMatch(/^Kept 70 of 200 rows/);
      await frame.waitForSelector('#caveat', { state: 'hidden' });
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT_MS,
  );

  test(
    'the Model select: "Counts: negative binomial" and Run all give the count model, AIC in the key numbers and exp(Estimate) in the results',
    async () => {
      if (!page.url().startsWith(server.url)) await page.goto(server.url); // when run alone (jest -t)
      await page.setInputFiles('#load-file', shortsPath);
      await page.waitForFunction(
        () => (document.getElementById('status')?.textContent ?? '') === 'Loaded youtube-shorts.csv',
      );
      await page.reload();
      const frame = await sidebarReady();
      if (!(await frame.isVisible('#model'))) await frame.click('#options-section > summary');
      expect(await frame.$$eval('#model option', (options) => options.map((option) => option.textContent))).toEqual([
        'Least squares (log of the count)',
        'Counts: negative binomial',
        'Counts: Poisson',
      ]);
      // The exposure is for a count model: off under least squares, on once a count model is chosen.
      expect(await frame.isDisabled('#offset')).toBe(true);
      expect(await frame.textContent('#offset-hint')).toBe('For a count model: choose one as the Model first.');
      await frame.selectOption('#model', { label: 'Counts: negative binomial' });
      await frame.waitForFunction(
        () => document.getElementById('save-status')?.textContent === 'Saved for this spreadsheet.',
      );
      expect(await frame.inputValue('#model')).toBe('nb');
      expect(await frame.isEnabled('#offset')).toBe(true);
      expect(await frame.inputValue('#offset')).toBe('');
      expect(await frame.$$eval('#offset option', (options) => options.map((option) => option.textContent))).toContain(
        'Views',
      );
      await frame.evaluate(() => document.getElementById('h-options')?.scrollIntoView());
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-count-model-options.png') });
      const run = await clickStep('recipe');
      expect(run.error).toBe('');
      expect(run.result).toMatch(/negative binomial, AIC \d/);
      // The key numbers: AIC instead of R², the number tikfit run --model nb --json gives on the same file.
      const numbers = await frame.$$eval('#numbers .number', (items) =>
        items.map((item) => [item.querySelector('dt')?.textContent ?? '', item.querySelector('dd')?.textContent ?? '']),
      );
      expect(numbers.map(([label]) => label)).toEqual(['AIC', 'Typical error (Subscribers gained)', 'Rows used']);
      const cli = spawnSync(
        process.execPath,
        [join(projectRoot, 'dist', 'cli.js'), 'run', shortsPath, '--model', 'nb', '--json'],
        {
          encoding: 'utf8',
        },
      );
      const aic = (JSON.parse(cli.stdout) as { model: { aic: number } }).model.aic;
      expect(Math.abs(Number((numbers[0]?.[1] ?? '').replace(/,/g, '')) - aic)).toBeLessThanOrEqual(0.05);
      await frame.evaluate(() => document.getElementById('h-answer')?.scrollIntoView());
      const height = await frame.evaluate(() => document.body.scrollHeight);
      expect(await frame.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(300);
      await page.setViewportSize({ width: 1280, height: Math.min(height + 120, 1400) });
      await page.locator('#sidebar').screenshot({ path: join(shotDir, 'preview-count-model-sidebar.png') });

      // The results sheet: z instead of t, exp(Estimate) with its interval, and both charts drawn.
      await showTab('TikFit Results');
      const cells = await gridCells();
      const header = cells.findIndex((row) => row[0] === 'Term');
      expect(cells[header]?.slice(0, 10)).toEqual(GLM_COEFFICIENT_HEADER);
      expect(cells.some((row) => row[0] === 'AIC')).toBe(true);
      await page.waitForSelector('.chart-box[data-points] canvas');
      const drawn = await page.$$eval('.chart-box', (boxes) =>
        boxes.map((box) => [box.getAttribute('data-type'), box.getAttribute('data-anchor')]),
      );
      expect(drawn).toEqual([
        ['LINE', 'K2'],
        ['SCATTER', 'K21'],
      ]);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.evaluate(() => {
        const wrap = document.getElementById('grid-wrap');
        if (wrap) wrap.scrollTop = 0;
      });
      await page.screenshot({ path: join(shotDir, 'preview-count-model.png') });
      await page
        .locator('.chart-box')
        .nth(1)
        .screenshot({ path: join(shotDir, 'preview-count-model-residuals.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT_MS,
  );
}

if (existsSync(CHROMIUM)) {
  describe('the local preview in Chromium', suite);
} else if (process.env.CI) {
  describe('the local preview in Chromium', () => {
    test('needs Chromium', () => {
      throw new Error(`Chromium is missing at ${CHROMIUM}; .ci/run installs it (apt-get install chromium)`);
    });
  });
} else {
  process.stderr.write(
    `NOTE: skipping the browser tests of the preview: no Chromium at ${CHROMIUM} (apt-get install chromium)\n`,
  );
  describe.skip('the local preview in Chromium', suite);
}
