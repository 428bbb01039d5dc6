// sequential-only-tests (RULES.md "concurrency"): a test file that calls the unit under test (a
// graph's invoke/stream, an exported handler or webhook function, a request to the app) two or more
// times, always one after another, never concurrently, when no other test file of the project runs
// the same entry point concurrently either. Races and state mixed between users never happen in
// such tests; they happen in production as soon as two users arrive at once.
//
// The file's calls are collected during the walk and analysed in onEnd (semantic/testCalls.ts); the
// project-wide fact "which entry points does some test run concurrently" is computed once per project
// through ctx.file.project.memo. The suggestion inserts, after the last test, a test in the file's own
// framework and style that runs N distinct users at once (distinct thread ids for graphs), built from
// the call shape the file already uses, and asserts each answer mentions its own user and no other.
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, TextEdit } from "./api/types";
import { dottedName, preferredQuote, propertyNameText, unwrap } from "./semantic/ast";
import { detectIndentUnit, indentationOfLine, usesSemicolons, isRequireStatement } from "./semantic/fixes";
import { importsOf } from "./semantic/imports";
import { resolveImport } from "./semantic/resolve";
import { isFunctionNode, isReference, lookup, resolveBinding } from "./semantic/dataflow";
import {
  analyzeTestFile,
  countsAsSequential,
  isProjectModule,
  isSupertest,
  projectTestSummaries,
  sequentialWeight,
  testFileContext,
  type EntryCall,
  type Framework,
  type TestFileAnalysis,
} from "./semantic/testCalls";
import { mocksStateModule } from "./semantic/testIsolation";

const FETCH_OR_INJECT = /\bfetch\b|\binject\b/;

/** Headlines (at most 120 characters once rendered); the explanation of each is in `details`. */
const messages = {
  sequential: "{{entry}} is called {{count}} times in this file's tests, never concurrently",
  sequentialRepeated: "{{entry}} runs several times in a row in this file's tests, never concurrently",
  sequentialProject: "{{entry}} is called once per test file in {{count}} files, never concurrently",
} satisfies Record<string, string>;

const details = {
  sequential:
    "It is always called one after another, and no test of this project runs it concurrently. Races and state mixed between users (module-level variables, shared clients, read-modify-write of the same record) never happen in these tests, but they do in production as soon as two users arrive at once. Add a test that runs several users at the same time and checks each gets their own answer.",
  sequentialRepeated:
    "It runs in a loop or `.each`, and never concurrently in any test. Races and state mixed between users (module-level variables, shared clients, read-modify-write of the same record) never happen in these tests, but they do in production as soon as two users arrive at once. Add a test that runs several users at the same time and checks each gets their own answer.",
  sequentialProject:
    "No test of this project runs it concurrently. Files: {{files}}. Each file checks one conversation; races and state mixed between users (module-level variables, shared clients, read-modify-write of the same record) never happen in this suite, but they do in production as soon as two users arrive at once. This finding stands for all {{count}} files: add one test that runs several users at the same time.",
} satisfies Record<keyof typeof messages, string>;

export default createRule({
  meta: {
    id: "sequential-only-tests",
    category: "concurrency",
    severity: "warning",
    fix: "suggestion",
    description:
      "A test file that calls the graph, handler or app two or more times, always sequentially, while no test of the project runs it concurrently: races between users are never exercised.",
    messages,
    details,
    options: {
      concurrentUsers: {
        type: "number",
        default: 5,
        minimum: 0,
        maximum: 100,
        description: "How many users the inserted test runs at once.",
      },
    },
    roles: ["test"],
    // Only test files (as create decides), with an entry point the analysis follows (semantic/testCalls.ts
    // entryOf): a module of the project (a relative, `@/`, `~/` or `#` specifier, or one tsconfig paths
    // map, as `@t/helpers` that importedHelperCall follows; statically or with import()/require()), a
    // supertest request, a global fetch, or a fastify inject.
    prefilter: {
      file: (file) => file.isTestFile,
      imports: (specifier, file) =>
        isProjectModule(specifier) || isSupertest(specifier) || resolveImport(file, specifier)?.resolution?.file !== undefined,
      text: (text) => FETCH_OR_INJECT.test(text),
    },
  },
  create(ctx) {
    // Only test files: this rule is about tests (its roles let it see them).
    if (!ctx.file.isTestFile) return {};
    // A Lambda instance serves one event at a time: an in-process concurrent test of its code
    // reproduces nothing that production does (the test file's unit stands for the code it tests).
    if (ctx.file.unit?.target === "lambda") return {};
    const sf = ctx.sourceFile;
    const calls: ts.CallExpression[] = [];
    const n = ctx.options.concurrentUsers;
    const users = Number.isInteger(n) && n >= 2 && n <= 100 ? n : 5;
    return {
      CallExpression(node) {
        calls.push(node);
      },
      onEnd() {
        if (calls.length === 0) return;
        const project = ctx.file.project;
        const context = testFileContext(project, ctx.file.fileName);
        const analysis = analyzeTestFile(sf, calls, context);
        if (analysis.entries.length === 0 || mocksStateModule(sf, context)) return;
        const lists = sequentialLists(analysis.entries);
        if (lists.length === 0) return;
        const summaries = project.memo("sequential-only-tests:test-files", () => projectTestSummaries(project, mocksStateModule));
        const self = path.resolve(ctx.file.fileName);
        const others = [...summaries].filter(([file]) => file !== self);
        const covered = (key: string) => others.some(([, s]) => s.concurrent.has(key));
        const uncovered = lists.filter((l) => !covered(l[0].key));
        const list = uncovered
          .filter((l) => sequentialWeight(l) >= 2)
          .sort((a, b) => sequentialWeight(b) - sequentialWeight(a) || a[0].call.pos - b[0].call.pos)[0];
        if (list) {
          const first = list[0];
          const repeated = list.some((e) => e.repeated);
          ctx.report({
            node: first.at,
            messageId: repeated && list.length === 1 ? "sequentialRepeated" : "sequential",
            data: { entry: entryLabel(first), count: list.length },
            fixes: concurrentTestFix(sf, analysis, list, users, ctx.file.moduleKind === "cjs" && !hasEsmSyntax(sf)),
          });
          return;
        }
        // One call per file: report the project's gap once, on the first of the files (by path).
        for (const single of uncovered) {
          const key = single[0].key;
          const files = [self, ...others.filter(([, s]) => s.sequential.has(key)).map(([file]) => file)].sort();
          if (files.length < 2 || files[0] !== self) continue;
          // A file that calls it twice or more carries its own finding already.
          if (others.some(([, s]) => (s.sequential.get(key) ?? 0) >= 2)) continue;
          const first = single[0];
          const base = path.dirname(self);
          const names = files.map((f) => path.relative(base, f).split(path.sep).join("/"));
          ctx.report({
            node: first.at,
            messageId: "sequentialProject",
            data: {
              entry: entryLabel(first),
              count: files.length,
              files: names.length > 4 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", "),
            },
            fixes: concurrentTestFix(sf, analysis, single, users, ctx.file.moduleKind === "cjs" && !hasEsmSyntax(sf)),
          });
          return;
        }
      },
    };
  },
});

/** The entry points this file only ever calls sequentially, each with its sequential calls. */
function sequentialLists(entries: readonly EntryCall[]): EntryCall[][] {
  const byKey = new Map<string, EntryCall[]>();
  for (const e of entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  return [...byKey.values()]
    .filter((list) => list.every((e) => !e.concurrent))
    .map((list) => list.filter(countsAsSequential))
    .filter((list) => list.length > 0);
}

function entryLabel(e: EntryCall): string {
  return e.kind === "helper" ? `${e.label} (which calls ${e.inner!.label})` : e.label;
}

function hasEsmSyntax(sf: ts.SourceFile): boolean {
  return sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s));
}

// --- The inserted test ------------------------------------------------------------------------------

const THREAD_KEYS = /^(thread_?id|threadId|session_?id|sessionId|conversation_?id|conversationId|chat_?id|chatId)$/i;
const USER_KEYS =
  /^(user_?id|userId|user|customer_?id|customerId|contact_?id|contactId|email|from|phone|sender(_?id)?|author|username|account_?id|accountId|name)$/i;
const MESSAGE_KEYS = /^(content|text|message|input|question|query|prompt|msg|body)$/i;
const MESSAGE_CLASSES = /^(HumanMessage|ChatMessage)$/;

interface Rendered {
  text: string;
  users: number;
  messages: number;
  threads: number;
}

class CannotRender extends Error {}

/**
 * Renders `node` as text valid after the last test, with the per-user substitutions applied:
 * thread ids become `${user}-thread`, user ids `user`, message texts `I am ${user}. <text>`.
 * Names declared inside a test and not visible there are inlined from their const initializers.
 */
function render(
  node: ts.Node,
  sf: ts.SourceFile,
  anchor: ts.Node,
  extra?: ReadonlyMap<ts.Node, { text: string; counts: "users" | "messages" | "threads" }>,
  depth = 0,
): Rendered {
  if (depth > 4) throw new CannotRender();
  const out: Rendered = { text: "", users: 0, messages: 0, threads: 0 };
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const message = (lit: ts.Expression): string | undefined => {
    const e = unwrap(lit);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))
      return "`I am ${user}. " + e.text.replace(/[`\\]|\$\{/g, (m) => "\\" + m) + "`";
    if (ts.isTemplateExpression(e)) return "`I am ${user}. " + e.getText(sf).slice(1);
    return undefined;
  };
  const substitute = (name: string, value: ts.Expression): boolean => {
    const v = unwrap(value);
    if (THREAD_KEYS.test(name) && isScalar(v)) {
      edits.push({ start: value.getStart(sf), end: value.getEnd(), text: "`${user}-thread`" });
      out.threads++;
      return true;
    }
    if (USER_KEYS.test(name) && isScalar(v)) {
      edits.push({ start: value.getStart(sf), end: value.getEnd(), text: "user" });
      out.users++;
      return true;
    }
    if (MESSAGE_KEYS.test(name)) {
      const m = message(v);
      if (m) {
        edits.push({ start: value.getStart(sf), end: value.getEnd(), text: m });
        out.messages++;
        return true;
      }
    }
    return false;
  };
  const visit = (n: ts.Node): void => {
    const replacement = extra?.get(n);
    if (replacement) {
      edits.push({ start: n.getStart(sf), end: n.getEnd(), text: replacement.text });
      out[replacement.counts]++;
      return;
    }
    if (ts.isPropertyAssignment(n)) {
      const name = propertyNameText(n.name);
      if (name && substitute(name, n.initializer)) return;
    }
    if (ts.isShorthandPropertyAssignment(n) && (THREAD_KEYS.test(n.name.text) || USER_KEYS.test(n.name.text))) {
      // `{ threadId }` from a test-local name: `{ threadId: `${user}-thread` }`.
      edits.push({
        start: n.getStart(sf),
        end: n.getEnd(),
        text: `${n.name.text}: ${THREAD_KEYS.test(n.name.text) ? "`${user}-thread`" : "user"}`,
      });
      if (THREAD_KEYS.test(n.name.text)) out.threads++;
      else out.users++;
      return;
    }
    if (
      (ts.isNewExpression(n) || ts.isCallExpression(n)) &&
      ts.isIdentifier(n.expression) &&
      MESSAGE_CLASSES.test(n.expression.text) &&
      n.arguments?.[0]
    ) {
      const m = message(n.arguments[0]);
      if (m) {
        edits.push({ start: n.arguments[0].getStart(sf), end: n.arguments[0].getEnd(), text: m });
        out.messages++;
        return;
      }
    }
    // ["user", "hi"] / ["human", "hi"] message tuples
    if (ts.isArrayLiteralExpression(n) && n.elements.length === 2 && /^(user|human)$/.test(stringOf(n.elements[0]) ?? "")) {
      const m = message(n.elements[1]);
      if (m) {
        edits.push({ start: n.elements[1].getStart(sf), end: n.elements[1].getEnd(), text: m });
        out.messages++;
        return;
      }
    }
    if (ts.isIdentifier(n) && isReference(n)) {
      const b = resolveBinding(n);
      const declaredInside = b && b.name.pos >= node.pos && b.name.end <= node.end;
      if (!declaredInside) {
        const visible = lookup(anchor, n.text);
        if ((b?.name ?? undefined) !== (visible?.name ?? undefined)) {
          if (!b || b.kind !== "const" || b.path?.length !== 0 || !b.initializer) throw new CannotRender();
          const inner = render(b.initializer, sf, anchor, undefined, depth + 1);
          if (inner.text.includes("\n")) throw new CannotRender();
          edits.push({ start: n.getStart(sf), end: n.getEnd(), text: inner.text });
          out.users += inner.users;
          out.messages += inner.messages;
          out.threads += inner.threads;
        }
      }
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  const start = node.getStart(sf);
  let text = sf.text.slice(start, node.getEnd());
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start - start) + e.text + text.slice(e.end - start);
  out.text = text;
  return out;
}

function isScalar(e: ts.Expression): boolean {
  return (
    ts.isStringLiteral(e) ||
    ts.isNoSubstitutionTemplateLiteral(e) ||
    ts.isTemplateExpression(e) ||
    ts.isNumericLiteral(e) ||
    ts.isIdentifier(e) ||
    ts.isPropertyAccessExpression(e)
  );
}

function stringOf(e: ts.Expression): string | undefined {
  const u = unwrap(e);
  return ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u) ? u.text : undefined;
}

/** The call of one user, with its answer as a string expression, e.g. `JSON.stringify(await graph.invoke(...))`. */
function userAnswer(e: EntryCall, sf: ts.SourceFile, anchor: ts.Node): string | undefined {
  let r: Rendered;
  try {
    if (e.kind === "helper") r = renderHelperCall(e, sf, anchor);
    else r = render(e.call, sf, anchor);
  } catch (err) {
    if (err instanceof CannotRender) return undefined;
    throw err;
  }
  let text = r.text;
  if (e.kind === "graph") {
    // Streams are consumed the same way as invoke by every compiled graph: compare final answers.
    const callee = e.call.expression as ts.PropertyAccessExpression;
    const method = callee.name.text;
    if (method === "batch") return undefined;
    if (method !== "invoke") {
      const offset = callee.name.getStart(sf) - e.call.getStart(sf);
      text = text.slice(0, offset) + text.slice(offset).replace(method, "invoke");
    }
    if (r.threads === 0) {
      const withThread = addThread(e.call, text);
      if (!withThread) return undefined;
      text = withThread;
      r.threads++;
    }
  }
  if (r.users + r.messages === 0) return undefined;
  if (e.kind === "http") {
    const name = dottedName(e.call.expression);
    if (name?.[0] === "fetch") return `await (await ${text}).text()`;
    if (ts.isPropertyAccessExpression(e.call.expression) && e.call.expression.name.text === "inject") return `(await ${text}).body`;
    return `(await ${text}).text`;
  }
  return `JSON.stringify(await ${text})`;
}

/** `ask("hi", "t1")`: positional arguments get substituted by the name of the helper's parameter. */
function renderHelperCall(e: EntryCall, sf: ts.SourceFile, anchor: ts.Node): Rendered {
  const call = e.call;
  const helper = e.helper!;
  const extra = new Map<ts.Node, { text: string; counts: "users" | "messages" | "threads" }>();
  call.arguments.forEach((arg, i) => {
    const p = helper.parameters[i];
    if (!p || !ts.isIdentifier(p.name)) return;
    const v = unwrap(arg);
    const name = p.name.text;
    if (!isScalar(v) || ts.isIdentifier(v) || ts.isPropertyAccessExpression(v)) return;
    if (THREAD_KEYS.test(name) || /thread/i.test(name)) extra.set(arg, { text: "`${user}-thread`", counts: "threads" });
    else if (USER_KEYS.test(name)) extra.set(arg, { text: "user", counts: "users" });
    else if (MESSAGE_KEYS.test(name) && (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v))) {
      extra.set(arg, { text: "`I am ${user}. " + v.text.replace(/[`\\]|\$\{/g, (m) => "\\" + m) + "`", counts: "messages" });
    }
  });
  return render(call, sf, anchor, extra);
}

/** Gives a graph call a per-user thread: a new config argument, or `configurable.thread_id` in it. */
function addThread(call: ts.CallExpression, rendered: string): string | undefined {
  const thread = "configurable: { thread_id: `${user}-thread` }";
  if (call.arguments.length === 1) {
    const close = rendered.lastIndexOf(")");
    return `${rendered.slice(0, close).replace(/,?\s*$/, "")}, { ${thread} })`;
  }
  return undefined;
}

interface Style {
  framework: Framework;
  testFn: string;
  arrow: boolean;
  assertion: (actual: string, expected: string) => string;
  imports: TextEdit[];
}

function styleOf(sf: ts.SourceFile, analysis: TestFileAnalysis, lastTest: ts.CallExpression, cjs: boolean): Style | undefined {
  const framework = analysis.framework;
  if (framework === "script") return undefined;
  const name = dottedName(lastTest.expression);
  const testFn = name?.[0] ?? "test";
  const callback = [...lastTest.arguments].reverse().find((a) => isFunctionNode(unwrap(a)));
  const arrow = !callback || ts.isArrowFunction(unwrap(callback));
  const imports = importsOf(sf);
  const q = preferredQuote(sf);
  const semi = usesSemicolons(sf.statements) ? ";" : "";
  const edits: TextEdit[] = [];
  const expectStyle = (local: string) => (a: string, e: string) => `${local}(${a}).toEqual(${e})`;
  if (framework === "vitest" || framework === "jest") {
    const module = framework === "vitest" ? "vitest" : "@jest/globals";
    const from = imports.localsFrom(module);
    const expectLocal = from.find(([, b]) => b.imported === "expect")?.[0];
    if (expectLocal) return { framework, testFn, arrow, assertion: expectStyle(expectLocal), imports: edits };
    if (from.length) {
      const edit = addNamedImport(sf, module, "expect");
      if (!edit) return undefined;
      edits.push(edit);
    }
    return { framework, testFn, arrow, assertion: expectStyle("expect"), imports: edits };
  }
  // mocha with chai's expect
  const chai = imports.localsFrom("chai").find(([, b]) => b.imported === "expect");
  if (chai) return { framework, testFn, arrow, assertion: (a, e) => `${chai[0]}(${a}).to.deep.equal(${e})`, imports: edits };
  // node:assert, in any of its import shapes
  const asserts = imports.localsFrom((m) => /^(node:)?assert(\/strict)?$/.test(m) || m === "assert" || m === "assert/strict");
  const whole = asserts.find(([, b]) => b.imported === "default" || b.imported === "*" || b.imported === "strict");
  if (whole) return { framework, testFn, arrow, assertion: (a, e) => `${whole[0]}.deepStrictEqual(${a}, ${e})`, imports: edits };
  const deepStrict = asserts.find(([, b]) => b.imported === "deepStrictEqual");
  if (deepStrict) return { framework, testFn, arrow, assertion: (a, e) => `${deepStrict[0]}(${a}, ${e})`, imports: edits };
  if (lookup(lastTest, "assert")) return undefined;
  const statement = cjs
    ? `const assert = require(${q}node:assert/strict${q})${semi}`
    : `import assert from ${q}node:assert/strict${q}${semi}`;
  edits.push(insertAfterImports(sf, statement));
  return { framework, testFn, arrow, assertion: (a, e) => `assert.deepStrictEqual(${a}, ${e})`, imports: edits };
}

function addNamedImport(sf: ts.SourceFile, module: string, name: string): TextEdit | undefined {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== module) continue;
    const nb = st.importClause?.namedBindings;
    if (!nb || !ts.isNamedImports(nb) || st.importClause?.isTypeOnly) continue;
    const els = nb.elements;
    if (els.length === 0) return { start: nb.getStart(sf) + 1, end: nb.getEnd() - 1, newText: ` ${name} ` };
    // Keep the list sorted when it is.
    const names = els.map((e) => e.name.text);
    const sorted = names.every((n, i) => i === 0 || names[i - 1].localeCompare(n) <= 0);
    const at = sorted ? els.findIndex((e) => e.name.text.localeCompare(name) > 0) : -1;
    if (at >= 0) return { start: els[at].getStart(sf), end: els[at].getStart(sf), newText: `${name}, ` };
    const last = els[els.length - 1];
    return { start: last.getEnd(), end: last.getEnd(), newText: `, ${name}` };
  }
  return undefined;
}

function insertAfterImports(sf: ts.SourceFile, statement: string): TextEdit {
  let last: ts.Statement | undefined;
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st) || isRequireStatement(st)) last = st;
    else if (last) break;
  }
  if (last) return { start: last.getEnd(), end: last.getEnd(), newText: `\n${statement}` };
  return { start: 0, end: 0, newText: `${statement}\n` };
}

function concurrentTestFix(sf: ts.SourceFile, analysis: TestFileAnalysis, list: EntryCall[], users: number, cjs: boolean): Fix[] {
  const lastTest = analysis.tests[analysis.tests.length - 1];
  if (!lastTest) return [];
  const statement = lastTest.parent;
  if (!statement || !ts.isExpressionStatement(statement)) return [];
  const style = styleOf(sf, analysis, lastTest, cjs);
  if (!style) return [];
  let answer: string | undefined;
  for (const e of list) {
    answer = userAnswer(e, sf, statement);
    if (answer) break;
  }
  if (!answer) return [];
  const q = preferredQuote(sf);
  const semi = statement.getText(sf).trimEnd().endsWith(";") ? ";" : "";
  const u = detectIndentUnit(sf);
  const indent = indentationOfLine(sf, statement.getStart(sf));
  const i1 = indent + u;
  const i2 = i1 + u;
  // Multi-line call text keeps its shape, moved to the new indentation.
  const answerLines = reindent(answer, sf, list[0].call, i2);
  const fn = style.arrow ? "async () =>" : "async function ()";
  const lines = [
    `${indent}${style.testFn}(${q}serves ${users} users at once without mixing their answers${q}, ${fn} {`,
    `${i1}const users = Array.from({ length: ${users} }, (_, i) => \`user-\${i + 1}\`)${semi}`,
    `${i1}const answers = await Promise.all(`,
    `${i2}users.map(async (user) => ${answerLines}),`,
    `${i1})${semi}`,
    `${i1}answers.forEach((answer, i) => {`,
    `${i2}// Each answer mentions its own user and no other one.`,
    `${i2}${style.assertion("[...new Set(answer.match(/user-\\d+/g))]", "[users[i]]")}${semi}`,
    `${i1}})${semi}`,
    `${indent}})${semi}`,
  ];
  const insert: TextEdit = { start: statement.getEnd(), end: statement.getEnd(), newText: `\n\n${lines.join("\n")}` };
  return [
    {
      title: `Add a test that runs ${users} users at once`,
      kind: "suggestion",
      edits: [...style.imports, insert].sort((a, b) => a.start - b.start),
    },
  ];
}

/** Lines after the first keep their indentation relative to the original call's line. */
function reindent(text: string, sf: ts.SourceFile, original: ts.Node, base: string): string {
  if (!text.includes("\n")) return text;
  const orig = indentationOfLine(sf, original.getStart(sf));
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? line : line.startsWith(orig) ? base + line.slice(orig.length) : line))
    .join("\n");
}
