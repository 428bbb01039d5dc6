// Which files a scan lints: the given files, and under the given folders what the engine's one walk
// (engine/projectFiles.ts) finds on disk: files with a kind, outside node_modules, dist and .git, not
// matched by a .gitignore, and not matched by the "ignore" globs of the project config each file
// belongs to. Unreadable folders are reported and skipped.
import fs = require("node:fs");
import path = require("node:path");
import { createIgnore, walkFiles, type IgnoreMatcher, type WalkSource } from "../engine/projectFiles";
import { MAX_SOURCE_FILE_BYTES, readBoundedText } from "../engine/boundedRead";
import { fileKindOf } from "../engine/parse";
import type { ProjectModel } from "../engine/project";

/** The start of the warning for an input path that does not exist (the CLI exits 2 on it). */
export const NO_SUCH_PATH = "no such file or folder: ";
/** The start of the warning for an input path that exists but cannot be scanned (the CLI exits 2 on it too). */
export const CANNOT_SCAN_PATH = "cannot scan ";

/** Whether a warning is about a path the user named: a typo or an unreadable file must not pass CI as clean. */
export function isInputPathError(warning: string): boolean {
  return warning.startsWith(NO_SUCH_PATH) || warning.startsWith(CANNOT_SCAN_PATH);
}

export interface CollectResult {
  files: string[];
  warnings: string[];
}

export function collectFiles(inputs: string[], projects: ProjectModel): CollectResult {
  const files = new Set<string>();
  const warnings: string[] = [];
  const configMatchers = new Map<string, IgnoreMatcher | undefined>();

  // The config's "ignore" globs of the project each file belongs to, relative to that project's root.
  const configIgnored = (file: string): boolean => {
    const root = projects.rootFor(path.dirname(file));
    if (!configMatchers.has(root)) {
      const globs = projects.project(root).config.ignore;
      configMatchers.set(root, globs.length ? createIgnore().add(globs) : undefined);
    }
    const ig = configMatchers.get(root);
    const rel = path.relative(root, file);
    return !!ig && !!rel && !rel.startsWith("..") && !path.isAbsolute(rel) && ig.ignores(rel.split(path.sep).join("/"));
  };

  const disk: WalkSource = {
    list(dir) {
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({
          name: e.name,
          kind: e.isDirectory() ? "folder" : e.isFile() || (e.isSymbolicLink() && isFile(path.join(dir, e.name))) ? "file" : "other",
        }));
      } catch (err) {
        warnings.push(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? err}`);
        return undefined;
      }
    },
    readText(file) {
      try {
        return readBoundedText(file);
      } catch {
        return undefined;
      }
    },
    exists: (file) => fs.existsSync(file),
  };

  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") warnings.push(`${NO_SUCH_PATH}${input}`);
      else warnings.push(`${CANNOT_SCAN_PATH}${input}: ${describeCode(code ?? String(err))}`);
      continue;
    }
    const problem = stat.isDirectory() ? undefined : namedFileProblem(abs, stat);
    if (problem) {
      warnings.push(`${CANNOT_SCAN_PATH}${input}: ${problem}`);
      continue;
    }
    if (stat.isDirectory()) for (const f of walkFiles(abs, disk, { ignored: configIgnored }).files) files.add(f);
    else files.add(abs);
  }
  return { files: [...files].sort(), warnings };
}

/**
 * Why a file named explicitly cannot be linted as asked, said here rather than as a missing file or a
 * warning the exit code ignores: not a regular file, over what a scan reads, or unreadable. Only for a
 * kind the scan lints: a named image or lockfile is passed over, as before.
 */
function namedFileProblem(abs: string, stat: fs.Stats): string | undefined {
  if (!fileKindOf(abs)) return undefined;
  if (!stat.isFile()) return "not a regular file";
  if (stat.size > MAX_SOURCE_FILE_BYTES) return `it is larger than ${MAX_SOURCE_FILE_BYTES / 1024 / 1024} MB, the most a scan reads`;
  try {
    fs.accessSync(abs, fs.constants.R_OK);
    return undefined;
  } catch (err) {
    return describeCode((err as NodeJS.ErrnoException).code ?? String(err));
  }
}

function describeCode(code: string): string {
  return code === "ELOOP" ? "ELOOP (a loop of symbolic links)" : code;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
