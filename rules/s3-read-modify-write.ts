// s3-read-modify-write (RULES.md "concurrency"): in one function, GetObject of a key then PutObject
// of the same Bucket and Key without IfMatch/IfNoneMatch. Two concurrent requests both read version
// N and the second PutObject silently discards the first one's change.
//
// Accesses are collected during the walk (rules/semantic/stores.ts) and paired in onEnd, directly or through
// one level of local helpers (`const cart = await readJson(key); ...; await writeJson(key, cart)`).
// The suggestion makes the put conditional on the ETag that was read (or on absence, when the read
// found nothing) and wraps read..write in a bounded retry on 412/409.
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { Fix, TextEdit } from "./api/types";
import { findProperty, preferredQuote } from "./semantic/ast";
import { detectIndentUnit, insertProperty, indentationOfLine, usesSemicolons } from "./semantic/fixes";
import { contains, isFunctionNode, lookup } from "./semantic/dataflow";
import {
  AccessCollector,
  describePathPart,
  inCaller,
  readLocation,
  underline,
  type LocatedAccess,
  type ReadModifyWrite,
} from "./semantic/stores";

/** Headlines (at most 120 characters once rendered); the explanation of each is in `details`. */
const messages = {
  readModifyWrite: "PutObject overwrites s3://{{bucket}}/{{key}} read on line {{readLine}}: lost updates",
  readModifyWriteHelper: "{{writer}} overwrites s3://{{bucket}}/{{key}} read on line {{readLine}}: lost updates",
} satisfies Record<string, string>;

const details = {
  readModifyWrite:
    "The GetObject on line {{readLine}} read it, and the put has no IfMatch/IfNoneMatch: when two requests do this at once (replicas, concurrent webhooks), both read the same version and the later put silently discards the other's change. Make the put conditional on the ETag that was read and retry on 412 PreconditionFailed.",
  readModifyWriteHelper:
    "{{reader}} on line {{readLine}} read it, and the PutObject has no IfMatch/IfNoneMatch: when two requests do this at once (replicas, concurrent webhooks), both read the same version and the later put silently discards the other's change. Make the put conditional on the ETag that was read and retry on 412 PreconditionFailed.",
} satisfies Record<keyof typeof messages, string>;

const S3_ONLY = new Set(["s3"] as const);

export default createRule({
  meta: {
    id: "s3-read-modify-write",
    category: "concurrency",
    severity: "warning",
    fix: "suggestion",
    description:
      "GetObject then PutObject of the same S3 key in one function without IfMatch/IfNoneMatch: concurrent requests lose updates.",
    messages,
    details,
    options: {
      maxAttempts: {
        type: "number",
        default: 3,
        minimum: 0,
        description: "How many times the suggested retry loop runs the read-modify-write before giving up.",
      },
    },
    roles: ["server"],
    prefilter: { words: ["GetObject", "getObject"] },
  },
  create(ctx) {
    const sf = ctx.sourceFile;
    const collector = new AccessCollector(sf);
    const maxAttempts = Number.isInteger(ctx.options.maxAttempts) && ctx.options.maxAttempts > 0 ? ctx.options.maxAttempts : 3;
    return {
      CallExpression(node) {
        collector.onCall(node);
      },
      onEnd() {
        for (const pair of collector.races(S3_ONLY)) {
          const { read, write } = pair;
          const [bucket, key] = write.access.target;
          const range = underline(write);
          // Parameters passed through (`getObject(params)` ... `putObject({ ...params, Body })`) name Bucket and Key themselves.
          const through = bucket === key ? describePathPart(inCaller(bucket, write)).slice(0, -1) : undefined;
          const data = {
            bucket: through ? `${through}.Bucket}` : describePathPart(inCaller(bucket, write)),
            key: through ? `${through}.Key}` : describePathPart(inCaller(key, write)),
            readLine: sf.getLineAndCharacterOfPosition(read.site.getStart(sf)).line + 1,
            reader: read.viaHelper ? `${read.site.expression.getText(sf)}()` : "GetObject",
            writer: write.viaHelper ? `${write.site.expression.getText(sf)}()` : "PutObject",
          };
          ctx.report({
            ...range,
            messageId: read.viaHelper || write.viaHelper ? "readModifyWriteHelper" : "readModifyWrite",
            data,
            fixes: conditionalWriteFix(sf, pair, maxAttempts, ctx.file.fileName),
            related: [readLocation(read, pair.race, sf)],
          });
        }
      },
    };
  },
});

// --- The fix --------------------------------------------------------------------------------------

interface EtagSource {
  /** Text of the ETag expression visible at the write, e.g. `current.ETag` or `ETag`. */
  text: string;
  /** Edits that make it visible (add ETag to a destructuring, introduce a variable). */
  edits: TextEdit[];
  /** Extra text inserted after the read statement when the ETag lives in an inner block (see below). */
  outOfScope?: boolean;
}

function conditionalWriteFix(sf: ts.SourceFile, pair: ReadModifyWrite, maxAttempts: number, fileName: string): Fix[] {
  const { read, write } = pair;
  // Conditional writes need the ETag of the read: only when both are made here, with SDK v3.
  if (read.viaHelper || write.viaHelper || read.access.sdk === "v2" || write.access.sdk === "v2") return [];
  const params = write.access.params;
  if (!params || findProperty(params, "IfMatch").hasSpread) return [];
  const q = preferredQuote(sf);
  const isTs = /\.[cm]?tsx?$/i.test(fileName);
  const edits: TextEdit[] = [];
  let property: string;
  let title: string;
  const tryOfRead = enclosingTry(read.site);
  if (tryOfRead?.catchClause && contains(tryOfRead.catchClause, write.site) && !contains(tryOfRead.tryBlock, write.site)) {
    // The write runs when the read failed (NoSuchKey): create only if still absent.
    property = `IfNoneMatch: ${q}*${q}`;
    title = `Create the object only if it is still absent (IfNoneMatch: ${q}*${q})`;
  } else {
    const etag = etagOf(read, write, isTs);
    if (!etag) return [];
    edits.push(...etag.edits);
    if (etag.outOfScope) {
      property = `...(${etag.text} ? { IfMatch: ${etag.text} } : { IfNoneMatch: ${q}*${q} })`;
      title = `Make the PutObject conditional (IfMatch the ETag read, or IfNoneMatch: ${q}*${q} when it was missing)`;
    } else {
      property = `IfMatch: ${etag.text}`;
      title = `Make the PutObject conditional (IfMatch: ${etag.text})`;
    }
  }
  edits.push(insertProperty(sf, params, property));
  const wrapped = wrapInRetry(sf, read.site, write.site, edits, maxAttempts, isTs);
  if (wrapped) {
    return [{ title: `${title} and retry up to ${maxAttempts} times on 412/409`, kind: "suggestion", edits: wrapped }];
  }
  return [{ title, kind: "suggestion", edits }];
}

function enclosingTry(node: ts.Node): ts.TryStatement | undefined {
  for (let p = node.parent; p && !ts.isFunctionLike(p); p = p.parent) if (ts.isTryStatement(p) && contains(p.tryBlock, node)) return p;
  return undefined;
}

/** Where the GetObject result goes, and how the write can see its ETag. */
function etagOf(read: LocatedAccess, write: LocatedAccess, isTs: boolean): EtagSource | undefined {
  const sf = read.site.getSourceFile();
  const site = read.site;
  const awaited = site.parent && ts.isAwaitExpression(site.parent) ? site.parent : undefined;
  if (!awaited) return undefined;
  let outer: ts.Expression = awaited;
  while (
    outer.parent &&
    (ts.isParenthesizedExpression(outer.parent) ||
      ts.isAsExpression(outer.parent) ||
      ts.isNonNullExpression(outer.parent) ||
      ts.isSatisfiesExpression(outer.parent))
  )
    outer = outer.parent as ts.Expression;
  const decl = outer.parent;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer === outer) {
    const statement = decl.parent.parent;
    const visible = statement.parent && contains(statement.parent, write.site);
    let source: EtagSource | undefined;
    if (ts.isIdentifier(decl.name)) {
      source = { text: `${decl.name.text}.ETag`, edits: [] };
    } else if (ts.isObjectBindingPattern(decl.name)) {
      const existing = decl.name.elements.find(
        (el) => !el.dotDotDotToken && (el.propertyName ? el.propertyName.getText(sf) : el.name.getText(sf)) === "ETag",
      );
      if (existing) {
        if (!ts.isIdentifier(existing.name)) return undefined;
        source = { text: existing.name.text, edits: [] };
      } else {
        if (decl.name.elements.some((el) => el.dotDotDotToken)) return undefined;
        const local = lookup(write.site, "ETag") ? "etag" : "ETag";
        if (local === "etag" && lookup(write.site, "etag")) return undefined;
        const last = decl.name.elements[decl.name.elements.length - 1];
        const element = local === "ETag" ? "ETag" : "ETag: etag";
        const at = decl.name.elements.hasTrailingComma ? decl.name.elements.end : last ? last.getEnd() : decl.name.getStart(sf) + 1;
        const text = decl.name.elements.hasTrailingComma ? ` ${element},` : last ? `, ${element}` : ` ${element} `;
        source = { text: local, edits: [{ start: at, end: at, newText: text }] };
      }
    } else {
      return undefined;
    }
    if (visible) return source;
    // Declared in an inner block (typically `try { const obj = await ... } catch (NoSuchKey) {}`):
    // keep the ETag in a variable declared before that block's statement.
    return hoistEtag(write, statement, source, isTs);
  }
  // The result is used in place: `JSON.parse(await (await s3.send(get)).Body.transformToString())`.
  const statement = statementIn(awaited);
  if (!statement || !statement.parent || !ts.isBlock(statement.parent) || !contains(statement.parent, write.site)) return undefined;
  const name = freeName(write.site, ["current", "currentObject", "existing"]);
  if (!name) return undefined;
  const indent = indentationOfLine(sf, statement.getStart(sf));
  const semi = statement.getText(sf).trimEnd().endsWith(";") ? ";" : "";
  return {
    text: `${name}.ETag`,
    edits: [
      { start: statement.getStart(sf), end: statement.getStart(sf), newText: `const ${name} = ${awaited.getText(sf)}${semi}\n${indent}` },
      { start: outer.getStart(sf), end: outer.getEnd(), newText: name },
    ],
  };
}

/** `let etag;` before the block statement holding the read, `etag = <source>;` right after the read. */
function hoistEtag(write: LocatedAccess, readStatement: ts.Statement, source: EtagSource, isTs: boolean): EtagSource | undefined {
  const sf = readStatement.getSourceFile();
  // The statement around the read that sits in a block which also holds the write (usually a `try`).
  let outerStatement: ts.Node | undefined;
  for (let p: ts.Node | undefined = readStatement.parent; p && !ts.isFunctionLike(p); p = p.parent) {
    if (p.parent && (ts.isBlock(p.parent) || ts.isSourceFile(p.parent)) && contains(p.parent, write.site)) {
      outerStatement = p;
      break;
    }
  }
  if (!outerStatement) return undefined;
  const name = freeName(write.site, ["etag", "readEtag", "currentEtag"]);
  if (!name) return undefined;
  const semi = readStatement.getText(sf).trimEnd().endsWith(";") ? ";" : "";
  const outerIndent = indentationOfLine(sf, outerStatement.getStart(sf));
  const innerIndent = indentationOfLine(sf, readStatement.getStart(sf));
  const declaration = isTs ? `let ${name}: string | undefined${semi}` : `let ${name}${semi}`;
  return {
    text: name,
    outOfScope: true,
    edits: [
      ...source.edits,
      { start: outerStatement.getStart(sf), end: outerStatement.getStart(sf), newText: `${declaration}\n${outerIndent}` },
      { start: readStatement.getEnd(), end: readStatement.getEnd(), newText: `\n${innerIndent}${name} = ${source.text}${semi}` },
    ],
  };
}

function statementIn(node: ts.Node): ts.Statement | undefined {
  for (let p: ts.Node | undefined = node; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return undefined;
    if (p.parent && (ts.isBlock(p.parent) || ts.isSourceFile(p.parent)) && ts.isStatement(p as ts.Node)) return p as ts.Statement;
  }
  return undefined;
}

/** The first candidate name that nothing in the function around `at` (or the file, at top level) uses. */
function freeName(at: ts.Node, candidates: string[]): string | undefined {
  let scope: ts.Node = at.getSourceFile();
  for (let p = at.parent; p; p = p.parent) {
    if (isFunctionNode(p)) {
      scope = p;
      break;
    }
  }
  const fnText = scope.getText();
  return candidates.find((c) => !lookup(at, c) && !new RegExp(`\\b${c}\\b`).test(fnText));
}

// --- The retry loop ---------------------------------------------------------------------------

/**
 * Wraps the statements from the one holding the read to the one holding the write (to the end of the
 * block when later statements use names declared in between) in a bounded retry loop, applying the
 * other edits of the fix inside it. Undefined when the read and write share no block, or the range
 * has a `break`/`continue` that the loop would capture.
 */
function wrapInRetry(
  sf: ts.SourceFile,
  readSite: ts.Node,
  writeSite: ts.Node,
  inner: TextEdit[],
  maxAttempts: number,
  isTs: boolean,
): TextEdit[] | undefined {
  let block: ts.Block | undefined;
  for (let p = readSite.parent; p && !isFunctionNode(p); p = p.parent) {
    if (ts.isBlock(p) && contains(p, writeSite)) {
      block = p;
      break;
    }
  }
  if (
    !block ||
    (!isFunctionNode(block.parent) && !ts.isBlock(block.parent) && !ts.isIfStatement(block.parent) && !ts.isTryStatement(block.parent))
  )
    return undefined;
  const stmts = block.statements;
  let i = stmts.findIndex((s) => contains(s, readSite));
  let j = stmts.findIndex((s) => contains(s, writeSite));
  if (i < 0 || j < i) return undefined;
  const declared = new Set<string>();
  for (let k = i; k <= j; k++) declaredNames(stmts[k], declared);
  if (declared.size && stmts.slice(j + 1).some((s) => mentions(s, declared))) j = stmts.length - 1;
  // A `let` set up just before and changed in the sequence must start afresh on each attempt.
  while (i > 0 && isLetStatement(stmts[i - 1]) && stmts.slice(i, j + 1).some((s) => mentions(s, namesOf(stmts[i - 1])))) i--;
  const range = stmts.slice(i, j + 1);
  if (range.some(capturesLoopControl)) return undefined;

  const text = sf.text;
  let regionStart = range[0].getStart(sf);
  while (regionStart > 0 && text[regionStart - 1] !== "\n") regionStart--;
  const regionEnd = range[range.length - 1].getEnd();
  if (inner.some((e) => e.start < regionStart || e.end > regionEnd)) return undefined;

  const unit = detectIndentUnit(sf);
  const indent = indentationOfLine(sf, range[0].getStart(sf));
  const templates = templateRanges(range);
  const reindent: TextEdit[] = [];
  for (let k = regionStart; k < regionEnd; k++) {
    if (k !== regionStart && text[k - 1] !== "\n") continue;
    if (text[k] === "\n" || text[k] === "\r") continue;
    if (templates.some(([s, e]) => k > s && k < e)) continue;
    if (inner.some((e) => e.start < k && k < e.end)) continue;
    reindent.push({ start: k, end: k, newText: unit + unit });
  }
  // Lines the other edits add are inside the loop too.
  const shifted = inner.map((e) => ({ ...e, newText: e.newText.replace(/\n/g, `\n${unit}${unit}`) }));
  const body = applyInOrder(text.slice(regionStart, regionEnd), [...reindent, ...shifted], regionStart);

  const attempt = freeName(readSite, ["attempt", "retry", "tries"])!;
  const err = freeName(readSite, ["err", "error", "e"])!;
  const status = freeName(readSite, ["status", "httpStatus", "statusCode"])!;
  if (!attempt || !err || !status) return undefined;
  const semi = usesSemicolons(range) ? ";" : "";
  const last = range[range.length - 1];
  const exits = ts.isReturnStatement(last) || ts.isThrowStatement(last);
  const i1 = indent + unit;
  const i2 = i1 + unit;
  const statusText = isTs
    ? `(${err} as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode`
    : `${err}?.$metadata?.httpStatusCode`;
  const lines = [
    `${indent}for (let ${attempt} = 1; ; ${attempt}++) {`,
    `${i1}try {`,
    body,
    ...(exits ? [] : [`${i2}break${semi}`]),
    `${i1}} catch (${err}) {`,
    `${i2}// 412: someone else wrote the object since it was read; 409: a concurrent conditional write.`,
    `${i2}const ${status} = ${statusText}${semi}`,
    `${i2}if ((${status} !== 412 && ${status} !== 409) || ${attempt} >= ${maxAttempts}) throw ${err}${semi}`,
    `${i1}}`,
    `${indent}}`,
  ];
  return [{ start: regionStart, end: regionEnd, newText: lines.join("\n") }];
}

/** Applies edits to a slice of the file (offsets are file offsets); at equal positions, in the given order. */
function applyInOrder(slice: string, edits: TextEdit[], offset: number): string {
  const sorted = edits.map((e, n) => ({ e, n })).sort((a, b) => a.e.start - b.e.start || a.n - b.n);
  let out = "";
  let at = 0;
  for (const { e } of sorted) {
    const s = e.start - offset;
    if (s < at) return slice; // overlapping: cannot happen for the edits built here
    out += slice.slice(at, s) + e.newText;
    at = e.end - offset;
  }
  return out + slice.slice(at);
}

function declaredNames(st: ts.Statement, out: Set<string>): void {
  const addPattern = (n: ts.BindingName) => {
    if (ts.isIdentifier(n)) out.add(n.text);
    else for (const el of n.elements) if (!ts.isOmittedExpression(el)) addPattern(el.name);
  };
  if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) addPattern(d.name);
  else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) out.add(st.name.text);
}

function mentions(node: ts.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && names.has(n.text)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** A `break`/`continue` (unlabelled) that targets a loop or switch outside the statement. */
function capturesLoopControl(st: ts.Statement): boolean {
  let found = false;
  const visit = (n: ts.Node, inLoop: boolean, inSwitch: boolean): void => {
    if (found || isFunctionNode(n) || ts.isClassLike(n)) return;
    if (ts.isBreakStatement(n) && !n.label && !inLoop && !inSwitch) found = true;
    if (ts.isContinueStatement(n) && !n.label && !inLoop) found = true;
    if ((ts.isBreakStatement(n) || ts.isContinueStatement(n)) && n.label) found = true;
    const loop = inLoop || ts.isIterationStatement(n, false);
    const sw = inSwitch || ts.isSwitchStatement(n);
    ts.forEachChild(n, (c) => visit(c, loop, sw));
  };
  visit(st, false, false);
  return found;
}

/** Extents of template literals: their inner lines keep their indentation (it is part of the string). */
function templateRanges(nodes: readonly ts.Node[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      out.push([n.getStart(), n.getEnd()]);
      return;
    }
    ts.forEachChild(n, visit);
  };
  nodes.forEach(visit);
  return out;
}

function isLetStatement(st: ts.Statement): boolean {
  return ts.isVariableStatement(st) && (st.declarationList.flags & ts.NodeFlags.Let) !== 0;
}

function namesOf(st: ts.Statement): Set<string> {
  const out = new Set<string>();
  declaredNames(st, out);
  return out;
}
