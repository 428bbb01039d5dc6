// Files nothing runs: no source file of the project imports them and nothing names them as an entry
// (a deploy unit's entries, a Next.js route or page, package.json main/bin/scripts, index.html, a
// tool's config file). A missing import in such a file fails no deploy: no loader reaches it and no
// bundler bundles it; only a type check that covers it can notice. The project-wide import index
// is built on first use (only when a rule asks, which is rare) and memoised with the project.
import path = require("node:path");
import ts = require("typescript");
import type { FileInfo, ProjectInfo } from "../api/types";
import { resolveImport } from "./resolve";

const SOURCE_FILE = /\.([cm]?[jt]sx?)$/;
/** Next.js files the framework loads by their path (app router, pages router, middleware). */
const NEXT_ENTRY =
  /^(src\/)?(app\/(.+\/)?(page|layout|route|loading|error|global-error|not-found|template|default|sitemap|robots|manifest|icon|apple-icon|opengraph-image|twitter-image)\.[cm]?[jt]sx?|pages\/.+\.[cm]?[jt]sx?|(middleware|instrumentation|instrumentation-client)\.[cm]?[jt]s)$/;

/** Whether nothing imports the file and nothing runs it directly. */
export function isUnusedFile(file: Pick<FileInfo, "fileName" | "project" | "unit" | "role">): boolean {
  if (file.role === "test") return false;
  const abs = path.resolve(file.fileName);
  if (isEntry(file, abs)) return false;
  const imported = importedFiles(file.project);
  return imported !== undefined && !imported.has(abs);
}

function isEntry(file: Pick<FileInfo, "project" | "unit">, abs: string): boolean {
  const unit = file.unit;
  if (unit?.entries.includes(abs)) return true;
  if (/\.config\.[cm]?[jt]s$/.test(abs)) return true;
  if (unit && unit.kind === "next" && NEXT_ENTRY.test(toPosix(path.relative(unit.root, abs)))) return true;
  return namedByProjectFiles(file.project, abs);
}

/** package.json (main, bin, exports, scripts) or index.html naming the file, with or without its extension. */
function namedByProjectFiles(project: ProjectInfo, abs: string): boolean {
  const rel = toPosix(path.relative(project.root, abs));
  if (rel.startsWith("../")) return false;
  const stem = rel.replace(/\.[cm]?[jt]sx?$/, "");
  const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // The path as a whole word of the text: "src/index" must not match "src/indexer".
  const named = new RegExp(`(^|[^\\w/.-])(\\./|/)?${escaped}(\\.[cm]?[jt]sx?)?(?![\\w/-])`);
  return ["package.json", "index.html"].some((name) => {
    const text = project.host.readFile(path.join(project.root, name));
    return text !== undefined && named.test(text);
  });
}

/** The project's own source files (those a scan of the project lints); undefined when it has too many to list. */
export function projectSourceFiles(project: ProjectInfo): readonly string[] | undefined {
  return project.memo("dead-files:sources", () => {
    const { paths, complete } = project.files();
    return complete ? paths.filter((f) => SOURCE_FILE.test(f) && !f.endsWith(".d.ts")) : undefined;
  });
}

/** Whether a source file of the project other than `except` names `name` (a whole identifier). */
export function namedInOtherFiles(project: ProjectInfo, except: string, name: string): boolean {
  const sources = projectSourceFiles(project);
  if (!sources) return true;
  const re = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`);
  const self = path.resolve(except);
  return sources.some((f) => f !== self && re.test(project.host.readFile(f) ?? ""));
}

/** Every local file some source file of the project imports; undefined when the project is too large to index. */
function importedFiles(project: ProjectInfo): ReadonlySet<string> | undefined {
  const graph = importGraph(project);
  return graph && new Set(graph.keys());
}

/**
 * The project's source files that import `file` (by a relative or tsconfig-mapped specifier);
 * undefined when the project is too large to index.
 */
export function importersOf(project: ProjectInfo, file: string): readonly string[] | undefined {
  const graph = importGraph(project);
  return graph && (graph.get(path.resolve(file)) ?? []);
}

/** Imported file -> the files importing it, over the project's source files; built once per project. */
function importGraph(project: ProjectInfo): ReadonlyMap<string, readonly string[]> | undefined {
  return project.memo("dead-files:import-graph", () => {
    const sources = projectSourceFiles(project);
    if (!sources) return undefined;
    const importers = new Map<string, string[]>();
    for (const from of sources) {
      // Each file's imports are a fact of their own (it reads that file only): an edit of one file
      // recomputes its entry, and the graph is put together again from the others' memos.
      for (const target of project.memo(`dead-files:imports-of:${from}`, () => importsOfFile(project, from))) {
        const list = importers.get(target);
        if (!list) importers.set(target, [from]);
        else if (!list.includes(from)) list.push(from);
      }
    }
    return importers;
  });
}

/** The project files `from` imports (relative and tsconfig-mapped specifiers that resolve). */
function importsOfFile(project: ProjectInfo, from: string): string[] {
  const text = project.host.readFile(from);
  if (text === undefined) return [];
  const out: string[] = [];
  for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
    const target = resolveImport({ fileName: from, project }, ref.fileName)?.resolution?.file;
    if (target && !out.includes(target)) out.push(target);
  }
  return out;
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
