// `deploygap scan --fix` / `--fix-dry-run`: the safe fixes only (the editor's fix-all choice,
// engine/fixAll.ts; behaviour-changing suggestions are never applied from the command line). As ESLint
// does, fixes are applied in passes, since one fix can make room for another that conflicted with it,
// at most MAX_PASSES, each pass linting the fixed texts in memory. The caller writes the results
// (--fix) or prints them as a diff (--fix-dry-run).
import fs = require("node:fs");
import type { TextEdit } from "../../../rules/api/types";
import { applyEdits } from "../engine/applyEdits";
import { safeFixes } from "../engine/fixAll";
import type { Report } from "../scan/scanner";

const MAX_PASSES = 10;

export interface FixedFile {
  file: string;
  before: string;
  after: string;
}

/** Scans, fixes, scans again...; returns the last scan (of the fixed texts) and what changed. */
export async function fixInMemory(scan: (readText: (file: string) => string | undefined) => Promise<Report>) {
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  const readText = (f: string) => texts.get(f);
  let report = await scan(readText);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let applied = 0;
    for (const f of report.files) {
      const byFile = new Map<string, TextEdit[]>();
      for (const fix of safeFixes(f.findings))
        for (const e of fix.edits) {
          const target = e.file ?? f.absolute;
          byFile.set(target, [...(byFile.get(target) ?? []), e]);
        }
      for (const [file, edits] of byFile) {
        const current = texts.get(file) ?? (file === f.absolute && f.text ? f.text : fs.readFileSync(file, "utf8"));
        let next: string;
        try {
          next = applyEdits(current, edits);
        } catch {
          continue; // edits from two files' fixes overlap in a third: left for the next run
        }
        if (next === current) continue;
        if (!originals.has(file)) originals.set(file, current);
        texts.set(file, next);
        applied++;
      }
    }
    if (applied === 0) break;
    report = await scan(readText);
  }
  const changed: FixedFile[] = [...originals]
    .map(([file, before]) => ({ file, before, after: texts.get(file)! }))
    .filter((c) => c.before !== c.after)
    .sort((a, b) => a.file.localeCompare(b.file));
  return { report, changed };
}
