// What cached findings read besides each file's own text: the other files the rules and the project
// model read (package.json, tsconfig, a graph's source, the files an import graph walks) and the folders
// they listed (an import resolves, or not, against a folder's names). The scan cache records a signature
// of each and trusts none of its entries when one has changed since: renaming a graph's export, deleting
// a JSON file an import needs or creating the .css file one needs re-lints, instead of serving the old
// answer. Files are compared by stat first (as the entries are), then by content.
import fs = require("node:fs");
import { MAX_SOURCE_FILE_BYTES, readBoundedBytes } from "../engine/boundedRead";
import { decodeText } from "../engine/decode";
import { hashText, statKey, statOf } from "./cache";

export interface InputRecord {
  /** Per file: its stat and content hash when recorded, or MISSING. */
  files: Record<string, FileSignature>;
  /** Per folder: its stat and a hash of its entries' names and kinds, or MISSING. */
  dirs: Record<string, FileSignature>;
}

export interface FileSignature {
  stat: string;
  hash: string;
}

const MISSING = "missing";
/** A name that was asked about and is a folder; its own listing is recorded separately if it was read. */
const FOLDER: FileSignature = { stat: "folder", hash: "folder" };
/** A file that was read from an unsaved editor buffer differing from the disk: never matches. */
const UNSAVED: FileSignature = { stat: "unsaved", hash: "unsaved" };

export function emptyInputs(): InputRecord {
  return { files: {}, dirs: {} };
}

/**
 * Adds the signatures of inputs not recorded yet; `overlay` gives an editor buffer's text, whose
 * findings must not outlive it. Returns whether anything was added.
 */
export function recordInputs(
  rec: InputRecord,
  inputs: { files: readonly string[]; dirs: readonly string[] },
  overlay?: (file: string) => string | undefined,
  known?: (file: string) => FileSignature | undefined,
): boolean {
  let added = false;
  for (const dir of inputs.dirs) {
    if (Object.prototype.hasOwnProperty.call(rec.dirs, dir)) continue;
    rec.dirs[dir] = dirSignature(dir);
    added = true;
  }
  for (const file of inputs.files) {
    if (Object.prototype.hasOwnProperty.call(rec.files, file)) continue;
    const open = overlay?.(file);
    // A scanned file's signature is at hand (the scan hashed it, or the cache vouched for it by its stat).
    const sig = (open === undefined ? known?.(file) : undefined) ?? fileSignature(file);
    rec.files[file] = open !== undefined && sig.hash !== hashText(open) ? UNSAVED : sig;
    added = true;
  }
  return added;
}

/** True when every recorded folder lists the same names and every recorded file has the same content. */
export function inputsUnchanged(rec: InputRecord): boolean {
  // A folder's mtime changes when an entry is added, removed or renamed: its listing is read only then.
  for (const [dir, sig] of Object.entries(rec.dirs)) {
    const st = statOf(dir);
    if (st ? statKey(st) === sig.stat : sig.stat === MISSING) continue;
    if (dirSignature(dir).hash !== sig.hash) return false;
  }
  for (const [file, sig] of Object.entries(rec.files)) {
    const st = statOf(file);
    if (!st) {
      if (sig.stat !== MISSING) return false;
      continue;
    }
    if (sig.stat === FOLDER.stat || st.isDirectory()) {
      if (sig.stat !== FOLDER.stat || !st.isDirectory()) return false;
      continue;
    }
    if (statKey(st) === sig.stat) continue;
    if (fileSignature(file).hash !== sig.hash) return false;
  }
  return true;
}

export function isValidInputRecord(v: unknown): v is InputRecord {
  if (typeof v !== "object" || v === null) return false;
  const { files, dirs } = v as Record<string, unknown>;
  return (
    isPlainRecord(files) &&
    isPlainRecord(dirs) &&
    [...Object.values(dirs), ...Object.values(files)].every(
      (s) => isPlainRecord(s) && typeof s.stat === "string" && typeof s.hash === "string",
    )
  );
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fileSignature(file: string): FileSignature {
  const st = statOf(file);
  if (!st) return { stat: MISSING, hash: MISSING };
  // A folder asked about by name (is there a .git here?): that it is one is all an answer rests on.
  if (st.isDirectory()) return FOLDER;
  const r = readBoundedBytes(file, MAX_SOURCE_FILE_BYTES);
  // The scanner's content hash (of the decoded text), so a scanned file's hash can stand for it; too large
  // or not a regular file: its stat alone stands for it.
  const hash = r && "bytes" in r ? hashText(decodeText(r.bytes)) : `unread:${statKey(st)}`;
  return { stat: statKey(st), hash };
}

function dirSignature(dir: string): FileSignature {
  const st = statOf(dir);
  try {
    const names = fs
      .readdirSync(dir, { withFileTypes: true })
      .map((e) => `${e.isDirectory() ? "d" : "f"}:${e.name}`)
      .sort();
    return { stat: st ? statKey(st) : MISSING, hash: hashText(...names) };
  } catch {
    return { stat: MISSING, hash: MISSING };
  }
}
