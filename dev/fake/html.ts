/**
 * `HtmlService`: HTML outputs from strings or from the project's HTML files (given to the fake as
 * `options.htmlFiles`), and templates with scriptlets (`<?= ?>` escaped, `<?!= ?>` raw, `<? ?>` code) whose
 * code sees only the template's assigned properties.
 */

import { FakeContext, signatureMismatch } from './context';
import { enumName, makeEnum } from './enums';
import { FakeHtmlOutput, FakeHtmlService, FakeHtmlTemplate } from './types';

/** What an HtmlOutput holds. */
export interface HtmlOutputState {
  content: string;
  title: string;
  width: number | undefined;
  height: number | undefined;
  sandboxMode: string;
  xFrameOptionsMode: string;
  metaTags: { name: string; content: string }[];
  faviconUrl: string | undefined;
}

/** `HtmlService.SandboxMode`. */
export const SANDBOX_MODE = makeEnum(['EMULATED', 'IFRAME', 'NATIVE'] as const);
/** `HtmlService.XFrameOptionsMode`. */
export const X_FRAME_OPTIONS_MODE = makeEnum(['ALLOWALL', 'DEFAULT'] as const);

/** Escapes text for HTML, as a printing scriptlet `<?= ?>` does. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Compiles a template's scriptlets to the body of a function of (data, escape) that returns the HTML. */
export function compileTemplate(source: string): string {
  const parts: string[] = ['var __out = [];', 'with (__data) {'];
  const pattern = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    parts.push(`__out.push(${JSON.stringify(source.slice(last, m.index))});`);
    const code = m[2] ?? '';
    if (m[1] === '=') parts.push(`__out.push(__escape(String(${code})));`);
    else if (m[1] === '!=') parts.push(`__out.push(String(${code}));`);
    else parts.push(code);
    last = m.index + m[0].length;
  }
  parts.push(`__out.push(${JSON.stringify(source.slice(last))});`, '}', "return __out.join('');");
  return parts.join('\n');
}

/** Makes the HtmlService global. `htmlOf` maps each HtmlOutput back to its state for `Ui.showSidebar`. */
export function makeHtmlService(
  ctx: FakeContext,
  files: Record<string, string>,
  htmlOf: WeakMap<object, HtmlOutputState>,
): FakeHtmlService {
  const readFile = (filename: unknown, method: string): string => {
    if (typeof filename !== 'string') return signatureMismatch(ctx, `HtmlService.${method}`, [filename]);
    const content =
      files[filename] ??
      files[`${filename}.html`] ??
      (filename.endsWith('.html') ? files[filename.slice(0, -5)] : undefined);
    if (content === undefined) return ctx.fail(`No HTML file named ${filename} was found.`);
    return content;
  };

  const makeOutput = (content: string): FakeHtmlOutput => {
    const state: HtmlOutputState = {
      content,
      title: '',
      width: undefined,
      height: undefined,
      sandboxMode: 'IFRAME',
      xFrameOptionsMode: 'DEFAULT',
      metaTags: [],
      faviconUrl: undefined,
    };
    const output: FakeHtmlOutput = {
      setTitle: (title) => {
        state.title = String(title);
        return output;
      },
      getTitle: () => state.title,
      setWidth: (width) => {
        if (typeof width !== 'number') return signatureMismatch(ctx, 'HtmlService.HtmlOutput.setWidth', [width]);
        state.width = width;
        return output;
      },
      getWidth: () => state.width ?? 0,
      setHeight: (height) => {
        if (typeof height !== 'number') return signatureMismatch(ctx, 'HtmlService.HtmlOutput.setHeight', [height]);
        state.height = height;
        return output;
      },
      getHeight: () => state.height ?? 0,
      getContent: () => state.content,
      setContent: (html) => {
        state.content = String(html);
        return output;
      },
      append: (added) => {
        state.content += String(added);
        return output;
      },
      appendUntrusted: (added) => {
        state.content += escapeHtml(String(added));
        return output;
      },
      clear: () => {
        state.content = '';
        return output;
      },
      setSandboxMode: (mode) => {
        const name = enumName(SANDBOX_MODE, mode);
        if (!name) return signatureMismatch(ctx, 'HtmlService.HtmlOutput.setSandboxMode', [mode]);
        // Apps Script now always uses IFRAME, whatever is asked.
        state.sandboxMode = 'IFRAME';
        return output;
      },
      setXFrameOptionsMode: (mode) => {
        const name = enumName(X_FRAME_OPTIONS_MODE, mode);
        if (!name) return signatureMismatch(ctx, 'HtmlService.HtmlOutput.setXFrameOptionsMode', [mode]);
        state.xFrameOptionsMode = name;
        return output;
      },
      addMetaTag: (name, content) => {
        state.metaTags.push({ name: String(name), content: String(content) });
        return output;
      },
      setFaviconUrl: (iconUrl) => {
        state.faviconUrl = String(iconUrl);
        return output;
      },
    };
    htmlOf.set(output, state);
    return output;
  };

  const makeTemplate = (source: string): FakeHtmlTemplate => {
    const code = compileTemplate(source);
    const template: FakeHtmlTemplate = {
      evaluate: () => {
        const data: Record<string, unknown> = {};
        for (const key of Object.keys(template)) {
          if (key !== 'evaluate' && key !== 'getRawContent' && key !== 'getCode') data[key] = template[key];
        }
        const render = new Function('__data', '__escape', code) as (
          d: Record<string, unknown>,
          e: (s: string) => string,
        ) => string;
        return makeOutput(render(data, escapeHtml));
      },
      getRawContent: () => source,
      getCode: () => code,
    };
    return template;
  };

  return {
    SandboxMode: SANDBOX_MODE,
    XFrameOptionsMode: X_FRAME_OPTIONS_MODE,
    createHtmlOutput: (html?: string) => makeOutput(html === undefined ? '' : String(html)),
    createHtmlOutputFromFile: (filename: string) => makeOutput(readFile(filename, 'createHtmlOutputFromFile')),
    createTemplate: (html: string) => makeTemplate(String(html)),
    createTemplateFromFile: (filename: string) => makeTemplate(readFile(filename, 'createTemplateFromFile')),
  };
}
