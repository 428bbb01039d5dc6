// Links from a report or a CI summary to the flagged line, built so they keep working when the file is
// moved (a CI artifact, a mail attachment): on GitHub Actions, the file at the scanned commit on GitHub
// (GITHUB_SERVER_URL/GITHUB_REPOSITORY/GITHUB_SHA); in a git checkout whose origin is on GitHub or
// GitLab, the same at HEAD; otherwise an absolute file:// URL. The commit is also the report's "of what".
// .git is read as files, never by running git: a scanned repository's git config can run commands.
import fs = require("node:fs");
import path = require("node:path");
import { pathToFileURL } from "node:url";

export interface SourceInfo {
  /** The scanned code's commit, when known. */
  commit?: string;
  /** A link to `line` (1-based) of an absolute file path. */
  link(absolute: string, line: number): string;
}

export function sourceInfo(env: NodeJS.ProcessEnv, cwd: string): SourceInfo {
  const fileLink = (absolute: string, line: number) => `${pathToFileURL(absolute).href}#L${line}`;
  if (env.GITHUB_ACTIONS === "true" && env.GITHUB_REPOSITORY && env.GITHUB_SHA) {
    const server = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
    const root = env.GITHUB_WORKSPACE ?? cwd;
    return { commit: env.GITHUB_SHA, link: webLink(`${server}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`, root, fileLink) };
  }
  const git = readGit(cwd);
  if (!git) return { link: fileLink };
  const web = git.origin && git.commit ? webBase(git.origin, git.commit) : undefined;
  return { commit: git.commit, link: web ? webLink(web, git.root, fileLink) : fileLink };
}

function webLink(base: string, root: string, fallback: SourceInfo["link"]): SourceInfo["link"] {
  return (absolute, line) => {
    const rel = path.relative(root, absolute);
    // A file outside the repository has no page there.
    if (rel.startsWith("..") || path.isAbsolute(rel)) return fallback(absolute, line);
    return `${base}${rel.split(path.sep).map(encodeURIComponent).join("/")}#L${line}`;
  };
}

/** The blob URL prefix for a github.com or gitlab.com remote (https or ssh form); undefined for others. */
export function webBase(remote: string, commit: string): string | undefined {
  const m = /^(?:https:\/\/(?:[^@/]+@)?|git@|ssh:\/\/git@)(github\.com|gitlab\.com)[:/](.+?)(?:\.git)?\/?$/.exec(remote.trim());
  if (!m || !/^[\w.-]+(\/[\w.-]+)+$/.test(m[2])) return undefined;
  return m[1] === "gitlab.com" ? `https://gitlab.com/${m[2]}/-/blob/${commit}/` : `https://github.com/${m[2]}/blob/${commit}/`;
}

function readGit(cwd: string): { root: string; commit?: string; origin?: string } | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const gitDir = path.join(dir, ".git");
    if (isDir(gitDir)) return { root: dir, commit: headCommit(gitDir), origin: originUrl(gitDir) };
    if (path.dirname(dir) === dir) return undefined;
  }
}

function headCommit(gitDir: string): string | undefined {
  const head = read(path.join(gitDir, "HEAD"))?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref: (refs\/[\w./-]+)$/.exec(head)?.[1];
  if (!ref || ref.includes("..")) return undefined;
  const loose = read(path.join(gitDir, ref))?.trim();
  if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  const packed = read(path.join(gitDir, "packed-refs")) ?? "";
  for (const line of packed.split("\n")) {
    const [sha, name] = line.trim().split(" ");
    if (name === ref && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
  }
  return undefined;
}

function originUrl(gitDir: string): string | undefined {
  const config = read(path.join(gitDir, "config")) ?? "";
  let inOrigin = false;
  for (const line of config.split("\n")) {
    const section = /^\s*\[(.+)\]\s*$/.exec(line)?.[1];
    if (section !== undefined) inOrigin = /^remote\s+"origin"$/.test(section.trim());
    else if (inOrigin) {
      const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1];
      if (url) return url;
    }
  }
  return undefined;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function read(p: string): string | undefined {
  try {
    return fs.readFileSync(p, "utf8");
  } catch {
    return undefined;
  }
}
