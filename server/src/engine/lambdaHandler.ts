// Whether a file exports a Lambda handler (`handler(event, context)`, possibly wrapped): the project
// model's last word on a file's target when no deploy config decided it.
import ts = require("typescript");
import { exportedFunctions } from "../../../rules/semantic/exports";

/**
 * Whether the text may declare what exportsLambdaHandler looks for, so the tree is needed to know:
 * `export [async] function handler`, `export const|let|var ... handler =`, `[module.]exports.handler =`,
 * or a `\u` escape on an export's line (an identifier may spell `handler` with one).
 */
export function mayExportLambdaHandler(text: string): boolean {
  if (text.includes("handler") && HANDLER_EXPORT.test(text)) return true;
  return text.includes("\\u") && ESCAPED_EXPORT.test(text);
}

const ESCAPED_EXPORT = /\bexports?\b[^\n]*\\u/;
const HANDLER_EXPORT =
  /\bexport\s+(?:async\s+)?function\b[\s*]*handler\b|\bexport\s+(?:const|let|var)\s[^;]*?\bhandler\s*[=:]|\bexports\s*\.\s*handler\s*=/;

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
