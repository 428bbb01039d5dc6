// The deploy model of one repository: its deploy units (found from their config files), the import
// graph from each unit's entries, and so every file's unit and role with the evidence for it
// (RULES.md "Deploy units and file roles"). Built on first use per repository and dropped with the
// project model's facts; per-file import lists come from TypeScript's scanner (no parse).
import path = require("node:path");
import ts = require("typescript");
import type { DeployUnit, ProjectHost, ProjectInfo, Role } from "../../../../rules/api/types";
import { resolveImport } from "../../../../rules/semantic/resolve";
import { bundlerOf, detectAll, type DetectContext, type PackageJson } from "./detectors";
import { browserEvidence, generatedEvidence, nextServerConvention, scriptEvidence, testEvidence } from "./evidence";
import { findSourceOrOrigin, scriptEntry } from "./entries";
import { findMarkers, GENERATED_DIRS } from "./markers";
import type { FilePlace } from "./types";
import { parseUserJson, type LooseJson } from "../json";

const SOURCE_FILE = /\.([cm]?[jt]sx?)$/;
/** Unit kinds whose listed entries are the only code that runs: what they do not reach is not deployed. */
const ENTRY_COMPLETE = new Set(["langgraph", "serverless", "sam", "cdk", "workers", "mastra", "node", "docker"]);
/** How many files one repository's import graph follows; past it, reachability is not used. */
const MAX_GRAPH_FILES = 20_000;

/** Precedence when several units share a root: the first kind decides target and bundler. */
const KIND_ORDER = [
  "langgraph",
  "serverless",
  "sam",
  "cdk",
  "workers",
  "next",
  "mastra",
  "vercel",
  "docker",
  "compose",
  "node",
  "frontend",
];

export interface RoleOverride {
  role: Role;
  why: string;
}

export class DeployModel {
  readonly units: DeployUnit[];
  private readonly imports = new Map<string, string[]>();
  /** file -> units whose entries reach it (closure computed once). */
  private reachedBy?: Map<string, DeployUnit[]>;
  private graphTooLarge = false;
  /** Next.js units: files reached from server code, and from client code, stopping at "use client". */
  private readonly nextSides = new Map<DeployUnit, { server: Set<string>; browser: Set<string> }>();
  private readonly ctx: DetectContext;

  constructor(
    readonly repoRoot: string,
    private readonly host: ProjectHost,
    private readonly projectOf: (file: string) => ProjectInfo,
  ) {
    const jsonCache = new Map<string, LooseJson>();
    this.ctx = {
      host,
      readJson: (file) => {
        if (!jsonCache.has(file)) jsonCache.set(file, parseUserJson(host.readFile(file)));
        return jsonCache.get(file);
      },
      packageJson: (dir) => this.ctx.readJson(path.join(dir, "package.json")) as PackageJson | undefined,
    };
    const markers = findMarkers(repoRoot, host);
    this.units = mergeByRoot(detectAll(this.ctx, markers, (dir) => this.sourcesUnder(dir, 6)));
  }

  /** The source files under a folder (not in dependencies or build output), to a depth. */
  private sourcesUnder(dir: string, depth: number): string[] {
    const out: string[] = [];
    const walk = (d: string, left: number) => {
      for (const e of this.host.readDirectory(d) ?? []) {
        if (e.isDirectory) {
          if (left > 0 && !GENERATED_DIRS.has(e.name) && !e.name.startsWith(".")) walk(path.join(d, e.name), left - 1);
        } else if (SOURCE_FILE.test(e.name) && !e.name.endsWith(".d.ts")) out.push(path.join(d, e.name));
        if (out.length > 5000) return;
      }
    };
    walk(dir, depth);
    return out;
  }

  /** Local files a file imports (static, dynamic and require), resolved; from the scanner, cached. */
  importsOf(file: string): string[] {
    let list = this.imports.get(file);
    if (list) return list;
    list = [];
    const text = this.host.readFile(file);
    if (text !== undefined && text.length < 2_000_000) {
      const info = ts.preProcessFile(text, true, true);
      const project = this.projectOf(file);
      for (const ref of info.importedFiles) {
        const target = resolveImport({ fileName: file, project } as never, ref.fileName);
        const resolved = target?.resolution?.file;
        if (resolved && SOURCE_FILE.test(resolved) && !resolved.endsWith(".d.ts")) list.push(resolved);
      }
    }
    this.imports.set(file, list);
    return list;
  }

  /** Every file reached from the given entries through local imports. */
  private closure(entries: readonly string[], stopAt?: (file: string) => boolean): Set<string> {
    const seen = new Set<string>();
    const queue = [...entries];
    while (queue.length > 0) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      if (seen.size > MAX_GRAPH_FILES) {
        this.graphTooLarge = true;
        break;
      }
      for (const g of this.importsOf(f)) if (!seen.has(g) && !(stopAt && stopAt(g))) queue.push(g);
    }
    return seen;
  }

  private reached(): Map<string, DeployUnit[]> {
    if (this.reachedBy) return this.reachedBy;
    const by = new Map<string, DeployUnit[]>();
    for (const u of this.units) {
      if (u.entries.length === 0 || u.kind === "next" || u.kind === "frontend") continue;
      for (const f of this.closure(u.entries)) {
        const list = by.get(f);
        if (list) list.push(u);
        else by.set(f, [u]);
      }
    }
    this.reachedBy = by;
    return by;
  }

  /** The innermost unit whose root holds the file. */
  private unitByRoot(file: string): DeployUnit | undefined {
    let best: DeployUnit | undefined;
    for (const u of this.units) {
      if (isInside(u.root, file) && (!best || u.root.length > best.root.length)) best = u;
    }
    return best;
  }

  /** Where a file runs: its role with the evidence, and its unit. */
  place(file: string, text: string, override?: RoleOverride): FilePlace {
    const abs = path.resolve(file);
    const reachedBy = this.reached().get(abs);
    const unit = reachedBy?.sort((a, b) => b.root.length - a.root.length)[0] ?? this.unitByRoot(abs);
    if (override) return { role: override.role, why: override.why, unit };
    const projectRoot = this.projectOf(abs).root;
    // Path evidence reads the folders below the package, and the package's own folder name when the
    // package is not a deploy unit (a repository's scripts/ or data-conversion/ package).
    const ownFolder =
      projectRoot !== this.repoRoot && !this.units.some((u) => u.root === projectRoot) ? path.basename(projectRoot) + "/" : "";
    const rel = ownFolder + toPosix(path.relative(projectRoot, abs));
    const generated = generatedEvidence(rel, text);
    if (generated) return { role: "generated", why: generated, unit };
    const test = testEvidence(rel);
    if (test) return { role: "test", why: test, unit };
    if (unit?.kind === "frontend")
      return { role: "browser", why: `in the front-end app ${unit.name} (${path.basename(unit.definedBy)})`, unit };
    const isEntry = this.units.some((u) => u.entries.includes(abs));
    if (isEntry) return { role: "server", why: `an entry of ${describe(unit, this.repoRoot)}`, unit };
    if (unit?.kind === "next") {
      const convention = nextServerConvention(toPosix(path.relative(unit.root, abs)), text);
      if (convention) return { role: "server", why: convention, unit };
    }
    // Reached from a unit's entries is the strongest evidence of server code: path names only guess.
    if (reachedBy) return { role: "server", why: `reached from the entries of ${describe(unit, this.repoRoot)}`, unit };
    const browser = browserEvidence(rel, text);
    if (browser) return { role: "browser", why: browser, unit };
    const script = scriptEvidence(rel, text) ?? this.packageScriptEvidence(abs, projectRoot);
    if (script) return { role: "script", why: script, unit };
    if (unit?.kind === "next") return this.placeInNext(unit, abs, text);
    if (unit && ENTRY_COMPLETE.has(unit.kind) && unit.entries.length > 0 && !this.graphTooLarge && this.entriesKnown(unit)) {
      return {
        role: "script",
        why: `not reached from the entries of ${describe(unit, this.repoRoot)}: not deployed, or run only by hand`,
        unit,
      };
    }
    return { role: "server", why: unit ? `in ${describe(unit, this.repoRoot)}` : "no deploy unit found; treated as server code", unit };
  }

  /**
   * Whether every unit declared beside this one (the same config folder or root) has its entries
   * resolved: one function whose handler we could not find may be the one that reaches a file.
   */
  private entriesKnown(unit: DeployUnit): boolean {
    return !this.units.some(
      (u) =>
        (u.root === unit.root || isInside(unit.root, u.root) || isInside(u.root, unit.root)) &&
        ENTRY_COMPLETE.has(u.kind) &&
        u.entries.length === 0 &&
        u.kind !== "docker" &&
        u.kind !== "node",
    );
  }

  /** Files that package.json runs as commands: `bin`, and npm scripts other than the start command. */
  private packageScriptEvidence(abs: string, projectRoot: string): string | undefined {
    const pkg = this.ctx.packageJson(projectRoot);
    if (!pkg) return undefined;
    const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
    for (const b of bins) if (typeof b === "string" && findSourceOrOrigin(this.host, projectRoot, b) === abs) return "package.json bin";
    for (const [name, command] of Object.entries(pkg.scripts ?? {})) {
      if (/^(start|serve|start:prod|prod)$/.test(name) || typeof command !== "string") continue;
      for (const part of command.split(/&&|;/)) {
        const f = scriptEntry(part);
        if (f && findSourceOrOrigin(this.host, projectRoot, f) === abs) return `run by the npm script "${name}"`;
      }
    }
    return undefined;
  }

  /**
   * Next.js: route handlers, API routes, middleware, server actions and pages/layouts (server
   * components) are server roots; "use client" modules are browser roots. A module reached only from
   * browser roots runs in the browser; UI files (.tsx/.jsx) reached from neither are browser code too.
   */
  private placeInNext(unit: DeployUnit, abs: string, _text: string): FilePlace {
    let sides = this.nextSides.get(unit);
    if (!sides) {
      const files = this.sourcesUnder(unit.root, 12);
      const serverRoots: string[] = [];
      const browserRoots: string[] = [];
      const isClient = new Map<string, boolean>();
      const clientFile = (f: string) => {
        let c = isClient.get(f);
        if (c === undefined) {
          const t = this.host.readFile(f) ?? "";
          c = browserEvidence(toPosix(path.relative(unit.root, f)), t) !== undefined;
          isClient.set(f, c);
        }
        return c;
      };
      for (const f of files) {
        const rel = toPosix(path.relative(unit.root, f));
        if (testEvidence(rel) || generatedEvidence(rel, "")) continue;
        const t = this.host.readFile(f) ?? "";
        if (
          nextServerConvention(rel, t) ||
          /^(src\/)?app\/(.+\/)?(page|layout|loading|error|not-found|template|default|sitemap|robots|opengraph-image)\.[cm]?[jt]sx?$/.test(
            rel,
          )
        ) {
          if (!clientFile(f)) serverRoots.push(f);
        } else if (clientFile(f)) browserRoots.push(f);
      }
      sides = { server: this.closure(serverRoots, clientFile), browser: this.closure(browserRoots) };
      this.nextSides.set(unit, sides);
    }
    const where = describe(unit, this.repoRoot);
    if (sides.server.has(abs))
      return { role: "server", why: `reached from the server code of ${where} (route handlers, server components, actions)`, unit };
    if (sides.browser.has(abs)) return { role: "browser", why: `imported only by client components of ${where}`, unit };
    if (/\.[cm]?[jt]sx$/.test(abs)) return { role: "browser", why: `a UI component of ${where} that no server code imports`, unit };
    return { role: "server", why: `in ${where}`, unit };
  }

  /** Drops the cached import list of a file whose imports changed, and the closures built from it. */
  noteText(file: string, text: string): void {
    const abs = path.resolve(file);
    const cached = this.imports.get(abs);
    if (!cached) return;
    const specs = ts.preProcessFile(text, true, true).importedFiles.length;
    if (specs !== cached.length) {
      this.imports.delete(abs);
      this.reachedBy = undefined;
      this.nextSides.clear();
    }
  }

  bundlerOf(dir: string) {
    return bundlerOf(this.ctx, dir);
  }
}

/** Units of one root become one: a Next.js app with a Dockerfile is a Next.js unit run as a container. */
function mergeByRoot(units: DeployUnit[]): DeployUnit[] {
  const byRoot = new Map<string, DeployUnit[]>();
  const kept: DeployUnit[] = [];
  for (const u of units) {
    // Functions of one serverless.yml, SAM template or CDK app stay apart: each has its own entries and limits.
    if (u.kind === "serverless" || u.kind === "sam" || u.kind === "cdk") {
      kept.push(u);
      continue;
    }
    const list = byRoot.get(u.root) ?? [];
    list.push(u);
    byRoot.set(u.root, list);
  }
  for (const list of byRoot.values()) {
    list.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    const primary = { ...list[0] };
    const container = list.find((u) => u.kind === "docker" || u.kind === "compose");
    if (container && primary !== container && (primary.kind === "next" || primary.kind === "mastra" || primary.kind === "node")) {
      primary.target = "container";
      primary.container = container.container;
      primary.limits = { ...container.limits, sources: [...container.limits.sources] };
    }
    primary.entries = [...new Set(list.flatMap((u) => u.entries))];
    primary.env = [...new Set(list.flatMap((u) => u.env))];
    if (primary.kind === "frontend" && list.some((u) => u.kind === "node" || u.kind === "docker"))
      primary.kind = list.find((u) => u.kind !== "frontend")!.kind;
    kept.push(primary);
  }
  return kept;
}

export function describe(unit: DeployUnit | undefined, repoRoot: string): string {
  if (!unit) return "no deploy unit";
  const where = toPosix(path.relative(repoRoot, unit.definedBy)) || path.basename(unit.definedBy);
  const what = unit.kind === "serverless" || unit.kind === "sam" || unit.kind === "cdk" ? `function ${unit.name} of ${where}` : where;
  return `${what} (${unit.target})`;
}

function isInside(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
