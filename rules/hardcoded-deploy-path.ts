// hardcoded-deploy-path: paths that only exist in one environment. Absolute `/deps/...` (LangGraph
// Platform's copy of the project) and `/var/task/...` (Lambda's package) paths; paths picked by an
// environment switch (`NODE_ENV === "production" ? "/deps/x" : "."`), whose production branch is never
// run before it is deployed; and `import()`/`require()` specifiers built from such a base, which no
// bundler or loader can follow. Fix (suggestion): a static relative import when the target exists.
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix } from "./api/types";
import { dottedName, preferredQuote, processEnvName, stringValue, unwrap } from "./semantic/ast";
import { importsOf } from "./semantic/imports";
import { isRelativeSpecifier, resolveFrom } from "./semantic/resolve";
import { lookupDeclaration } from "./semantic/scope";

/** `/deps`, `/deps/...`, `/var/task`, `/var/task/...`. */
const DEPLOY_PATH = /^\/(deps|var\/task)(\/|$)/;
/** Methods whose string argument is compared or searched for, not used as a path. */
const COMPARING_METHODS = new Set([
  "startsWith",
  "endsWith",
  "includes",
  "indexOf",
  "lastIndexOf",
  "replace",
  "replaceAll",
  "split",
  "match",
  "test",
]);
/** Router methods whose first argument is a URL path (express, fastify, hono, koa-router). */
const ROUTE_METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "all", "use", "route", "head", "options", "on"]);
/** Lambda's own variables for its folders: `process.env.LAMBDA_TASK_ROOT ?? "/var/task"` restates the platform's value. */
const LAMBDA_DIR_VARS = new Set(["LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR"]);

type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;

/**
 * What a file must hold for a report (the prefilter; the rule does not ask again, so the equivalence
 * tests, which lint without prefilters, check this against the rule itself): a computed import,
 * or a string literal starting with `/` (or an escape) and either a deploy path, or a switch on the
 * environment (a `?`, and `process` and `env`: envReference follows consts of this file only). A literal
 * that spells its path with escapes (`"\/deps"`, `"/d\x65ps"`), or `process`/`env` with one, lets it through.
 */
function mayHoldDeployPath(text: string): boolean {
  if (DYNAMIC_IMPORT.test(text)) return true;
  if (!PATH_START.test(text)) return false;
  if (DEPLOY_PATH_WORD.test(text) || ESCAPED_PATH.test(text)) return true;
  return text.includes("?") && ((PROCESS_WORD.test(text) && ENV_WORD.test(text)) || ESCAPED_ENV_LETTER.test(text));
}

const DYNAMIC_IMPORT = /(?:import|require)\s*(?:\?\.\s*)?\(\s*[^'"\s)]/;
/**
 * An escape that may stand for a path's character, or join one across lines: any but the control escapes
 * (`\n`, `\t`...), the quotes and the backslash (`\x64`, `\u0064`, octal, `\d`, which is `d`, and a line
 * continuation).
 */
const PATH_ESCAPE = String.raw`\\[^ntrbfv'"\`\\]`;
/** An escape that may stand for a `/` (or a line continuation before one): `\/`, `\x2f`, `\u002f`, `\u{2f}`, `\57`. */
const SLASH_ESCAPE = String.raw`\\(?:\/|x2f|u002f|u\{0*2f\}|0?57|\r\n?|\n|\u2028|\u2029)`;
/** A literal starting with `/`, or with an escape that may be one. */
const PATH_START = new RegExp(String.raw`["'\`](?:\/|${SLASH_ESCAPE})`, "i");
const DEPLOY_PATH_WORD = /\/deps|\/var\/task/;
/** A literal starting with an escape for `/`, or with `/` and path characters up to an escape (each run read once). */
const ESCAPED_PATH = new RegExp(String.raw`["'\`](?:${SLASH_ESCAPE}|\/[\w./-]*${PATH_ESCAPE})`, "i");
/**
 * An escape that may spell a letter of `process` or `env`: in an identifier (`\u0065`, `\u{65}`) or in a
 * string key (`process["\x65nv"]`: hex, octal, an identity escape such as `\e`, a line continuation).
 */
const ESCAPED_ENV_LETTER =
  /\\(?:[pocesnv]|x(?:7[026]|6[35efEF]|73)|u(?:00(?:7[026]|6[35efEF]|73)|\{0*(?:7[026]|6[35efEF]|73)\})|1[4-7][0-7]|\r\n?|\n|\u2028|\u2029)/;
const PROCESS_WORD = /\bprocess\b/;
const ENV_WORD = /\benv\b/;

export default createRule({
  meta: {
    id: "hardcoded-deploy-path",
    category: "deploy-layout",
    severity: "warning",
    fix: "suggestion",
    description:
      "Absolute /deps/... or /var/task/... paths, and paths or import specifiers chosen by an environment switch or built from a base path.",
    messages: {
      deployPath: '"{{path}}" exists only inside {{platform}}, not in local runs',
      envSwitch: 'Path chosen by a switch on {{env}}: "{{prodPath}}" is never exercised before deploy',
      dynamicImport: "{{call}} of a path built from {{base}}: found in different places locally and in production",
    },
    details: {
      deployPath:
        'Local runs and tests cannot find it, and it breaks when {{breaks}}. Resolve the file relative to the module: new URL("./x", import.meta.url) or path.join(__dirname, "x").',
      envSwitch:
        'Production uses "{{prodPath}}" while local runs and tests use "{{localPath}}", so the production path is never exercised before it is deployed. Resolve it relative to the module, the same way everywhere.',
      dynamicImport:
        'The module is looked up in a different place locally and in production, and bundlers and the platform\'s loader cannot see it. Import it with a static relative specifier (or new URL("./x.js", import.meta.url)).',
    },
    // Tests legitimately mock Lambda's layout (`LAMBDA_TASK_ROOT: "/var/task"`); nothing there is deployed.
    roles: ["server"],
    prefilter: { text: mayHoldDeployPath },
  },

  create(ctx) {
    const { file, sourceFile } = ctx;
    const switches: Array<{ cond: ts.ConditionalExpression; literal: Literal }> = [];
    const dynamicCalls: ts.CallExpression[] = [];

    const onLiteral = (node: Literal) => {
      const value = node.text;
      const parent = skipParens(node);
      const inSwitch = !!parent.parent && ts.isConditionalExpression(parent.parent) && parent.parent.condition !== parent;
      if (inSwitch) switches.push({ cond: parent.parent as ts.ConditionalExpression, literal: node });
      // A deploy path in a switch on the environment is reported once, with the switch (in onEnd).
      if (inSwitch || !DEPLOY_PATH.test(value) || isNotAPathUse(parent)) return;
      ctx.report({ node, messageId: "deployPath", data: { path: value, ...platformOf(value) } });
    };

    return {
      StringLiteral: onLiteral,
      NoSubstitutionTemplateLiteral: onLiteral,
      TemplateExpression(node) {
        // `/deps/agent/${name}.md`: the head already names the deploy folder.
        if (DEPLOY_PATH.test(node.head.text) && !isNotAPathUse(skipParens(node))) {
          ctx.report({ node, messageId: "deployPath", data: { path: `${node.head.text}…`, ...platformOf(node.head.text) } });
        }
      },
      CallExpression(node) {
        if (node.arguments.length < 1) return;
        const callee = node.expression;
        const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
        const isRequire = ts.isIdentifier(callee) && callee.text === "require";
        if ((isImport || isRequire) && !stringValue(unwrap(node.arguments[0]))) dynamicCalls.push(node);
      },
      onEnd() {
        const seen = new Map<ts.ConditionalExpression, boolean>();
        for (const { cond, literal } of switches) {
          if (!seen.has(cond)) {
            const found = envSwitch(cond);
            seen.set(cond, !!found);
            if (found) ctx.report({ node: cond, messageId: "envSwitch", data: found });
          }
          // Not a switch on the environment (`isLambda ? "/var/task/x" : "./x"`): the literal on its own.
          if (!seen.get(cond) && DEPLOY_PATH.test(literal.text)) {
            ctx.report({ node: literal, messageId: "deployPath", data: { path: literal.text, ...platformOf(literal.text) } });
          }
        }
        for (const call of dynamicCalls) checkDynamic(call);
      },
    };

    function checkDynamic(call: ts.CallExpression): void {
      const built = splitBase(unwrap(call.arguments[0]), sourceFile);
      if (!built) return;
      const callText = call.expression.kind === ts.SyntaxKind.ImportKeyword ? "import()" : "require()";
      ctx.report({
        node: call.arguments[0],
        messageId: "dynamicImport",
        data: { call: callText, base: built.baseText },
        fixes: staticImportFix(call, built),
      });
    }

    /** `import("./tools/crm.js")` when the base stands for the project root (cwd, /deps/<project>, /var/task) and the file exists. */
    function staticImportFix(call: ts.CallExpression, built: BuiltPath): Fix[] | undefined {
      if (built.tail === undefined || built.rootOffset === undefined) return undefined;
      const root = file.project.root;
      const target = path.resolve(root, built.rootOffset, built.tail.replace(/^\/+/, ""));
      const fromDir = path.dirname(path.resolve(file.fileName));
      let spec = path.relative(fromDir, target).split(path.sep).join("/");
      if (!spec.startsWith("../")) spec = `./${spec}`;
      if (!isRelativeSpecifier(spec) || !resolveFrom(file.project, fromDir, spec)) return undefined;
      const q = preferredQuote(sourceFile);
      const arg = call.arguments[0];
      return [
        {
          title: `Import it statically: ${q}${spec}${q}`,
          kind: "suggestion",
          edits: [{ start: arg.getStart(sourceFile), end: arg.getEnd(), newText: `${q}${spec}${q}` }],
        },
      ];
    }
  },
});

/** The initializer of the `const` an identifier refers to (lexically), or undefined for anything else. */
function lookupConst(id: ts.Identifier): ts.Expression | undefined {
  const d = lookupDeclaration(id, id.text);
  return d?.kind === "const" ? d.variable?.initializer : undefined;
}

function skipParens(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return n;
}

/** The literal is compared with or searched for (`cwd === "/var/task"`, `p.startsWith("/deps/")`), or is a URL route: not a path in use. */
function isNotAPathUse(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken
    ) {
      return true;
    }
    if ((op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) && parent.right === node) {
      const name = processEnvName(parent.left);
      return !!name && LAMBDA_DIR_VARS.has(name);
    }
  }
  if (ts.isCaseClause(parent)) return true;
  // A route pattern (`/deps/:name`) is a URL: file paths do not hold `:` segments.
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /\/:/.test(node.text)) return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
    const callee = parent.expression;
    if (ts.isIdentifier(callee)) return callee.text === "fetch";
    // `app.get("/deps/:id")`, `router.use("/var/task")`: a URL route, not a file.
    if (ts.isPropertyAccessExpression(callee)) return COMPARING_METHODS.has(callee.name.text) || ROUTE_METHODS.has(callee.name.text);
  }
  // A property key (`{ "/var/task": ... }`) or an import type is not a path in use.
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  return false;
}

function platformOf(value: string): { platform: string; breaks: string } {
  return value.startsWith("/deps")
    ? { platform: "the LangGraph Platform container", breaks: "the project folder is renamed (the folder under /deps/ is named after it)" }
    : {
        platform: "AWS Lambda's package folder",
        breaks: "the code runs elsewhere or a build moves it (a dist/ folder, a container image)",
      };
}

/** The process.env variable an expression reads, directly or through a const (`const isProd = process.env.NODE_ENV === "production"`). */
function envReference(expr: ts.Node, depth = 0): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const name = processEnvName(n);
      if (name) {
        found = name;
        return;
      }
    }
    if (ts.isIdentifier(n) && depth < 2) {
      const init = lookupConst(n);
      const inner = init && envReference(init, depth + 1);
      if (inner) {
        found = n.text === inner ? inner : `${n.text} (process.env.${inner})`;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  if (found && depth === 0 && !found.includes(" ")) return `process.env.${found}`;
  return found;
}

function isPathLike(value: string): boolean {
  return (
    value === "." ||
    value === ".." ||
    value.startsWith("./") ||
    value.startsWith("../") ||
    (value.startsWith("/") && !value.startsWith("//"))
  );
}

/** `env ? "/deps/x" : "."`: a switch on an environment variable between an absolute production path and a local one. */
function envSwitch(cond: ts.ConditionalExpression): Record<string, string> | undefined {
  const a = stringValue(unwrap(cond.whenTrue));
  const b = stringValue(unwrap(cond.whenFalse));
  const deployA = a !== undefined && DEPLOY_PATH.test(a);
  const deployB = b !== undefined && DEPLOY_PATH.test(b);
  let prod: string | undefined;
  let local: string | undefined;
  if (deployA || deployB) {
    [prod, local] = deployA ? [a!, b] : [b!, a];
  } else if (a !== undefined && b !== undefined && isPathLike(a) && isPathLike(b) && a.startsWith("/") !== b.startsWith("/")) {
    [prod, local] = a.startsWith("/") ? [a, b] : [b, a];
  } else {
    return undefined;
  }
  const env = envReference(cond.condition);
  if (!env) return undefined;
  return { env, prodPath: prod, localPath: local ?? cond.getText() };
}

interface BuiltPath {
  /** How the base reads in the message. */
  baseText: string;
  /** The literal rest after the base (`/tools/crm.js`), when it is all literal. */
  tail?: string;
  /** Where the base points inside the project root, when known ("" for the root itself). */
  rootOffset?: string;
}

/**
 * `${BASE}/x.js`, `BASE + "/x.js"`, `path.join(BASE, "x.js")` where BASE comes from the environment,
 * process.cwd() or a deploy path (directly or through a const). Undefined for module-relative bases
 * (`__dirname`, `import.meta.dirname`) and for relative templates like `./tools/${name}.js`.
 */
function splitBase(arg: ts.Expression, sourceFile: ts.SourceFile): BuiltPath | undefined {
  let baseExpr: ts.Expression | undefined;
  let tail: string | undefined;
  if (ts.isTemplateExpression(arg) && arg.head.text === "") {
    baseExpr = arg.templateSpans[0].expression;
    const rest = arg.templateSpans[0].literal;
    tail = arg.templateSpans.length === 1 ? rest.text : undefined;
  } else if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    baseExpr = arg.left;
    tail = stringValue(unwrap(arg.right));
  } else if (ts.isCallExpression(arg) && arg.arguments.length >= 2) {
    const name = dottedName(arg.expression);
    const fn = name?.[name.length - 1];
    const binding = name && importsOf(sourceFile).get(name[0]);
    if ((fn === "join" || fn === "resolve") && binding && (binding.module === "path" || binding.module === "path/posix")) {
      baseExpr = arg.arguments[0];
      const rest = arg.arguments.slice(1).map((a) => stringValue(unwrap(a)));
      tail = rest.every((r) => r !== undefined) ? rest.join("/") : undefined;
    }
  }
  if (!baseExpr) return undefined;
  const base = describeBase(unwrap(baseExpr), 0);
  if (!base) return undefined;
  return { baseText: base.text, tail, rootOffset: base.rootOffset };
}

/** A base path from the environment, process.cwd() or a deploy path, and where it points in the project. */
function describeBase(e: ts.Expression, depth: number): { text: string; rootOffset?: string } | undefined {
  const env = processEnvName(e);
  if (env) return { text: `process.env.${env}`, rootOffset: "" };
  if (ts.isCallExpression(e) && dottedName(e.expression)?.join(".") === "process.cwd") return { text: "process.cwd()", rootOffset: "" };
  const literal = stringValue(e);
  if (literal !== undefined && DEPLOY_PATH.test(literal)) return { text: `"${literal}"`, rootOffset: deployOffset(literal) };
  if (ts.isConditionalExpression(e)) {
    const a = stringValue(unwrap(e.whenTrue));
    const b = stringValue(unwrap(e.whenFalse));
    const local = [a, b].find((v) => v !== undefined && !v.startsWith("/"));
    const prod = [a, b].find((v) => v !== undefined && DEPLOY_PATH.test(v));
    if ((prod !== undefined || local !== undefined) && envReference(e.condition)) {
      return {
        text: "an environment switch",
        rootOffset: local !== undefined ? local : prod !== undefined ? deployOffset(prod) : undefined,
      };
    }
    return undefined;
  }
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    const left = describeBase(unwrap(e.left), depth);
    if (!left) return undefined;
    const fallback = stringValue(unwrap(e.right));
    const offset =
      fallback === undefined
        ? left.rootOffset
        : DEPLOY_PATH.test(fallback)
          ? deployOffset(fallback)
          : fallback.startsWith("/")
            ? undefined
            : fallback;
    return { text: left.text, rootOffset: offset };
  }
  if (ts.isIdentifier(e) && depth < 2) {
    const init = lookupConst(e);
    if (!init) return undefined;
    const inner = describeBase(unwrap(init), depth + 1);
    return inner && { text: `${e.text} (${inner.text})`, rootOffset: inner.rootOffset };
  }
  return undefined;
}

/** `/deps/<project>/src` → "src"; `/var/task/lib` → "lib": the project root is what is copied there. */
function deployOffset(p: string): string {
  const m = /^\/deps\/[^/]+\/?(.*)$/.exec(p) ?? /^\/var\/task\/?(.*)$/.exec(p);
  return m ? m[1] : "";
}
