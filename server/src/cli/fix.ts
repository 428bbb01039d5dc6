// `deploygap scan --fix` / `--fix-dry-run`: the safe fixes only (the editor's fix-all choice,
// engine/fixAll.ts; behaviour-changing suggestions are never applied from the command line). As ESLint
// does, fixes are applied in passes, since one fix can make room for another that conflicted with it,
// at most MAX_PASSES, each pass linting the fixed texts in memory. The caller writes the results
// (--fix) or prints them as a diff (--fix-dry-run). A file is fixed only when it can be written back in
// its own encoding byte for byte; a diff shows secrets cut to their first characters, as messages do.
import fs = require("node:fs");
import type { TextEdit } from "../../../rules/api/types";
import { applyEdits } from "../engine/applyEdits";
import { decodeText } from "../engine/decode";
import { safeFixes } from "../engine/fixAll";
import type { Finding } from "../engine/lint";
import type { Report } from "../scan/scanner";

const MAX_PASSES = 10;

/** How a file's bytes hold its text: what a fixed text is written back as. */
export type Encoding = "utf8" | "utf8-bom" | "utf16le" | "utf16be";

export interface FixedFile {
  file: string;
  before: string;
  after: string;
  encoding: Encoding;
  /** before and after with every secret hardcoded-secret reported cut to its first characters: what a diff may print. */
  beforeShown: string;
  afterShown: string;
}

/** Scans, fixes, scans again...; returns the last scan (of the fixed texts), what changed and what could not be. */
export async function fixInMemory(scan: (readText: (file: string) => string | undefined) => Promise<Report>) {
  const texts = new Map<string, string>();
  const originals = new Map<string, string>();
  const encodings = new Map<string, Encoding>();
  const unfixable = new Map<string, string>();
  const readText = (f: string) => texts.get(f);
  let report = await scan(readText);
  const firstFindings = new Map(report.files.map((f) => [f.absolute, f.findings]));
  /** The text to fix, read once: the scan's own text for a scanned file, else the file from disk. */
  const original = (file: string, scanned: string | undefined): string | undefined => {
    if (unfixable.has(file)) return undefined;
    const known = texts.get(file);
    if (known !== undefined) return known;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      unfixable.set(file, `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      return undefined;
    }
    const text = decodeText(bytes);
    const encoding = encodingOf(bytes, text);
    if (!encoding) unfixable.set(file, "it is not valid UTF-8 or UTF-16, and a fix written back would change its other characters");
    else if (scanned !== undefined && scanned !== text) unfixable.set(file, "it changed on disk during the scan");
    else {
      encodings.set(file, encoding);
      return text;
    }
    return undefined;
  };
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
        const current = original(file, file === f.absolute && f.text ? f.text : undefined);
        if (current === undefined) continue;
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
  const lastFindings = new Map(report.files.map((f) => [f.absolute, f.findings]));
  const changed: FixedFile[] = [...originals]
    .map(([file, before]) => {
      const after = texts.get(file)!;
      return {
        file,
        before,
        after,
        encoding: encodings.get(file)!,
        beforeShown: maskSecrets(before, firstFindings.get(file)),
        afterShown: maskSecrets(after, lastFindings.get(file)),
      };
    })
    .filter((c) => c.before !== c.after)
    .sort((a, b) => a.file.localeCompare(b.file));
  return {
    report,
    changed,
    unfixable: [...unfixable].map(([file, reason]) => ({ file, reason })).sort((a, b) => a.file.localeCompare(b.file)),
  };
}

/** Characters of a secret a diff keeps, as the findings' messages do (`sk-p…`). */
const SHOWN_SECRET_CHARS = 4;

/** `text` with each secret hardcoded-secret reported in it cut to its first characters and an ellipsis. */
function maskSecrets(text: string, findings: readonly Finding[] | undefined): string {
  const spans = (findings ?? []).filter((f) => f.ruleId === "hardcoded-secret" && f.end > f.start).sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const f of spans) {
    if (f.end > limit) continue; // overlaps one already cut
    // A finding on a whole literal keeps its quotes: `"ghp_…"`, not `"ghp…`.
    const q = text[f.start];
    const quoted = f.end - f.start >= 2 && (q === '"' || q === "'" || q === "`") && text[f.end - 1] === q;
    const [start, end] = quoted ? [f.start + 1, f.end - 1] : [f.start, f.end];
    out = out.slice(0, start) + out.slice(start, Math.min(end, start + SHOWN_SECRET_CHARS)) + "…" + out.slice(end);
    limit = f.start;
  }
  return out;
}

/**
 * The encoding of a file's bytes, when decoding them and encoding the text back gives the same bytes
 * (UTF-8 with or without a BOM, UTF-16 with its BOM); undefined otherwise (Latin-1 and other legacy
 * encodings read as UTF-8 with replacement characters), so such a file is never rewritten. `text` is
 * the bytes decoded (decodeText), when the caller has it already.
 */
export function encodingOf(bytes: Buffer, text = decodeText(bytes)): Encoding | undefined {
  const encoding: Encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf16be"
        : bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
          ? "utf8-bom"
          : "utf8";
  return encodeAs(encoding, text).equals(bytes) ? encoding : undefined;
}

/** `text` as bytes in `encoding`, its BOM included. */
export function encodeAs(encoding: Encoding, text: string): Buffer {
  if (encoding === "utf8") return Buffer.from(text, "utf8");
  if (encoding === "utf8-bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  return encoding === "utf16le" ? le : le.swap16();
}

/**
 * Writes each fixed file back in its own encoding (a BOM and UTF-16 kept), in place (its permissions
 * and links kept). A file that cannot be written does not stop the others; the failures are returned.
 */
export function writeFixedFiles(changed: readonly FixedFile[]): Array<{ file: string; error: unknown }> {
  const failed: Array<{ file: string; error: unknown }> = [];
  for (const c of changed) {
    try {
      fs.writeFileSync(c.file, encodeAs(c.encoding, c.after));
    } catch (error) {
      failed.push({ file: c.file, error });
    }
  }
  return failed;
}
