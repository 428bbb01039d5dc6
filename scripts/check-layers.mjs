// Checks the import layers of the README's Architecture section: every relative import of client/src,
// server/src and rules/ must point to a layer the importing layer may use, and the folders must not
// import each other in a cycle. Exits 1 and lists what is wrong.
//   node scripts/check-layers.mjs
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The layer of a repository-relative file, or undefined for files outside the checked tree. */
function layerOf(file) {
  if (file.startsWith("client/src/")) return "client";
  const server = /^server\/src\/([^/]+)\//.exec(file);
  if (server) return server[1];
  if (file === "rules/index.ts") return "rules/index";
  const sub = /^rules\/(api|semantic|catalog)\//.exec(file);
  if (sub) return `rules/${sub[1]}`;
  if (/^rules\/[a-z0-9-]+\.ts$/.test(file)) return "rule";
  return undefined;
}

/** Which layers each layer may import (besides its own). */
const MAY_IMPORT = {
  client: ["protocol"],
  protocol: ["rules/api"],
  lsp: ["protocol", "scan", "engine", "rules/index", "rules/api"],
  cli: ["scan", "engine", "rules/index", "rules/api"],
  scan: ["engine", "rules/index", "rules/api", "rules/semantic"],
  engine: ["rules/index", "rules/api", "rules/semantic", "rules/catalog"],
  "rules/index": ["rule", "rules/api"],
  rule: ["rules/api", "rules/semantic", "rules/catalog"],
  "rules/catalog": ["rules/api"],
  "rules/semantic": ["rules/catalog", "rules/api"],
  "rules/api": [],
};

function* sourceFiles(dir) {
  for (const e of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) yield* sourceFiles(rel);
    else if (/\.ts$/.test(e.name)) yield rel;
  }
}

function resolve(from, spec) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const c of [`${base}.ts`, base.replace(/\.js$/, ".ts"), `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(repo, c)) && fs.statSync(path.join(repo, c)).isFile()) return c;
  }
  return undefined;
}

const IMPORT = /^\s*(?:import|export)\b[^"'`;]*?(?:from\s*|require\s*\(\s*|\s)["'](\.{1,2}\/[^"']+)["']/gm;
const problems = [];
const edges = new Map(); // layer -> Set<layer>
for (const root of ["client/src", "server/src", "rules"]) {
  for (const file of sourceFiles(root)) {
    const from = layerOf(file);
    if (!from) continue;
    const text = fs.readFileSync(path.join(repo, file), "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(file, m[1]);
      if (!target) continue;
      const to = layerOf(target);
      if (!to) {
        problems.push(`${file}: imports ${target}, outside the layered tree`);
        continue;
      }
      if (to === from) {
        if (from === "rule") problems.push(`${file}: imports another rule, ${target}`);
        continue;
      }
      if (!MAY_IMPORT[from]?.includes(to)) problems.push(`${file}: ${from} may not import ${to} (${target})`);
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
    }
  }
}

// A cycle between layers (the allowed lists above have none, so this only reports what they let through).
const state = new Map();
const stack = [];
function visit(n) {
  state.set(n, "open");
  stack.push(n);
  for (const m of edges.get(n) ?? []) {
    if (state.get(m) === "open") problems.push(`cycle: ${[...stack.slice(stack.indexOf(m)), m].join(" -> ")}`);
    else if (!state.has(m)) visit(m);
  }
  stack.pop();
  state.set(n, "done");
}
for (const n of edges.keys()) if (!state.has(n)) visit(n);

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} layer ${problems.length === 1 ? "problem" : "problems"}`);
  process.exit(1);
}
console.log(`layers ok: ${[...edges].map(([k, v]) => `${k} -> ${[...v].sort().join(", ")}`).join("; ")}`);
