// Finds the files that declare deploy units in a repository (langgraph.json, serverless.yml, SAM
// templates, cdk.json, Dockerfiles, compose files, Next.js/wrangler configs, package.json files) by
// walking its folders once, skipping dependencies and build output. Folder listings come from the
// project host, so they are cached and shared with the rest of the project model.
import path = require("node:path");
import type { ProjectHost } from "../../../../rules/api/types";

/** Folders that never hold deployable source: dependencies, VCS data, build and deploy output. */
export const GENERATED_DIRS = new Set([
  "node_modules",
  ".git",
  ".hg",
  ".svn",
  "dist",
  "build",
  "out",
  ".output",
  ".next",
  ".nuxt",
  ".svelte-kit",
  ".vercel",
  ".netlify",
  ".mastra",
  ".wrangler",
  ".serverless",
  ".aws-sam",
  "cdk.out",
  "coverage",
  ".turbo",
  ".cache",
  ".expo",
  ".langgraph_api",
]);

export type MarkerKind =
  "langgraph" | "serverless" | "sam" | "cdk" | "docker" | "compose" | "next" | "vercel" | "wrangler" | "package" | "vite";

export interface Marker {
  kind: MarkerKind;
  file: string;
}

const BY_NAME: Array<[RegExp, MarkerKind]> = [
  [/^langgraph\.json$/, "langgraph"],
  [/^serverless\.(ya?ml|ts|js|json)$/, "serverless"],
  [/^template\.(ya?ml|json)$/, "sam"],
  [/^cdk\.json$/, "cdk"],
  [/^(Dockerfile|Containerfile)(\..+)?$|\.Dockerfile$/, "docker"],
  [/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/, "compose"],
  [/^next\.config\.[cm]?[jt]s$/, "next"],
  [/^vercel\.json$/, "vercel"],
  [/^wrangler\.(toml|jsonc?)$/, "wrangler"],
  [/^package\.json$/, "package"],
  [/^vite\.config\.[cm]?[jt]s$/, "vite"],
];

/** How deep below the repository root markers are looked for; monorepos rarely nest deeper. */
const MAX_DEPTH = 8;
/** A bound on folders listed, so a pathological tree costs a fixed amount. */
const MAX_DIRS = 20_000;

export function findMarkers(repoRoot: string, host: ProjectHost): Marker[] {
  const markers: Marker[] = [];
  let listed = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || ++listed > MAX_DIRS) return;
    const entries = host.readDirectory(dir);
    if (!entries) return;
    for (const e of entries) {
      if (e.isDirectory) {
        if (!GENERATED_DIRS.has(e.name) && !e.name.startsWith(".")) walk(path.join(dir, e.name), depth + 1);
        continue;
      }
      for (const [re, kind] of BY_NAME) {
        if (re.test(e.name)) {
          markers.push({ kind, file: path.join(dir, e.name) });
          break;
        }
      }
    }
  };
  walk(repoRoot, 0);
  return markers;
}
