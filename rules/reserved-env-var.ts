// reserved-env-var (langgraph target): a variable LangGraph Platform manages (catalog/reservedEnv.ts: PORT,
// LANGSERVE_GRAPHS, undocumented LANGGRAPH_*, MOUNT_PREFIX, the LangSmith keys, the Postgres/Redis URIs)
// set by the project: in the dotenv file langgraph.json's `env` deploys, in the `env` object or list of
// langgraph.json itself, or by code (`process.env.PORT = ...`, `Object.assign(process.env, {...})`).
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, TextEdit } from "./api/types";
import { dottedName, isProcessEnv, processEnvName, propertyNameText, unwrap } from "./semantic/ast";
import { dotenvEntries, langGraphEnvFile, mentionsEnv } from "./semantic/envDocs";
import { langGraphReserved } from "./catalog/reservedEnv";
import { lineStart } from "./semantic/fixes";

export default createRule({
  meta: {
    id: "reserved-env-var",
    category: "configuration",
    severity: "warning",
    fix: "suggestion",
    description:
      "A .env file deployed through langgraph.json, the env of langgraph.json, or code sets a variable LangGraph Platform manages (PORT, LANGSERVE_GRAPHS, LANGGRAPH_*, MOUNT_PREFIX, LangSmith keys, Postgres/Redis URIs).",
    messages: {
      reserved: "{{name}} is reserved on LangGraph Platform and must not be set here",
    },
    details: {
      reserved: "Why: {{why}}. Do not set it in {{where}}.",
    },
    options: {
      allow: { type: "array", items: "string", default: [], description: "Names you set on purpose." },
    },
    roles: ["server"],
    targets: ["langgraph"],
    files: ["source", "langgraph.json", "dotenv"],
    // Source files set a variable through `env`; langgraph.json and .env files are read as text.
    prefilter: { text: (text, file) => file.kind !== "source" || /\benv\b/.test(text) },
  },

  create(context) {
    const { file, sourceFile } = context;
    const allow = new Set(Array.isArray(context.options.allow) ? context.options.allow : []);
    const reservedInfo = (name: string) => (allow.has(name) ? undefined : langGraphReserved(name));

    if (file.kind === "dotenv") return { onEnd: checkDotenv };
    if (file.kind === "langgraph.json") return { onEnd: checkLangGraphJson };
    if (!mentionsEnv(sourceFile)) return {}; // no process.env in the file: nothing to set

    return {
      BinaryExpression(node) {
        const op = node.operatorToken.kind;
        if (op < ts.SyntaxKind.FirstAssignment || op > ts.SyntaxKind.LastAssignment) return;
        const name = processEnvName(node.left);
        if (name === undefined) return;
        const info = reservedInfo(name);
        if (!info) return;
        const statement = ts.isExpressionStatement(node.parent) ? node.parent : undefined;
        context.report({
          node: node.left,
          messageId: "reserved",
          data: { name, why: info.why, where: "code (the assignment overrides the platform's value at run time)" },
          fixes: statement
            ? [
                {
                  title: `Remove the assignment of process.env.${name}`,
                  kind: "suggestion",
                  edits: [removeLines(file.text, statement.getStart(sourceFile), statement.getEnd())],
                },
              ]
            : [],
        });
      },
      CallExpression(node) {
        // Object.assign(process.env, { PORT: "8080" })
        if (
          node.arguments.length < 2 ||
          dottedName(node.expression)?.join(".") !== "Object.assign" ||
          !isProcessEnv(unwrap(node.arguments[0]))
        )
          return;
        for (const arg of node.arguments.slice(1)) {
          const obj = unwrap(arg);
          if (!ts.isObjectLiteralExpression(obj)) continue;
          for (const p of obj.properties) {
            if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
            const name = propertyNameText(p.name);
            const info = name === undefined ? undefined : reservedInfo(name);
            if (!info || name === undefined) continue;
            context.report({
              node: p.name,
              messageId: "reserved",
              data: { name, why: info.why, where: "code (Object.assign onto process.env overrides the platform's value at run time)" },
            });
          }
        }
      },
    };

    /** Only the dotenv file langgraph.json deploys (its string `env`) reaches production. */
    function checkDotenv(): void {
      const deployed = langGraphEnvFile(file.project);
      if (!deployed || path.resolve(file.fileName) !== deployed) return;
      const base = path.relative(file.project.root, deployed).split(path.sep).join("/");
      for (const entry of dotenvEntries(file.text)) {
        if (entry.commented) continue;
        const info = reservedInfo(entry.name);
        if (!info) continue;
        context.report({
          start: entry.start,
          end: entry.end,
          messageId: "reserved",
          data: { name: entry.name, why: info.why, where: `${base}, which langgraph.json deploys as the environment` },
          fixes: [
            {
              title: `Remove ${entry.name} from ${base}`,
              kind: "suggestion",
              edits: [{ start: entry.lineStart, end: entry.lineEnd, newText: "" }],
            },
          ],
        });
      }
    }

    function checkLangGraphJson(): void {
      const root = sourceFile.statements[0];
      if (!root || !ts.isExpressionStatement(root) || !ts.isObjectLiteralExpression(root.expression)) return;
      const env = root.expression.properties.find(
        (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === "env",
      );
      if (!env) return;
      const where = `the env of langgraph.json`;
      if (ts.isObjectLiteralExpression(env.initializer)) {
        const props = env.initializer.properties;
        props.forEach((p, i) => {
          if (!ts.isPropertyAssignment(p)) return;
          const name = propertyNameText(p.name);
          const info = name === undefined ? undefined : reservedInfo(name);
          if (!info || name === undefined) return;
          const fix: Fix = {
            title: `Remove ${name} from langgraph.json`,
            kind: "suggestion",
            edits: [removeListItem(props, i, env.initializer as ts.ObjectLiteralExpression)],
          };
          context.report({ node: p.name, messageId: "reserved", data: { name, why: info.why, where }, fixes: [fix] });
        });
      } else if (ts.isArrayLiteralExpression(env.initializer)) {
        const items = env.initializer.elements;
        items.forEach((el, i) => {
          if (!ts.isStringLiteral(el)) return;
          const info = reservedInfo(el.text);
          if (!info) return;
          const fix: Fix = {
            title: `Remove ${el.text} from langgraph.json`,
            kind: "suggestion",
            edits: [removeListItem(items, i, env.initializer as ts.ArrayLiteralExpression)],
          };
          context.report({ node: el, messageId: "reserved", data: { name: el.text, why: info.why, where }, fixes: [fix] });
        });
      }
    }

    /** Removes item i of a JSON object/array with its separating comma, keeping the others' layout. */
    function removeListItem(items: ts.NodeArray<ts.Node>, i: number, container: ts.Node): TextEdit {
      const text = file.text;
      if (items.length === 1) return { start: container.getStart(sourceFile) + 1, end: container.getEnd() - 1, newText: "" };
      if (i < items.length - 1) {
        // Up to the next item's start on the same line, or the start of the next item's line.
        const next = items[i + 1].getStart(sourceFile);
        const thisLineStart = lineStart(text, items[i].getStart(sourceFile));
        const nextLineStart = lineStart(text, next);
        if (nextLineStart !== thisLineStart && /^[ \t]*$/.test(text.slice(thisLineStart, items[i].getStart(sourceFile)))) {
          return { start: thisLineStart, end: nextLineStart, newText: "" };
        }
        return { start: items[i].getStart(sourceFile), end: next, newText: "" };
      }
      // The last item: remove it and the comma after the previous one.
      return { start: items[i - 1].getEnd(), end: items[i].getEnd(), newText: "" };
    }
  },
});

/** Removes [start, end); whole lines when nothing else is on them. */
function removeLines(text: string, start: number, end: number): TextEdit {
  const ls = lineStart(text, start);
  let le = end;
  while (le < text.length && (text[le] === " " || text[le] === "\t")) le++;
  if (/^[ \t]*$/.test(text.slice(ls, start)) && (le === text.length || text[le] === "\n" || text[le] === "\r")) {
    if (text[le] === "\r") le++;
    if (text[le] === "\n") le++;
    return { start: ls, end: le, newText: "" };
  }
  return { start, end, newText: "" };
}
