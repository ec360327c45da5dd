// Writes the top-level functions Apps Script needs, one per function exported from the add-on's entry file, each
// with that function's own JSDoc (so @customfunction autocomplete works) and delegating to the bundle's export.
import ts from 'typescript';
import { readFileSync } from 'node:fs';

/**
 * @param {string} entryFile the TypeScript entry file
 * @param {string} globalName the IIFE's global
 * @returns {string} JavaScript source of the stubs
 */
export function globalStubs(entryFile, globalName) {
  const text = readFileSync(entryFile, 'utf8');
  const source = ts.createSourceFile(entryFile, text, ts.ScriptTarget.ES2020, true);
  const stubs = [];
  for (const statement of source.statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const name = statement.name.text;
    const params = statement.parameters.map((p) => p.name.getText(source));
    const jsDoc = (statement.jsDoc ?? []).map((doc) => text.slice(doc.pos, doc.end)).join('\n');
    if (jsDoc === '') throw new Error(`globalStubs: ${name} in ${entryFile} has no JSDoc; every global needs one`);
    stubs.push(
      `${jsDoc}\nfunction ${name}(${params.join(', ')}) {\n  return ${globalName}.${name}.apply(null, arguments);\n}\n`,
    );
  }
  return stubs.join('\n');
}
