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
  const escapes = text.includes("\\u");
  // An export list may spell the name with an escape (`main as h\u0061ndler`) on any of its lines.
  if ((escapes || text.includes("handler")) && (HANDLER_EXPORT.test(text) || declaresExportedHandler(text))) return true;
  // `module.exports = { a: { ... }, handler }`, `= ({ handler })`, a comment before the object: any `handler` counts.
  if (EXPORTS_ASSIGNMENT.test(text) && (text.includes("handler") || escapes)) return true;
  return escapes && exportsBeforeEscape(text);
}

/**
 * Whether some line has `export`/`exports` before a `\u` escape. Read line by line from each escape: a
 * pattern `\bexports?\b[^\n]*\\u` rescanned a minified bundle's one long line from every `exports`.
 */
function exportsBeforeEscape(text: string): boolean {
  for (let at = text.indexOf("\\u"); at >= 0;) {
    const start = text.lastIndexOf("\n", at) + 1;
    const end = text.indexOf("\n", at);
    const lineEnd = end < 0 ? text.length : end;
    if (EXPORT_WORD.test(text.slice(start, text.lastIndexOf("\\u", lineEnd)))) return true;
    if (end < 0) return false;
    at = text.indexOf("\\u", end);
  }
  return false;
}

const EXPORT_WORD = /\bexports?\b/;
/**
 * In `export { a, main as handler }` the name follows `{`, `,` or `as`, or a comment after one of them
 * (`*\/`, or a line comment: then it starts its line); a `handler` elsewhere in the list is a comment's
 * word. Lists stop at a brace, so each scan from `export {` ends where the next one could start, and
 * each `\s*` starts after a character it cannot match: linear.
 */
const HANDLER_EXPORT =
  /\bexport\s+(?:async\s+)?function\b[\s*]*handler\b|\bexports\s*\.\s*handler\s*=|\bexport\s*(?:type\s+)?\{[^{}]*?(?:(?:(?<=[{,])|\bas|\*\/)\s*["']?handler\b|^[ \t]*handler\b|\\u)/m;
/** `module.exports =` (not `==`), whatever follows: an object, parentheses, a comment. */
const EXPORTS_ASSIGNMENT = /\bexports\s*=(?!=)/;
const EXPORT_DECLARATION = /\bexport\s+(?:const|let|var)\s/;
const HANDLER_ASSIGNED = /\bhandler\s*[=:]/;

/**
 * `export const region = "eu", handler = ...`: a `handler =` (or `handler:`, a typed one) somewhere after
 * an `export const|let|var`, and `handler` among the names the file declares at the top level (a
 * `handler:` inside an exported object literal is not one; unknown when the lexical scan could not follow
 * the text). No `;` ends the search: one may sit in an arrow function's body between two declarators.
 */
function declaresExportedHandler(text: string): boolean {
  const exported = EXPORT_DECLARATION.exec(text);
  if (!exported || !HANDLER_ASSIGNED.test(text.slice(exported.index))) return false;
  const declarations = topLevelDeclarations(text);
  return !declarations || declarations.some((d) => d.names.includes("handler"));
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
