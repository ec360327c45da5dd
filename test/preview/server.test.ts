import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  MAX_BODY_BYTES,
  TOO_LARGE,
  parseArgs,
  readTableFile,
  startPreviewServer,
  type PreviewServer,
} from '../../dev/previewServer';
import { projectRoot } from '../helpers/shared';

// The preview server without a browser: what it accepts, what it refuses, and the workbook in and out.

const built = existsSync(join(projectRoot, 'dist', 'addon', 'Code.js'));

/** A raw request, so that headers fetch will not let us set (Host) can be tested. */
function request(
  server: PreviewServer,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function postJson(server: PreviewServer, path: string, value: unknown): Promise<{ status: number; json: unknown }> {
  return request(server, {
    method: 'POST',
    path,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
  });
}

(built ? describe : describe.skip)('the preview server', () => {
  let server: PreviewServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tikfit-preview-server-'));
    server = await startPreviewServer({ port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 and loads the sample into Sheet1 with numbers as numbers', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const grid = server.runtime().fake.getSheetGrid('Sheet1');
    expect(grid.values).toHaveLength(201);
    expect(typeof grid.values[1]?.[1]).toBe('number');
    expect(server.runtime().fake.menus).toHaveLength(1);
  });

  test("runs only the add-on's own functions, and reports their errors as {ok: false}", async () => {
    expect((await postJson(server, '/api/run', { name: 'getProfile', args: [] })).json).toMatchObject({
      ok: true,
      value: { sheetName: 'Sheet1', rows: 200 },
    });
    for (const name of ['constructor', '__proto__', 'SpreadsheetApp', 'console', 'eval', 'toString', 'TikFitAddon']) {
      const reply = await postJson(server, '/api/run', { name, args: [] });
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ ok: false, error: { message: `Script function not found: ${name}` } });
    }
    expect((await postJson(server, '/api/run', { name: 'a.b', args: [] })).status).toBe(400);
    const failed = await postJson(server, '/api/run', {
      name: 'TIKFIT_PVALUE',
      args: [[[1], [2]], [[1], [3]], 'nope'],
    });
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({ ok: false, error: { message: expect.any(String) } });
    // The document lock is free again afterwards, whatever happened.
    expect(server.runtime().fake.lock.held()).toEqual([]);
  });

  test('refuses foreign hosts and origins, non-JSON posts and bodies over 1 MB', async () => {
    expect((await request(server, { path: '/api/state', headers: { Host: 'attacker.example' } })).status).toBe(403);
    expect((await request(server, { path: '/api/state', headers: { Host: `localhost:${server.port}` } })).status).toBe(
      200,
    );
    const foreign = await request(server, {
      method: 'POST',
      path: '/api/run',
      headers: { 'Content-Type': 'application/json', Origin: 'http://attacker.example' },
      body: '{"name":"getProfile"}',
    });
    expect(foreign.status).toBe(403);
    const form = await request(server, {
      method: 'POST',
      path: '/api/run',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"name":"getProfile"}',
    });
    expect(form.status).toBe(415);
    const big = await request(server, {
      method: 'POST',
      path: '/api/load',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ format: 'csv', text: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(big.status).toBe(413);
    // The limit and what to do about it, in words, not "request body over 1048576 bytes".
    expect(big.json).toEqual({ ok: false, error: { message: TOO_LARGE } });
    expect(TOO_LARGE).toMatch(/upload limit of 1 MB; open it directly instead: npm start -- /);
    expect((await postJson(server, '/api/test/lock', { busy: true })).status).toBe(404); // test hooks are off
  });

  test('activates visible sheets only; the state marks hidden ones', async () => {
    await postJson(server, '/api/run', { name: 'applyClean', args: [{}] });
    const state = (await request(server, { path: '/api/state' })).json as {
      sheets: { name: string; hidden: boolean }[];
      active: string;
    };
    expect(state.sheets).toEqual([
      { name: 'Sheet1', hidden: false },
      { name: 'TikFit backup 1', hidden: true },
    ]);
    expect((await postJson(server, '/api/activate', { sheet: 'TikFit backup 1' })).status).toBe(409);
    expect((await postJson(server, '/api/activate', { sheet: 'Nope' })).status).toBe(404);
    const hidden = (await request(server, { path: `/api/state?sheet=${encodeURIComponent('TikFit backup 1')}` }))
      .json as { active: string; sheet: { name: string; cells: string[][] } };
    expect(hidden.active).toBe('Sheet1');
    expect(hidden.sheet.name).toBe('TikFit backup 1');
    expect(hidden.sheet.cells[0]?.[0]).toBe('name');
  });

  test('exports the workbook as .xlsx with hidden sheets hidden, and loads an .xlsx back', async () => {
    const response = await fetch(`${server.url}/export.xlsx`);
    expect(response.status).toBe(200);
    const data = Buffer.from(await response.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Sheet1', 'visible'],
      ['TikFit backup 1', 'hidden'],
    ]);
    expect(book.worksheets[0]?.getCell(1, 1).value).toBe('name');
    expect(typeof book.worksheets[0]?.getCell(2, 2).value).toBe('number');

    const file = join(dir, 'book.xlsx');
    writeFileSync(file, data);
    const table = await readTableFile(file);
    expect(table.parse).toBe(false);
    expect(table.grid[0]?.[0]).toBe('name');
    const loaded = await postJson(server, '/api/load', {
      format: 'xlsx',
      name: 'book.xlsx',
      base64: data.toString('base64'),
    });
    expect(loaded.json).toEqual({ ok: true, source: 'book.xlsx' });
    expect(server.runtime().fake.sheetNames()).toEqual(['Sheet1']);
    expect(server.runtime().fake.getSheetGrid('Sheet1').values[0]?.[0]).toBe('name');
  });

  test('reads its command line', () => {
    expect(parseArgs([])).toEqual({ port: 8080 });
    expect(parseArgs(['--port', '9000'])).toEqual({ port: 9000 });
    expect(parseArgs(['data.csv', '--port=0']).file).toMatch(/data\.csv$/);
    expect(() => parseArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseArgs(['a.csv', 'b.csv'])).toThrow(/unexpected argument/);
  });
});
