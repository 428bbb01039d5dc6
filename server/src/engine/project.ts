// The project model: for any file, its project root (nearest langgraph.json, else package.json),
// the root's target, config, bundler and env-example facts, and the file's module kind.
// Facts are computed once per folder and cached until invalidate() is told a relevant file changed.
import fs = require("node:fs");
import path = require("node:path");
import type {
  DeployUnit,
  EnvExampleFile,
  FileKind,
  ModuleKind,
  ProjectHost,
  ProjectFiles,
  ProjectInfo,
  Role,
  Rule,
  Target,
} from "../../../rules/api/types";
import { DeployModel } from "./units/deployModel";
import { exportsLambdaHandler, mayExportLambdaHandler } from "./lambdaHandler";
import { fileKindOf, parse } from "./parse";
import { readBounded, readBoundedText } from "./boundedRead";
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, unreadableConfig, type LoadedConfig } from "./config";
import { detached } from "../../../rules/semantic/detach";
import { createIgnore, type IgnoreMatcher } from "../../../rules/semantic/ignoreMatcher";
import { parseUserJsonObject, type LooseJson } from "./json";
import { walkFiles, type WalkSource } from "./projectFiles";

export interface Project {
  info: ProjectInfo;
  config: LoadedConfig;
}

const LAMBDA_MARKERS = ["serverless.yml", "serverless.yaml", "template.yaml", "template.yml", "cdk.json"];
const BUNDLER_CONFIGS = /^(esbuild|webpack|rollup|tsup|vite|rspack|parcel)\.config\.[cm]?[jt]s$|^\.parcelrc$/;
const BUNDLER_SCRIPT = /\b(esbuild|webpack|rollup|tsup|vite build|rspack|ncc build|bun build|parcel build)\b/;
const ENV_EXAMPLES = [".env.example", ".env.sample", ".env.template"];
/** ProjectInfo.files() lists at most this many: a fact over every file must stay bounded on a huge tree. */
const MAX_PROJECT_FILES = 5_000;

/** Files whose change invalidates cached project facts. */
export function isProjectFile(fileName: string): boolean {
  const base = path.basename(fileName);
  return (
    base === "package.json" ||
    base === "langgraph.json" ||
    base === CONFIG_FILE_NAME ||
    base.startsWith("tsconfig") ||
    LAMBDA_MARKERS.includes(base) ||
    ENV_EXAMPLES.includes(base) ||
    base === "Dockerfile" ||
    base === ".env" ||
    base.startsWith(".env.") ||
    BUNDLER_CONFIGS.test(base)
  );
}

/** A project fact and the files whose text it was computed from. */
interface Fact {
  value: unknown;
  reads: Set<string>;
}

/** Where a file runs, as every consumer (lint, explain, report, status) sees it. */
export interface FileFacts {
  role: Role;
  why: string;
  target: Target;
  unit?: DeployUnit;
}

/** Files whose presence marks a folder as part of a repository's tree, for finding its root without .git. */
const REPO_MARKERS = [
  "package.json",
  "langgraph.json",
  "cdk.json",
  "pnpm-workspace.yaml",
  "turbo.json",
  "lerna.json",
  "nx.json",
  "serverless.yml",
  "template.yaml",
];

export class ProjectModel {
  private readonly deployModels = new Map<string, DeployModel>();
  private readonly repoRootOfDir = new Map<string, string>();
  private readonly roleMatchers = new WeakMap<object, IgnoreMatcher>();
  /** The files read by each project fact now being computed (innermost last; facts can nest). */
  private readonly reading: Array<Set<string>> = [];
  /** Per project root, its facts (ProjectInfo.memo). */
  private readonly facts = new Map<string, Map<string, Fact>>();
  private readonly rootOfDir = new Map<string, string>();
  private readonly projects = new Map<string, Project>();
  private readonly packageTypeOfDir = new Map<string, ModuleKind>();
  private readonly dirListings = new Map<string, Array<{ name: string; isDirectory: boolean }> | undefined>();
  /** name -> isDirectory per folder: existence checks are map lookups, even in a folder of thousands. */
  private readonly dirIndexes = new Map<string, Map<string, boolean> | undefined>();
  /** Folders reached through a symbolic link, seen while listing their parents. */
  private readonly symlinkedFolders = new Set<string>();
  readonly host: ProjectHost;
  /**
   * Every file read and folder listed through the host, in the order first seen: what findings may
   * depend on besides a file's own text (the scan cache checks them before trusting any entry).
   * (A folder is listed once: dirListings caches it, so dirList has no repeats.)
   */
  private readonly inputs = { files: new Set<string>(), dirs: new Set<string>(), fileList: [] as string[], dirList: [] as string[] };

  constructor(
    private readonly rules: ReadonlyMap<string, Rule>,
    /** The editor's unsaved buffers (the server's open documents), read before the disk. */
    private readonly overlay: (file: string) => string | undefined = () => undefined,
  ) {
    this.host = {
      readFile: (file) => this.readText(file),
      fileExists: (file) => this.fileExists(file),
      readDirectory: (dir) => this.readDirectory(dir),
    };
  }

  /**
   * A file's text: the open buffer, else the disk. Existence is checked in the cached folder listing
   * first, so the many "is there a package.json here?" questions cost no failed reads.
   */
  private readText(file: string): string | undefined {
    // A project fact being computed depends on every file it reads (see forgetFactsThatRead).
    if (this.reading.length > 0) this.reading[this.reading.length - 1].add(file);
    if (!this.inputs.files.has(file)) {
      this.inputs.files.add(file);
      this.inputs.fileList.push(file);
    }
    const open = this.overlay(file);
    if (open !== undefined) return open;
    return this.host.fileExists(file) ? readIfExists(file) : undefined;
  }

  private has(dir: string, name: string): boolean {
    return this.host.fileExists(path.join(dir, name));
  }

  /** The files read and folders listed so far (see `inputs`); `since` skips the first ones, as counts. */
  observedInputs(since = { files: 0, dirs: 0 }): { files: string[]; dirs: string[] } {
    return { files: this.inputs.fileList.slice(since.files), dirs: this.inputs.dirList.slice(since.dirs) };
  }

  /**
   * Forgets the project facts computed from `file`'s text (for example which entry points the project's
   * tests run concurrently, read from every test file), so an unsaved edit of that file reaches the
   * lint of other files. Returns whether any fact was forgotten.
   */
  forgetFactsThatRead(file: string): boolean {
    const abs = path.resolve(file);
    let forgot = false;
    for (const facts of this.facts.values()) {
      for (const [key, fact] of facts) {
        if (fact.reads.has(abs) || fact.reads.has(file)) {
          facts.delete(key);
          forgot = true;
        }
      }
    }
    return forgot;
  }

  /** Forgets every cached fact; called when a project file, or any file's existence, changes. */
  invalidate(): void {
    this.deployModels.clear();
    this.repoRootOfDir.clear();
    this.facts.clear();
    this.rootOfDir.clear();
    this.projects.clear();
    this.packageTypeOfDir.clear();
    this.dirListings.clear();
    this.dirIndexes.clear();
    this.symlinkedFolders.clear();
  }

  private dirIndex(dir: string): Map<string, boolean> | undefined {
    if (this.dirIndexes.has(dir)) return this.dirIndexes.get(dir);
    const listing = this.listDirectory(dir);
    const index = listing && new Map(listing.map((e) => [e.name, e.isDirectory]));
    this.dirIndexes.set(dir, index);
    return index;
  }

  /**
   * Whether a file exists, from the folder's cached listing. What the answer rests on is that one name,
   * not the whole listing: the file is recorded as an input (missing, or its signature), so a file
   * created elsewhere in the folder (a temp folder, the parent of a repository) keeps the scan cache.
   */
  private fileExists(file: string): boolean {
    if (!this.inputs.files.has(file)) {
      this.inputs.files.add(file);
      this.inputs.fileList.push(file);
    }
    return this.dirIndex(path.dirname(file))?.get(path.basename(file)) === false;
  }

  /** A folder's names, as a rule asked for them: the listing itself is an input. */
  private readDirectory(dir: string): Array<{ name: string; isDirectory: boolean }> | undefined {
    if (!this.inputs.dirs.has(dir)) {
      this.inputs.dirs.add(dir);
      this.inputs.dirList.push(dir);
    }
    return this.listDirectory(dir);
  }

  /**
   * A project's files through the host (unsaved buffers count, every folder listed is an input), by the
   * walk the scan uses, so a project fact reads the files a scan of the project would lint.
   */
  private projectFiles(root: string, config: LoadedConfig): ProjectFiles {
    const globs = config.ignore.length ? createIgnore().add(config.ignore) : undefined;
    const source: WalkSource = {
      list: (dir) =>
        this.readDirectory(dir)?.map((e) => ({
          name: e.name,
          kind: !e.isDirectory ? "file" : this.symlinkedFolders.has(path.join(dir, e.name)) ? "other" : "folder",
        })),
      readText: (file) => this.readText(file),
      exists: (file) => this.entryExists(file),
    };
    const ignored = (file: string) => {
      const rel = path.relative(root, file).split(path.sep).join("/");
      return !!globs && globs.ignores(rel);
    };
    const { files, truncated } = walkFiles(root, source, { ignored, maxFiles: MAX_PROJECT_FILES });
    return { paths: files, complete: !truncated };
  }

  /** Whether a file or folder exists; like fileExists, the name asked about is the input. */
  private entryExists(file: string): boolean {
    if (!this.inputs.files.has(file)) {
      this.inputs.files.add(file);
      this.inputs.fileList.push(file);
    }
    return this.dirIndex(path.dirname(file))?.has(path.basename(file)) ?? false;
  }

  private listDirectory(dir: string): Array<{ name: string; isDirectory: boolean }> | undefined {
    if (this.dirListings.has(dir)) return this.dirListings.get(dir);
    let listing: Array<{ name: string; isDirectory: boolean }> | undefined;
    try {
      listing = fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
        const full = path.join(dir, e.name);
        const linkedFolder = e.isSymbolicLink() && isDirectory(full);
        // Rules may look through a linked folder; the project walk must not enter one (a loop).
        if (linkedFolder) this.symlinkedFolders.add(full);
        return { name: e.name, isDirectory: e.isDirectory() || linkedFolder };
      });
    } catch {
      listing = undefined;
    }
    this.dirListings.set(dir, listing);
    return listing;
  }

  /**
   * The repository a folder belongs to: the nearest ancestor holding .git; without one, the outermost
   * ancestor reached through folders with project files (package.json, langgraph.json, cdk.json...),
   * allowing two plain folders in between (a monorepo's packages/ and apps/ folders).
   */
  repositoryRootFor(dir: string): string {
    const cached = this.repoRootOfDir.get(dir);
    if (cached) return cached;
    let outermost: string | undefined;
    let gap = 0;
    let result: string | undefined;
    for (let d = dir; ; d = path.dirname(d)) {
      if (this.dirIndex(d)?.has(".git")) {
        result = d;
        break;
      }
      if (REPO_MARKERS.some((m) => this.has(d, m))) {
        outermost = d;
        gap = 0;
      } else if (outermost !== undefined && ++gap > 2) break;
      if (path.dirname(d) === d) break;
    }
    result ??= outermost ?? dir;
    this.repoRootOfDir.set(dir, result);
    return result;
  }

  /** The deploy model (units, import graph, roles) of a file's repository, built on first use. */
  deployModelFor(fileName: string): DeployModel {
    const repo = this.repositoryRootFor(path.dirname(path.resolve(fileName)));
    let model = this.deployModels.get(repo);
    if (!model) {
      model = new DeployModel(repo, this.host, (f) => this.projectFor(f).info);
      this.deployModels.set(repo, model);
    }
    return model;
  }

  /**
   * A file's role (with the evidence), unit and target. Config `roles` globs win over detection; the
   * target is the CLI's or config's when set, else the unit's, else the project root's.
   */
  fileFacts(
    fileName: string,
    text: string,
    targetOverride?: Target,
    kind: FileKind = "source",
    exportsLambdaHandler?: () => boolean,
  ): FileFacts {
    const abs = path.resolve(fileName);
    const project = this.projectFor(abs);
    const model = this.deployModelFor(abs);
    model.noteText(abs, text);
    const place =
      kind === "source"
        ? model.place(abs, text, this.roleOverride(project, abs))
        : { ...model.place(abs, "", { role: "server", why: "deploy configuration" }) };
    let target = targetOverride ?? project.config.target ?? place.unit?.target ?? project.info.target;
    // A container (or unit-less) file that exports a Lambda handler runs on Lambda: a container image for
    // Lambda, or a function deployed by a tool we do not read.
    const decided =
      targetOverride ??
      project.config.target ??
      (place.unit && place.unit.kind !== "node" && place.unit.kind !== "docker" ? place.unit.target : undefined);
    if (!decided && target === "container" && exportsLambdaHandler?.()) target = "lambda";
    return { role: place.role, why: place.why, unit: place.unit, target };
  }

  /** fileFacts for a file on disk (or in an editor buffer), for reports and explanations. */
  factsOfFile(fileName: string, targetOverride?: Target): FileFacts & { kind: FileKind } {
    const abs = path.resolve(fileName);
    const kind = fileKindOf(abs) ?? "source";
    const text = this.host.readFile(abs) ?? "";
    const facts = this.fileFacts(
      abs,
      text,
      targetOverride,
      kind,
      () => kind === "source" && mayExportLambdaHandler(text) && exportsLambdaHandler(parse(abs, text)),
    );
    return { ...facts, kind };
  }

  private roleOverride(project: Project, abs: string): { role: Role; why: string } | undefined {
    const roles = project.config.roles;
    if (roles.length === 0) return undefined;
    const base = path.dirname(project.config.file ?? path.join(project.info.root, CONFIG_FILE_NAME));
    const rel = path.relative(base, abs).split(path.sep).join("/");
    if (!rel || rel.startsWith("..")) return undefined;
    // The last matching glob wins, as in .gitignore.
    for (let i = roles.length - 1; i >= 0; i--) {
      let m = this.roleMatchers.get(roles[i]);
      if (!m) this.roleMatchers.set(roles[i], (m = createIgnore().add(roles[i].glob)));
      if (m.ignores(rel)) return { role: roles[i].role, why: `config "roles": "${roles[i].glob}"` };
    }
    return undefined;
  }

  projectFor(fileName: string): Project {
    return this.project(this.rootFor(path.dirname(path.resolve(fileName))));
  }

  /** Nearest ancestor with langgraph.json; else nearest with package.json; else the file's folder. */
  rootFor(dir: string): string {
    const cached = this.rootOfDir.get(dir);
    if (cached) return cached;
    let nearestPackage: string | undefined;
    let root: string | undefined;
    for (let d = dir; ; d = path.dirname(d)) {
      if (this.has(d, "langgraph.json")) {
        root = d;
        break;
      }
      if (!nearestPackage && this.has(d, "package.json")) nearestPackage = d;
      if (path.dirname(d) === d) break;
    }
    const result = root ?? nearestPackage ?? dir;
    this.rootOfDir.set(dir, result);
    return result;
  }

  project(root: string): Project {
    let p = this.projects.get(root);
    if (!p) {
      p = this.load(root);
      this.projects.set(root, p);
    }
    return p;
  }

  moduleKindOf(fileName: string): ModuleKind {
    const ext = path.extname(fileName).toLowerCase();
    if (ext === ".mts" || ext === ".mjs") return "esm";
    if (ext === ".cts" || ext === ".cjs") return "cjs";
    return this.packageType(path.dirname(path.resolve(fileName)));
  }

  private packageType(dir: string): ModuleKind {
    const cached = this.packageTypeOfDir.get(dir);
    if (cached) return cached;
    let kind: ModuleKind = "cjs";
    const pkgText = this.readText(path.join(dir, "package.json"));
    if (pkgText !== undefined) {
      kind = parseUserJsonObject(pkgText)?.type === "module" ? "esm" : "cjs";
    } else if (path.dirname(dir) !== dir) {
      kind = this.packageType(path.dirname(dir));
    }
    this.packageTypeOfDir.set(dir, kind);
    return kind;
  }

  private load(root: string): Project {
    const config = this.loadConfig(root);
    const pkg = parseUserJsonObject(this.readText(path.join(root, "package.json")) ?? "");
    const memos = new Map<string, Fact>();
    this.facts.set(root, memos);
    const reading = this.reading;
    const info: ProjectInfo = {
      root,
      target: config.target ?? detectTarget((name) => this.has(root, name)),
      hasBundler: detectBundler(this.host.readDirectory(root) ?? [], pkg, (f) => this.readText(f), root),
      envExample: this.loadEnvExample(root),
      host: this.host,
      files: () => info.memo("project:files", () => this.projectFiles(root, config)),
      memo<T>(key: string, compute: () => T): T {
        let fact = memos.get(key);
        if (!fact) {
          const reads = new Set<string>();
          reading.push(reads);
          try {
            fact = { value: compute(), reads };
          } finally {
            reading.pop();
          }
          // Keys are often built from an import specifier: a slice of the whole importing file's text.
          memos.set(detached(key), fact);
        }
        // A fact used while computing another (computed now or earlier): what it read, that one read too.
        if (reading.length > 0 && fact.reads.size > 0) for (const f of fact.reads) reading[reading.length - 1].add(f);
        return fact.value as T;
      },
    };
    return { info, config };
  }

  private loadConfig(root: string): LoadedConfig {
    const configFile = path.join(root, CONFIG_FILE_NAME);
    const text = this.readText(configFile);
    if (text !== undefined) return parseConfig(configFile, text, this.rules);
    const refused = this.overlay(configFile) === undefined ? readBounded(configFile) : undefined;
    if (refused && "refused" in refused) return unreadableConfig(configFile, refused.refused);
    const pkgFile = path.join(root, "package.json");
    const pkgText = this.readText(pkgFile);
    if (pkgText !== undefined && /"deploygap"\s*:/.test(pkgText)) return parseConfig(pkgFile, pkgText, this.rules, "deploygap");
    return EMPTY_CONFIG;
  }

  private loadEnvExample(root: string): EnvExampleFile | undefined {
    for (const name of ENV_EXAMPLES) {
      const file = path.join(root, name);
      const text = this.readText(file);
      if (text === undefined) continue;
      const names = new Set<string>();
      for (const line of text.split(/\r?\n/)) {
        const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
        if (m) names.add(m[1]);
      }
      return { file, names, length: text.length, endsWithNewline: text.length === 0 || text.endsWith("\n") };
    }
    return undefined;
  }
}

function detectTarget(has: (name: string) => boolean): Target {
  if (has("langgraph.json")) return "langgraph";
  if (LAMBDA_MARKERS.some(has)) return "lambda";
  return "container";
}

function detectBundler(
  entries: ReadonlyArray<{ name: string }>,
  pkg: Record<string, LooseJson> | undefined,
  readText: (f: string) => string | undefined,
  root: string,
): boolean {
  if (entries.some((e) => BUNDLER_CONFIGS.test(e.name))) return true;
  const scripts = pkg?.scripts;
  if (scripts && typeof scripts === "object") {
    for (const s of Object.values(scripts)) if (typeof s === "string" && BUNDLER_SCRIPT.test(s)) return true;
  }
  const tsconfig = readText(path.join(root, "tsconfig.json"));
  return tsconfig !== undefined && /"moduleResolution"\s*:\s*"bundler"/i.test(tsconfig);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A project file's text: regular files only, capped before reading (see boundedRead.ts). */
export function readIfExists(file: string): string | undefined {
  return readBoundedText(file);
}
