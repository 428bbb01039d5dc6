// Whether a file exports a Lambda handler (`handler(event, context)`, possibly wrapped): the project
// model's last word on a file's target when no deploy config decided it.
import ts = require("typescript");
import { functionValue, wrappedFunction } from "../../../rules/semantic/handlers";

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
  const looksLikeHandler = (value: ts.Node | undefined): boolean => {
    const fn =
      value &&
      (ts.isFunctionDeclaration(value) ? value : ts.isExpression(value) ? (functionValue(value) ?? wrappedFunction(value)) : undefined);
    if (!fn) return false;
    const first = fn.parameters[0]?.name;
    return fn.parameters.length >= 2 || (!!first && ts.isIdentifier(first) && /^_?(event|evt)$/i.test(first.text));
  };
  for (const st of sourceFile.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(st) && st.name?.text === "handler") return looksLikeHandler(st);
    if (exported && ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === "handler" && looksLikeHandler(d.initializer)) return true;
      }
    }
    if (
      ts.isExpressionStatement(st) &&
      ts.isBinaryExpression(st.expression) &&
      st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      const left = st.expression.left.getText(sourceFile).replace(/\s/g, "");
      if ((left === "exports.handler" || left === "module.exports.handler") && looksLikeHandler(st.expression.right)) return true;
    }
  }
  return false;
}
