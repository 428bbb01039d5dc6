// Fix-all: the safe fixes of a file's findings that can be applied together. A fix whose edits
// conflict with one already chosen is left for the next run (as ESLint does), never merged into a
// broken text.
import type { Fix, TextEdit } from "../../../rules/api/types";
import type { Finding } from "./lint";

export function safeFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.kind === "safe");
    if (!fix || fix.edits.some((e) => taken.some((t) => conflicts(e, t)))) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  if (a.start < b.end && b.start < a.end) return true;
  // Touching ranges are fine, unless one is an insertion at the other's boundary: their order would be ambiguous.
  const insertion = a.start === a.end || b.start === b.end;
  return insertion && (a.start === b.end || b.start === a.end || a.start === b.start);
}
