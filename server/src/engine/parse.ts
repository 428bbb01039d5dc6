// Parsing: one SourceFile per text, with parent pointers, and the file kinds the engine lints.
import ts = require("typescript");
import path = require("node:path");
import type { FileKind } from "../../../rules/types";

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

export const LINTED_EXTENSIONS = Object.keys(SCRIPT_KINDS);

/** True for the TS/JS files rules run on (declaration files are types only and skipped). */
export function isLintedSourceFile(fileName: string): boolean {
  if (/\.d\.[mc]?ts$/.test(fileName)) return false;
  return path.extname(fileName).toLowerCase() in SCRIPT_KINDS;
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  return SCRIPT_KINDS[path.extname(fileName).toLowerCase()] ?? ts.ScriptKind.TS;
}

// JSDoc is never read by a rule, and parsing it is a tenth of TypeScript's parse time on real code.
const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/**
 * Parses with parent pointers. They are set by our own walk rather than by `setParentNodes`: the
 * parser's fix-up walks through a work queue and costs about three times this plain recursion, which
 * matters on a 4,000-file scan (benchmark: parse + parents 0.66x of the stock call).
 */
export function parse(fileName: string, text: string): ts.SourceFile {
  const sourceFile = ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKindOf(fileName));
  setParents(sourceFile);
  return sourceFile;
}

// The parent of the children being visited; a module variable, so the walk allocates no closure per node.
let currentParent: ts.Node | undefined;

function setParentOf(child: ts.Node): void {
  (child as { parent: ts.Node }).parent = currentParent!;
  const saved = currentParent;
  currentParent = child;
  ts.forEachChild(child, setParentOf);
  currentParent = saved;
}

function setParents(sourceFile: ts.SourceFile): void {
  currentParent = sourceFile;
  try {
    ts.forEachChild(sourceFile, setParentOf);
  } finally {
    currentParent = undefined;
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

/** The kind of a linted file, or undefined for files deploygap does not check. */
export function fileKindOf(fileName: string): FileKind | undefined {
  const base = path.basename(fileName);
  if (isLintedSourceFile(fileName)) return "source";
  if (base === "langgraph.json") return "langgraph.json";
  if (base === "serverless.yml" || base === "serverless.yaml") return "serverless.yml";
  if (base === "template.yaml" || base === "template.yml") return "template.yaml";
  if (base === ".env" || (base.startsWith(".env.") && !/^\.env\.(example|sample|template)$/.test(base))) return "dotenv";
  return undefined;
}
