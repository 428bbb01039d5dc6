// Parse avoidance: which of a file's enabled rules can possibly report on it, decided from
// its text before any syntax tree exists. Each rule states its precondition next to the rule
// (RuleMeta.prefilter); this module only evaluates them. A rule without one always runs. The import
// specifiers some prefilters ask about are listed once per file, and only when a rule asks.
import type { FileInfo, Prefilter, Rule } from "../../../rules/api/types";

/** The text of one file and what prefilters ask about it, each computed at most once. */
export class FileProbe {
  private specifiers?: readonly string[];

  constructor(readonly text: string) {}

  /**
   * Every module specifier written as a string after `from`, `import`, `require(`, `require.resolve(` or
   * `import(`, or `declare module`: imports, `export ... from`, `import x = require()`, dynamic imports, module
   * augmentations (ts.preProcessFile lists those too). A pattern over the
   * text, not a tokenizer: it also lists such text inside comments and strings, which only lets more
   * files through (a prefilter may pass a file the rule then finds nothing in, never the reverse).
   * TypeScript's ts.preProcessFile lists the same specifiers at several times the cost.
   */
  imports(): readonly string[] {
    if (this.specifiers) return this.specifiers;
    const out: string[] = [];
    for (const m of this.text.matchAll(SPECIFIER)) out.push(m[2].includes("\\") ? m[2].replace(/\\(.)/g, "$1") : m[2]);
    return (this.specifiers = out);
  }
}

// `\s*(?:\(\s*)?`, not `\s*\(?\s*`: two adjacent `\s*` split a run of spaces every way, quadratic on a long run.
const SPECIFIER = /\b(?:from|import|module|require(?:\s*\.\s*resolve)?)\s*(?:\(\s*)?(["'`])((?:[^"'`\\\r\n]|\\.)*)\1/g;

/** True when the rule may report on the file (its prefilter passes, or it has none). */
export function mayReport(rule: Rule, options: unknown, file: FileInfo, probe: FileProbe): boolean {
  const p = rule.meta.prefilter as Prefilter<unknown> | undefined;
  if (!p) return true;
  if (p.file && !p.file(file, options)) return false;
  if (p.words && !p.words.some((w) => probe.text.includes(w))) return false;
  if (!p.imports && !p.text) return true;
  // Either one passing is enough; the specifiers are listed once per file and shared by every rule that
  // asks, so they are asked first and a rule's own text check runs only when they do not decide.
  if (p.imports) {
    const accepts = p.imports;
    if (probe.imports().some((s) => accepts(s, file, options))) return true;
  }
  return !!p.text && p.text(probe.text, file, options);
}
