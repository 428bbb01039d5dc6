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

export function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
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
