// Completion of rule ids inside a suppression comment (`// deploygap-disable-next-line mis|`,
// `/* deploygap-disable a, b| */`, `# deploygap-disable-line` in YAML and .env files), as vscode-eslint
// completes rule names in eslint-disable comments. Pure: the server passes the line up to the cursor.
import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import type { Rule } from "../../../rules/api/types";

const DIRECTIVE = /(?:\/\/|\/\*|#)\s*deploygap-disable(?:-next-line|-line)?((?:\s+[\w-]+\s*,)*\s+)([\w-]*)$/;

/** Rule ids to offer at the end of `linePrefix`, or [] when the cursor is not on a rule id of a directive. */
export function suppressionCompletions(linePrefix: string, rules: readonly Rule[]): CompletionItem[] {
  const m = DIRECTIVE.exec(linePrefix);
  if (!m) return [];
  const already = new Set(m[1].split(/[\s,]+/).filter(Boolean));
  return rules
    .filter((r) => !already.has(r.meta.id))
    .map((r) => ({
      label: r.meta.id,
      kind: CompletionItemKind.Value,
      detail: `${r.meta.category} · ${r.meta.severity}`,
      documentation: r.meta.description,
    }));
}
