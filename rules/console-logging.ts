// console-logging (off by default; enable with `"console-logging": "hint"`): console.log/info/debug in
// production server code. Not reported in test files, scripts (scripts/, bin/, cli/, migrations/, seeds/,
// files with a shebang, *.config.* files) or code guarded by a development-only check.
// Fix (suggestion): the structured logger the file already has (a pino/winston/bunyan logger, a Powertools
// Logger, or an imported `logger`), else a new pino (or the logger the project depends on) logger.
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, TextEdit } from "./api/types";
import { preferredQuote, stringValue, unwrap } from "./semantic/ast";
import { importsOf, resolveImportedCallee } from "./semantic/imports";
import { lookupDeclaration } from "./semantic/scope";
import { usesSemicolons, isRequireStatement, lastLeadingImport, lineStart } from "./semantic/fixes";

type LoggerLib = "pino" | "winston" | "bunyan" | "powertools" | "local";

interface Logger {
  name: string;
  lib: LoggerLib;
}

const LEVEL: Record<string, string> = {
  log: "info",
  info: "info",
  debug: "debug",
  trace: "trace",
  warn: "warn",
  error: "error",
  dir: "debug",
  table: "debug",
};
const SCRIPT_DIRS = new Set(["scripts", "script", "bin", "cli", "migrations", "seeds", "seed"]);

const WHERE: Record<string, string> = {
  lambda: "CloudWatch Logs Insights",
  langgraph: "LangGraph Platform's logs",
  container: "the log platform",
};

export default createRule({
  meta: {
    id: "console-logging",
    category: "observability",
    // Off by default (RULES.md: hint, off by default); `"console-logging": "hint"` in the config turns it on.
    severity: "off",
    fix: "suggestion",
    description: "console.log/info/debug in production server code, where a structured logger is needed.",
    messages: {
      unstructured: "console.{{method}} writes an unstructured log line: no level, no fields, no request id",
    },
    details: {
      unstructured:
        "{{where}} cannot filter it by level or field, and it carries no request or run id to follow one user's problem. Log through {{logger}}.",
    },
    options: {
      methods: {
        type: "array",
        items: "string",
        default: ["log", "info", "debug"],
        description: "The console methods reported; console.error/warn go to stderr and are left alone by default.",
      },
    },
    roles: ["server"],
    // Every report is a `console.<method>` call.
    prefilter: { words: ["console"] },
  },

  create(context) {
    const { sourceFile, file } = context;
    if (!file.text.includes("console") || isScriptFile(file.fileName, file.project.root, file.text)) return {};
    const methods = new Set(Array.isArray(context.options.methods) ? context.options.methods : ["log", "info", "debug"]);
    const found: Array<{ node: ts.PropertyAccessExpression; method: string }> = [];

    return {
      PropertyAccessExpression(node) {
        const method = node.name.text;
        if (!methods.has(method) || !isConsole(node.expression)) return;
        if (isDevelopmentOnly(node)) return;
        found.push({ node, method });
      },
      onEnd() {
        if (found.length === 0) return;
        const logger = loggerInFile(sourceFile);
        const lib = logger?.lib ?? projectLoggerLib(file.project);
        const loggerText = logger
          ? `${logger.name} (${describeLib(logger.lib)}), which this file already has`
          : `a structured logger such as ${describeLib(lib)}`;
        for (const { node, method } of found) {
          const fix = logger ? useLoggerFix(node, method, logger) : addLoggerFix(node, method, lib);
          context.report({
            node,
            messageId: "unstructured",
            data: { method, where: WHERE[file.target] ?? WHERE.container, logger: loggerText },
            fixes: fix ? [fix] : [],
          });
        }
      },
    };

    function isConsole(e: ts.Expression): boolean {
      const u = unwrap(e);
      if (ts.isPropertyAccessExpression(u))
        return u.name.text === "console" && ts.isIdentifier(u.expression) && u.expression.text === "globalThis";
      if (!ts.isIdentifier(u) || u.text !== "console") return false;
      const decl = lookupDeclaration(u, "console");
      // `const console = new Console(...)` or a parameter named console is someone's own object.
      return !decl || decl.kind === "import";
    }

    /** Replaces `console.log(...)` by `logger.info(...)`; pino wants the object first and drops extra arguments. */
    function useLoggerFix(node: ts.PropertyAccessExpression, method: string, logger: Logger): Fix | undefined {
      const level = LEVEL[method] ?? "info";
      const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : undefined;
      const edits: TextEdit[] = [{ start: node.getStart(sourceFile), end: node.getEnd(), newText: `${logger.name}.${level}` }];
      if (logger.lib === "pino" && call) {
        const reordered = pinoArguments(call);
        if (reordered === undefined) return undefined;
        if (reordered) edits.push(reordered);
      }
      return { title: `Log with ${logger.name}.${level} (${describeLib(logger.lib)})`, kind: "suggestion", edits };
    }

    /** Adds the project's logger (pino by default) under the imports and logs through it. */
    function addLoggerFix(node: ts.PropertyAccessExpression, method: string, lib: LoggerLib): Fix | undefined {
      const name = "logger";
      if (lookupDeclaration(node, name) || moduleDeclares(sourceFile, name)) return undefined;
      const q = preferredQuote(sourceFile);
      const semi = usesSemicolons(sourceFile.statements) ? ";" : "";
      const cjs = isCommonJsSyntax(sourceFile, file.moduleKind);
      const { importText, createText } = loggerSetup(lib, q, semi, cjs);
      const at = afterImports(sourceFile);
      const use = useLoggerFix(node, method, { name, lib });
      if (!use) return undefined;
      const setup: TextEdit = at.afterImport
        ? { start: at.pos, end: at.pos, newText: `${importText}\n\nconst ${name} = ${createText}${semi}\n` }
        : { start: at.pos, end: at.pos, newText: `${importText}\n\nconst ${name} = ${createText}${semi}\n\n` };
      return {
        title: `Log with a ${describeLib(lib)} logger (${name}.${LEVEL[method] ?? "info"})`,
        kind: "suggestion",
        edits: [setup, ...use.edits],
      };
    }

    /**
     * pino's signature is (mergingObject?, message?, ...interpolationValues): `console.log("saved", order)`
     * becomes `logger.info(order, "saved")`. Returns null when nothing needs to move, undefined when the
     * arguments cannot be kept (more than two, or two that are not message + object).
     */
    function pinoArguments(call: ts.CallExpression): TextEdit | null | undefined {
      const args = call.arguments;
      if (args.length <= 1) return null;
      if (args.length > 2) return undefined;
      const [first, second] = args;
      const isText = (e: ts.Expression) => stringValue(unwrap(e)) !== undefined || ts.isTemplateExpression(unwrap(e));
      if (!isText(first) || isText(second)) return undefined;
      return {
        start: first.getStart(sourceFile),
        end: second.getEnd(),
        newText: `${second.getText(sourceFile)}, ${first.getText(sourceFile)}`,
      };
    }
  },
});

// --- the logger a file or project has ---

/** A module-level logger in the file: `const log = pino()`, `winston.createLogger()`, `new Logger()` (Powertools), or an imported `logger`. */
function loggerInFile(sourceFile: ts.SourceFile): Logger | undefined {
  for (const st of sourceFile.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      const lib = loggerFactory(sourceFile, d.initializer);
      if (lib) return { name: d.name.text, lib };
    }
  }
  for (const [local, binding] of importsOf(sourceFile).localsFrom((m) => m.startsWith("."))) {
    if (/^(logger|log)$/.test(local) && binding.imported !== "*") return { name: local, lib: "local" };
  }
  return undefined;
}

function loggerFactory(sourceFile: ts.SourceFile, init: ts.Expression): LoggerLib | undefined {
  let e = unwrap(init);
  // `pino().child({ service })`
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "child")
    e = unwrap(e.expression.expression);
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return undefined;
  const resolved = resolveImportedCallee(sourceFile, e.expression);
  if (!resolved) return undefined;
  const last = resolved.path[resolved.path.length - 1] ?? "default";
  if (resolved.module === "pino" && (last === "default" || last === "pino" || resolved.path.length === 0)) return "pino";
  if (resolved.module === "winston" && last === "createLogger") return "winston";
  if (resolved.module === "bunyan" && last === "createLogger") return "bunyan";
  if (resolved.module === "@aws-lambda-powertools/logger" && last === "Logger" && ts.isNewExpression(e)) return "powertools";
  return undefined;
}

/** The logging library the project depends on, pino when none. */
function projectLoggerLib(project: {
  root: string;
  host: { readFile(f: string): string | undefined };
  memo<T>(k: string, c: () => T): T;
}): LoggerLib {
  return project.memo("console-logging:logger", () => {
    const text = project.host.readFile(path.join(project.root, "package.json"));
    let deps: Record<string, unknown> = {};
    try {
      const pkg = JSON.parse(text ?? "{}");
      deps = { ...(pkg.dependencies ?? {}), ...(pkg.devDependencies ?? {}) };
    } catch {
      /* unreadable package.json: default */
    }
    if ("pino" in deps) return "pino";
    if ("@aws-lambda-powertools/logger" in deps) return "powertools";
    if ("winston" in deps) return "winston";
    if ("bunyan" in deps) return "bunyan";
    return "pino";
  });
}

function describeLib(lib: LoggerLib): string {
  return lib === "powertools" ? "Powertools Logger" : lib === "local" ? "the project's logger" : lib;
}

function loggerSetup(lib: LoggerLib, q: string, semi: string, cjs: boolean): { importText: string; createText: string } {
  const s = (m: string) => `${q}${m}${q}`;
  switch (lib) {
    case "winston":
      return {
        importText: cjs ? `const winston = require(${s("winston")})${semi}` : `import winston from ${s("winston")}${semi}`,
        createText: `winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Console()] })`,
      };
    case "powertools":
      return {
        importText: cjs
          ? `const { Logger } = require(${s("@aws-lambda-powertools/logger")})${semi}`
          : `import { Logger } from ${s("@aws-lambda-powertools/logger")}${semi}`,
        createText: `new Logger()`,
      };
    case "bunyan":
      return {
        importText: cjs ? `const bunyan = require(${s("bunyan")})${semi}` : `import bunyan from ${s("bunyan")}${semi}`,
        createText: `bunyan.createLogger({ name: ${s("app")} })`,
      };
    default:
      return {
        importText: cjs ? `const pino = require(${s("pino")})${semi}` : `import pino from ${s("pino")}${semi}`,
        createText: `pino()`,
      };
  }
}

// --- where code goes ---

/** Just after the last module-level import/require (or before the first statement when there is none). */
function afterImports(sourceFile: ts.SourceFile): { pos: number; afterImport: boolean } {
  const last = lastLeadingImport(sourceFile);
  const text = sourceFile.text;
  if (last) {
    const nl = text.indexOf("\n", last.getEnd());
    return { pos: nl < 0 ? text.length : nl + 1, afterImport: true };
  }
  const first = sourceFile.statements[0];
  if (!first) return { pos: text.length, afterImport: false };
  return { pos: lineStart(text, first.getStart(sourceFile)), afterImport: false };
}

function isCommonJsSyntax(sourceFile: ts.SourceFile, moduleKind: "esm" | "cjs"): boolean {
  if (sourceFile.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s))) return false;
  if (sourceFile.statements.some(isRequireStatement)) return true;
  const ext = path.extname(sourceFile.fileName);
  // TypeScript files take import syntax whatever they compile to; plain .js follows Node's module kind.
  return (ext === ".js" || ext === ".cjs") && moduleKind === "cjs";
}

function moduleDeclares(sourceFile: ts.SourceFile, name: string): boolean {
  return !!lookupDeclaration(sourceFile.endOfFileToken, name);
}

// --- which files and code are production server code ---

function isScriptFile(fileName: string, root: string, text: string): boolean {
  if (text.startsWith("#!")) return true;
  const base = path.basename(fileName);
  if (/\.config\.[cm]?[jt]s$/.test(base)) return true;
  const dirs = path.relative(root, fileName).split(/[\\/]/).slice(0, -1);
  return dirs.some((d) => SCRIPT_DIRS.has(d));
}

/** Inside `if (process.env.NODE_ENV !== "production")`, `=== "development"`, or a DEBUG switch. */
function isDevelopmentOnly(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isIfStatement(p) || !contains(p.thenStatement, node)) continue;
    const cond = p.expression.getText().replace(/\s+/g, "");
    if (/NODE_ENV(!==?["'`]production|===?["'`](development|test|dev))/.test(cond)) return true;
    if (/(^|[^\w])(process\.env\.)?DEBUG\b/.test(cond) && !cond.startsWith("!")) return true;
  }
  return false;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}
