// Writes the top-level functions Apps Script needs, one per function exported from the add-on's entry file, each
// delegating to the bundle's export. A custom function (@customfunction) carries its whole JSDoc, which Sheets shows
// as the formula's autocomplete and help; the others (menu items, onOpen, the sidebar's server functions) carry only
// their JSDoc's first sentence, as Apps Script reads nothing from them (the full text stays in the entry file).
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
    const docs = statement.jsDoc ?? [];
    if (docs.length === 0) throw new Error(`globalStubs: ${name} in ${entryFile} has no JSDoc; every global needs one`);
    const custom = docs.some((doc) => (doc.tags ?? []).some((tag) => tag.tagName.text === 'customfunction'));
    const jsDoc = custom
      ? docs.map((doc) => text.slice(doc.getStart(source), doc.end)).join('\n')
      : `/** ${firstSentence(ts.getTextOfJSDocComment(docs[0].comment) ?? '', name)} */`;
    stubs.push(`${jsDoc}\nfunction ${name}(${params.join(', ')}){return ${globalName}.${name}(...arguments)}\n`);
  }
  return stubs.join('');
}

/** The first sentence of a JSDoc description, on one line. */
function firstSentence(description, name) {
  const sentence = description
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=\.) /)[0];
  if (sentence === '') throw new Error(`globalStubs: ${name}'s JSDoc has no description`);
  return sentence;
}
