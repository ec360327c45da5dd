import { readFileSync } from 'node:fs';
import inspector from 'node:inspector';
import vm from 'node:vm';
import ts from 'typescript';
import { codePath, loadAddon } from '../helpers/addonVm';

// What Apps Script's V8 lacks (see the handbook's platform facts). The bundle must not use any of it.
const missingGlobals = [
  'setTimeout',
  'setInterval',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'fetch',
  'require',
  'process',
  'Buffer',
  'module',
  'exports',
];
const globals = [
  'onOpen',
  'onInstall',
  'showSidebar',
  'getProfile',
  'saveSettings',
  'applyClean',
  'applyImpute',
  'applyEncode',
  'runModel',
  'runRecipe',
  'undoLastStep',
  'menuRunRecipe',
  'menuClean',
  'menuImpute',
  'menuEncode',
  'menuFitRegression',
  'menuUndoLastStep',
  'TIKFIT_FINGERPRINT',
];

const code = readFileSync(codePath, 'utf8');

/** True when an identifier is bound by an enclosing function's parameters (esbuild's CommonJS wrappers take
 * `exports` and `module` that way), so that it is not the missing global. */
function declaredAround(node: ts.Identifier): boolean {
  for (let scope: ts.Node | undefined = node.parent; scope !== undefined; scope = scope.parent) {
    if (ts.isFunctionLike(scope) && scope.parameters.some((p) => p.name.getText() === node.text)) return true;
  }
  return false;
}
const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);

describe('dist/addon/Code.js suits Apps Script V8', () => {
  test('no modules, #private fields, static class fields, or V8-missing globals', () => {
    const problems: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isExportAssignment(node))
        problems.push('module syntax');
      if (node.kind === ts.SyntaxKind.ImportKeyword) problems.push('dynamic import');
      if (ts.isPrivateIdentifier(node)) problems.push(`#private ${node.text}`);
      if (ts.isPropertyDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword))
        problems.push(`static field ${node.name.getText(source)}`);
      if (ts.isClassStaticBlockDeclaration(node)) problems.push('static block');
      if (ts.isIdentifier(node) && missingGlobals.includes(node.text)) {
        const parent = node.parent;
        const isPropertyName =
          (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
          (ts.isPropertyAssignment(parent) && parent.name === node) ||
          ts.isMethodDeclaration(parent);
        if (!isPropertyName && !declaredAround(node))
          problems.push(`uses ${node.text} (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(problems).toEqual([]);
  });

  test('the top level is one IIFE and the global functions, nothing that runs a service', () => {
    const statements = source.statements.filter(
      (s) => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === 'use strict'),
    );
    const kinds = statements.map((s) =>
      ts.isFunctionDeclaration(s)
        ? `function ${s.name?.text}`
        : ts.isVariableStatement(s)
          ? `var ${s.declarationList.declarations.map((d) => d.name.getText(source)).join(',')}`
          : ts.SyntaxKind[s.kind],
    );
    expect(kinds[0]).toBe('var TikFitAddon');
    expect(kinds.slice(1).every((k) => k.startsWith('function '))).toBe(true);
    expect(kinds.slice(1).map((k) => k.slice('function '.length))).toEqual(expect.arrayContaining(globals));
  });

  test('every global is a real top-level function with its JSDoc; custom functions carry @customfunction', () => {
    for (const statement of source.statements) {
      if (!ts.isFunctionDeclaration(statement)) continue;
      const docs = ts.getJSDocCommentsAndTags(statement);
      expect({ name: statement.name?.text, documented: docs.length > 0 }).toEqual({
        name: statement.name?.text,
        documented: true,
      });
      const text = code.slice(statement.getFullStart(), statement.getStart());
      if (/^TIKFIT/.test(statement.name?.text ?? '')) expect(text).toContain('@customfunction');
    }
  });

  test('loads in a context with no Apps Script services at all (as in AuthMode.NONE, the top level touches none)', () => {
    const context = loadAddon({});
    for (const name of globals) expect(typeof context[name]).toBe('function');
    expect(typeof context.setTimeout).toBe('undefined');
  });

  test('calls no built-in newer than ES2020 (esbuild lowers syntax, not library methods)', () => {
    const newer =
      /\.(at|replaceAll|findLast|findLastIndex|toSorted|toReversed|toSpliced|with)\(|Object\.hasOwn\(|structuredClone\(|\?\?=|\|\|=|&&=/g;
    expect(code.match(newer) ?? []).toEqual([]);
  });

  test('is built for es2020 in an IIFE, minified (each formula cell loads it afresh) before the unminified global functions', () => {
    const wrapper = /^(?:"use strict";)?var TikFitAddon=\(\(([\w,]*)\)=>\{.*\}\)\(([\w,]*)\);$/m.exec(code);
    expect(wrapper).not.toBeNull();
    // The built-ins it binds as parameters (for fast look-ups in a bare context) are passed in as themselves, and are
    // ECMAScript's own: an Apps Script service or a name a V8 may lack would break the load.
    const [, parameters, argumentsPassed] = wrapper as RegExpExecArray;
    expect(argumentsPassed).toBe(parameters);
    const ecmaScript = new Set(vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[]); // a bare V8's
    for (const name of (parameters as string).split(',').filter(Boolean)) {
      expect(ecmaScript.has(name)).toBe(true);
      expect(['SpreadsheetApp', 'WebAssembly', 'Intl', 'Error']).not.toContain(name);
    }
    expect(parameters).toContain('Math');
    const bundle = source.statements.find((s) => ts.isVariableStatement(s)) as ts.VariableStatement;
    const text = code.slice(bundle.getStart(), bundle.getEnd());
    expect(text).not.toMatch(/\n|\/\*\*/); // one line, no comments
    expect(text.length).toBeLessThan(code.length);
  });

  test("runs nothing at load beyond declaring: a few factory calls, none of the add-on's functions", () => {
    // V8's precise coverage counts every function call made while Code.js loads in a bare context.
    const session = new inspector.Session();
    session.connect();
    const post = (method: string, params?: object): unknown => {
      let result: unknown;
      let failure: unknown;
      session.post(method, params, (error, value) => {
        failure = error;
        result = value;
      });
      if (failure) throw failure as Error;
      return result;
    };
    try {
      post('Profiler.enable');
      post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      const context = vm.createContext({});
      vm.runInContext(code, context, { filename: 'Code.js (load check)' });
      const coverage = post('Profiler.takePreciseCoverage') as {
        result: {
          url: string;
          functions: { functionName: string; ranges: { startOffset: number; count: number }[] }[];
        }[];
      };
      const called = coverage.result
        .filter((script) => script.url === 'Code.js (load check)')
        .flatMap((script) => script.functions.filter((f) => (f.ranges[0]?.count ?? 0) > 0));
      const calls = called.reduce((sum, f) => sum + (f.ranges[0]?.count ?? 0), 0);
      expect(calls).toBeLessThan(40); // the script, the IIFE, esbuild's export helpers, a few closure factories and regexes
      expect(
        called.map((f) => f.functionName).filter((name) => globals.includes(name) || /^TIKFIT/.test(name)),
      ).toEqual([]);
    } finally {
      post('Profiler.stopPreciseCoverage');
      post('Profiler.disable');
      session.disconnect();
    }
  });
});
