// Files a build step writes: absent from a clean checkout because .gitignore keeps them out of git,
// and named by an npm script that produces them (`cdk deploy --outputs-file src/outputs.json`,
// `convex codegen`, `prisma generate --schema ... ` writing a client folder). Such a file is not
// missing, it is generated; whether the deploy runs that step first is the user's to check.
import path = require("node:path");
import { createIgnore, type IgnoreMatcher } from "./ignoreMatcher";
import type { ProjectInfo } from "../api/types";

/** The npm script that names a gitignored file (or a folder on its path), when one does. */
export function generatingScript(project: ProjectInfo, absTarget: string): string | undefined {
  const rel = toPosix(path.relative(project.root, absTarget));
  const ignored = rel.startsWith("../") ? undefined : ignoredPath(project, absTarget);
  if (!ignored) return undefined;
  // The script names the file (by path or name) or the ignored folder it sits in (`src/generated`).
  const names = [rel, path.basename(absTarget).replace(/\.[cm]?[jt]sx?$/, ""), ignored];
  for (const [script, command] of packageScripts(project)) {
    if (names.some((n) => mentions(command, n))) return script;
  }
  return undefined;
}

function mentions(command: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[\\s=/"'])(\\./)?${escaped}(\\.[\\w]+)?(?=$|[\\s"'/])`).test(command);
}

function packageScripts(project: ProjectInfo): Array<[string, string]> {
  return project.memo("build-outputs:scripts", () => {
    try {
      const pkg = JSON.parse(project.host.readFile(path.join(project.root, "package.json")) ?? "{}");
      return Object.entries(pkg?.scripts ?? {}).filter((e): e is [string, string] => typeof e[1] === "string");
    } catch {
      return [];
    }
  });
}

/**
 * What a .gitignore (in the target's folder or above) ignores: the target, or the folder on its path
 * that a rule matches; relative to the project root. Undefined when nothing ignores it.
 */
function ignoredPath(project: ProjectInfo, absTarget: string): string | undefined {
  for (let dir = path.dirname(absTarget); ; dir = path.dirname(dir)) {
    const ig = gitignoreOf(project, dir);
    const rel = toPosix(path.relative(dir, absTarget));
    const hit = ig && [...ancestors(rel).map((a) => a + "/"), rel].find((p) => ig.ignores(p));
    if (hit) return toPosix(path.relative(project.root, path.join(dir, hit)));
    if (path.dirname(dir) === dir) return undefined;
  }
}

function gitignoreOf(project: ProjectInfo, dir: string): IgnoreMatcher | undefined {
  return project.memo(`build-outputs:gitignore:${dir}`, () => {
    const text = project.host.readFile(path.join(dir, ".gitignore"));
    // A repository chooses its own .gitignore: the linear-time matcher, not a regex one (see ignoreMatcher.ts).
    return text === undefined ? undefined : createIgnore().add(text);
  });
}

/** "a/b/c.ts" -> ["a", "a/b"]: a folder rule (`generated/`) ignores everything under it. */
function ancestors(rel: string): string[] {
  const parts = rel.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
