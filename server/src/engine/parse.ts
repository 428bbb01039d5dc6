// Parsing: one SourceFile per text, with parent pointers and the list of nodes rules may visit, and
// the file kinds the engine lints.
import ts = require("typescript");
import path = require("node:path");
import { VISITABLE_KINDS, type FileKind } from "../../../rules/api/types";
import { fileMemo } from "../../../rules/semantic/fileMemo";

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

/** True for the TS/JS files rules run on (declaration files are types only and skipped). */
export function isLintedSourceFile(fileName: string): boolean {
  if (/\.d\.[mc]?ts$/.test(fileName)) return false;
  return path.extname(fileName).toLowerCase() in SCRIPT_KINDS;
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  return SCRIPT_KINDS[path.extname(fileName).toLowerCase()] ?? ts.ScriptKind.TS;
}

// JSDoc is never read by a rule, and parsing it is a tenth of TypeScript's parse time on real code.
const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

/**
 * Parses with parent pointers. They are set by our own walk rather than by `setParentNodes`: the
 * parser's fix-up walks through a work queue and costs about three times this plain recursion, which
 * matters on a 4,000-file scan (benchmark: parse + parents 0.66x of the stock call). The same walk
 * lists the nodes rules may visit (see visitableNodes), so the linter does not walk the tree again.
 */
export function parse(fileName: string, text: string): ts.SourceFile {
  const sourceFile = ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKindOf(fileName));
  const nodes: ts.Node[] = [];
  walk(sourceFile, true, nodes);
  fileMemo(sourceFile, VISITABLE_NODES, () => nodes);
  return sourceFile;
}

/**
 * The nodes of the kinds rules can visit (VISITABLE_KINDS), in the order of a depth-first walk (a node
 * before its children, children in source order): the order the linter hands them to visitors. Listed
 * while parse() sets parents; a tree from elsewhere (the incremental re-parse) is walked once for it.
 */
export function visitableNodes(sourceFile: ts.SourceFile): readonly ts.Node[] {
  return fileMemo(sourceFile, VISITABLE_NODES, () => {
    const nodes: ts.Node[] = [];
    walk(sourceFile, false, nodes);
    return nodes;
  });
}

const VISITABLE_NODES = Symbol("visitableNodes");

// By SyntaxKind: 1 when rules may visit nodes of that kind.
const VISITABLE = new Uint8Array(ts.SyntaxKind.Count);
for (const name of VISITABLE_KINDS) VISITABLE[ts.SyntaxKind[name]] = 1;

/** True when visitors may ask for nodes of this kind (it is in VISITABLE_KINDS). */
export function isVisitableKind(kind: ts.SyntaxKind): boolean {
  return VISITABLE[kind] === 1;
}

// The walk's state in module variables, so it allocates no closure per node: the parent of the
// children being visited, whether to set parents, and where visitable nodes go.
let currentParent: ts.Node | undefined;
let settingParents = false;
let listing: ts.Node[] = [];

function visitChild(child: ts.Node): void {
  if (settingParents) (child as { parent: ts.Node }).parent = currentParent!;
  if (VISITABLE[child.kind] === 1) listing.push(child);
  const saved = currentParent;
  currentParent = child;
  ts.forEachChild(child, visitChild);
  currentParent = saved;
}

function walk(sourceFile: ts.SourceFile, setParents: boolean, nodes: ts.Node[]): void {
  currentParent = sourceFile;
  settingParents = setParents;
  listing = nodes;
  try {
    ts.forEachChild(sourceFile, visitChild);
  } finally {
    currentParent = undefined;
    listing = [];
  }
}

/**
 * Re-parses after an edit, reusing the unchanged parts of the previous tree
 * (ts.updateSourceFile's incremental parser). Falls back to a full parse when that throws.
 */
export function reparse(previous: ts.SourceFile, newText: string, change: ts.TextChangeRange): ts.SourceFile {
  try {
    return ts.updateSourceFile(previous, newText, change);
  } catch {
    return parse(previous.fileName, newText);
  }
}

/** Compose files: docker-compose.yml, compose.yaml, docker-compose.prod.yml (the names units/markers.ts reads). */
const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[\w-]{1,64})?\.ya?ml$/;

/** The kind of a linted file, or undefined for files deploygap does not check. */
export function fileKindOf(fileName: string): FileKind | undefined {
  const base = path.basename(fileName);
  if (isLintedSourceFile(fileName)) return "source";
  if (base === "langgraph.json") return "langgraph.json";
  if (base === "serverless.yml" || base === "serverless.yaml") return "serverless.yml";
  if (base === "template.yaml" || base === "template.yml") return "template.yaml";
  if (COMPOSE_FILE.test(base)) return "docker-compose.yml";
  if (base === ".env" || (base.startsWith(".env.") && !/^\.env\.(example|sample|template)$/.test(base))) return "dotenv";
  return undefined;
}
