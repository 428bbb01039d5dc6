// langgraph-config: checks langgraph.json the way LangGraph Platform will read it on deploy. Each
// graph spec (and `http.app`, `auth.path`) must be "<file>:<export>" with forward slashes, inside
// the folder of langgraph.json (only that folder is copied to /deps/<project>/), naming a file that
// exists with that exact casing and an export that file has; `node_version` must be "20" or "22".
// Findings sit on the offending JSON value. A missing `.env` is not reported: a clean checkout
// rightly has none. A stale template (no graph file exists, and the package runs as another app
// whose scripts never use the LangGraph CLI) is not reported either: nothing deploys it.
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, ProjectInfo } from "./api/types";
import { propertyNameText } from "./semantic/ast";
import { isInside, resolveFrom, type Resolution } from "./semantic/resolve";
import { parsedProjectFile } from "./semantic/crossFile";

const NODE_VERSIONS = ["20", "22"];
const EXPORT_NAME = /^[A-Za-z_$][\w$]*$/;

export default createRule({
  meta: {
    id: "langgraph-config",
    category: "deploy-layout",
    severity: "error",
    fix: "safe",
    files: ["langgraph.json"],
    description:
      "A langgraph.json graph, http.app or auth.path spec that is malformed, uses backslashes, points outside its folder or at a missing file or export; an unsupported node_version.",
    messages: {
      notSpec: '{{what}} "{{value}}" is not "<file>:<export>": LangGraph Platform cannot load it',
      notString: '{{what}} is not a "<file>:<export>" string: LangGraph Platform cannot load it',
      backslash: '{{what}} "{{value}}" uses "\\", which is not a path separator on Linux',
      outside: '{{what}} "{{value}}" points outside the folder of langgraph.json',
      missingFile: '{{what}} "{{value}}": {{file}} does not exist',
      caseMismatch: '{{what}} "{{value}}" matches its file only on a case-insensitive file system',
      missingExport: '{{what}} "{{value}}": {{file}} has no export "{{exportName}}"',
      nodeVersion: "node_version {{value}} is not supported by LangGraph Platform",
    },
    details: {
      notSpec: 'A graph is named by its file and export, for example "./src/agent.ts:graph"; the deployment fails on anything else.',
      notString: 'It must be a string such as "./src/agent.ts:graph"; the deployment fails on this value.',
      backslash: 'LangGraph Platform runs on Linux, where "\\" is not a path separator, so the file is not found. Use "/".',
      outside: "Only that folder is copied to /deps/{{project}}/, so the file does not exist in production.",
      missingFile: "LangGraph Platform cannot load it, so the deployment fails.",
      caseMismatch: 'The file is {{realPath}}; LangGraph Platform runs on Linux and does not find it. Use "{{fixed}}".',
      missingExport: "The platform cannot load it{{exportsHint}}.",
      nodeVersion: 'Use "20" or "22" (a major version, as a string).',
    },
    roles: ["server", "browser", "script", "test"],
  },

  create(ctx) {
    const { file, sourceFile } = ctx;
    const dir = path.dirname(path.resolve(file.fileName));
    const project = file.project;

    const report = (node: ts.Node, messageId: Parameters<typeof ctx.report>[0]["messageId"], data: Record<string, string>, fixes?: Fix[]) =>
      ctx.report({ start: node.getStart(sourceFile), end: node.getEnd(), messageId, data, fixes });

    const replaceValue = (node: ts.Node, value: string, title: string): Fix[] => [
      { title, kind: "safe", edits: [{ start: node.getStart(sourceFile), end: node.getEnd(), newText: JSON.stringify(value) }] },
    ];

    function checkSpec(node: ts.Expression, what: string): void {
      if (!ts.isStringLiteral(node)) return report(node, "notString", { what });
      const value = node.text;
      if (value.includes("\\")) {
        const fixed = value.replace(/\\/g, "/");
        return report(node, "backslash", { what, value }, replaceValue(node, fixed, `Use forward slashes: "${fixed}"`));
      }
      const colon = value.lastIndexOf(":");
      const filePart = colon > 0 ? value.slice(0, colon) : "";
      const exportName = colon > 0 ? value.slice(colon + 1) : "";
      if (!filePart || !EXPORT_NAME.test(exportName)) return report(node, "notSpec", { what, value });
      if (filePart.startsWith("/") || /^[A-Za-z]:/.test(filePart) || !isInside(dir, path.resolve(dir, filePart))) {
        return report(node, "outside", { what, value, project: path.basename(dir) });
      }
      const spec = filePart.startsWith("./") || filePart.startsWith("../") ? filePart : `./${filePart}`;
      const r = resolveFrom(project, dir, spec);
      const shownFile = path.posix.normalize(filePart);
      if (!r) return report(node, "missingFile", { what, value, file: shownFile });
      if (r.caseMismatch) {
        const realPath = display(r.file);
        const realFile = filePart.startsWith("./") || filePart.startsWith("../") ? r.realSpecifier : r.realSpecifier.replace(/^\.\//, "");
        const fixed = `${realFile}:${exportName}`;
        const fixes = !r.ambiguous && fixed !== value ? replaceValue(node, fixed, `Use the real casing: "${fixed}"`) : undefined;
        return report(node, "caseMismatch", { what, value, realPath, fixed }, fixes);
      }
      // A Python graph (`./agent.py:graph`) or another language: its exports are not ours to read.
      if (!/\.[cm]?[jt]sx?$/.test(r.file)) return;
      // Read fresh each time (not memoised): the graph file's exports change as the user edits it.
      const exports = exportsOf(project, r, 0);
      if (exports.names.has(exportName) || exports.unknown) return;
      const listed = [...exports.names].filter((n) => n !== "default").slice(0, 5);
      const exportsHint = listed.length
        ? ` (it exports ${listed.join(", ")})`
        : exports.names.has("default")
          ? " (it only has a default export)"
          : "";
      report(node, "missingExport", { what, value, file: display(r.file), exportName, exportsHint });
    }

    const display = (p: string) => path.relative(dir, p).split(path.sep).join("/");

    /**
     * A langgraph.json left over from a template: no graph it names exists, and the package.json beside
     * it starts another app (a `dev` or `start` script) and never runs the LangGraph CLI. Nothing
     * deploys it, so a missing-file error there would be noise; a LangGraph project that lost its
     * graph file keeps its CLI script, or has no app scripts of its own (the LangGraph templates).
     */
    function isStaleTemplate(rootObject: ts.ObjectLiteralExpression): boolean {
      const graphs = objectProperty(rootObject, "graphs");
      if (!graphs || !ts.isObjectLiteralExpression(graphs) || graphs.properties.length === 0) return false;
      const allMissing = graphs.properties.every((g) => {
        if (!ts.isPropertyAssignment(g)) return false;
        const spec = ts.isObjectLiteralExpression(g.initializer) ? objectProperty(g.initializer, "path") : g.initializer;
        if (!spec || !ts.isStringLiteral(spec)) return false;
        const filePart = spec.text.slice(0, Math.max(0, spec.text.lastIndexOf(":")));
        if (!filePart || filePart.includes("\\") || !isInside(dir, path.resolve(dir, filePart))) return false;
        return !resolveFrom(project, dir, filePart.startsWith(".") ? filePart : `./${filePart}`);
      });
      return allMissing && runsAnotherApp(project.host.readFile(path.join(dir, "package.json")));
    }

    return {
      onEnd() {
        const st = sourceFile.statements[0];
        const rootObject = st && ts.isExpressionStatement(st) ? st.expression : undefined;
        if (!rootObject || !ts.isObjectLiteralExpression(rootObject)) return;
        if (isStaleTemplate(rootObject)) return;
        for (const prop of rootObject.properties) {
          if (!ts.isPropertyAssignment(prop)) continue;
          const key = propertyNameText(prop.name);
          const value = prop.initializer;
          if (key === "graphs" && ts.isObjectLiteralExpression(value)) {
            for (const g of value.properties) {
              // A value still being typed (`"agent": ` at the end of a broken document) is not judged.
              if (!ts.isPropertyAssignment(g) || g.initializer.end <= g.initializer.pos) continue;
              const what = `Graph "${propertyNameText(g.name) ?? "?"}"`;
              // Newer CLIs accept { "path": "./src/a.ts:graph", "description": "..." }.
              if (ts.isObjectLiteralExpression(g.initializer)) {
                const p = objectProperty(g.initializer, "path");
                if (p) checkSpec(p, `${what} path`);
                else report(g.initializer, "notString", { what });
              } else {
                checkSpec(g.initializer, what);
              }
            }
          } else if (key === "http" && ts.isObjectLiteralExpression(value)) {
            const app = objectProperty(value, "app");
            if (app) checkSpec(app, "http.app");
          } else if (key === "auth" && ts.isObjectLiteralExpression(value)) {
            const p = objectProperty(value, "path");
            if (p) checkSpec(p, "auth.path");
          } else if (key === "node_version") {
            checkNodeVersion(value);
          }
        }
      },
    };

    function checkNodeVersion(value: ts.Expression): void {
      // A bare number 20/22 names the same major version; anything else the platform rejects.
      const text = ts.isStringLiteral(value) || ts.isNumericLiteral(value) ? value.text : undefined;
      if (text !== undefined && NODE_VERSIONS.includes(text)) return;
      report(value, "nodeVersion", { value: value.getText(sourceFile) });
    }
  },
});

/** package.json has a `dev` or `start` script and nothing in it names the LangGraph CLI. */
function runsAnotherApp(packageJson: string | undefined): boolean {
  if (packageJson === undefined) return false;
  let pkg: { scripts?: Record<string, unknown> };
  try {
    pkg = JSON.parse(packageJson);
  } catch {
    return false;
  }
  const scripts = pkg?.scripts ?? {};
  const startsApp = typeof scripts.dev === "string" || typeof scripts.start === "string";
  const usesCli = /langgraph-cli|\blanggraph(js)?\s+(dev|up|build|deploy|dockerfile)\b/.test(packageJson);
  return startsApp && !usesCli;
}

function objectProperty(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
  return undefined;
}

/** The names a module exports (ESM declarations, export lists, `export *` one level deep, CommonJS `exports.x`). */
function exportsOf(project: ProjectInfo, r: Resolution, depth: number): { names: Set<string>; unknown: boolean } {
  const names = new Set<string>();
  let unknown = false;
  // Parsed once per project with the other modules rules look into (bounded by crossFile's size limit).
  const sf = parsedProjectFile(project, r.file);
  if (sf === undefined) return { names, unknown: true };
  const isExported = (st: ts.Statement) =>
    ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (st: ts.Statement) =>
    ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) bindingNames(d.name, names);
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && isExported(st)) {
      if (isDefault(st)) names.add("default");
      else if (st.name) names.add(st.name.text);
    } else if (ts.isExportAssignment(st)) {
      if (st.isExportEquals) unknown = true;
      else names.add("default");
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      const clause = st.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) if (!el.isTypeOnly) names.add(el.name.text);
      } else if (clause && ts.isNamespaceExport(clause)) {
        names.add(clause.name.text);
      } else if (st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
        // `export * from "./graph.js"`: followed one level; what lies further is not guessed at.
        const spec = st.moduleSpecifier.text;
        const target = depth === 0 && spec.startsWith(".") ? resolveFrom(project, path.dirname(r.file), spec) : undefined;
        if (!target || target.caseMismatch) {
          unknown = true;
          continue;
        }
        const inner = exportsOf(project, target, depth + 1);
        for (const n of inner.names) if (n !== "default") names.add(n);
        unknown ||= inner.unknown;
      }
    } else if (ts.isExpressionStatement(st)) {
      commonJsExport(st.expression, names, () => (unknown = true));
    }
  }
  return { names, unknown };
}

/** `exports.graph = ...`, `module.exports.graph = ...`, `module.exports = { graph }` (anything else assigned to module.exports is unknown). */
function commonJsExport(e: ts.Expression, names: Set<string>, markUnknown: () => void): void {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const left = e.left;
  if (ts.isPropertyAccessExpression(left)) {
    const obj = left.expression;
    const isExportsObj =
      (ts.isIdentifier(obj) && obj.text === "exports") ||
      (ts.isPropertyAccessExpression(obj) &&
        ts.isIdentifier(obj.expression) &&
        obj.expression.text === "module" &&
        obj.name.text === "exports");
    if (isExportsObj) {
      names.add(left.name.text);
      return;
    }
    if (ts.isIdentifier(obj) && obj.text === "module" && left.name.text === "exports") {
      if (ts.isObjectLiteralExpression(e.right)) {
        for (const p of e.right.properties) {
          const n = p.name && propertyNameText(p.name);
          if (n) names.add(n);
          else markUnknown();
        }
      } else {
        markUnknown();
      }
    }
  }
}

function bindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}
