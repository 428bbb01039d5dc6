// cwd-relative-path: a relative file path handed to an API that resolves it against process.cwd()
// instead of the module: fs / fs/promises / fs-extra readers and writers, LangChain file loaders,
// `path.resolve("x")`, `path.join(process.cwd(), "x")`, dotenv's `{ path }`, process.loadEnvFile(),
// and `new URL("x", "file://" + process.cwd())`. It works while the process starts in the folder the
// developer runs it from, and fails with ENOENT (or reads another file) where production starts it.
// Fix (suggestion): resolve from the module — `new URL("../x", import.meta.url)` in ES modules (fs
// accepts URLs; `fileURLToPath(...)` where a string is needed) or `path.join(__dirname, "../x")` in
// CommonJS — with the path rewritten relative to the file's folder (or where tsc emits it).
// Also winston's File / DailyRotateFile transports (`filename` relative to the working directory).
// Quiet where the working directory is right or does not matter (semantic decisions, see the page):
// reads in a container whose Dockerfile WORKDIR holds a copy of the project, folders the same file
// creates at run time (mkdir) and the paths under them, code that runs only when the file is started
// directly (`if (import.meta.main)`, `require.main === module`), dotenv in a Next.js unit (Next loads
// .env itself), and the local branch of an env-conditional that picks an absolute platform location.
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { FileInfo, Fix, TextEdit } from "./api/types";
import { dottedName, findProperty, preferredQuote, processEnvName, stringValue, unwrap } from "./semantic/ast";
import { isDevelopmentOnly } from "./semantic/envReadContext";
import { normalizeModule, resolveImportedCallee } from "./semantic/imports";
import { emittedDir, isBundled, tsconfigFor } from "./semantic/tsconfig";
import { lookupDeclaration } from "./semantic/scope";
import { isAssignmentOperator } from "./semantic/dataflow";
import { isInside } from "./semantic/resolve";
import { classDeclarationOf, importedModuleFact, localImportsOf } from "./semantic/crossFile";
import { fileMemo } from "./semantic/fileMemo";
import { isDirective, usesSemicolons, lastLeadingImport } from "./semantic/fixes";

const FS_MODULES = new Set(["fs", "fs/promises", "fs-extra", "fs-extra/esm", "graceful-fs"]);
const FS_READERS = new Set([
  "readFile",
  "readFileSync",
  "createReadStream",
  "readdir",
  "readdirSync",
  "opendir",
  "opendirSync",
  "stat",
  "statSync",
  "lstat",
  "lstatSync",
  "access",
  "accessSync",
  "exists",
  "existsSync",
  "open",
  "openSync",
  "readlink",
  "readlinkSync",
  "realpath",
  "realpathSync",
  "watch",
  "watchFile",
  "readJson",
  "readJsonSync",
  "readJSON",
  "readJSONSync",
  "pathExists",
  "pathExistsSync",
]);
const FS_WRITERS = new Set([
  "writeFile",
  "writeFileSync",
  "appendFile",
  "appendFileSync",
  "createWriteStream",
  "mkdir",
  "mkdirSync",
  "rm",
  "rmSync",
  "rmdir",
  "rmdirSync",
  "unlink",
  "unlinkSync",
  "truncate",
  "truncateSync",
  "rename",
  "renameSync",
  "copyFile",
  "copyFileSync",
  "cp",
  "cpSync",
  "link",
  "linkSync",
  "writeJson",
  "writeJsonSync",
  "writeJSON",
  "writeJSONSync",
  "outputFile",
  "outputFileSync",
  "outputJson",
  "outputJsonSync",
  "ensureDir",
  "ensureDirSync",
  "ensureFile",
  "ensureFileSync",
  "mkdirp",
  "mkdirs",
  "copy",
  "copySync",
  "move",
  "moveSync",
  "remove",
  "removeSync",
  "emptyDir",
  "emptyDirSync",
]);
/** Functions taking a source and a destination path. */
const TWO_PATHS = new Set([
  "rename",
  "renameSync",
  "copyFile",
  "copyFileSync",
  "cp",
  "cpSync",
  "link",
  "linkSync",
  "copy",
  "copySync",
  "move",
  "moveSync",
]);
/** LangChain's file loaders (TextLoader, PDFLoader, DirectoryLoader...) read a path with fs; they need a string. */
const LOADER_MODULE = /^(langchain|@langchain\/community)\/document_loaders\/fs\//;
const PATH_MODULES = new Set(["path", "path/posix"]);
/** `new Registry(`: a construction; it is given a string when a quote comes before the next `)` (newsWithString). */
const NEW_CALL = /\bnew\s+([\w$]+)\s*\(/g;

/**
 * The class names of `new Registry("prompts")`, `new Store(process.env.DIR ?? "./data")`: constructions
 * with a quote between their `(` and the next `)`. The next `)` and quotes are looked up once and kept
 * while the constructions pass them: `\([^)]*["'`]` rescanned to the end from each `new X(` of a text
 * with no `)` left, quadratic on hostile text.
 */
function* newsWithString(text: string): Generator<string> {
  const next = { ")": -1, '"': -1, "'": -1, "`": -1 };
  const at = (ch: keyof typeof next, from: number) => {
    if (next[ch] < from) {
      const i = text.indexOf(ch, from);
      next[ch] = i < 0 ? Infinity : i;
    }
    return next[ch];
  };
  for (const m of text.matchAll(NEW_CALL)) {
    const from = m.index + m[0].length;
    if (Math.min(at('"', from), at("'", from), at("`", from)) < at(")", from)) yield m[1];
  }
}

/**
 * Whether the file may construct a class that keeps a path (see pathParameters) with a string: a class
 * it declares, or one it imports from a module of the project (or one that module re-exports) whose
 * text has a constructor and names fs. The prefilter and the rule ask the same question.
 */
function mayConstructPathClass(file: Pick<FileInfo, "fileName" | "project" | "text">): boolean {
  // Asked by the prefilter, then by the rule on its first `new`: answered once per lint of the file.
  return fileMemo(file, MAY_CONSTRUCT_PATH_CLASS, () => constructsPathClass(file.text, file));
}

const MAY_CONSTRUCT_PATH_CLASS = Symbol("cwd-relative-path:mayConstructPathClass");

function constructsPathClass(text: string, file: Pick<FileInfo, "fileName" | "project" | "text">): boolean {
  let localClasses: ReadonlySet<string> | undefined;
  for (const name of newsWithString(text)) {
    if ((localClasses ??= keepsPath(text) ? classNames(text) : new Set()).has(name)) return true;
    // `new Error("...")`, `new URL("...")`: built-ins, never a project class (unless declared here, above).
    if (BUILT_IN_CONSTRUCTOR.test(name)) continue;
    const from = localImportsOf(file).get(name);
    if (from !== undefined && importedModuleFact(file, from, "path-class", (t) => keepsPath(t) || undefined)) return true;
  }
  return false;
}

/**
 * The classes a text declares: `class Name`, `const Name = class` (both names of `X = class Y`). Read
 * around each `class` keyword: a pattern starting at every identifier to look for `= class` after it
 * cost 15 times as much on the corpus.
 */
function classNames(text: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\bclass\b/g)) {
    const after = /^class\s+([A-Za-z_$][\w$]*)/.exec(text.slice(m.index, m.index + 200));
    if (after) names.add(after[1]);
    const before = /([A-Za-z_$][\w$]*)\s*=\s*$/.exec(text.slice(Math.max(0, m.index - 200), m.index));
    if (before) names.add(before[1]);
  }
  return names;
}

const BUILT_IN_CONSTRUCTOR =
  /^(?:\w*Error|URL|URLSearchParams|Date|RegExp|Map|Set|WeakMap|WeakSet|Promise|Proxy|Request|Response|Headers|Blob|File|FormData|TextEncoder|TextDecoder|AbortController|Event|CustomEvent|Function|Array|Object|String|Number|Boolean|Symbol|BigInt|\w+Array|ArrayBuffer|DataView|Buffer|Intl\w*|Worker|WebSocket|EventSource|ReadableStream|WritableStream|TransformStream)$/;

function keepsPath(text: string): boolean {
  return text.includes("constructor") && /\bfs\b|fs-extra|graceful-fs/.test(text);
}
/** `vite.config.ts`, `jest.config.cjs`, `.eslintrc.js`, `.prettierrc.mjs`. */
const TOOL_CONFIG = /^[\w.-]+\.config\.[cm]?[jt]s$|^\.[\w-]+rc\.[cm]?[jt]s$/;
/** Callee names worth a closer look; everything else is skipped before any lookup. */
const CALLEE_NAMES = new Set([...FS_READERS, ...FS_WRITERS, "resolve", "join", "config", "loadEnvFile"]);

/** How a replacement must read: something fs accepts (a URL will do) or a string path. */
type Form = "url" | "string";

/** A path relative to the working directory: a literal prefix, and the rest of a template when there is one. */
interface RelativePath {
  /** The node the fix replaces. */
  node: ts.Node;
  /** The cwd-relative path, or the literal prefix of a template (`prompts/` of `./prompts/${n}.md`). */
  head: string;
  /** Raw template source after the head, from `${` to before the closing backtick. */
  rawRest?: string;
  /** The text to show in the message. */
  shown: string;
}

export default createRule({
  meta: {
    id: "cwd-relative-path",
    category: "deploy-layout",
    severity: "warning",
    fix: "suggestion",
    description:
      "A relative file path handed to an API that resolves it against process.cwd() (fs, path.resolve, path.join(process.cwd()), dotenv, LangChain loaders) instead of the module's folder.",
    messages: {
      relative: '{{api}} resolves "{{path}}" against the working directory, not this file',
      cwd: "{{api}} builds a path from process.cwd(), not from this file's folder",
      lambdaWrite: '{{api}} writes "{{path}}" into /var/task, which is read-only on Lambda (EROFS)',
      logFile: '{{api}} logs to "{{path}}", relative to wherever production starts the process',
    },
    details: {
      relative:
        "It works when the process starts in the folder you run it from and fails with ENOENT where production starts it ({{where}}). Resolve it from the module instead.",
      cwd: "It works when the process starts in the folder you run it from and fails with ENOENT where production starts it ({{where}}). Resolve it from the module instead.",
      lambdaWrite:
        "The path is relative to the working directory, which on Lambda is /var/task: a read-only file system. Write under os.tmpdir() (/tmp) instead.",
      logFile:
        "The log lands where production starts the process ({{where}}), which may be read-only or not kept. Use an absolute, configured log folder (or log to stdout).",
    },
    options: {
      scriptFolders: {
        type: "array",
        items: "string",
        default: ["scripts", "bin"],
        description:
          "Top-level project folders whose files are run from the project root by design (npm scripts, CLIs); they are not checked.",
      },
    },
    roles: ["server"],
    // fs and path calls, LangChain file loaders and dotenv are imported; process.loadEnvFile() and
    // `new URL(x, "file://" + process.cwd())` are spelled out; a class that keeps a path is constructed
    // with a string argument.
    prefilter: {
      words: ["fs", "path", "dotenv", "document_loaders", "loadEnvFile", "cwd", "winston", "new"],
      text: (text, file) => text.includes("loadEnvFile") || text.includes("cwd") || mayConstructPathClass(file),
      imports: (specifier) => {
        const m = normalizeModule(specifier);
        return FS_MODULES.has(m) || PATH_MODULES.has(m) || LOADER_MODULE.test(m) || m === "dotenv" || m.startsWith("winston");
      },
    },
  },

  create(ctx) {
    const { file, sourceFile } = ctx;
    const root = file.project.root;
    const segments = path.relative(root, file.fileName).split(/[\\/]/);
    if (segments.length > 1 && (ctx.options.scriptFolders ?? []).includes(segments[0])) return {};
    // Tool configs in the project root (vite.config.ts, vitest.config.ts, drizzle.config.ts,
    // .eslintrc.cjs) are run by their tool from that root: `path.resolve("./src")` there is meant relative to it.
    if (segments.length === 1 && TOOL_CONFIG.test(segments[0])) return {};

    const esm = file.moduleKind === "esm";
    // Where the module runs from: tsc's output folder when production runs compiled code, else its own
    // folder. Computed on the first fix only, like the quote style: most files have no finding.
    let moduleDirCache: string | undefined;
    const moduleDir = () =>
      (moduleDirCache ??=
        (file.target !== "langgraph" && !isBundled(file) && emittedDir(file)) || path.dirname(path.resolve(file.fileName)));
    const where = whereProductionStarts(file);
    const unit = file.unit;
    // A container whose Dockerfile sets WORKDIR and copies the project there starts in a copy of the
    // project root: a relative read finds the deployed file.
    const cwdIsProjectCopy = !!unit?.container?.workdir && unit.container.copiesRoot;
    // Where the platform lets the process write: a folder created under the working directory fails
    // (EROFS) when that directory is not among them.
    const cwdWritable =
      file.target !== "lambda" &&
      (!unit?.limits.writable || (!!unit.limits.cwd && unit.limits.writable.some((w) => isInside(w, unit.limits.cwd!))));
    let quoteCache: '"' | "'" | undefined;
    const quote = () => (quoteCache ??= preferredQuote(sourceFile));
    /** Path arguments that name a value declared elsewhere: a const, or a class field (`this.dataDir`). */
    const constUses: Array<{ api: string; node: ts.Identifier | ts.PropertyAccessExpression; writes: boolean }> = [];
    const reported = new Set<ts.Node>();
    /** Findings wait for the end of the file: a folder created further down makes them moot. */
    const pending: Pending[] = [];
    /** cwd-relative folders this file creates at run time (`mkdirSync("data", { recursive: true })`). */
    const createdFolders: string[] = [];

    const report = (
      messageId: MessageId,
      node: ts.Node,
      data: Record<string, string>,
      fix?: Fix,
      access: Access = "other",
      relPath?: string,
    ) => {
      if (reported.has(node)) return;
      reported.add(node);
      pending.push({ messageId, node, data, fix, access, relPath });
    };

    // ------------------------------------------------------------------ analysis
    /** A relative path literal or template; undefined for absolute paths, URLs and anything computed. */
    function relativeLiteral(e: ts.Expression): RelativePath | undefined {
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
        return isRelativePath(e.text) ? { node: e, head: e.text, shown: e.text } : undefined;
      }
      if (ts.isTemplateExpression(e) && e.head.text !== "" && isRelativePath(e.head.text)) {
        return { node: e, head: e.head.text, rawRest: rawAfter(e.head), shown: templateShown(e) };
      }
      return undefined;
    }

    /** `${process.cwd()}/x`, `process.cwd() + "/x"`: the part after the working directory. */
    function cwdConcatenation(e: ts.Expression): RelativePath | undefined {
      if (
        ts.isTemplateExpression(e) &&
        e.head.text === "" &&
        isCwdCall(unwrap(e.templateSpans[0].expression)) &&
        e.templateSpans[0].literal.text.startsWith("/")
      ) {
        const lit = e.templateSpans[0].literal;
        const head = lit.text.replace(/^\/+/, "");
        return { node: e, head, rawRest: ts.isTemplateMiddle(lit) ? rawAfter(lit) : undefined, shown: templateShown(e) };
      }
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && isCwdCall(unwrap(e.left))) {
        const rest = stringValue(unwrap(e.right));
        if (rest !== undefined && rest.startsWith("/")) return { node: e, head: rest.replace(/^\/+/, ""), shown: e.getText(sourceFile) };
      }
      return undefined;
    }

    /** A path argument of an fs function, a loader or dotenv. */
    function checkPathArgument(arg: ts.Expression, api: string, form: Form, writes: boolean): void {
      const e = unwrap(arg);
      const access: Access = writes ? "write" : "read";
      const rel = relativeLiteral(e);
      if (rel) {
        if (writes && file.target === "lambda")
          return report("lambdaWrite", rel.node, { api, path: rel.shown }, undefined, access, rel.head);
        return report("relative", rel.node, { api, path: rel.shown, where }, replaceFix(rel, form), access, rel.head);
      }
      const cwd = cwdConcatenation(e);
      if (cwd) return report("cwd", cwd.node, { api, where }, replaceFix(cwd, form), access, cwd.head);
      if (ts.isIdentifier(e) || isThisField(e)) {
        constUses.push({ api, node: e, writes });
        return;
      }
      // fs.readFileSync(path.join("prompts", name)): a relative first segment joined is still relative.
      if (ts.isCallExpression(e)) {
        const callee = pathFunction(e);
        if (callee === "join" && e.arguments.length > 0 && relativeLiteral(unwrap(e.arguments[0]))) {
          checkPathCall(e, api, 0);
        }
        // path.join(DATA_DIR, "x.json") with `const DATA_DIR = "./data"` (or a field): the folder is relative.
        const first = callee === "join" && e.arguments.length > 0 ? unwrap(e.arguments[0]) : undefined;
        if (first && (ts.isIdentifier(first) || isThisField(first))) constUses.push({ api, node: first, writes });
      }
    }

    /**
     * The value a path argument names: a const's initializer, or a class field's initializer when the
     * class sets that field nowhere else; a `path.join(<relative>, ...)` initializer stands for its
     * relative first segment (one level).
     */
    function declaredPath(node: ts.Identifier | ts.PropertyAccessExpression, depth = 0): ts.Expression | undefined {
      const declared = ts.isIdentifier(node) ? lookupConst(node) : fieldInitializer(node);
      const init = declared && unwrap(declared);
      if (!init || depth > 2) return undefined;
      if (ts.isCallExpression(init) && pathFunction(init) === "join" && init.arguments.length > 0) {
        const first = unwrap(init.arguments[0]);
        if (relativeLiteral(first)) return first;
        return ts.isIdentifier(first) || isThisField(first) ? declaredPath(first, depth + 1) : undefined;
      }
      return init;
    }

    /**
     * `new Registry(process.env.PROMPTS_DIR ?? "prompts")` where the class (here or in another module of
     * the project) keeps that constructor parameter in a field its methods hand to fs: the argument is
     * the path, reported here, where it is written and where the fix goes.
     */
    function checkPathParameters(node: ts.NewExpression, callee: ts.Identifier): void {
      if (!mayConstructPathClass(file)) return;
      const cls = classDeclarationOf(file, sourceFile, callee);
      if (!cls) return;
      for (const p of pathParameters(cls)) {
        const arg = node.arguments?.[p.index];
        const rel = arg && relativeLiteral(fallbackValue(unwrap(arg)));
        if (!rel) continue;
        const api = `${callee.text}'s ${p.api}`;
        const access: Access = p.writes ? "write" : "read";
        if (p.writes && file.target === "lambda") report("lambdaWrite", rel.node, { api, path: rel.shown }, undefined, access, rel.head);
        else report("relative", rel.node, { api, path: rel.shown, where }, replaceFix(rel, "string"), access, rel.head);
      }
    }

    /** path.resolve("x"), path.resolve(process.cwd(), "x"), path.join(process.cwd(), "x"); `start` is the first relative argument. */
    function checkPathCall(call: ts.CallExpression, api: string, start: number): void {
      const lits: string[] = [];
      let end = start;
      while (end < call.arguments.length) {
        const v = stringValue(unwrap(call.arguments[end]));
        if (v === undefined || !isRelativePath(v)) break;
        lits.push(v);
        end++;
      }
      // ``path.join(process.cwd(), `out/${id}.json`)``: a template with a relative head is the same path.
      const template = end < call.arguments.length ? unwrap(call.arguments[end]) : undefined;
      const templatePath = template && ts.isTemplateExpression(template) ? relativeLiteral(template) : undefined;
      if (lits.length === 0 && !templatePath) return;
      const last = templatePath ? end + 1 : end;
      // A later absolute segment (`path.resolve("x", "/etc/y")`) makes the result absolute.
      if (call.arguments.slice(last).some((a) => stringValue(unwrap(a))?.startsWith("/"))) return;
      const rel = path.posix.join(...lits, ...(templatePath ? [templatePath.shown] : []));
      const head = path.posix.join(...lits, ...(templatePath ? [templatePath.head] : []));
      // The fix rewrites literal segments only; a template keeps its place and is not fixed.
      const fix = templatePath ? undefined : pathCallFix(call, rel, end);
      report(start === 0 ? "relative" : "cwd", call, { api, path: rel, where }, fix, "other", head);
    }

    // ------------------------------------------------------------------ fixes
    /** The cwd-relative path made relative to the module's folder (`./` or `../` prefixed); undefined if it cannot be. */
    function fromModule(cwdRelative: string): string {
      const target = path.resolve(root, cwdRelative || ".");
      let rel = path.relative(moduleDir(), target).split(path.sep).join("/");
      if (!rel.startsWith("..")) rel = rel === "" ? "." : `./${rel}`;
      if (/\/$/.test(cwdRelative) || cwdRelative === "") rel += "/";
      return rel;
    }

    /** The new text for a relative path: a URL or string expression resolved from the module. */
    function resolvedText(rel: RelativePath, form: Form, imports: TextEdit[]): string | undefined {
      let literal: string;
      if (rel.rawRest === undefined) {
        const moved = fromModule(rel.head);
        if (!moved) return undefined;
        literal = quoteString(moved, quote());
      } else {
        // Only the folder part of a template's head moves; the rest stays as written.
        const slash = rel.head.lastIndexOf("/");
        const dirPart = slash >= 0 ? rel.head.slice(0, slash + 1) : "";
        const movedDir = fromModule(dirPart);
        if (!movedDir) return undefined;
        const dir = movedDir.endsWith("/") ? movedDir : `${movedDir}/`;
        literal = "`" + escapeTemplate(dir + rel.head.slice(slash + 1)) + rel.rawRest + "`";
      }
      if (esm) {
        // A URL must not carry characters that mean something else in a URL.
        if (/[%#?]/.test(rel.head)) return undefined;
        const url = `new URL(${literal}, import.meta.url)`;
        return form === "url" ? url : `${fileUrlToPath(imports)}(${url})`;
      }
      return `${pathLocal(imports)}.join(__dirname, ${literal})`;
    }

    function replaceFix(rel: RelativePath, form: Form): Fix | undefined {
      const imports: TextEdit[] = [];
      const text = resolvedText(rel, form, imports);
      if (text === undefined) return undefined;
      return fixOf(text, [{ start: rel.node.getStart(sourceFile), end: rel.node.getEnd(), newText: text }, ...imports]);
    }

    /** Rewrites path.resolve/join so the relative part starts at the module: `fileURLToPath(new URL(...))` or `__dirname, "..."`. */
    function pathCallFix(call: ts.CallExpression, rel: string, end: number): Fix | undefined {
      const moved = fromModule(rel);
      if (!moved) return undefined;
      const args = call.arguments;
      const from = args[0].getStart(sourceFile);
      const to = args[end - 1].getEnd();
      if (esm) {
        if (/[%#?]/.test(rel)) return undefined;
        const imports: TextEdit[] = [];
        const expr = `${fileUrlToPath(imports)}(new URL(${quoteString(moved, quote())}, import.meta.url))`;
        // Nothing after the literals: the whole call is that path.
        const edit =
          end === args.length
            ? { start: call.getStart(sourceFile), end: call.getEnd(), newText: expr }
            : { start: from, end: to, newText: expr };
        return fixOf(expr, [edit, ...imports]);
      }
      const text = `__dirname, ${quoteString(moved, quote())}`;
      return fixOf(`${dottedName(call.expression)?.join(".") ?? "path.join"}(${text})`, [{ start: from, end: to, newText: text }]);
    }

    function fixOf(shown: string, edits: TextEdit[]): Fix {
      const title = shown.length > 70 ? `${shown.slice(0, 67)}...` : shown;
      return { title: `Resolve it from the module: ${title}`, kind: "suggestion", edits };
    }

    /** The local name of url.fileURLToPath, adding the import (once, where the file keeps its imports) when missing. */
    function fileUrlToPath(imports: TextEdit[]): string {
      const index = ctx.semantic.imports;
      for (const [local, b] of index.localsFrom("url")) {
        if (b.imported === "fileURLToPath") return local;
      }
      for (const [local, b] of index.localsFrom("url")) {
        if (b.imported === "*" || b.imported === "default") return `${local}.fileURLToPath`;
      }
      // An existing `import { pathToFileURL } from "node:url"` takes the name too.
      for (const st of sourceFile.statements) {
        if (!ts.isImportDeclaration(st) || st.importClause?.isTypeOnly) continue;
        const m = stringValue(st.moduleSpecifier);
        const nb = st.importClause?.namedBindings;
        if (m && normalizeModule(m) === "url" && nb && ts.isNamedImports(nb) && nb.elements.length > 0) {
          const last = nb.elements[nb.elements.length - 1];
          imports.push({ start: last.getEnd(), end: last.getEnd(), newText: ", fileURLToPath" });
          return "fileURLToPath";
        }
      }
      imports.push(insertImport(`import { fileURLToPath } from ${quote()}node:url${quote()}`));
      return "fileURLToPath";
    }

    /** The local name of Node's path module, adding `import path from "node:path"` (or a require) when missing. */
    function pathLocal(imports: TextEdit[]): string {
      for (const [local, b] of ctx.semantic.imports.localsFrom((m) => PATH_MODULES.has(m))) {
        if (b.imported === "*" || b.imported === "default") return local;
      }
      // `path` may already name something else (a parameter, a config field).
      const name = /(?<![.\w$])path(?![\w$])/.test(
        sourceFile.text.replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""').replace(/\bpath\s*:/g, ""),
      )
        ? "nodePath"
        : "path";
      const usesRequire =
        !sourceFile.statements.some((s) => ts.isImportDeclaration(s)) &&
        (/\.c?js$/.test(file.fileName) || /\brequire\s*\(/.test(sourceFile.text));
      const statement = usesRequire
        ? `const ${name} = require(${quote()}node:path${quote()})`
        : tsconfigFor(file).esModuleInterop || /\.[cm]?js$/.test(file.fileName)
          ? `import ${name} from ${quote()}node:path${quote()}`
          : `import * as ${name} from ${quote()}node:path${quote()}`;
      imports.push(insertImport(statement));
      return name;
    }

    /** Inserts a statement after the file's leading imports/requires (or before its first statement). */
    function insertImport(statement: string): TextEdit {
      const text = sourceFile.text;
      const eol = text.includes("\r\n") ? "\r\n" : "\n";
      const lastImport = lastLeadingImport(sourceFile);
      const semi = usesSemicolons(sourceFile.statements) ? ";" : "";
      if (lastImport) return { start: lastImport.getEnd(), end: lastImport.getEnd(), newText: `${eol}${statement}${semi}` };
      const directives = sourceFile.statements.filter((s, i) => isDirective(s) && sourceFile.statements.slice(0, i).every(isDirective));
      if (directives.length > 0) {
        const at = directives[directives.length - 1].getEnd();
        return { start: at, end: at, newText: `${eol}${statement}${semi}` };
      }
      const first = sourceFile.statements[0];
      const at = first ? first.getStart(sourceFile) : text.length;
      return { start: at, end: at, newText: `${statement}${semi}${eol}${first ? eol : ""}` };
    }

    // ------------------------------------------------------------------ visitors
    return {
      CallExpression(node) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
        if (!name || node.arguments.length === 0) return;
        // `import { readFileSync as read }`: an alias is looked up by what it imports.
        if (!CALLEE_NAMES.has(name) && !(ts.isIdentifier(callee) && CALLEE_NAMES.has(ctx.semantic.imports.get(name)?.imported ?? "")))
          return;
        const apiText = () => `${callee.getText(sourceFile)}()`;

        if (name === "loadEnvFile" && dottedName(callee)?.join(".") === "process.loadEnvFile") {
          return checkPathArgument(node.arguments[0], apiText(), "url", false);
        }
        if (name === "config") {
          // Next.js loads .env files itself, from the project root, before any code runs.
          if (!isDotenvConfig(node) || unit?.bundler === "next") return;
          const opts = unwrap(node.arguments[0]);
          if (!ts.isObjectLiteralExpression(opts)) return;
          const p = findProperty(opts, "path").value;
          if (p) checkPathArgument(p, apiText(), "url", false);
          return;
        }
        const target = calleeTarget(callee);
        if (!target) return;
        const fn = functionName(target.path);
        if (fn === undefined) return;
        const isPath = PATH_MODULES.has(target.module);
        if (!isPath && !FS_MODULES.has(target.module)) return;
        const api = apiText();
        if (isPath) {
          if (fn === "resolve") {
            const first = unwrap(node.arguments[0]);
            if (isCwdExpr(first)) checkPathCall(node, api, 1);
            else if (stringValue(first) !== undefined) checkPathCall(node, api, 0);
          } else if (fn === "join" && isCwdExpr(unwrap(node.arguments[0]))) {
            checkPathCall(node, api, 1);
          }
          return;
        }
        if (!FS_MODULES.has(target.module) || !(FS_READERS.has(fn) || FS_WRITERS.has(fn))) return;
        const writes = FS_WRITERS.has(fn);
        if (FOLDER_CREATORS.has(fn)) {
          const folder = cwdRelativeFolder(node.arguments[0]);
          if (folder !== undefined) createdFolders.push(folder);
        }
        checkPathArgument(node.arguments[0], api, "url", writes);
        if (TWO_PATHS.has(fn) && node.arguments.length > 1) checkPathArgument(node.arguments[1], api, "url", writes);
      },
      NewExpression(node) {
        const args = node.arguments;
        if (!args || args.length === 0) return;
        const callee = node.expression;
        if (ts.isIdentifier(callee) && callee.text === "URL") {
          if (args.length === 2 && mentionsCwd(args[1])) checkUrlFromCwd(node, args[0]);
          return;
        }
        const target = calleeTarget(callee);
        if (target && LOADER_MODULE.test(target.module)) checkPathArgument(args[0], `new ${callee.getText(sourceFile)}()`, "string", false);
        else if (target && isWinstonFileTransport(target)) checkLogFile(node, `new ${callee.getText(sourceFile)}()`);
        else if (ts.isIdentifier(callee)) checkPathParameters(node, callee);
      },
      onEnd() {
        // `const PROMPT = "./prompts/system.md"` read by fs: report the literal once, fix it to a string path.
        for (const use of constUses) {
          const init = declaredPath(use.node);
          if (!init) continue;
          const access: Access = use.writes ? "write" : "read";
          const rel = relativeLiteral(init);
          if (rel) report("relative", rel.node, { api: use.api, path: rel.shown, where }, replaceFix(rel, "string"), access, rel.head);
          const cwd = !rel && cwdConcatenation(init);
          if (cwd) report("cwd", cwd.node, { api: use.api, where }, replaceFix(cwd, "string"), access, cwd.head);
        }
        for (const p of pending) {
          if (!isMoot(p)) ctx.report({ node: p.node, messageId: p.messageId, data: p.data, fixes: p.fix ? [p.fix] : undefined });
        }
      },
    };

    /**
     * A finding the deploy does not break: a read in a container that starts in a copy of the project,
     * a path under a folder this file creates at run time (where the platform lets it write), code that
     * only runs when the file is started by hand, or the local branch of an env-conditional location.
     */
    function isMoot(p: Pending): boolean {
      if (p.access === "read" && cwdIsProjectCopy) return true;
      if (p.relPath !== undefined && cwdWritable && createdFolders.some((f) => isUnderFolder(p.relPath!, f))) return true;
      if (p.access === "write" && p.relPath !== undefined && isPreparedByImage(p.relPath)) return true;
      return (
        runsOnlyWhenStartedDirectly(p.node, sourceFile) ||
        isLocalBranchOfEnvConditional(p.node) ||
        isDevelopmentOnly(p.node, processEnvName)
      );
    }

    /** A write under a folder the unit's Dockerfile creates below its WORKDIR (`RUN mkdir -p /app/logs`, `VOLUME`). */
    function isPreparedByImage(relPath: string): boolean {
      const workdir = unit?.container?.workdir;
      if (!workdir || !path.posix.isAbsolute(workdir)) return false;
      const target = path.posix.join(workdir, relPath);
      return imageFolders(file).some((f) => f !== workdir && isUnderFolder(target, f));
    }

    /** `process.cwd()`, or a same-file `const root = process.cwd()`. */
    function isCwdExpr(e: ts.Expression): boolean {
      if (isCwdCall(e)) return true;
      if (!ts.isIdentifier(e)) return false;
      const init = lookupConst(e);
      return init !== undefined && isCwdCall(unwrap(init));
    }

    /** The cwd-relative folder a mkdir-like call creates: a literal, `path.join(process.cwd(), "x")`, or a const of either. */
    function cwdRelativeFolder(arg: ts.Expression, depth = 0): string | undefined {
      const e = unwrap(arg);
      const lit = stringValue(e);
      if (lit !== undefined) return isRelativePath(lit) ? path.posix.normalize(lit) : undefined;
      const cwd = cwdConcatenation(e);
      if (cwd) return cwd.rawRest === undefined ? path.posix.normalize(cwd.head) : undefined;
      if (ts.isCallExpression(e) && e.arguments.length > 1 && isCwdExpr(unwrap(e.arguments[0]))) {
        const fn = pathFunction(e);
        const parts = e.arguments.slice(1).map((a) => stringValue(unwrap(a)));
        if ((fn === "join" || fn === "resolve") && parts.every((x): x is string => x !== undefined && isRelativePath(x)))
          return path.posix.join(...parts);
      }
      if ((ts.isIdentifier(e) || isThisField(e)) && depth === 0) {
        const init = ts.isIdentifier(e) ? lookupConst(e) : fieldInitializer(e);
        return init ? cwdRelativeFolder(init, 1) : undefined;
      }
      return undefined;
    }

    /** winston's File / DailyRotateFile: the log goes to `dirname` (default: the folder of `filename`). */
    function checkLogFile(node: ts.NewExpression, api: string): void {
      const opts = node.arguments?.[0] && unwrap(node.arguments[0]);
      if (!opts || !ts.isObjectLiteralExpression(opts)) return;
      const dirname = findProperty(opts, "dirname").value;
      const target = dirname ?? findProperty(opts, "filename").value;
      const rel = target && relativeLiteral(unwrap(target));
      if (!rel) return;
      if (file.target === "lambda") return report("lambdaWrite", rel.node, { api, path: rel.shown }, undefined, "write", rel.head);
      report("logFile", rel.node, { api, path: rel.shown, where }, undefined, "write", rel.head);
    }

    /** `new URL("x", "file://" + process.cwd() + "/")`: resolve against the module's URL instead. */
    function checkUrlFromCwd(node: ts.NewExpression, first: ts.Expression): void {
      const rel = relativeLiteral(unwrap(first));
      if (!rel) return;
      let fix: Fix | undefined;
      const moved = esm && rel.rawRest === undefined && !/[%#?]/.test(rel.head) ? fromModule(rel.head) : undefined;
      if (moved) {
        const newText = `new URL(${quoteString(moved, quote())}, import.meta.url)`;
        fix = fixOf(newText, [{ start: node.getStart(sourceFile), end: node.getEnd(), newText }]);
      }
      report("relative", node, { api: "new URL()", path: rel.shown, where }, fix);
    }

    function isDotenvConfig(call: ts.CallExpression): boolean {
      const target = calleeTarget(call.expression);
      return !!target && target.module === "dotenv" && functionName(target.path) === "config";
    }

    /** What a callee is imported from: an imported binding, or `require("x").name` written inline. */
    function calleeTarget(callee: ts.Expression): { module: string; path: string[] } | undefined {
      return calleeTargetIn(sourceFile, callee);
    }

    function pathFunction(call: ts.CallExpression): string | undefined {
      const target = calleeTarget(call.expression);
      return target && PATH_MODULES.has(target.module) ? functionName(target.path) : undefined;
    }

    function rawAfter(lit: ts.TemplateHead | ts.TemplateMiddle): string {
      // The literal's text ends with `${`; keep that and everything up to the closing backtick.
      const tpl = lit.parent.kind === ts.SyntaxKind.TemplateExpression ? lit.parent : lit.parent.parent;
      return "${" + sourceFile.text.slice(lit.getEnd(), tpl.getEnd() - 1);
    }

    function templateShown(e: ts.TemplateExpression): string {
      return e.getText(sourceFile).slice(1, -1);
    }
  },
});

type MessageId = "relative" | "cwd" | "lambdaWrite" | "logFile";
/** What the API does with the path: a `read` finds a deployed file, a `write` creates one. */
type Access = "read" | "write" | "other";

interface Pending {
  messageId: MessageId;
  node: ts.Node;
  data: Record<string, string>;
  fix?: Fix;
  access: Access;
  /** The cwd-relative path (or its literal head), to compare with the folders the file creates. */
  relPath?: string;
}

/** fs functions that create a folder (the process makes it at run time: nothing to deploy). */
const FOLDER_CREATORS = new Set(["mkdir", "mkdirSync", "ensureDir", "ensureDirSync", "mkdirp", "mkdirs", "mkdirpSync", "mkdirsSync"]);

/** Where production starts the process, for messages: the unit's own cwd when its platform fixes one. */
function whereProductionStarts(file: FileInfo): string {
  const cwd = file.unit?.limits.cwd;
  if (file.target === "langgraph")
    return `LangGraph Platform runs this graph from /deps/${path.basename(file.project.root)}/ inside its own server`;
  if (file.target === "lambda") return "on Lambda the working directory is /var/task";
  if (file.unit?.container?.workdir) return `the container starts in its WORKDIR, ${file.unit.container.workdir}`;
  if (cwd) return `production starts it in ${cwd}`;
  return "a container starts in its image's WORKDIR, a process manager or test runner wherever it likes";
}

/**
 * Folders the unit's Dockerfile prepares (absolute, relative ones resolved against its last WORKDIR):
 * `RUN mkdir [-p] a b`, `VOLUME ["/data"]` / `VOLUME /data`. Read once per project through the host.
 */
function imageFolders(file: FileInfo): string[] {
  const unit = file.unit;
  if (!unit?.container) return [];
  const dockerfile = /dockerfile/i.test(path.basename(unit.definedBy)) ? unit.definedBy : path.join(unit.root, "Dockerfile");
  return file.project.memo(`cwd-relative-path:image-folders:${dockerfile}`, () => {
    const text = file.project.host.readFile(dockerfile);
    return text === undefined ? [] : dockerfileFolders(text);
  });
}

export function dockerfileFolders(text: string): string[] {
  const out: string[] = [];
  let workdir = "/";
  for (const raw of text.replace(/\\\r?\n/g, " ").split(/\r?\n/)) {
    const m = /^\s*(FROM|WORKDIR|RUN|VOLUME)\s+(.*)$/i.exec(raw);
    if (!m) continue;
    const [, instruction, rest] = m;
    // Each stage starts afresh: only the final image's folders exist at run time.
    if (/^from$/i.test(instruction)) {
      out.length = 0;
      workdir = "/";
      continue;
    }
    const abs = (p: string) => path.posix.resolve(workdir, p.replace(/^["']|["']$/g, ""));
    if (/^workdir$/i.test(instruction)) workdir = abs(rest.trim());
    else if (/^volume$/i.test(instruction)) {
      const list = rest.trim().startsWith("[") ? (rest.match(/"[^"]+"/g) ?? []) : rest.trim().split(/\s+/);
      for (const v of list) out.push(abs(v));
    } else {
      for (const command of rest.split(/&&|;|\|\|/)) {
        const words = command.trim().split(/\s+/);
        if (words[0] !== "mkdir") continue;
        for (const w of words.slice(1)) if (!w.startsWith("-") && !w.includes("$")) out.push(abs(w));
      }
    }
  }
  return out;
}

/** `new transports.File(...)`, `new winston.transports.File(...)`, `new DailyRotateFile(...)`. */
function isWinstonFileTransport(target: { module: string; path: string[] }): boolean {
  const p = target.path[0] === "default" ? target.path.slice(1) : target.path;
  if (target.module === "winston") return p.length === 2 && p[0] === "transports" && (p[1] === "File" || p[1] === "DailyRotateFile");
  return target.module === "winston-daily-rotate-file" && p.length === 0;
}

function isUnderFolder(rel: string, folder: string): boolean {
  const r = path.posix.normalize(rel).replace(/\/$/, "");
  const f = folder.replace(/\/$/, "");
  return f === "." || r === f || r.startsWith(`${f}/`);
}

/** `if (import.meta.main)`, `if (require.main === module)` (either order), `import.meta.main && ...`. */
function isDirectRunCheck(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isPropertyAccessExpression(u) && u.name.text === "main" && ts.isMetaProperty(u.expression)) return true;
  if (
    ts.isBinaryExpression(u) &&
    (u.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || u.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)
  ) {
    const sides = [unwrap(u.left), unwrap(u.right)].map((x) => x.getText());
    return sides.includes("require.main") && sides.includes("module");
  }
  return false;
}

function isInsideDirectRunBranch(node: ts.Node): boolean {
  for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && child === p.thenStatement && isDirectRunCheck(p.expression)) return true;
    if (
      ts.isBinaryExpression(p) &&
      p.right === child &&
      p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      isDirectRunCheck(p.left)
    )
      return true;
  }
  return false;
}

/**
 * The node runs only when the file is started by hand: it sits under a direct-run check, or in a
 * top-level function declaration that the file calls only from under one (and does not export).
 */
function runsOnlyWhenStartedDirectly(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  if (isInsideDirectRunBranch(node)) return true;
  let fn: ts.Node | undefined = node.parent;
  while (fn && !ts.isSourceFile(fn.parent)) fn = fn.parent;
  if (!fn || !ts.isFunctionDeclaration(fn) || !fn.name) return false;
  if (ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  const name = fn.name.text;
  const uses: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && n !== fn!.name) uses.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sourceFile);
  return uses.length > 0 && uses.every((u) => isInsideDirectRunBranch(u));
}

/**
 * `process.env.VERCEL ? "/tmp/cache" : path.join(process.cwd(), ".cache")`: an env-conditional whose
 * other branch picks an absolute location (a literal, `os.tmpdir()`, a path built from one) is the
 * local-development branch; the platform branch decides where production writes.
 */
function isLocalBranchOfEnvConditional(node: ts.Node): boolean {
  for (let child: ts.Node = node, p = node.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (!ts.isConditionalExpression(p) || child === p.condition) continue;
    if (!/\benv\b/.test(p.condition.getText())) continue;
    const other = child === p.whenTrue ? p.whenFalse : p.whenTrue;
    if (isAbsoluteLocation(other)) return true;
  }
  return false;
}

function isAbsoluteLocation(e: ts.Expression): boolean {
  const u = unwrap(e);
  const lit = stringValue(u);
  if (lit !== undefined) return lit.startsWith("/") || /^[A-Za-z]:[\\/]/.test(lit);
  if (ts.isTemplateExpression(u))
    return u.head.text.startsWith("/") || (u.head.text === "" && isAbsoluteLocation(u.templateSpans[0].expression));
  if (ts.isCallExpression(u)) {
    const callee = dottedName(u.expression)?.join(".") ?? "";
    if (/(^|\.)tmpdir$/.test(callee)) return true;
    if (/(^|\.)(join|resolve)$/.test(callee) && u.arguments.length > 0) return isAbsoluteLocation(u.arguments[0]);
  }
  return false;
}

/** `this.name`, read (not assigned) inside a class. */
function isThisField(e: ts.Expression): e is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(e.name);
}

/**
 * The initializer of the field `this.name` reads (`private readonly dataDir = "./data"`) in the class
 * around it, when no code of the class assigns that field (so the initializer is its only value).
 */
function fieldInitializer(access: ts.PropertyAccessExpression): ts.Expression | undefined {
  let cls: ts.Node | undefined = access.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  const name = access.name.text;
  const field = cls.members.find(
    (m): m is ts.PropertyDeclaration =>
      ts.isPropertyDeclaration(m) &&
      ts.isIdentifier(m.name) &&
      m.name.text === name &&
      !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static),
  );
  if (!field?.initializer) return undefined;
  return fieldAssignments(cls).has(name) ? undefined : field.initializer;
}

const FIELD_ASSIGNMENTS = Symbol("cwd-relative-path:fieldAssignments");

/** The assignments to `this.<name>` anywhere in a class's members, by field name (computed once per class). */
function fieldAssignments(cls: ts.ClassLikeDeclaration): ReadonlyMap<string, readonly ts.BinaryExpression[]> {
  return fileMemo(cls, FIELD_ASSIGNMENTS, () => {
    const out = new Map<string, ts.BinaryExpression[]>();
    const visit = (n: ts.Node): void => {
      const left = ts.isBinaryExpression(n) && isAssignmentOperator(n.operatorToken.kind) ? unwrap(n.left) : undefined;
      if (left && isThisField(left)) out.set(left.name.text, [...(out.get(left.name.text) ?? []), n as ts.BinaryExpression]);
      n.forEachChild(visit);
    };
    cls.members.forEach(visit);
    return out;
  });
}

/** A constructor parameter the class keeps in a field that one of its methods hands to fs as a path. */
interface PathParameter {
  index: number;
  /** The fs call, as written in the class (`fs.readdirSync()`). */
  api: string;
  writes: boolean;
}

const PATH_PARAMETERS = Symbol("cwd-relative-path:pathParameters");

/**
 * The constructor parameters of `cls` that become file paths: kept in a field (a parameter property,
 * or `this.dir = dir` in the constructor, and assigned nowhere else) that a member passes to an fs
 * reader or writer, directly or as the first segment of path.join/resolve. Computed once per class.
 */
function pathParameters(cls: ts.ClassLikeDeclaration): readonly PathParameter[] {
  return fileMemo(cls, PATH_PARAMETERS, () => {
    const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    if (!ctor || ctor.parameters.length === 0) return [];
    const fields = constructorFields(ctor);
    if (fields.size === 0) return [];
    const sf = cls.getSourceFile();
    const out: PathParameter[] = [];
    const fieldOf = (arg: ts.Expression | undefined): number | undefined => {
      let e = arg && unwrap(arg);
      if (e && ts.isCallExpression(e) && e.arguments.length > 0) {
        const fn = calleeTargetIn(sf, e.expression);
        if (fn && PATH_MODULES.has(fn.module) && ["join", "resolve"].includes(functionName(fn.path) ?? "")) e = unwrap(e.arguments[0]);
      }
      return e && isThisField(e) ? fields.get(e.name.text) : undefined;
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.arguments.length > 0) {
        const target = calleeTargetIn(sf, n.expression);
        const fn = target && FS_MODULES.has(target.module) ? functionName(target.path) : undefined;
        if (fn && (FS_READERS.has(fn) || FS_WRITERS.has(fn))) {
          const args = TWO_PATHS.has(fn) ? n.arguments.slice(0, 2) : n.arguments.slice(0, 1);
          for (const a of args) {
            const index = fieldOf(a);
            if (index !== undefined && !out.some((p) => p.index === index))
              out.push({ index, api: `${n.expression.getText(sf)}()`, writes: FS_WRITERS.has(fn) });
          }
        }
      }
      n.forEachChild(visit);
    };
    cls.members.forEach(visit);
    return out;
  });
}

/** Fields the constructor fills from its parameters (by parameter index), when nothing else assigns them. */
function constructorFields(ctor: ts.ConstructorDeclaration): Map<string, number> {
  const fields = new Map<string, number>();
  ctor.parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name) && ts.isParameterPropertyDeclaration(p, ctor)) fields.set(p.name.text, i);
  });
  const assignments = fieldAssignments(ctor.parent);
  for (const [name, all] of assignments) {
    for (const a of all) {
      // `this.dir = dir` as a statement of the constructor's own body.
      const right = unwrap(a.right);
      const index = ctor.parameters.findIndex((p) => ts.isIdentifier(p.name) && ts.isIdentifier(right) && p.name.text === right.text);
      if (index >= 0 && a.parent.parent === ctor.body && a.operatorToken.kind === ts.SyntaxKind.EqualsToken) fields.set(name, index);
    }
  }
  for (const [name, index] of [...fields]) {
    const param = ctor.parameters[index];
    // A parameter property is assigned by the parameter itself; any other assignment is a second value.
    const allowed = ts.isParameterPropertyDeclaration(param, ctor) && ts.isIdentifier(param.name) && param.name.text === name ? 0 : 1;
    if ((assignments.get(name)?.length ?? 0) > allowed) fields.delete(name);
  }
  return fields;
}

/** `process.env.DIR ?? "prompts"` (or `||`): the value used when the variable is unset. */
function fallbackValue(e: ts.Expression): ts.Expression {
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return unwrap(e.right);
  return e;
}

/** What a callee is imported from in `sf`: an imported binding, or `require("x").name` written inline. */
function calleeTargetIn(sf: ts.SourceFile, callee: ts.Expression): { module: string; path: string[] } | undefined {
  const target = resolveImportedCallee(sf, callee);
  if (target || !ts.isPropertyAccessExpression(callee)) return target;
  const obj = unwrap(callee.expression);
  if (!ts.isCallExpression(obj) || !ts.isIdentifier(obj.expression) || obj.expression.text !== "require") return undefined;
  const m = stringValue(obj.arguments[0]);
  return m === undefined ? undefined : { module: normalizeModule(m), path: [callee.name.text] };
}

/** The initializer of the `const` an identifier refers to (lexically), or undefined for anything else. */
function lookupConst(id: ts.Identifier): ts.Expression | undefined {
  const d = lookupDeclaration(id, id.text);
  return d?.kind === "const" ? d.variable?.initializer : undefined;
}

/** ["readFileSync"], ["promises", "readFile"], ["default", "join"] → the function name; undefined when deeper. */
function functionName(p: string[]): string | undefined {
  const rest = p[0] === "default" ? p.slice(1) : p;
  const fn = rest[0] === "promises" ? rest.slice(1) : rest;
  return fn.length === 1 ? fn[0] : undefined;
}

function isCwdCall(e: ts.Expression): boolean {
  return ts.isCallExpression(e) && e.arguments.length === 0 && dottedName(e.expression)?.join(".") === "process.cwd";
}

function mentionsCwd(e: ts.Node): boolean {
  if (ts.isCallExpression(e) && isCwdCall(e)) return true;
  return ts.forEachChild(e, (c) => (mentionsCwd(c) ? true : undefined)) ?? false;
}

/** A relative file path: not absolute, not a URL or drive path, not `~`, not empty. */
export function isRelativePath(value: string): boolean {
  if (value.trim() === "" || value.startsWith("/") || value.startsWith("\\") || value.startsWith("~")) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return false; // file:, http:, C:
  return !/\s/.test(value.slice(0, 1));
}

function quoteString(value: string, q: '"' | "'"): string {
  return q + value.replace(/\\/g, "\\\\").split(q).join(`\\${q}`) + q;
}

function escapeTemplate(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}
