// The one walk that decides which files of a folder tree deploygap looks at: every file with a kind
// (TS/JS source, langgraph.json, serverless.yml, SAM template.yaml, Compose files, .env files) that is
// not under node_modules, dist or a version-control folder, not matched by a .gitignore on the way
// down (or above the starting folder, up to the repository root), and not matched by the caller's own
// ignore test (the project config's "ignore" globs). Symlinked folders are not followed, so a link
// loop cannot hang it. The scan walks the disk with it (scan/files.ts); project facts that read every
// file of a project (ProjectInfo.files(): the test summaries) walk the project host with it, so both
// see the same files.
import path = require("node:path");
import { createIgnore, type IgnoreMatcher } from "../../../rules/semantic/ignoreMatcher";

// The matcher the walk reads .gitignore files with, for the front-ends' own globs (files.exclude).
export { createIgnore, type IgnoreMatcher };
import { fileKindOf } from "./parse";

export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set(["node_modules", "dist", ".git", ".hg", ".svn"]);

/** A folder entry as the walk needs it: a symlinked folder is not entered; a symlinked file is a file. */
export interface WalkEntry {
  name: string;
  kind: "folder" | "file" | "other";
}

export interface WalkSource {
  /** The folder's entries, or undefined when it cannot be read (the source reports why, if it wants to). */
  list(dir: string): readonly WalkEntry[] | undefined;
  /** A .gitignore's text, or undefined when there is none. */
  readText(file: string): string | undefined;
  /** Whether a file or folder exists (`.git`, which marks the repository root). */
  exists(file: string): boolean;
}

export interface WalkOptions {
  /** The caller's own ignore test (config globs), asked about files. */
  ignored?: (file: string) => boolean;
  /** Stop after this many files (the result says it stopped). */
  maxFiles?: number;
}

interface Matcher {
  base: string;
  ig: IgnoreMatcher;
}

/**
 * The files under `root`, breadth first with each folder's entries sorted by name: a stable order in
 * which the bound keeps the top of the tree (src/, test/) rather than the depths of its first folder.
 */
export function walkFiles(root: string, source: WalkSource, options: WalkOptions = {}): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  const max = options.maxFiles ?? Infinity;
  const queue: Array<{ dir: string; matchers: Matcher[] }> = [{ dir: root, matchers: gitignoresAbove(root, source) }];
  for (let q = 0; q < queue.length; q++) {
    const { dir, matchers } = queue[q];
    const entries = source.list(dir);
    if (!entries) continue;
    const gitignore = gitignoreIn(dir, source);
    const here = gitignore ? [...matchers, { base: dir, ig: gitignore }] : matchers;
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.kind === "folder") {
        if (!ALWAYS_SKIPPED.has(e.name) && !here.some((m) => matches(m, full, true))) queue.push({ dir: full, matchers: here });
      } else if (e.kind === "file" && fileKindOf(full) && !here.some((m) => matches(m, full, false)) && !options.ignored?.(full)) {
        if (files.length >= max) return { files, truncated: true };
        files.push(full);
      }
    }
  }
  return { files, truncated: false };
}

/** Whether `file` is ignored by a matcher whose patterns are relative to its base folder. */
function matches(m: Matcher, file: string, isDir: boolean): boolean {
  const rel = path.relative(m.base, file);
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return false;
  const posix = rel.split(path.sep).join("/");
  return m.ig.ignores(isDir ? `${posix}/` : posix);
}

function gitignoreIn(dir: string, source: WalkSource): IgnoreMatcher | undefined {
  const text = source.readText(path.join(dir, ".gitignore"));
  return text === undefined ? undefined : createIgnore().add(text);
}

/** .gitignore files of the folders above `dir`, up to the repository root (the folder holding .git). */
function gitignoresAbove(dir: string, source: WalkSource): Matcher[] {
  const chain: Matcher[] = [];
  // One name asked for, not the parent's listing: a scan of a repository cloned into /tmp must not
  // depend on everything else in /tmp.
  const isRepoRoot = (d: string) => source.exists(path.join(d, ".git"));
  if (isRepoRoot(dir)) return chain;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const ig = gitignoreIn(d, source);
    if (ig) chain.unshift({ base: d, ig });
    if (isRepoRoot(d) || path.dirname(d) === d) break;
  }
  return chain;
}
