// Which names the source files of a repository mention, for rules that ask "does anything else use
// this export?" without building an import graph: an exported name that no other source file of the
// workspace spells anywhere (not in an import, a property access `defs.x`, a re-export) is imported by
// nothing. A word match is deliberately generous (a comment or an unrelated property with the same
// name counts as a use), so the answer errs towards "used". Computed once per project (memo
// "project-words"), lazily: only a rule that meets a candidate export pays for the walk.
//
// The workspace is the monorepo around the project when there is one (a package.json with
// `workspaces`, pnpm-workspace.yaml, turbo.json, lerna.json or nx.json in an ancestor folder), since
// sibling packages import each other by name.
import path = require("node:path");
import type { ProjectHost, ProjectInfo } from "../api/types";

const SKIP_DIRS = new Set(["node_modules", "dist", "build", "out", "coverage", "cdk.out", ".next", ".output", ".vercel", ".mastra"]);
const SOURCE_EXT = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
/** Past this many files the index gives up and every name counts as used. */
const MAX_FILES = 3_000;
/** How many folders above the project a workspace root may sit. */
const MAX_WORKSPACE_DEPTH = 4;
const WORKSPACE_MARKERS = ["pnpm-workspace.yaml", "turbo.json", "lerna.json", "nx.json"];

interface WordIndex {
  /** word -> the files (absolute) that contain it, up to two (all a caller needs to know). */
  files: Map<string, string[]>;
  /** The walk stopped at MAX_FILES: absence of a word proves nothing. */
  truncated: boolean;
}

/** The folder that holds the project's whole workspace: the monorepo root, else the project root. */
export function workspaceRoot(project: ProjectInfo): string {
  return project.memo("project-words:workspace-root", () => findWorkspaceRoot(project.root, project.host));
}

function findWorkspaceRoot(root: string, host: ProjectHost): string {
  let found = root;
  let dir = root;
  for (let i = 0; i < MAX_WORKSPACE_DEPTH; i++) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
    if (isWorkspaceRoot(dir, host)) found = dir;
  }
  return found;
}

function isWorkspaceRoot(dir: string, host: ProjectHost): boolean {
  if (WORKSPACE_MARKERS.some((m) => host.fileExists(path.join(dir, m)))) return true;
  const pkg = host.readFile(path.join(dir, "package.json"));
  return pkg !== undefined && /"workspaces"\s*:/.test(pkg);
}

/**
 * Whether any source file of the workspace other than `file` spells `name` as a whole word.
 * Unknown (the walk was cut short) counts as yes.
 */
export function mentionedElsewhere(project: ProjectInfo, file: string, name: string): boolean {
  const index = project.memo("project-words", () => buildIndex(workspaceRoot(project), project.host));
  if (index.truncated) return true;
  const files = index.files.get(name);
  if (!files) return false;
  const self = path.resolve(file);
  return files.some((f) => f !== self);
}

function buildIndex(root: string, host: ProjectHost): WordIndex {
  const files = new Map<string, string[]>();
  let seen = 0;
  const queue = [root];
  while (queue.length) {
    const dir = queue.shift()!;
    for (const e of host.readDirectory(dir) ?? []) {
      const full = path.join(dir, e.name);
      if (e.isDirectory) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) queue.push(full);
        continue;
      }
      if (!SOURCE_EXT.test(e.name) || /\.d\.[cm]?ts$/.test(e.name)) continue;
      if (++seen > MAX_FILES) return { files, truncated: true };
      const text = host.readFile(full);
      if (text !== undefined) addWords(files, text, path.resolve(full));
    }
  }
  return { files, truncated: false };
}

function addWords(files: Map<string, string[]>, text: string, file: string): void {
  for (const word of new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
    const list = files.get(word);
    if (!list) files.set(word, [file]);
    else if (list.length < 2) list.push(file);
  }
}
