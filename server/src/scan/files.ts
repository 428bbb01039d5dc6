// Which files a scan lints: the given files, and under the given folders every TS/JS source file (and
// langgraph.json, serverless.yml, SAM template.yaml, Compose files, .env files) that
// is not in node_modules, dist or .git, not matched by a .gitignore on the way down, and not matched
// by the project config's "ignore" globs. Symlinked folders are not followed (no loops); unreadable
// folders are reported and skipped.
import fs = require("node:fs");
import path = require("node:path");
import { createIgnore as ignore, type IgnoreMatcher as Ignore } from "./ignoreMatcher";
import { readBoundedText } from "../engine/boundedRead";
import { fileKindOf } from "../engine/parse";
import type { ProjectModel } from "../engine/project";

/** The start of the warning for an input path that does not exist (the CLI exits 2 on it). */
export const NO_SUCH_PATH = "no such file or folder: ";

const ALWAYS_SKIPPED = new Set(["node_modules", "dist", ".git", ".hg", ".svn"]);

interface Matcher {
  base: string;
  ig: Ignore;
}

export interface CollectResult {
  files: string[];
  warnings: string[];
}

export function collectFiles(inputs: string[], projects: ProjectModel): CollectResult {
  const files = new Set<string>();
  const warnings: string[] = [];
  const configMatchers = new Map<string, Matcher | undefined>();

  const configIgnored = (file: string): boolean => {
    const root = projects.rootFor(path.dirname(file));
    if (!configMatchers.has(root)) {
      const globs = projects.project(root).config.ignore;
      configMatchers.set(root, globs.length ? { base: root, ig: ignore().add(globs) } : undefined);
    }
    const m = configMatchers.get(root);
    return !!m && matches(m, file, false);
  };

  const walk = (dir: string, matchers: Matcher[]): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      warnings.push(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      return;
    }
    const gitignore = readGitignore(dir);
    const here = gitignore ? [...matchers, { base: dir, ig: gitignore }] : matchers;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED.has(e.name) || here.some((m) => matches(m, full, true))) continue;
        walk(full, here);
      } else if (e.isFile() || (e.isSymbolicLink() && isFile(full))) {
        if (!fileKindOf(full) || here.some((m) => matches(m, full, false)) || configIgnored(full)) continue;
        files.add(full);
      }
    }
  };

  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      warnings.push(`${NO_SUCH_PATH}${input}`);
      continue;
    }
    if (stat.isDirectory()) walk(abs, parentGitignores(abs));
    else files.add(abs); // a file named explicitly is linted as asked
  }
  return { files: [...files].sort(), warnings };
}

function matches(m: Matcher, file: string, isDir: boolean): boolean {
  const rel = path.relative(m.base, file);
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return false;
  const posix = rel.split(path.sep).join("/");
  return m.ig.ignores(isDir ? `${posix}/` : posix);
}

function readGitignore(dir: string): Ignore | undefined {
  try {
    const text = readBoundedText(path.join(dir, ".gitignore"));
    return text === undefined ? undefined : ignore().add(text);
  } catch {
    return undefined;
  }
}

/** .gitignore files of the folders above a scanned folder, up to the repository root. */
function parentGitignores(dir: string): Matcher[] {
  const chain: Matcher[] = [];
  if (fs.existsSync(path.join(dir, ".git"))) return chain;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const ig = readGitignore(d);
    if (ig) chain.unshift({ base: d, ig });
    if (fs.existsSync(path.join(d, ".git")) || path.dirname(d) === d) break;
  }
  return chain;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
