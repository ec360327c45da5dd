import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { projectRoot } from '../helpers/shared';

// Builds the sidebar the way `node scripts/buildSidebar.mjs` does (into a temporary file, leaving dist/ alone).
const outFile = join(mkdtempSync(join(tmpdir(), 'tikfit-sidebar-')), 'sidebar.html');
const buildScript = join(projectRoot, 'scripts', 'buildSidebar.mjs');
let html = '';

beforeAll(() => {
  const result = spawnSync(process.execPath, [buildScript, '--out', outFile], { cwd: projectRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`buildSidebar failed: ${result.stderr}`);
  html = readFileSync(outFile, 'utf8');
});

function count(pattern: RegExp): number {
  return (html.match(pattern) ?? []).length;
}

function scriptText(): string {
  const match = /<script>([\s\S]*)<\/script>/i.exec(html);
  if (match === null || match[1] === undefined) throw new Error('no inline script');
  return match[1];
}

describe('the built sidebar', () => {
  test('is one self-contained file: one inline <style>, one inline <script>, nothing from outside', () => {
    expect(count(/<style\b/gi)).toBe(1);
    expect(count(/<\/style>/gi)).toBe(1);
    expect(count(/<script\b/gi)).toBe(1);
    expect(count(/<\/script/gi)).toBe(1);
    expect(html).toMatch(/<script>\s/); // inline: no src
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toContain('INLINE_CSS');
    expect(html).not.toContain('INLINE_JS');
  });

  test('the inline script is the bundle and compiles', () => {
    const js = scriptText();
    expect(js).toContain('withSuccessHandler');
    expect(js).toContain('withFailureHandler');
    expect(() => new Script(js)).not.toThrow();
  });

  test('has the element ids the browser tests rely on', () => {
    const ids = ['error', 'stale', 'target', 'findings', 'warnings', 'profile'];
    for (const step of ['clean', 'impute', 'encode', 'fit', 'recipe', 'undo'])
      ids.push(`btn-${step}`, `result-${step}`, `error-${step}`);
    for (const id of ids) expect(count(new RegExp(`\\bid="${id}"`, 'g'))).toBe(1);
  });

  test('static markup has no inline event handlers or javascript: URLs', () => {
    const template = readFileSync(join(projectRoot, 'sidebar', 'sidebar.html'), 'utf8');
    expect(template).not.toMatch(/\son[a-z]+\s*=/i);
    expect(template).not.toMatch(/javascript:/i);
    expect(template).not.toMatch(/<script\b/i);
  });

  test('escapeScript keeps </script> inside the bundle from closing the element, and the code means the same', () => {
    const source =
      'const a = "</script>", t = `</SCRIPT >`, r = /[</script>]/u; [a, t, [..."</sx\\\\"].map((c) => r.test(c))]';
    const code = `import { escapeScript } from ${JSON.stringify(buildScript)}; process.stdout.write(escapeScript(process.env.SOURCE));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      encoding: 'utf8',
      env: { ...process.env, SOURCE: source },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/<\/script/i);
    expect(new Script(result.stdout).runInNewContext()).toEqual(new Script(source).runInNewContext());
  });

  test('escapeScript refuses <!--, which has no meaning-preserving escape', () => {
    const code = `import { escapeScript } from ${JSON.stringify(buildScript)}; escapeScript('a <!-- b');`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('<!--');
  });
});

describe('sidebar sources', () => {
  const folder = join(projectRoot, 'sidebar');
  const sources = readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));

  test('are found', () => {
    expect(sources.map((s) => s.name)).toEqual(
      expect.arrayContaining(['main.ts', 'render.ts', 'serverClient.ts', 'state.ts']),
    );
  });

  test.each([
    'innerHTML',
    'outerHTML',
    'insertAdjacentHTML',
    'document.write',
    'createContextualFragment',
    'DOMParser',
    'srcdoc',
  ])('never use %s', (api) => {
    const pattern = new RegExp(api.replace('.', '\\s*\\.\\s*'));
    for (const { name, text } of sources) expect({ name, uses: pattern.test(text) }).toEqual({ name, uses: false });
  });

  test('put sheet data into the page as text', () => {
    const all = sources.map((s) => s.text).join('\n');
    expect(all).toMatch(/\.textContent\s*=/);
    expect(all).toMatch(/createTextNode\(/);
    expect(all).toMatch(/\.text\s*=\s*value/); // <option> labels
  });

  test('import only types from src/, except the option ranges (core/options.ts, data with no imports of its own)', () => {
    for (const { name, text } of sources) {
      // Whole import statements, over as many lines as the formatter gives them.
      const fromSrc = [...text.matchAll(/^import\b[^;]*?from\s+['"](\.\.\/src\/[^'"]+)['"];/gms)];
      for (const [statement, path] of fromSrc) {
        const allowed = /^import type\b/.test(statement) || path === '../src/core/options';
        expect({ name, statement, allowed }).toEqual({ name, statement, allowed: true });
      }
    }
    // The one module the sidebar takes values from pulls nothing else into the sidebar's bundle.
    const options = readFileSync(join(projectRoot, 'src', 'core', 'options.ts'), 'utf8');
    for (const line of options.split('\n').filter((l) => /^import\b/.test(l))) expect(line).toMatch(/^import type\b/);
  });
});
