// Whether a file exports a Lambda handler (`handler(event, context)`, possibly wrapped): the project
// model's last word on a file's target when no deploy config decided it.
import ts = require("typescript");
import { exportedFunctions } from "../../../rules/semantic/exports";
import { topLevelDeclarations } from "../../../rules/semantic/lexical";

/**
 * Whether the text may declare what exportsLambdaHandler looks for, so the tree is needed to know:
 * `export [async] function handler`, `export const|let|var ... handler =`, `[module.]exports.handler =`,
 * `export { main as handler }`, `module.exports = { handler }`, or a `\u` escape on an export's line
 * (an identifier may spell `handler` with one). Every check is one linear pass, whatever the text.
 */
export function mayExportLambdaHandler(text: string): boolean {
  if (text.includes("handler") && (HANDLER_EXPORT.test(text) || declaresExportedHandler(text))) return true;
  // `module.exports = { a: { ... }, handler }`: the object may nest braces, so any `handler` counts.
  if (EXPORTS_OBJECT.test(text) && (text.includes("handler") || text.includes("\\u"))) return true;
  return text.includes("\\u") && ESCAPED_EXPORT.test(text);
}

const ESCAPED_EXPORT = /\bexports?\b[^\n]*\\u/;
/**
 * In `export { a, main as handler }` the name follows `{`, `,` or `as`, or a comment after one of them
 * (`*\/`, or a line comment: then it starts its line); a `handler` elsewhere in the list is a comment's
 * word. Lists stop at a brace, so each scan from `export {` ends where the next one could start, and
 * each `\s*` starts after a character it cannot match: linear.
 */
const HANDLER_EXPORT =
  /\bexport\s+(?:async\s+)?function\b[\s*]*handler\b|\bexports\s*\.\s*handler\s*=|\bexport\s*(?:type\s+)?\{[^{}]*?(?:(?:[{,]|\bas|\*\/)\s*handler\b|^[ \t]*handler\b|\\u)/m;
const EXPORTS_OBJECT = /\bexports\s*=\s*\{/;
const EXPORT_DECLARATION_TOKENS = /\b(export\s+(?:const|let|var)\s)|;|\bhandler\s*[=:]/g;

/**
 * `export const region = "eu", handler = ...`: a `handler =` (or `handler:`, a typed one) after
 * `export const|let|var` with no `;` between, and `handler` among the names the file declares at the
 * top level (a `handler:` inside an exported object literal is not one; unknown when the lexical scan
 * could not follow the text). The tokens are read in one pass: a pattern scanning from each
 * `export const` to the next `;` took quadratic time on code written without semicolons.
 */
function declaresExportedHandler(text: string): boolean {
  let inExportDeclaration = false;
  for (const m of text.matchAll(EXPORT_DECLARATION_TOKENS)) {
    if (m[1] !== undefined) inExportDeclaration = true;
    else if (m[0] === ";") inExportDeclaration = false;
    else if (inExportDeclaration) {
      const declarations = topLevelDeclarations(text);
      return !declarations || declarations.some((d) => d.names.includes("handler"));
    }
  }
  return false;
}

/**
 * A file exporting `handler(event, context)` (or a wrapped one) runs on Lambda (RULES.md targets), even
 * in a project with no serverless/SAM/CDK marker: the project model asks this when nothing else decided.
 */
export function exportsLambdaHandler(sourceFile: ts.SourceFile): boolean {
  // `async (event, context) =>`, a same-file function by name, or one wrapped: `middy(base).use(m)`, `withSentry(fn)`.
  return exportedFunctions(sourceFile).some(({ name, fn }) => {
    if (name !== "handler") return false;
    const first = fn.parameters[0]?.name;
    return fn.parameters.length >= 2 || (!!first && ts.isIdentifier(first) && /^_?(event|evt)$/i.test(first.text));
  });
}
