// The build setup that governs a source file: the nearest tsconfig.json inside its project (with its
// `extends` chain merged as TypeScript merges it) and whether a bundler builds the code. The import
// and path rules use it to resolve `paths`/`baseUrl` aliases, to know where tsc emits a file, and to
// stay quiet where a bundler (not plain Node) resolves imports. Read through the project host and
// memoised per project, so each tsconfig is parsed once per project however many files ask.
import path = require("node:path");
import ts = require("typescript");
import type { FileInfo, ProjectInfo } from "../api/types";

/** One `paths` entry: `prefix*suffix` (or an exact pattern) mapped to absolute substitution patterns. */
export interface PathMapping {
  pattern: string;
  prefix: string;
  suffix: string;
  wildcard: boolean;
  /** Absolute paths, each possibly holding one `*`. */
  substitutions: string[];
}

export interface TsConfigFacts {
  /** Absolute path of the tsconfig.json that governs the file; undefined when the project has none. */
  file?: string;
  /** Absolute `baseUrl`, when set. */
  baseUrl?: string;
  paths: PathMapping[];
  /** `moduleResolution`, lower-cased, with TypeScript's default for `module` when unset. */
  moduleResolution?: string;
  /** `module`, lower-cased. */
  module?: string;
  allowJs: boolean;
  esModuleInterop: boolean;
  verbatimModuleSyntax: boolean;
  /** Absolute `rootDir` / `outDir`, when set. */
  rootDir?: string;
  outDir?: string;
  /** `include` of the nearest config in the chain that sets it (used to infer the root folder). */
  include?: string[];
  /** `exclude` and `files` of the nearest config in the chain that sets each (relative to that config). */
  exclude?: string[];
  files?: string[];
  /** The folder the nearest `include`/`exclude`/`files` are relative to. */
  patternsBase?: string;
}

const NONE: TsConfigFacts = { paths: [], allowJs: false, esModuleInterop: false, verbatimModuleSyntax: false };

/** The tsconfig facts for a source file: nearest tsconfig.json from its folder up to the project root. */
export function tsconfigFor(file: Pick<FileInfo, "fileName" | "project">): TsConfigFacts {
  const { project } = file;
  const found = nearestTsconfig(project, path.dirname(path.resolve(file.fileName)));
  return found ? loadTsconfig(project, found) : NONE;
}

function nearestTsconfig(project: ProjectInfo, dir: string): string | undefined {
  return project.memo(`tsconfig:dir:${dir}`, () => {
    const candidate = path.join(dir, "tsconfig.json");
    if (project.host.fileExists(candidate)) return candidate;
    // Stop at the project root: a tsconfig above it is not deployed with the project, so its
    // `paths` do not exist where the code runs.
    const rel = path.relative(project.root, dir);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    return nearestTsconfig(project, path.dirname(dir));
  });
}

/** Options as written in one config file, with relative paths already made absolute against that file. */
interface RawOptions {
  baseUrl?: string;
  paths?: { base: string; map: Record<string, unknown> };
  moduleResolution?: string;
  module?: string;
  allowJs?: boolean;
  esModuleInterop?: boolean;
  verbatimModuleSyntax?: boolean;
  rootDir?: string;
  outDir?: string;
  include?: string[];
  exclude?: string[];
  files?: string[];
  patternsBase?: string;
}

export function loadTsconfig(project: ProjectInfo, configFile: string): TsConfigFacts {
  return project.memo(`tsconfig:file:${configFile}`, () => {
    const merged = readChain(project, configFile, new Set());
    const moduleName = merged.module?.toLowerCase();
    const pathsBase = merged.baseUrl ?? merged.paths?.base;
    return {
      file: configFile,
      baseUrl: merged.baseUrl,
      paths: merged.paths && pathsBase ? toMappings(merged.paths.map, pathsBase) : [],
      moduleResolution: merged.moduleResolution?.toLowerCase() ?? defaultModuleResolution(moduleName),
      module: moduleName,
      allowJs: merged.allowJs ?? false,
      // module node16/nodenext imply esModuleInterop, as tsc does.
      esModuleInterop:
        merged.esModuleInterop ??
        (moduleName === "node16" || moduleName === "nodenext" || moduleName === "node18" || moduleName === "node20"),
      verbatimModuleSyntax: merged.verbatimModuleSyntax ?? false,
      rootDir: merged.rootDir,
      outDir: merged.outDir,
      include: merged.include,
      exclude: merged.exclude,
      files: merged.files,
      patternsBase: merged.patternsBase,
    };
  });
}

/**
 * Whether the governing tsconfig type-checks the file: listed in `files`, or matched by `include`
 * (default every file) and not by `exclude`. False when no tsconfig governs the file. Patterns as
 * TypeScript reads them: `*` and `?` within a segment, `**` across folders, a name without a
 * wildcard a file or a folder with everything under it.
 */
export function tsconfigCovers(facts: TsConfigFacts, fileName: string): boolean {
  if (!facts.file) return false;
  const base = facts.patternsBase ?? path.dirname(facts.file);
  const rel = path.relative(base, path.resolve(fileName)).split(path.sep).join("/");
  if (facts.files?.some((f) => path.posix.normalize(f).replace(/^\.\//, "") === rel)) return true;
  if (rel.startsWith("../")) return false;
  const include = facts.include ?? (facts.files ? [] : ["**/*"]);
  if (!include.some((p) => globMatches(p, rel))) return false;
  const exclude = facts.exclude ?? ["node_modules", "bower_components", "jspm_packages"];
  return !exclude.some((p) => globMatches(p, rel));
}

function globMatches(pattern: string, rel: string): boolean {
  const p = path.posix.normalize(pattern.replace(/\\/g, "/")).replace(/^\.\//, "").replace(/\/$/, "");
  if (p === "." || p === "") return true;
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "*" && p[i + 1] === "*" && (p[i + 2] === "/" || i + 2 === p.length)) {
      re += "(?:.*/)?";
      i += 2;
      if (i >= p.length) re += ".*";
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  // A pattern is also a folder: everything under it matches.
  return new RegExp(`^${re}(?:/.*)?$`).test(rel);
}

function defaultModuleResolution(module: string | undefined): string | undefined {
  if (!module) return undefined;
  if (module === "node16" || module === "node18" || module === "node20" || module === "nodenext")
    return module === "nodenext" ? "nodenext" : "node16";
  if (module === "preserve") return "bundler";
  if (module === "commonjs") return "node10";
  return undefined;
}

/** Reads a config and its `extends` chain; later (child) settings override earlier (base) ones. */
function readChain(project: ProjectInfo, configFile: string, seen: Set<string>): RawOptions {
  if (seen.has(configFile) || seen.size > 16) return {};
  seen.add(configFile);
  const text = project.host.readFile(configFile);
  if (text === undefined) return {};
  const parsed = ts.parseConfigFileTextToJson(configFile, text);
  const json = parsed.config as Record<string, unknown> | undefined;
  if (!json || typeof json !== "object") return {};
  const dir = path.dirname(configFile);
  let result: RawOptions = {};
  const ext = json.extends;
  const bases = typeof ext === "string" ? [ext] : Array.isArray(ext) ? ext.filter((e): e is string => typeof e === "string") : [];
  for (const base of bases) {
    const baseFile = resolveExtends(project, dir, base);
    if (baseFile) result = { ...result, ...definedOnly(readChain(project, baseFile, seen)) };
  }
  return { ...result, ...definedOnly(ownOptions(json, dir)) };
}

function ownOptions(json: Record<string, unknown>, dir: string): RawOptions {
  const co = (json.compilerOptions ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const bool = (v: unknown) => (typeof v === "boolean" ? v : undefined);
  const abs = (v: unknown) => (typeof v === "string" ? path.resolve(dir, v) : undefined);
  return {
    baseUrl: abs(co.baseUrl),
    // `paths` without `baseUrl` are relative to the config file that declares them (TypeScript 4.1+).
    paths: co.paths && typeof co.paths === "object" ? { base: dir, map: co.paths as Record<string, unknown> } : undefined,
    moduleResolution: str(co.moduleResolution),
    module: str(co.module),
    allowJs: bool(co.allowJs),
    esModuleInterop: bool(co.esModuleInterop),
    verbatimModuleSyntax: bool(co.verbatimModuleSyntax),
    rootDir: abs(co.rootDir),
    outDir: abs(co.outDir),
    include: strings(json.include),
    exclude: strings(json.exclude),
    files: strings(json.files),
    patternsBase: Array.isArray(json.include) || Array.isArray(json.exclude) || Array.isArray(json.files) ? dir : undefined,
  };
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((i): i is string => typeof i === "string") : undefined;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `extends`: a relative/absolute file (`.json` optional) or a package (`@tsconfig/node20/tsconfig.json`). */
function resolveExtends(project: ProjectInfo, dir: string, spec: string): string | undefined {
  const host = project.host;
  const asFile = (p: string) => [p, `${p}.json`, path.join(p, "tsconfig.json")].find((f) => host.fileExists(f));
  if (spec.startsWith(".") || path.isAbsolute(spec)) return asFile(path.resolve(dir, spec));
  for (let d = dir; ; d = path.dirname(d)) {
    const hit = asFile(path.join(d, "node_modules", spec));
    if (hit) return hit;
    if (path.dirname(d) === d) return undefined;
  }
}

function toMappings(map: Record<string, unknown>, base: string): PathMapping[] {
  const out: PathMapping[] = [];
  for (const [pattern, subs] of Object.entries(map)) {
    if (!Array.isArray(subs)) continue;
    const star = pattern.indexOf("*");
    out.push({
      pattern,
      prefix: star < 0 ? pattern : pattern.slice(0, star),
      suffix: star < 0 ? "" : pattern.slice(star + 1),
      wildcard: star >= 0,
      substitutions: subs.filter((s): s is string => typeof s === "string").map((s) => path.resolve(base, s)),
    });
  }
  // TypeScript picks the pattern with the longest prefix; exact patterns win over wildcards.
  return out.sort((a, b) => Number(a.wildcard) - Number(b.wildcard) || b.prefix.length - a.prefix.length);
}

/** The substitution paths (absolute, without extension probing) a `paths` pattern maps `specifier` to. */
export function mapPaths(facts: TsConfigFacts, specifier: string): { mapping: PathMapping; candidates: string[] } | undefined {
  for (const m of facts.paths) {
    if (!m.wildcard) {
      if (specifier === m.pattern) return { mapping: m, candidates: m.substitutions };
      continue;
    }
    if (specifier.length >= m.prefix.length + m.suffix.length && specifier.startsWith(m.prefix) && specifier.endsWith(m.suffix)) {
      const star = specifier.slice(m.prefix.length, specifier.length - m.suffix.length);
      return { mapping: m, candidates: m.substitutions.map((s) => s.replace("*", star)) };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Bundling: a bundler resolves imports itself (extensionless, directories, files outside the root).

const SERVERLESS_BUNDLER_PLUGIN = /\bserverless-(esbuild|webpack|bundle)\b/;
const SAM_ESBUILD = /\bBuildMethod\s*:\s*["']?esbuild\b/;

/**
 * True when a bundler builds the file's project: the engine's detection (bundler config or build
 * script), a tsconfig with `moduleResolution: bundler` / `module: preserve`, a serverless.yml with a
 * bundling plugin, a SAM template with `BuildMethod: esbuild`, or a CDK app around the project
 * (`NodejsFunction` bundles with esbuild).
 */
export function isBundled(file: Pick<FileInfo, "fileName" | "project">): boolean {
  if (file.project.hasBundler) return true;
  const facts = tsconfigFor(file);
  if (facts.moduleResolution === "bundler" || facts.module === "preserve") return true;
  return deployToolBundles(file.project);
}

function deployToolBundles(project: ProjectInfo): boolean {
  return project.memo("tsconfig:deploy-bundler", () => {
    const host = project.host;
    const read = (name: string) => host.readFile(path.join(project.root, name));
    const serverless = read("serverless.yml") ?? read("serverless.yaml");
    if (serverless && SERVERLESS_BUNDLER_PLUGIN.test(serverless)) return true;
    const sam = read("template.yaml") ?? read("template.yml");
    if (sam && SAM_ESBUILD.test(sam)) return true;
    for (let d = project.root; ; d = path.dirname(d)) {
      if (host.fileExists(path.join(d, "cdk.json"))) return true;
      if (path.dirname(d) === d) return false;
    }
  });
}

/**
 * Where tsc emits a TypeScript source file's JavaScript, when the project compiles with an `outDir`
 * (`rootDir` as set, else the single folder all `include` patterns start with, else the tsconfig's
 * folder). Undefined when tsc does not move the file.
 */
export function emittedDir(file: Pick<FileInfo, "fileName" | "project">): string | undefined {
  const facts = tsconfigFor(file);
  if (!facts.outDir || !facts.file) return undefined;
  const fileName = path.resolve(file.fileName);
  if (/\.[cm]?jsx?$/.test(fileName) && !facts.allowJs) return undefined;
  const rootDir = facts.rootDir ?? inferredRootDir(facts);
  const rel = path.relative(rootDir, path.dirname(fileName));
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return path.join(facts.outDir, rel);
}

function inferredRootDir(facts: TsConfigFacts): string {
  const configDir = path.dirname(facts.file!);
  const firsts = new Set((facts.include ?? []).map((i) => i.replace(/^\.\//, "").split("/")[0]));
  if (firsts.size === 1) {
    const only = [...firsts][0];
    if (only && !only.includes("*")) return path.join(configDir, only);
  }
  return configDir;
}
