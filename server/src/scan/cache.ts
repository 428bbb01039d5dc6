// The scan cache: findings per file, keyed by a hash of everything they depend on, so an unchanged
// workspace rescans in a fraction of a cold scan. Default location node_modules/.cache/deploygap.
// A file's key covers its own content, the tool version and rule set, and its project's key: the config
// and project files (package.json, langgraph.json, tsconfig, .env.example...), the list of files in the
// project (imports resolve against it) and the content of its test files (facts like "another test runs
// the graph concurrently" come from them). Any change to those re-lints the whole project. Beyond the
// keys, the cache records every other file the linting read and every folder it listed (cacheInputs.ts):
// when one of them has changed, no entry is trusted (a renamed export, a deleted JSON file, a new .css
// file can change another file's findings).
//
// Reading and hashing every file is most of a warm rescan, so each entry also keeps the file's content
// hash and its stat (size, mtime, ctime, inode), as git's index does: a file whose stat is unchanged
// is not read again. ctime changes with any write, even one that puts the old mtime back; and, as in
// git, an entry whose file was modified less than RACY_MS before the entry was written is not trusted
// (a second write within the file system's timestamp granularity would leave the stat unchanged).
//
// The cache file sits in the workspace, so a cloned repository can ship one: every entry is validated
// (a wrong shape is dropped, never trusted) and carries an HMAC under a key that never sits in the
// workspace (DEPLOYGAP_CACHE_KEY, else a random key made once in the user's cache folder), so a
// hand-written entry with `findings: []` under a valid key cannot hide a finding.
import { createHash, createHmac, randomBytes } from "node:crypto";
import fs = require("node:fs");
import path = require("node:path");
import type { Finding } from "../engine/lint";
import { CATEGORIES, SEVERITIES } from "../../../rules/api/types";
import { readBoundedBytes } from "../engine/boundedRead";
import { readPrivateFile, userCacheDir } from "./userCacheDir";
import { emptyInputs, inputsUnchanged, isValidInputRecord, recordInputs, type FileSignature, type InputRecord } from "./cacheInputs";

interface Entry {
  key: string;
  findings: Finding[];
  skipped?: string;
  /** Hash of the file's text, and the stat it had when read (see statKey); absent for overlay texts. */
  contentHash?: string;
  stat?: string;
  /** When the entry was made (ms since the epoch). */
  at?: number;
  /** HMAC of the file name and the rest of the entry under the local cache key (see cacheKey). */
  mac?: string;
}

/** Writes closer than this to the moment an entry was made may hide from the stat check. */
export const RACY_MS = 2000;

/** A file's stat, or undefined when it cannot be taken (missing, unreadable). */
export function statOf(file: string): fs.Stats | undefined {
  try {
    // Most paths asked about do not exist (existence checks): no exception for those, it costs 8x the stat.
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The parts of a stat that change when a file is written. */
export function statKey(st: fs.Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

interface CacheFile {
  version: number;
  entries: Record<string, Entry>;
  /** What the entries' findings read besides their own files (cacheInputs.ts), with its MAC. */
  inputs?: InputRecord & { mac?: string };
}

// 4: findings carry a `detail` under a headline `message`; entries written before hold the long messages.
// 5: the record of what the linting read (inputs); entries written before have none to check.
const FORMAT_VERSION = 5;
/** Far above any real cache (about 2 KB per file with findings), below V8's longest string. */
const MAX_CACHE_FILE_BYTES = 256 * 1024 * 1024;

export function hashText(...parts: string[]): string {
  const h = createHash("sha1");
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex");
}

export class ScanCache {
  private entries: Record<string, Entry> = {};
  private inputs: InputRecord = emptyInputs();
  private readonly pendingInputs: Array<{
    inputs: { files: readonly string[]; dirs: readonly string[] };
    overlay?: (file: string) => string | undefined;
    known?: (file: string) => FileSignature | undefined;
  }> = [];
  private readonly file: string;
  private dirty = false;

  constructor(dir: string) {
    this.file = path.join(dir, "scan-cache.json");
    try {
      // Bounded and regular files only: a cache folder inside a checkout is the repository's to fill, and a
      // scan-cache.json linked to /dev/zero or a FIFO must not hang the scan or fill memory.
      const read = readBoundedBytes(this.file, MAX_CACHE_FILE_BYTES);
      if (!read || !("bytes" in read)) return;
      const parsed = JSON.parse(read.bytes.toString("utf8")) as CacheFile;
      if (parsed.version === FORMAT_VERSION && isRecord(parsed.entries) && isValidInputRecord(parsed.inputs)) {
        const key = cacheKey();
        const { mac, ...inputs } = parsed.inputs;
        // An input that changed (or a record that does not authenticate) may change any finding: none is trusted.
        if (mac !== inputsMac(key, inputs) || !inputsUnchanged(inputs)) {
          this.dirty = true;
          return;
        }
        this.inputs = inputs;
        for (const [file, e] of Object.entries(parsed.entries)) {
          if (isValidEntry(e) && e.mac === macOf(key, file, e)) this.entries[file] = e;
        }
      }
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
  }

  /**
   * Notes what this scan's linting read besides each file (see cacheInputs.ts); `overlay` gives editor
   * buffers. Their signatures are taken when the cache is saved, after its own folder exists (making it
   * changes its parent's listing).
   */
  noteInputs(
    inputs: { files: readonly string[]; dirs: readonly string[] },
    overlay?: (file: string) => string | undefined,
    known?: (file: string) => FileSignature | undefined,
  ): void {
    this.pendingInputs.push({ inputs, overlay, known });
  }

  get(file: string, key: string): Entry | undefined {
    const e = this.entries[file];
    return e && e.key === key ? e : undefined;
  }

  /**
   * The content hash recorded for a file whose stat is `stat` now, when the entry can be trusted
   * (same stat, and the file was last written well before the entry was made); else undefined.
   */
  knownContentHash(file: string, st: fs.Stats): string | undefined {
    const e = this.entries[file];
    if (!e?.contentHash || e.stat !== statKey(st) || e.at === undefined) return undefined;
    return Math.max(st.mtimeMs, st.ctimeMs) < e.at - RACY_MS ? e.contentHash : undefined;
  }

  set(file: string, key: string, findings: Finding[], skipped?: string, content?: { hash: string; stat: string }): void {
    const e: Entry = { key, findings };
    if (skipped) e.skipped = skipped;
    if (content) Object.assign(e, { contentHash: content.hash, stat: content.stat, at: Date.now() });
    e.mac = macOf(cacheKey(), file, e);
    this.entries[file] = e;
    this.dirty = true;
  }

  /**
   * Writes the cache, when anything changed, atomically (temp file + rename); returns why it could not, if
   * it could not (the scan itself stands).
   */
  save(): string | undefined {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      for (const { inputs, overlay, known } of this.pendingInputs.splice(0))
        if (recordInputs(this.inputs, inputs, overlay, known)) this.dirty = true;
      if (!this.dirty) return undefined;
      const tmp = `${this.file}.${process.pid}.tmp`;
      const inputs = { ...this.inputs, mac: inputsMac(cacheKey(), this.inputs) };
      fs.writeFileSync(tmp, JSON.stringify({ version: FORMAT_VERSION, entries: this.entries, inputs } satisfies CacheFile));
      fs.renameSync(tmp, this.file);
      return undefined;
    } catch (err) {
      // A read-only location or a file where the folder should be: scanning still works, just uncached.
      return (err as NodeJS.ErrnoException).code ?? String(err);
    }
  }
}

let localKey: Buffer | undefined;

/**
 * The key cache entries are authenticated with: DEPLOYGAP_CACHE_KEY (CI that keeps its cache between
 * runs sets it from a secret), else a random key kept in the user's cache folder (made on first use,
 * readable by the user only), else one for this process (nothing cached outlives it). Never a file
 * in the workspace: whoever writes the cache file must not be able to sign an entry.
 */
export function cacheKey(): Buffer {
  if (localKey) return localKey;
  const fromEnv = process.env.DEPLOYGAP_CACHE_KEY;
  if (fromEnv) return (localKey = Buffer.from(fromEnv, "utf8"));
  const dir = userCacheDir();
  if (!dir) return (localKey = randomBytes(32));
  const file = path.join(dir, "cache-key");
  // A key someone else could have written would let them sign entries: it is replaced, never read.
  const kept = readPrivateFile(file, 1024);
  if (kept && kept.length >= 32) return (localKey = kept);
  const fresh = randomBytes(32);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, fresh, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    /* read-only home: this process's key only */
  }
  return (localKey = fresh);
}

/** The MAC an entry for `file` carries under this process's cache key (tests re-sign aged entries). */
export function entryMac(file: string, e: object): string {
  return macOf(cacheKey(), file, e as Entry);
}

function inputsMac(key: Buffer, inputs: InputRecord): string {
  return createHmac("sha256", key).update("inputs\u0000").update(JSON.stringify(inputs)).digest("hex");
}

function macOf(key: Buffer, file: string, e: Entry): string {
  const { mac: _mac, ...rest } = e;
  return createHmac("sha256", key).update(file).update("\u0000").update(JSON.stringify(rest)).digest("hex");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const isOffset = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isString = (v: unknown): v is string => typeof v === "string";
const isOptional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);

function isValidEdit(v: unknown): boolean {
  return isRecord(v) && isOffset(v.start) && isOffset(v.end) && v.start <= v.end && isString(v.newText) && isOptional(v.file, isString);
}

function isValidFix(v: unknown): boolean {
  return (
    isRecord(v) &&
    isString(v.title) &&
    (v.kind === "safe" || v.kind === "suggestion") &&
    Array.isArray(v.edits) &&
    v.edits.every(isValidEdit)
  );
}

function isValidFinding(v: unknown): boolean {
  return (
    isRecord(v) &&
    isString(v.ruleId) &&
    isString(v.messageId) &&
    (CATEGORIES as readonly unknown[]).includes(v.category) &&
    v.severity !== "off" &&
    (SEVERITIES as readonly unknown[]).includes(v.severity) &&
    isOffset(v.start) &&
    isOffset(v.end) &&
    v.start <= v.end &&
    isOffset(v.line) &&
    isOffset(v.character) &&
    isOffset(v.endLine) &&
    isOffset(v.endCharacter) &&
    isString(v.message) &&
    isOptional(v.detail, isString) &&
    Array.isArray(v.fixes) &&
    v.fixes.every(isValidFix) &&
    isOptional(v.docsUrl, isString) &&
    isOptional(v.table, isValidTable)
  );
}

function isStringRows(v: unknown): boolean {
  return Array.isArray(v) && v.every((row) => Array.isArray(row) && row.every(isString));
}

function isValidTable(v: unknown): boolean {
  return (
    isRecord(v) && Array.isArray(v.columns) && v.columns.every(isString) && isStringRows(v.rows) && isOptional(v.summary, isStringRows)
  );
}

/** The shape ScanCache writes; anything else in the file is dropped on load. */
function isValidEntry(v: unknown): v is Entry {
  return (
    isRecord(v) &&
    isString(v.key) &&
    Array.isArray(v.findings) &&
    v.findings.every(isValidFinding) &&
    isOptional(v.skipped, isString) &&
    isOptional(v.contentHash, isString) &&
    isOptional(v.stat, isString) &&
    isOptional(v.at, (a) => typeof a === "number" && Number.isFinite(a)) &&
    isString(v.mac)
  );
}
