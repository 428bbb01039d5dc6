// Code actions for findings, as edits (never commands) in this order per finding: the preferred fix,
// other suggestions, disable for this line, disable for the file; then "show documentation".
// `source.fixAll.deploygap` applies only the safe fixes.
import fs = require("node:fs");
import {
  CodeAction,
  CodeActionKind,
  type Command,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextEdit } from "../../../rules/api/types";
import type { Finding } from "../engine/lint";
import { safeFixes } from "../engine/fixAll";
import { URI } from "./uri";
import { toDiagnostic } from "./diagnostics";
import { Commands } from "../protocol/index";
import { docsLink } from "./docsLinks";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.deploygap`;
export const SHOW_DOCS_COMMAND = Commands.serverShowDocumentation;
const FIX_ALL_TITLE = "Fix all safe deploygap problems";

export interface ActionInput {
  doc: TextDocument;
  findings: readonly Finding[];
  /** The diagnostics the client sent with the request (those it shows in the range). */
  diagnostics: readonly Diagnostic[];
  /** Findings whose range touches the request range. */
  inRange: readonly Finding[];
  only?: string[];
  /** Text of another file an edit targets (e.g. .env.example), for offset -> position. */
  readOtherFile?: (fileName: string) => string | undefined;
}

export function codeActions(input: ActionInput): Array<CodeAction | Command> {
  const { doc, only } = input;
  const wantsFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.Source);
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
  const actions: CodeAction[] = [];

  if (wantsQuickFix) {
    const docsShown = new Set<string>();
    const tail: CodeAction[] = [];
    for (const f of input.inRange) {
      if (f.ruleId === "unused-suppression" && f.fixes.length === 0) continue;
      // The client's own copy of the diagnostic when it sent one; otherwise ours, so every action
      // still says which finding it resolves (clients use that to group and to clear markers).
      const diagnostic =
        input.diagnostics.find((d) => d.code === f.ruleId && d.range.start.line === f.line && d.range.start.character === f.character) ??
        toDiagnostic(f, doc.version, doc.uri);
      const diags = [diagnostic];
      f.fixes.forEach((fix, i) => {
        const action = CodeAction.create(fix.title, toWorkspaceEdit(doc, fix.edits, input.readOtherFile), CodeActionKind.QuickFix);
        action.diagnostics = diags;
        if (i === 0) action.isPreferred = true;
        actions.push(action);
      });
      if (f.ruleId === "unused-suppression") continue;
      const line = CodeAction.create(
        `Disable ${f.ruleId} for this line`,
        { changes: { [doc.uri]: [disableLineEdit(doc, f)] } },
        CodeActionKind.QuickFix,
      );
      line.diagnostics = diags;
      const file = CodeAction.create(
        `Disable ${f.ruleId} for the entire file`,
        { changes: { [doc.uri]: [disableFileEdit(doc, f.ruleId)] } },
        CodeActionKind.QuickFix,
      );
      file.diagnostics = diags;
      actions.push(line, file);
      const page = docsLink(f.ruleId);
      if (!docsShown.has(f.ruleId) && page) {
        docsShown.add(f.ruleId);
        const docs = CodeAction.create(`Show documentation for ${f.ruleId}`, CodeActionKind.QuickFix);
        docs.diagnostics = diags;
        docs.command = { title: `Show documentation for ${f.ruleId}`, command: SHOW_DOCS_COMMAND, arguments: [f.ruleId, page] };
        tail.push(docs);
      }
    }
    actions.push(...tail);
    actions.push(...fixAllQuickFixes(input));
  }

  // Unfiltered requests (the Ctrl+. menu) already got fix-all as a quick fix when something here is fixable.
  const listed = actions.some((a) => a.title === FIX_ALL_TITLE);
  if (wantsFixAll && !(only === undefined && listed)) {
    const fixes = safeFixes(input.findings);
    if (fixes.length > 0 || only?.some((k) => FIX_ALL_KIND.startsWith(k))) {
      const edits = fixes.flatMap((f) => f.edits);
      actions.push(CodeAction.create(FIX_ALL_TITLE, toWorkspaceEdit(doc, edits, input.readOtherFile), FIX_ALL_KIND));
    }
  }
  return actions;
}

/**
 * The fix-all entries of the Ctrl+. menu, last, as vscode-eslint offers them: "Fix all <rule> problems
 * in this file" when a finding under the cursor has a safe fix and its rule has more than one fixable
 * finding in the file, and "Fix all safe deploygap problems" whenever one under the cursor is fixable.
 * Safe fixes only, chosen as fix-all on save chooses them (engine/fixAll.ts).
 */
function fixAllQuickFixes(input: ActionInput): CodeAction[] {
  const { doc } = input;
  const safe = (f: Finding) => f.fixes.some((x) => x.kind === "safe");
  const here = input.inRange.filter(safe);
  if (here.length === 0) return [];
  const out: CodeAction[] = [];
  for (const ruleId of new Set(here.map((f) => f.ruleId))) {
    const ofRule = input.findings.filter((f) => f.ruleId === ruleId && safe(f));
    if (ofRule.length < 2) continue;
    const edits = safeFixes(ofRule).flatMap((f) => f.edits);
    out.push(
      CodeAction.create(
        `Fix all ${ruleId} problems in this file`,
        toWorkspaceEdit(doc, edits, input.readOtherFile),
        CodeActionKind.QuickFix,
      ),
    );
  }
  const all = safeFixes(input.findings).flatMap((f) => f.edits);
  out.push(CodeAction.create(FIX_ALL_TITLE, toWorkspaceEdit(doc, all, input.readOtherFile), CodeActionKind.QuickFix));
  return out;
}

export function toWorkspaceEdit(
  doc: TextDocument,
  edits: readonly TextEdit[],
  readOtherFile?: (f: string) => string | undefined,
): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) {
    if (!e.file) {
      (changes[doc.uri] ??= []).push({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText });
      continue;
    }
    const text = readOtherFile?.(e.file) ?? readFile(e.file) ?? "";
    const other = TextDocument.create(URI.fromFilePath(e.file), "plaintext", 0, text);
    (changes[other.uri] ??= []).push({ range: { start: other.positionAt(e.start), end: other.positionAt(e.end) }, newText: e.newText });
  }
  return { changes };
}

/** `// deploygap-disable-next-line <rule>` above the finding's line, with that line's indentation. */
function disableLineEdit(doc: TextDocument, f: Finding): LspTextEdit {
  const lineText = doc.getText({ start: { line: f.line, character: 0 }, end: { line: f.line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? "";
  const existing = previousLineDirective(doc, f.line);
  if (existing) {
    // Extend an existing directive on the line above instead of stacking a second one.
    return { range: existing.range, newText: `${existing.text}, ${f.ruleId}` };
  }
  return {
    range: { start: { line: f.line, character: 0 }, end: { line: f.line, character: 0 } },
    newText: `${indent}// deploygap-disable-next-line ${f.ruleId}\n`,
  };
}

function previousLineDirective(doc: TextDocument, line: number): { range: LspTextEdit["range"]; text: string } | undefined {
  if (line === 0) return undefined;
  const prev = doc.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).replace(/\r?\n$/, "");
  const m = /^(\s*\/\/\s*deploygap-disable-next-line\s+[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*)(.*)$/.exec(prev);
  if (!m || (m[2].trim() && !m[2].trim().startsWith("--"))) return undefined;
  return { range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: m[1].length } }, text: m[1] };
}

/** `/* deploygap-disable <rule> *\/` on the first line (after a shebang). */
function disableFileEdit(doc: TextDocument, ruleId: string): LspTextEdit {
  const first = doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  const line = first.startsWith("#!") ? 1 : 0;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `/* deploygap-disable ${ruleId} */\n` };
}

function readFile(fileName: string): string | undefined {
  try {
    return fs.readFileSync(fileName, "utf8");
  } catch {
    return undefined;
  }
}
