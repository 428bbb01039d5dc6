// cors-wildcard: CORS that lets any origin make credentialed requests.
// - Code, option objects: `cors({ origin: "*" | true, credentials: true })` (express `cors`, `@koa/cors`,
//   `hono/cors`), `fastify.register(cors, {...})` (@fastify/cors), Nest `app.enableCors({...})` and
//   `NestFactory.create(M, { cors: {...} })`; an origin function that approves every caller counts as `true`,
//   and an absent origin is the libraries' default `*`.
// - Code, hand-set headers: `Access-Control-Allow-Origin` set to `*` or to the request's own Origin
//   (`req.headers.origin`, `event.headers.origin`, `request.headers.get("origin")`) next to
//   `Access-Control-Allow-Credentials: true` in the same function (setHeader/header/set/append calls or
//   header objects); a reflected origin that the function checks against anything is left alone.
// - langgraph.json `http.cors` (`allow_origins: ["*"]` or a match-all `allow_origin_regex` with
//   `allow_credentials: true`), serverless.yml `cors` of http events and `provider.httpApi.cors`, and SAM
//   `Cors` / `CorsConfiguration`, reported at the offending value.
// - Header lists of `{ key, value }` objects, as Next.js `next.config.*` `headers()` returns them. Config
//   files have the `script` role (they run at build time), so the rule also runs on `script` files but
//   returns at once for every one that is not a Next.js config.
// Severity: an error where the project uses cookies or sessions (the credentialed requests that break or
// leak are real); otherwise capped to a warning whose message says no cookie or session use was found.
// Fix (suggestion, option objects only): an allow-list read from the environment.
import ts = require("typescript");
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import { createRule } from "./api/createRule";
import type { Fix, ProjectInfo, TextEdit } from "./api/types";
import { findProperty, preferredQuote, propertyNameText, stringValue, unwrap } from "./semantic/ast";
import { insertProperty } from "./semantic/fixes";
import { envDocsOf, parseCloudYaml, yamlGet, yamlMapEntries } from "./semantic/envDocs";
import { lookupDeclaration } from "./semantic/scope";
import { projectSourceFiles } from "./semantic/deadFiles";
import path = require("node:path");

const ORIGIN_HEADER = "access-control-allow-origin";
const CREDENTIALS_HEADER = "access-control-allow-credentials";

interface HeaderSet {
  scope: ts.Node;
  header: "origin" | "credentials";
  value: ts.Expression;
}

export default createRule({
  meta: {
    id: "cors-wildcard",
    category: "security",
    severity: "error",
    fix: "suggestion",
    description: 'CORS that allows every origin ("*", origin: true, or the caller\'s own Origin echoed back) together with credentials.',
    messages: {
      wildcard: 'CORS allows every origin ("*") together with credentials',
      reflect: "CORS echoes any caller's Origin and allows credentials: any website can act as the signed-in user",
      langgraph: "langgraph.json http.cors allows every origin with allow_credentials: true",
      apiGateway: "API Gateway CORS allows every origin with credentials: the deploy or credentialed requests fail",
    },
    details: {
      wildcard:
        "Browsers refuse credentialed requests to a wildcard, so cookie-based calls that worked from localhost fail in production, and switching to origin: true would let any website call this API as a signed-in user. List the allowed origins.{{noCookies}}",
      reflect:
        "Here: {{how}}. Any website a signed-in user visits can call this API with their cookies and read the responses. List the allowed origins.{{noCookies}}",
      langgraph:
        "Allowed by {{how}}. The deployed server then either refuses credentialed browser requests or echoes any caller's Origin, so any website a signed-in user visits can call this deployment with their cookies. List the allowed origins.{{noCookies}}",
      apiGateway:
        "Allowed by {{how}}. API Gateway refuses the deployment (HTTP APIs) or browsers refuse every credentialed request (REST APIs). List the allowed origins.{{noCookies}}",
    },
    options: {
      envVar: {
        type: "string",
        default: "CORS_ORIGINS",
        description: "The environment variable the fix reads the comma-separated allow-list from.",
      },
    },
    // "script" only for Next.js config files (create returns at once for other scripts).
    roles: ["server", "script"],
    files: ["source", "langgraph.json", "serverless.yml", "template.yaml"],
    // Deploy configs are read as text (cheap); source files must say CORS or its headers (mentionsCors).
    prefilter: { text: (text, file) => file.kind !== "source" || mentionsCors(text) },
  },

  create(rawContext) {
    const { sourceFile, file } = rawContext;
    if (file.role === "script" && !NEXT_CONFIG.test(path.basename(file.fileName))) return {};
    // Every finding says whether cookies or sessions are in use, and is capped to a warning when not.
    const context = {
      ...rawContext,
      report(problem: Parameters<typeof rawContext.report>[0]) {
        const cookies = cookieUse(file.project);
        rawContext.report({
          ...problem,
          data: { ...problem.data, noCookies: cookies ? "" : NO_COOKIES },
          ...(cookies ? {} : { severity: "warning" as const }),
        });
      },
    };
    const envVar =
      typeof context.options.envVar === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(context.options.envVar)
        ? context.options.envVar
        : "CORS_ORIGINS";

    if (file.kind === "langgraph.json") return { onEnd: checkLangGraphJson };
    if (file.kind === "serverless.yml" || file.kind === "template.yaml") return { onEnd: () => checkYaml(file.kind === "serverless.yml") };

    // Almost no file mentions CORS: skip the walk for those (header names are always written out in full).
    if (!mentionsCors(file.text)) return {};
    const headerSets: HeaderSet[] = [];

    return {
      CallExpression(node) {
        const options = corsOptionsOf(node);
        if (options) checkOptions(options);
        const header = headerCall(node);
        if (header) headerSets.push(header);
      },
      PropertyAssignment(node) {
        const listed = keyValueHeader(node);
        if (listed) headerSets.push(listed);
        const name = propertyNameText(node.name)?.toLowerCase();
        if (name !== ORIGIN_HEADER && name !== CREDENTIALS_HEADER) return;
        // Header objects pair within the same object literal: a library may build `*` and credentials in different branches.
        headerSets.push({ scope: node.parent, header: name === ORIGIN_HEADER ? "origin" : "credentials", value: node.initializer });
      },
      onEnd() {
        if (headerSets.length === 0) return;
        const withCredentials = new Set(headerSets.filter((h) => h.header === "credentials" && isTrue(h.value)).map((h) => h.scope));
        for (const h of headerSets) {
          if (h.header !== "origin" || !withCredentials.has(h.scope)) continue;
          const value = unwrap(h.value);
          if (stringValue(value) === "*") {
            context.report({ node: h.value, messageId: "wildcard" });
            continue;
          }
          const reflected = reflectedOrigin(value);
          if (reflected && !isChecked(functionOf(h.scope), reflected.text)) {
            context.report({
              node: h.value,
              messageId: "reflect",
              data: { how: `${reflected.text} sent back as Access-Control-Allow-Origin` },
            });
          }
        }
      },
    };

    // --- option objects ---

    /** The options object of a CORS middleware call, when it is a literal (inline or a same-file const). */
    function corsOptionsOf(call: ts.CallExpression): { obj: ts.ObjectLiteralExpression; call: ts.CallExpression } | undefined {
      const callee = unwrap(call.expression);
      let arg: ts.Expression | undefined;
      const resolved = rawContext.semantic.importedCallee(callee);
      if (resolved && isCorsFactory(resolved.module, resolved.path)) {
        arg = call.arguments[0];
        // `cors()` with no options: origin "*" without credentials, which is fine.
        if (!arg) return undefined;
      } else if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        if (method === "register" && call.arguments.length >= 2 && isFastifyCorsPlugin(call.arguments[0])) arg = call.arguments[1];
        else if (method === "enableCors") arg = call.arguments[0];
        else if (method === "create" && rawContext.semantic.importedCallee(callee)?.module === "@nestjs/core" && call.arguments[1]) {
          const opts = objectOf(call.arguments[1]);
          const cors = opts ? findProperty(opts, "cors").value : undefined;
          arg = cors && ts.isObjectLiteralExpression(unwrap(cors)) ? cors : undefined;
        }
      }
      const obj = arg ? objectOf(arg) : undefined;
      return obj ? { obj, call } : undefined;
    }

    function checkOptions({ obj }: { obj: ts.ObjectLiteralExpression }): void {
      const credentials = findProperty(obj, "credentials");
      if (!credentials.value || !isTrue(credentials.value)) return;
      const origin = findProperty(obj, "origin");
      if (!origin.property) {
        // Without an origin the libraries answer "*"; a spread may set one we cannot see.
        if (origin.hasSpread) return;
        context.report({ node: credentials.property!, messageId: "wildcard", fixes: [allowListFix(obj, undefined)] });
        return;
      }
      if (!origin.value) return;
      const value = unwrap(origin.value);
      if (stringValue(value) === "*") {
        context.report({ node: origin.property, messageId: "wildcard", fixes: [allowListFix(obj, origin.value)] });
      } else if (value.kind === ts.SyntaxKind.TrueKeyword) {
        context.report({
          node: origin.property,
          messageId: "reflect",
          data: { how: "origin: true" },
          fixes: [allowListFix(obj, origin.value)],
        });
      } else if (approvesEveryOrigin(value)) {
        context.report({
          node: origin.property,
          messageId: "reflect",
          data: { how: "an origin function that approves every caller" },
          fixes: [allowListFix(obj, origin.value)],
        });
      }
    }

    /** `origin: process.env.CORS_ORIGINS?.split(",") ?? []`, and the variable added to .env.example. */
    function allowListFix(obj: ts.ObjectLiteralExpression, originValue: ts.Expression | undefined): Fix {
      const q = preferredQuote(sourceFile);
      const expr = `process.env.${envVar}?.split(${q},${q}) ?? []`;
      const edits: TextEdit[] = originValue
        ? [{ start: originValue.getStart(sourceFile), end: originValue.getEnd(), newText: expr }]
        : [insertProperty(sourceFile, obj, `origin: ${expr}`)];
      let title = `Allow only the origins listed in ${envVar} (comma-separated)`;
      const example = file.project.envExample;
      if (example && !example.names.has(envVar) && !envDocsOf(file.project).names.has(envVar)) {
        edits.push({
          file: example.file,
          start: example.length,
          end: example.length,
          newText: `${example.endsWithNewline ? "" : "\n"}${envVar}=\n`,
        });
        title += ` and add ${envVar} to .env.example`;
      }
      return { title, kind: "suggestion", edits };
    }

    function objectOf(arg: ts.Expression): ts.ObjectLiteralExpression | undefined {
      const e = unwrap(arg);
      if (ts.isObjectLiteralExpression(e)) return e;
      if (ts.isIdentifier(e)) {
        const decl = lookupDeclaration(e, e.text);
        const init = decl?.kind === "const" && decl.variable?.initializer ? unwrap(decl.variable.initializer) : undefined;
        return init && ts.isObjectLiteralExpression(init) ? init : undefined;
      }
      return undefined;
    }

    function isFastifyCorsPlugin(arg: ts.Expression): boolean {
      let e = unwrap(arg);
      if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
      if (
        ts.isCallExpression(e) &&
        (e.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(e.expression) && e.expression.text === "require"))
      ) {
        return isFastifyCorsModule(stringValue(e.arguments[0]) ?? "");
      }
      const resolved = rawContext.semantic.importedCallee(e);
      return !!resolved && isFastifyCorsModule(resolved.module);
    }

    // --- hand-set headers ---

    /** `res.setHeader("Access-Control-Allow-Origin", x)` and the header/set/append variants. */
    function headerCall(call: ts.CallExpression): HeaderSet | undefined {
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || call.arguments.length < 2) return undefined;
      if (!["setHeader", "header", "set", "append"].includes(callee.name.text)) return undefined;
      const name = stringValue(unwrap(call.arguments[0]))?.toLowerCase();
      if (name !== ORIGIN_HEADER && name !== CREDENTIALS_HEADER) return undefined;
      return { scope: scopeOf(call), header: name === ORIGIN_HEADER ? "origin" : "credentials", value: call.arguments[1] };
    }

    /** The request's own Origin, directly or through a same-function const; with the text checks would mention. */
    function reflectedOrigin(value: ts.Expression, depth = 0): { text: string } | undefined {
      let e = unwrap(value);
      // `req.headers.origin || "*"` / `?? ""`: still the caller's origin whenever it sent one.
      if (
        ts.isBinaryExpression(e) &&
        (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
      )
        e = unwrap(e.left);
      if (isRequestOrigin(e)) return { text: e.getText(sourceFile) };
      if (ts.isIdentifier(e) && depth < 3) {
        const decl = lookupDeclaration(e, e.text);
        if (decl?.kind === "const" && decl.variable?.initializer) {
          return reflectedOrigin(decl.variable.initializer, depth + 1) ? { text: e.text } : undefined;
        }
        // `const { origin } = req.headers`
        if (decl?.kind === "const" && !decl.variable) {
          const init = destructuredFrom(e.text, decl.scope);
          if (init && /(^|\.)headers$/i.test(unwrap(init).getText(sourceFile).replace(/\s/g, ""))) return { text: e.text };
        }
      }
      return undefined;
    }

    /**
     * Does the function compare or look up the reflected origin anywhere (an allow-list check)?
     * Read from the function's text: `allowed.includes(origin)`, `origin === x`, `isAllowed(origin)`,
     * `/re/.test(origin)`, `origin.endsWith(...)`.
     */
    function isChecked(scope: ts.Node, originText: string): boolean {
      const text = scope.getText(sourceFile);
      const o = originText.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s*");
      const checks = [
        new RegExp(`\\(\\s*${o}\\s*[,)]`), // f(origin), allowed.includes(origin), re.test(origin)
        new RegExp(`${o}\\s*(===|!==|==|!=)`),
        new RegExp(`(===|!==|==|!=)\\s*${o}`),
        new RegExp(`${o}\\s*\\??\\.\\s*(endsWith|startsWith|match|includes|test)\\b`),
        new RegExp(`\\bin\\s+${o}\\b|${o}\\s+in\\b`),
      ];
      return checks.some((re) => re.test(text));
    }

    function destructuredFrom(name: string, scope: ts.Node): ts.Expression | undefined {
      const statements = ts.isBlock(scope) || ts.isSourceFile(scope) ? scope.statements : [];
      for (const st of statements) {
        if (!ts.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations) {
          if (
            ts.isObjectBindingPattern(d.name) &&
            d.name.elements.some(
              (el) =>
                ts.isIdentifier(el.name) &&
                el.name.text === name &&
                (propertyNameText(el.propertyName ?? el.name) ?? "").toLowerCase() === "origin",
            )
          ) {
            return d.initializer;
          }
        }
      }
      return undefined;
    }

    // --- langgraph.json ---

    function checkLangGraphJson(): void {
      const root = sourceFile.statements[0];
      if (!root || !ts.isExpressionStatement(root) || !ts.isObjectLiteralExpression(root.expression)) return;
      const http = jsonObject(findProperty(root.expression, "http").value);
      const cors = http && jsonObject(findProperty(http, "cors").value);
      if (!cors) return;
      const credentials = findProperty(cors, "allow_credentials").value;
      if (!credentials || credentials.kind !== ts.SyntaxKind.TrueKeyword) return;
      const origins = findProperty(cors, "allow_origins").value;
      if (origins && ts.isArrayLiteralExpression(origins)) {
        const star = origins.elements.find((el) => stringValue(el) === "*");
        if (star) context.report({ node: star, messageId: "langgraph", data: { how: `allow_origins: ["*"]` } });
      }
      const regex = findProperty(cors, "allow_origin_regex").value;
      const pattern = stringValue(regex);
      if (regex && pattern !== undefined && matchesEverything(pattern)) {
        context.report({ node: regex, messageId: "langgraph", data: { how: `allow_origin_regex: "${pattern}"` } });
      }
    }

    // --- serverless.yml / SAM template.yaml ---

    function checkYaml(serverless: boolean): void {
      if (!/cors/i.test(file.text)) return;
      const doc = parseCloudYaml(file.text);
      if (doc.errors.length > 0) return;
      const report = (node: YamlNode | undefined, how: string) => {
        if (!node?.range) return;
        context.report({ start: node.range[0], end: node.range[1], messageId: "apiGateway", data: { how } });
      };
      if (serverless) {
        // provider.httpApi.cors: { allowedOrigins: ["*"], allowCredentials: true }
        checkCorsMap(doc, yamlGet(doc, doc.contents, "provider", "httpApi", "cors"), ["allowedOrigins"], "allowCredentials", report);
        const functions = yamlGet(doc, doc.contents, "functions");
        if (!isMap(functions)) return;
        for (const fn of yamlMapEntries(doc, functions)) {
          const events = yamlGet(doc, fn.value, "events");
          if (!isSeq(events)) continue;
          for (const ev of events.items) {
            // events: - http: { cors: { origin: "*", allowCredentials: true } }
            checkCorsMap(doc, yamlGet(doc, ev, "http", "cors"), ["origin", "origins"], "allowCredentials", report);
          }
        }
        return;
      }
      const sections: YamlNode[] = [];
      const globalsApi = yamlGet(doc, doc.contents, "Globals", "Api", "Cors");
      const globalsHttp = yamlGet(doc, doc.contents, "Globals", "HttpApi", "CorsConfiguration");
      if (globalsApi) sections.push(globalsApi);
      if (globalsHttp) sections.push(globalsHttp);
      const resources = yamlGet(doc, doc.contents, "Resources");
      if (isMap(resources)) {
        for (const r of yamlMapEntries(doc, resources)) {
          for (const key of ["Cors", "CorsConfiguration"]) {
            const n = yamlGet(doc, r.value, "Properties", key);
            if (n) sections.push(n);
          }
        }
      }
      for (const s of sections) checkCorsMap(doc, s, ["AllowOrigin", "AllowOrigins"], "AllowCredentials", report);
    }

    function checkCorsMap(
      doc: Document.Parsed,
      node: YamlNode | undefined,
      originKeys: string[],
      credentialsKey: string,
      report: (node: YamlNode | undefined, how: string) => void,
    ): void {
      if (!isMap(node)) return;
      const entries = yamlMapEntries(doc, node);
      const credentials = entries.find((e) => e.key === credentialsKey)?.value;
      if (!isScalar(credentials) || !(credentials.value === true || credentials.value === "true")) return;
      for (const e of entries) {
        if (!originKeys.includes(e.key)) continue;
        const values = isSeq(e.value) ? e.value.items : [e.value];
        for (const v of values) {
          // SAM REST APIs quote the header value: AllowOrigin: "'*'".
          if (isScalar(v) && typeof v.value === "string" && v.value.replace(/^'|'$/g, "") === "*")
            report(v as YamlNode, `${e.key}: ${JSON.stringify(v.value)}`);
        }
      }
    }
  },
});

// --- pure helpers ---

/** Next.js config files: the only `script`-role files the rule reads (their `headers()` is served by the app). */
const NEXT_CONFIG = /^next\.config\.[cm]?[jt]s$/;

const NO_COOKIES =
  " (A warning, not an error: no cookie or session use was found in this project, so only a client that sends credentials on its own is affected today.)";

/** Packages and calls that put cookies or sessions in play: then credentialed cross-origin requests are real. */
const COOKIE_USE =
  /["'](express-session|cookie-parser|cookie-session|next-auth|next-auth\/[\w/-]+|@auth\/[\w-]+|iron-session|@fastify\/(cookie|session|secure-session)|koa-session|hono\/cookie|better-auth|lucia)["']|\.(cookie|clearCookie)\s*\(|\bcookies\s*\(\s*\)|[Ss]et-[Cc]ookie|\bwithCredentials\s*[:=]\s*true|credentials\s*:\s*["']include["']/;

/**
 * Whether the project uses cookies or sessions: its package.json depends on a cookie or session
 * package, or a source file sets or reads cookies. Read only when a finding is about to be reported.
 */
function cookieUse(project: ProjectInfo): boolean {
  return project.memo("cors-wildcard:cookies", () => {
    const manifest = project.host.readFile(path.join(project.root, "package.json")) ?? "";
    if (COOKIE_USE.test(manifest)) return true;
    const sources = projectSourceFiles(project);
    // Too many files to read: assume cookies, the stricter answer.
    if (!sources) return true;
    return sources.some((f) => COOKIE_USE.test(project.host.readFile(f) ?? ""));
  });
}

/** `{ key: "Access-Control-Allow-Origin", value: "*" }` in a header list (Next.js `headers()`): pairs within the list. */
function keyValueHeader(node: ts.PropertyAssignment): HeaderSet | undefined {
  if (propertyNameText(node.name) !== "key") return undefined;
  const name = stringValue(unwrap(node.initializer))?.toLowerCase();
  if (name !== ORIGIN_HEADER && name !== CREDENTIALS_HEADER) return undefined;
  const obj = node.parent;
  const value = findProperty(obj, "value").value;
  if (!value) return undefined;
  const scope = ts.isArrayLiteralExpression(obj.parent) ? obj.parent : obj;
  return { scope, header: name === ORIGIN_HEADER ? "origin" : "credentials", value };
}

/** The function (or file) around a node, where an allow-list check of the origin would be. */
function functionOf(node: ts.Node): ts.Node {
  for (let p: ts.Node | undefined = node; p; p = p.parent) {
    if (ts.isFunctionLike(p) || ts.isSourceFile(p)) return p;
  }
  return node.getSourceFile();
}

/** A fast text pre-check (plain substring searches beat a case-insensitive regex over the whole file). */
function mentionsCors(text: string): boolean {
  return (
    text.includes("cors") ||
    text.includes("Cors") ||
    text.includes("CORS") ||
    text.includes("ccess-Control-Allow") ||
    text.includes("ccess-control-allow")
  );
}

function isCorsFactory(module: string, path: string[]): boolean {
  const name = path.length === 0 ? "default" : path[path.length - 1];
  if (module === "cors" || module === "@koa/cors" || module === "kcors") return name === "default" || path.length === 0;
  if (module === "hono/cors") return name === "cors";
  return false;
}

function isFastifyCorsModule(module: string): boolean {
  return module === "@fastify/cors" || module === "fastify-cors";
}

function isTrue(value: ts.Expression): boolean {
  const e = unwrap(value);
  return e.kind === ts.SyntaxKind.TrueKeyword || stringValue(e)?.toLowerCase() === "true";
}

/** The request's Origin header: `req.headers.origin`, `req.headers["origin"]`, `req.get("origin")`, `request.headers.get("Origin")`, `c.req.header("origin")`. */
function isRequestOrigin(e: ts.Expression): boolean {
  if (ts.isPropertyAccessExpression(e) && e.name.text.toLowerCase() === "origin") return isHeadersObject(e.expression);
  if (ts.isElementAccessExpression(e) && stringValue(unwrap(e.argumentExpression))?.toLowerCase() === "origin")
    return isHeadersObject(e.expression);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments.length === 1) {
    const method = e.expression.name.text;
    return ["get", "header", "getHeader"].includes(method) && stringValue(unwrap(e.arguments[0]))?.toLowerCase() === "origin";
  }
  return false;
}

function isHeadersObject(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isPropertyAccessExpression(u)) return u.name.text === "headers" || u.name.text === "multiValueHeaders";
  return ts.isIdentifier(u) && /^headers$/i.test(u.text);
}

/** `(o, cb) => cb(null, true)`, `(o, cb) => cb(null, o)`, `(o) => o`, `() => true`, and their block forms. */
function approvesEveryOrigin(e: ts.Expression): boolean {
  if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e)) return false;
  const params = e.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  let body: ts.Node = e.body;
  if (ts.isBlock(body)) {
    if (body.statements.length !== 1) return false;
    const st = body.statements[0];
    if (ts.isReturnStatement(st) && st.expression) body = st.expression;
    else if (ts.isExpressionStatement(st)) body = st.expression;
    else return false;
  }
  const result = unwrap(body as ts.Expression);
  const isOriginOrTrue = (x: ts.Expression | undefined) =>
    !!x &&
    (unwrap(x).kind === ts.SyntaxKind.TrueKeyword || (ts.isIdentifier(unwrap(x)) && (unwrap(x) as ts.Identifier).text === params[0]));
  if (isOriginOrTrue(result)) return true;
  // callback style: cb(null, true)
  if (
    ts.isCallExpression(result) &&
    ts.isIdentifier(result.expression) &&
    params[1] !== undefined &&
    result.expression.text === params[1]
  ) {
    const [err, ok] = result.arguments;
    return !!err && unwrap(err).kind === ts.SyntaxKind.NullKeyword && isOriginOrTrue(ok);
  }
  return false;
}

function jsonObject(e: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  return e && ts.isObjectLiteralExpression(e) ? e : undefined;
}

function matchesEverything(pattern: string): boolean {
  return /^\^?(\.\*|\.\+|https?:\/\/\.\*|https?:\/\/\.\+)\$?$/.test(pattern.trim());
}

/** Header calls pair up within one block (or function body): both headers sent on the same path. */
function scopeOf(node: ts.Node): ts.Node {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p) || ts.isFunctionLike(p)) return p;
  }
  return node.getSourceFile();
}
