// The project-level index of documented environment variables: the names a project writes down for
// whoever deploys it. Read from the project root through ProjectInfo.host and computed once per project
// (memo "env-docs"):
//   .env.example / .env.sample / .env.template          every KEY= line, commented-out ones too
//   langgraph.json `env`                                 object keys, list items, or the names in the file a string names
//   serverless.yml `provider.environment`, `functions.*.environment`
//   template.yaml (SAM) `Globals.Function.Environment.Variables`, `Resources.*.Properties.Environment.Variables`
// Also the small parsers those need and that rules share: dotenv lines with offsets, and YAML with the
// CloudFormation short-form tags (`!Ref`, `!Sub`, `!GetAtt`, ...) registered so templates parse cleanly.
import path = require("node:path");
import { isAlias, isMap, isScalar, parseDocument, YAMLMap, YAMLSeq, type Document, type Node as YamlNode, type Tags } from "yaml";
import type { SourceFile } from "typescript";
import type { ProjectInfo } from "../api/types";
import { fileMemo } from "./fileMemo";
import { workspaceRoot } from "./projectWords";

export interface EnvDocSource {
  /** Absolute path of the documenting file. */
  file: string;
  /** How messages name it, relative to the project root, e.g. ".env.example", "langgraph.json (env)". */
  label: string;
  names: ReadonlySet<string>;
}

export interface EnvDocs {
  /** The files that document variables, in the order they are checked. Empty: the project documents none. */
  sources: EnvDocSource[];
  names: ReadonlySet<string>;
  /**
   * True when a source names variables in a way that cannot be read statically (serverless
   * `environment: ${file(./env.yml)}`, a SAM `Variables: !If [...]`): any name may be documented there.
   */
  incomplete: boolean;
}

const ENV_EXAMPLES = [".env.example", ".env.sample", ".env.template"];

/** The project's documented variables, computed once per project. */
export function envDocsOf(project: ProjectInfo): EnvDocs {
  return project.memo("env-docs", () => computeEnvDocs(project));
}

function computeEnvDocs(project: ProjectInfo): EnvDocs {
  const { root, host } = project;
  const sources: EnvDocSource[] = [];
  let incomplete = false;
  const add = (file: string, label: string, names: Set<string>) => sources.push({ file, label, names });

  for (const name of ENV_EXAMPLES) {
    const file = path.join(root, name);
    const text = host.readFile(file);
    if (text !== undefined) add(file, name, new Set(dotenvEntries(text).map((e) => e.name)));
  }

  const langgraphFile = path.join(root, "langgraph.json");
  const langgraphText = host.readFile(langgraphFile);
  if (langgraphText !== undefined) {
    const env = parseJsonObject(langgraphText)?.env;
    if (env && typeof env === "object" && !Array.isArray(env)) {
      add(langgraphFile, "langgraph.json (env)", new Set(Object.keys(env)));
    } else if (Array.isArray(env)) {
      add(langgraphFile, "langgraph.json (env)", new Set(env.filter((x): x is string => typeof x === "string")));
    } else if (typeof env === "string") {
      // The file langgraph.json names is what the deployment gets; a missing one (a git-ignored .env in a
      // clean checkout) documents nothing and does not count as a source.
      const envFile = path.resolve(root, env);
      const text = host.readFile(envFile);
      if (text !== undefined)
        add(envFile, `${relative(root, envFile)} (langgraph.json env)`, new Set(dotenvEntries(text).map((e) => e.name)));
    }
  }

  for (const name of ["serverless.yml", "serverless.yaml"]) {
    const file = path.join(root, name);
    const text = host.readFile(file);
    if (text === undefined) continue;
    const found = serverlessEnvNames(text);
    incomplete ||= found.incomplete;
    add(file, name, found.names);
  }

  for (const name of ["template.yaml", "template.yml"]) {
    const file = path.join(root, name);
    const text = host.readFile(file);
    if (text === undefined) continue;
    const found = samEnvNames(text);
    incomplete ||= found.incomplete;
    add(file, name, found.names);
  }

  const names = new Set<string>();
  for (const s of sources) for (const n of s.names) names.add(n);
  return { sources, names, incomplete };
}

/**
 * The example env files of the other packages of the project's monorepo (the workspace root and the
 * folders up to two levels below it, the project's own root excepted), labelled relative to the
 * workspace root: `apps/agent/.env.example`. Empty when the project is not in a monorepo.
 */
export function workspaceEnvExamples(project: ProjectInfo): Array<{ label: string; names: ReadonlySet<string> }> {
  return project.memo("env-docs:workspace-examples", () => {
    const top = workspaceRoot(project);
    if (top === project.root) return [];
    const out: Array<{ label: string; names: ReadonlySet<string> }> = [];
    const visit = (dir: string, depth: number): void => {
      const entries = project.host.readDirectory(dir) ?? [];
      if (path.resolve(dir) !== path.resolve(project.root)) {
        for (const e of entries) {
          if (e.isDirectory || !ENV_EXAMPLES.includes(e.name)) continue;
          const text = project.host.readFile(path.join(dir, e.name));
          if (text !== undefined)
            out.push({ label: relative(top, path.join(dir, e.name)), names: new Set(dotenvEntries(text).map((x) => x.name)) });
        }
      }
      if (depth === 2) return;
      for (const e of entries) {
        if (e.isDirectory && !e.name.startsWith(".") && e.name !== "node_modules") visit(path.join(dir, e.name), depth + 1);
      }
    };
    visit(top, 0);
    return out;
  });
}

/** The dotenv file langgraph.json's `env` names (absolute), when `env` is a string. */
export function langGraphEnvFile(project: ProjectInfo): string | undefined {
  return project.memo("env-docs:langgraph-env-file", () => {
    const text = project.host.readFile(path.join(project.root, "langgraph.json"));
    const env = text === undefined ? undefined : parseJsonObject(text)?.env;
    return typeof env === "string" ? path.resolve(project.root, env) : undefined;
  });
}

// --- source files ---

/**
 * Whether a source file can read or set environment variables at all: every form spells `env`
 * (`process.env`, `import.meta.env`, `const { env } = process`). A cheap per-file pre-check, shared by the
 * env rules, that lets them skip the walk for most files.
 */
export function mentionsEnv(sourceFile: SourceFile): boolean {
  return fileMemo(sourceFile, "env-docs:mentions-env", () => /\benv\b/.test(sourceFile.text));
}

// --- dotenv ---

export interface DotenvEntry {
  name: string;
  /** Offsets of the name. */
  start: number;
  end: number;
  /** The whole line (from its first character to after its line break), value lines included. */
  lineStart: number;
  lineEnd: number;
  /** `# NAME=value`: a commented-out assignment, which documents the name but does not set it. */
  commented: boolean;
}

const ASSIGNMENT = /^([ \t]*)(#[ \t]*)?((?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(=|:[ \t])/;

/** The assignments of a dotenv file, in order, as dotenv reads them (multi-line quoted values included). */
export function dotenvEntries(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  let at = 0;
  while (at < text.length) {
    let lineEnd = lineEndAt(text, at);
    const line = text.slice(at, lineEnd).replace(/\r?\n$/, "");
    const m = ASSIGNMENT.exec(line);
    // `# Note: ...` is prose; only `# NAME=...` is a commented-out assignment.
    if (m && !(m[2] !== undefined && m[5] !== "=")) {
      const start = at + m[1].length + (m[2]?.length ?? 0) + m[3].length;
      const commented = m[2] !== undefined;
      if (!commented) {
        // A quoted value may run over several lines: its lines belong to this entry, not to new keys.
        const value = line.slice(m[0].length).trimStart();
        const quote = value[0];
        if ((quote === '"' || quote === "'" || quote === "`") && !closesOnSameLine(value, quote)) {
          let next = lineEnd;
          while (next < text.length) {
            const end = lineEndAt(text, next);
            const l = text.slice(next, end);
            next = end;
            if (unescapedIndexOf(l, quote) >= 0) break;
          }
          lineEnd = next;
        }
      }
      out.push({ name: m[4], start, end: start + m[4].length, lineStart: at, lineEnd, commented });
    }
    at = lineEnd;
  }
  return out;
}

function lineEndAt(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl < 0 ? text.length : nl + 1;
}

function closesOnSameLine(value: string, quote: string): boolean {
  return unescapedIndexOf(value.slice(1), quote) >= 0;
}

function unescapedIndexOf(s: string, quote: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === quote) return i;
  }
  return -1;
}

// --- YAML (serverless.yml, SAM template.yaml) ---

/** CloudFormation's short-form intrinsic functions; each may tag a scalar, a sequence or a map. */
const CLOUDFORMATION_FUNCTIONS = [
  "And",
  "Base64",
  "Cidr",
  "Condition",
  "Equals",
  "FindInMap",
  "GetAtt",
  "GetAZs",
  "If",
  "ImportValue",
  "Join",
  "Length",
  "Not",
  "Or",
  "Ref",
  "Select",
  "Split",
  "Sub",
  "ToJsonString",
  "Transform",
];

const CLOUDFORMATION_TAGS: Tags = CLOUDFORMATION_FUNCTIONS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: "seq" as const, nodeClass: YAMLSeq },
  { tag: `!${name}`, collection: "map" as const, nodeClass: YAMLMap },
]);

/** Parses a YAML file with source ranges, accepting CloudFormation tags. Never throws; check `errors`. */
export function parseCloudYaml(text: string): Document.Parsed {
  return parseDocument(text, { customTags: CLOUDFORMATION_TAGS, keepSourceTokens: false, prettyErrors: false, uniqueKeys: false });
}

/** The node at `keys` below `node` (maps only; `<<` merges are followed), or undefined. */
export function yamlGet(doc: Document.Parsed, node: unknown, ...keys: string[]): YamlNode | undefined {
  let cur: unknown = node;
  for (const key of keys) {
    cur = resolveAlias(doc, cur);
    if (!isMap(cur)) return undefined;
    cur = yamlMapEntries(doc, cur).find((e) => e.key === key)?.value;
  }
  return resolveAlias(doc, cur) as YamlNode | undefined;
}

export interface YamlEntry {
  key: string;
  keyNode: YamlNode;
  value: YamlNode | undefined;
}

/** The scalar-keyed entries of a map, with `<<: *anchor` merges expanded (merged keys keep their own nodes). */
export function yamlMapEntries(doc: Document.Parsed, map: YAMLMap, depth = 0): YamlEntry[] {
  const out: YamlEntry[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const value = (pair.value ?? undefined) as YamlNode | undefined;
    if (key === "<<" && depth < 8) {
      const merged = resolveAlias(doc, value);
      const maps = isMap(merged) ? [merged] : merged instanceof YAMLSeq ? merged.items.map((i) => resolveAlias(doc, i)).filter(isMap) : [];
      for (const m of maps) out.push(...yamlMapEntries(doc, m as YAMLMap, depth + 1));
      continue;
    }
    out.push({ key, keyNode: pair.key as YamlNode, value });
  }
  return out;
}

function resolveAlias(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

interface FoundNames {
  names: Set<string>;
  incomplete: boolean;
}

/** Keys of an `environment`/`Variables` node; a node that is not a plain map makes the result incomplete. */
function collectKeys(doc: Document.Parsed, node: YamlNode | undefined, into: FoundNames): void {
  if (node === undefined || (isScalar(node) && (node.value === null || node.value === undefined))) return;
  if (!isMap(node)) {
    into.incomplete = true;
    return;
  }
  for (const e of yamlMapEntries(doc, node)) into.names.add(e.key);
}

function serverlessEnvNames(text: string): FoundNames {
  const found: FoundNames = { names: new Set(), incomplete: false };
  const doc = parseCloudYaml(text);
  if (doc.errors.length > 0) return { names: found.names, incomplete: true };
  collectKeys(doc, yamlGet(doc, doc.contents, "provider", "environment"), found);
  const functions = yamlGet(doc, doc.contents, "functions");
  if (isMap(functions)) {
    for (const fn of yamlMapEntries(doc, functions)) collectKeys(doc, yamlGet(doc, fn.value, "environment"), found);
  } else if (functions !== undefined && !(isScalar(functions) && functions.value == null)) {
    found.incomplete = true; // `functions: ${file(./functions.yml)}`
  }
  return found;
}

function samEnvNames(text: string): FoundNames {
  const found: FoundNames = { names: new Set(), incomplete: false };
  const doc = parseCloudYaml(text);
  if (doc.errors.length > 0) return { names: found.names, incomplete: true };
  collectKeys(doc, yamlGet(doc, doc.contents, "Globals", "Function", "Environment", "Variables"), found);
  const resources = yamlGet(doc, doc.contents, "Resources");
  if (isMap(resources)) {
    for (const r of yamlMapEntries(doc, resources))
      collectKeys(doc, yamlGet(doc, r.value, "Properties", "Environment", "Variables"), found);
  }
  return found;
}

// --- helpers ---

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}
