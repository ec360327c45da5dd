// Builds the add-on's sidebar into ONE self-contained HTML file (inline CSS and JS; nothing fetched from the
// network): sidebar/main.ts bundled by esbuild, sidebar/sidebar.css, and the sidebar/sidebar.html template with
// its <!-- INLINE_CSS --> and <!-- INLINE_JS --> placeholders. Serve it with HtmlService.createHtmlOutputFromFile
// (not a template: the bundle is not meant to be scanned for <? ?> scriptlets).
//
//   node scripts/buildSidebar.mjs [--minify] [--out dist/addon/sidebar.html]
//   import { buildSidebar } from './buildSidebar.mjs'; await buildSidebar({ minify: true });
import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sidebarDir = join(root, 'sidebar');

/**
 * Inlines `text` in place of the single `placeholder` in `html`.
 * A replacer function, not a string, so that `$&`, `$'` and the like in the bundle stay literal.
 */
function inline(html, placeholder, text) {
  const count = html.split(placeholder).length - 1;
  if (count !== 1)
    throw new Error(`buildSidebar: sidebar.html must contain ${placeholder} exactly once (found ${count})`);
  return html.replace(placeholder, () => text);
}

/**
 * Makes `js` safe inside <script>…</script>. The HTML parser ends the element at the first `</script`, whatever the
 * JavaScript means, so every `</script` (any case) becomes `<\/script`, which JavaScript strings, templates and
 * regular expressions (with or without the u flag) read the same. `<!--` would switch the parser into its
 * "escaped" states, where a later `<script` can stop the real `</script>` from closing the element; there is no
 * escape for it that keeps every regular expression's meaning, so the build refuses it.
 * @throws Error when the bundle contains `<!--`.
 */
export function escapeScript(js) {
  if (js.includes('<!--'))
    throw new Error(
      'buildSidebar: the sidebar bundle contains "<!--"; rewrite the code that produces it (e.g. a regular expression /<[!]--/)',
    );
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

/**
 * Bundles the sidebar and writes the single HTML file.
 * @param {{ outFile?: string, minify?: boolean }} [options] outFile is relative to the project root (or absolute).
 * @returns {Promise<{ outFile: string, bytes: number, html: string }>}
 */
export async function buildSidebar({ outFile = 'dist/addon/sidebar.html', minify = false } = {}) {
  const result = await build({
    entryPoints: [join(sidebarDir, 'main.ts')],
    tsconfig: join(sidebarDir, 'tsconfig.json'),
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    minify,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const bundle = result.outputFiles.find((file) => file.path.endsWith('.js')) ?? result.outputFiles[0];
  if (bundle === undefined) throw new Error('buildSidebar: esbuild produced no output');
  const js = escapeScript(bundle.text);

  const css = await readFile(join(sidebarDir, 'sidebar.css'), 'utf8');
  if (/<\/style/i.test(css)) throw new Error('buildSidebar: sidebar.css must not contain "</style"');
  const template = await readFile(join(sidebarDir, 'sidebar.html'), 'utf8');

  let html = inline(template, '<!-- INLINE_CSS -->', `<style>\n${css.trimEnd()}\n</style>`);
  html = inline(html, '<!-- INLINE_JS -->', `<script>\n${js.trimEnd()}\n</script>`);

  const target = resolve(root, outFile);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, html, 'utf8');
  return { outFile: target, bytes: Buffer.byteLength(html, 'utf8'), html };
}

// `node scripts/buildSidebar.mjs` builds directly.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outFile = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const { outFile: written, bytes } = await buildSidebar({
    minify: args.includes('--minify'),
    ...(outFile ? { outFile } : {}),
  });
  console.log(`sidebar: ${written} (${bytes} bytes)`);
}
