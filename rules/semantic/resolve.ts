// Module resolution as production does it, for the import rules. Relative specifiers follow
// TypeScript's rules (`./a.js` written for `a.ts`, `.mjs`→`.mts`, `.cjs`→`.cts`, extension probing,
// index files and directory imports as CommonJS allows them); non-relative specifiers go through the
// governing tsconfig's `paths` and `baseUrl`. Every path segment is checked against the real folder
// listing (`host.readDirectory`, real casing), so an import that only resolves on a case-insensitive
// file system (macOS, Windows) is told apart from one that resolves on Linux. Results are memoised
// per project; the engine drops them when a file appears or disappears.
import path = require("node:path");
import ts = require("typescript");
import type { FileInfo, ProjectHost, ProjectInfo, Visitors } from "../api/types";
import { mapPaths, tsconfigFor } from "./tsconfig";
import { fileMemo } from "./fileMemo";
import { detached } from "./detach";

/**
 * How a specifier reached its file: as written (`exact`), through TypeScript's extension mapping
 * (`ts-mapped`: `.js` written for `.ts`), by appending an extension (`added-extension`), or as a
 * folder's index file / package.json main (`directory-index`). Plain Node's ESM loader accepts only
 * the first two (the mapped `.js` exists once compiled).
 */
export type ResolveHow = "exact" | "ts-mapped" | "added-extension" | "directory-index";

export interface Resolution {
  /** Absolute path of the file, with the real casing of every segment below the starting folder. */
  file: string;
  how: ResolveHow;
  /** Some segment only matches with different letter case: fine on macOS/Windows, missing on Linux. */
  caseMismatch: boolean;
  /** Several entries differ from a segment only in case, so there is no single real path. */
  ambiguous: boolean;
  /** The specifier with the real casing (equal to the specifier when the casing is right). */
  realSpecifier: string;
  /** What plain Node's ESM loader needs: real casing plus a runtime extension or `/index.js`; undefined for types-only targets. */
  runtimeSpecifier?: string;
}

/** Where a local import goes; `resolution` is undefined when no file matches. */
export interface ImportTarget {
  via: "relative" | "paths" | "baseUrl";
  resolution?: Resolution;
  /** The `paths` pattern used, for messages. */
  pattern?: string;
}

export function isRelativeSpecifier(s: string): boolean {
  return s === "." || s === ".." || s.startsWith("./") || s.startsWith("../");
}

/** Extensions TypeScript (and tsx, and CommonJS `require`) try after an extensionless name. */
const PROBED = [".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mts", ".mjs", ".cts", ".cjs", ".json"];
/** TypeScript's mapping of a written runtime extension to the sources it stands for. */
const MAPPED: Record<string, string[]> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx", ".d.ts"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};

/**
 * Resolves a local import of `file`: a relative specifier, or one mapped by the tsconfig's `paths`
 * or found under its `baseUrl`. Undefined for packages, builtins, URLs and absolute paths.
 */
export function resolveImport(file: Pick<FileInfo, "fileName" | "project">, specifier: string): ImportTarget | undefined {
  // The three import rules ask about the same specifiers of the same file: answer each once per lint.
  const cache = fileMemo(file, "resolve:targets", () => ({
    fromDir: path.dirname(path.resolve(file.fileName)),
    targets: new Map<string, ImportTarget | undefined>(),
  }));
  if (cache.targets.has(specifier)) return cache.targets.get(specifier);
  const target = resolveImportUncached(file, cache.fromDir, specifier);
  cache.targets.set(specifier, target);
  return target;
}

function resolveImportUncached(file: Pick<FileInfo, "fileName" | "project">, fromDir: string, specifier: string): ImportTarget | undefined {
  const { project } = file;
  if (isRelativeSpecifier(specifier)) return { via: "relative", resolution: resolveFrom(project, fromDir, specifier) };
  if (specifier.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(specifier) || specifier.startsWith("#")) return undefined;
  const facts = tsconfigFor(file);
  if (!facts.file) return undefined;
  const configDir = path.dirname(facts.file);
  const mapped = mapPaths(facts, specifier);
  if (mapped) {
    for (const candidate of mapped.candidates) {
      const r = resolveFrom(project, configDir, relativeSpecifier(configDir, candidate));
      if (r) return { via: "paths", resolution: r, pattern: mapped.mapping.pattern };
    }
    // TypeScript falls back to node_modules when no substitution exists; only an alias that cannot
    // be a package (`@/x`, `~/x`) or a package that is not installed is left unresolved.
    if (mapped.mapping.prefix === "" || isInstalledPackage(project.host, fromDir, specifier)) return undefined;
    return { via: "paths", pattern: mapped.mapping.pattern };
  }
  if (facts.baseUrl) {
    const r = resolveFrom(project, configDir, relativeSpecifier(configDir, path.join(facts.baseUrl, specifier)));
    if (r) return { via: "baseUrl", resolution: r };
  }
  return undefined;
}

function relativeSpecifier(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join("/");
  return rel === "" ? "." : rel.startsWith("..") ? rel : `./${rel}`;
}

/** Resolves a relative specifier against a folder; memoised per project. */
export function resolveFrom(project: ProjectInfo, baseDir: string, specifier: string): Resolution | undefined {
  return project.memo(`resolve:${baseDir}\0${specifier}`, () => detachedResolution(resolveUncached(project.host, baseDir, specifier)));
}

/** The resolution with strings of its own: it outlives the file whose specifier it was built from. */
function detachedResolution(r: Resolution | undefined): Resolution | undefined {
  if (!r) return r;
  return {
    ...r,
    file: detached(r.file),
    realSpecifier: detached(r.realSpecifier),
    runtimeSpecifier: r.runtimeSpecifier === undefined ? undefined : detached(r.runtimeSpecifier),
  };
}

interface Entry {
  name: string;
  exact: boolean;
  ambiguous: boolean;
}

type Listing = Array<{ name: string; isDirectory: boolean }>;
interface IndexedListing {
  exact: Map<string, boolean>;
  /** Lower-cased name → the entries with it. */
  folded: Map<string, Listing>;
}
/** Listings indexed once: the host returns the same cached array for a folder until files change. */
const indexed = new WeakMap<Listing, IndexedListing>();

function indexOf(listing: Listing): IndexedListing {
  let ix = indexed.get(listing);
  if (!ix) {
    ix = { exact: new Map(), folded: new Map() };
    for (const e of listing) {
      ix.exact.set(e.name, e.isDirectory);
      const key = e.name.toLowerCase();
      const list = ix.folded.get(key);
      if (list) list.push(e);
      else ix.folded.set(key, [e]);
    }
    indexed.set(listing, ix);
  }
  return ix;
}

/** An entry of `dir` named `name` (a folder when `wantDir`): exact case first, then any case. */
function lookup(host: ProjectHost, dir: string, name: string, wantDir: boolean, exactOnly: boolean): Entry | undefined {
  const listing = host.readDirectory(dir);
  if (!listing) return undefined;
  const ix = indexOf(listing);
  if (ix.exact.get(name) === wantDir) return { name, exact: true, ambiguous: false };
  if (exactOnly) return undefined;
  const hits = ix.folded.get(name.toLowerCase())?.filter((e) => e.isDirectory === wantDir) ?? [];
  return hits.length ? { name: hits[0].name, exact: false, ambiguous: hits.length > 1 } : undefined;
}

interface Candidate {
  name: string;
  how: ResolveHow;
  /** The last specifier segment rebuilt from the real file name. */
  written(realName: string): string;
}

function resolveUncached(host: ProjectHost, baseDir: string, specifier: string): Resolution | undefined {
  // `?raw`, `#hash`: a query is not part of the file name (bundlers and the ESM loader both strip it).
  const q = specifier.search(/[?#]/);
  const query = q >= 0 ? specifier.slice(q) : "";
  const clean = q >= 0 ? specifier.slice(0, q) : specifier;
  if (!clean) return undefined;
  const trailingSlash = clean.endsWith("/");
  const parts = clean.split("/");
  let last = parts.pop()!;
  const dirOnly = last === "" || last === "." || last === "..";
  if (dirOnly && last) parts.push(last);
  if (dirOnly) last = "";

  // Walk the folders, recording the real name of each segment.
  let dir = baseDir;
  let mismatch = false;
  let ambiguous = false;
  const written: string[] = [];
  for (const seg of parts) {
    if (seg === "" || seg === ".") {
      written.push(seg);
      continue;
    }
    if (seg === "..") {
      dir = path.dirname(dir);
      written.push(seg);
      continue;
    }
    const e = lookup(host, dir, seg, true, false);
    if (!e) return undefined;
    mismatch ||= !e.exact;
    ambiguous ||= e.ambiguous;
    dir = path.join(dir, e.name);
    written.push(e.name);
  }
  const prefix = written.join("/");
  const join = (a: string, b: string) => (a === "" ? b : b === "" ? a : `${a}/${b}`);

  const files: Candidate[] = [];
  if (!dirOnly) {
    const m = /^(.+?)(\.(?:js|jsx|mjs|cjs))$/.exec(last);
    if (m) {
      const [, stem, ext] = m;
      for (const x of MAPPED[ext]) files.push({ name: stem + x, how: "ts-mapped", written: (r) => r.slice(0, stem.length) + ext });
      files.push({ name: last, how: "exact", written: (r) => r });
      if (ext === ".js") files.push({ name: `${stem}.jsx`, how: "ts-mapped", written: (r) => r.slice(0, stem.length) + ext });
    } else {
      files.push({ name: last, how: "exact", written: (r) => r });
      for (const x of PROBED) files.push({ name: last + x, how: "added-extension", written: (r) => r.slice(0, last.length) });
    }
  }

  // Pass 1 on Linux terms (exact case only); pass 2 finds what only a case-insensitive disk finds.
  for (const exactOnly of [true, false]) {
    for (const c of files) {
      const e = lookup(host, dir, c.name, false, exactOnly);
      if (!e) continue;
      const realLast = c.written(e.name);
      const realSpecifier = join(prefix, realLast) + query;
      const file = path.join(dir, e.name);
      return {
        file,
        how: c.how,
        caseMismatch: mismatch || !e.exact,
        ambiguous: ambiguous || e.ambiguous,
        realSpecifier,
        runtimeSpecifier: c.how === "added-extension" ? runtimeWithExtension(join(prefix, realLast), file, query) : realSpecifier,
      };
    }
    const folder = dirOnly ? { name: "", exact: true, ambiguous: false } : lookup(host, dir, last, true, exactOnly);
    if (!folder) continue;
    const folderDir = folder.name ? path.join(dir, folder.name) : dir;
    const index = directoryEntry(host, folderDir, exactOnly);
    if (!index) continue;
    const folderSpec = join(prefix, folder.name) + (trailingSlash ? "/" : "");
    const base = folderSpec.endsWith("/") ? folderSpec.slice(0, -1) : folderSpec;
    return {
      file: index.file,
      how: "directory-index",
      caseMismatch: mismatch || !folder.exact || !index.exact,
      ambiguous: ambiguous || folder.ambiguous || index.ambiguous,
      realSpecifier: folderSpec + query,
      runtimeSpecifier: index.runtime === undefined ? undefined : `${base}/${index.runtime}${query}`,
    };
  }
  return undefined;
}

/** A folder's package.json `main`/`module`/`types` file, else its index file. */
function directoryEntry(
  host: ProjectHost,
  dir: string,
  exactOnly: boolean,
): { file: string; exact: boolean; ambiguous: boolean; runtime?: string } | undefined {
  const pkgText = host.readFile(path.join(dir, "package.json"));
  if (pkgText !== undefined) {
    let pkg: Record<string, unknown> | undefined;
    try {
      pkg = JSON.parse(pkgText);
    } catch {
      pkg = undefined;
    }
    for (const key of ["types", "module", "main"]) {
      const entry = pkg?.[key];
      if (typeof entry !== "string" || !entry) continue;
      const r = resolveUncached(host, dir, entry.startsWith(".") ? entry : `./${entry}`);
      // A folder with a package.json main is fine for CommonJS, still a directory import for ESM.
      if (r) return { file: r.file, exact: !r.caseMismatch, ambiguous: r.ambiguous, runtime: r.runtimeSpecifier?.replace(/^\.\//, "") };
    }
  }
  for (const x of PROBED) {
    const e = lookup(host, dir, `index${x}`, false, exactOnly);
    if (e) {
      const file = path.join(dir, e.name);
      const ext = runtimeExtension(file);
      return { file, exact: e.exact, ambiguous: e.ambiguous, runtime: ext === undefined ? undefined : `index${ext}` };
    }
  }
  return undefined;
}

function runtimeWithExtension(spec: string, file: string, query: string): string | undefined {
  const ext = runtimeExtension(file);
  return ext === undefined ? undefined : spec + ext + query;
}

/** The extension the compiled file has: `.ts`→`.js`, `.mts`→`.mjs`, `.cts`→`.cjs`; undefined for declaration files. */
export function runtimeExtension(file: string): string | undefined {
  if (/\.d\.[cm]?ts$/.test(file)) return undefined;
  const ext = path.extname(file);
  if (ext === ".ts" || ext === ".tsx" || ext === ".js" || ext === ".jsx") return ".js";
  if (ext === ".mts" || ext === ".mjs") return ".mjs";
  if (ext === ".cts" || ext === ".cjs") return ".cjs";
  return ext || undefined;
}

/** True when `node_modules/<package>` exists in the folder or an ancestor. */
export function isInstalledPackage(host: ProjectHost, fromDir: string, specifier: string): boolean {
  const segs = specifier.split("/");
  const name = specifier.startsWith("@") ? segs.slice(0, 2) : segs.slice(0, 1);
  for (let d = fromDir; ; d = path.dirname(d)) {
    let dir = path.join(d, "node_modules");
    let found = true;
    for (const seg of name) {
      if (!host.readDirectory(dir)?.some((e) => e.name === seg && e.isDirectory)) {
        found = false;
        break;
      }
      dir = path.join(dir, seg);
    }
    if (found) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** True when `file` is inside `folder` (or is it). */
export function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

// ---------------------------------------------------------------------------------------------
// Where a file names modules: the sites the import rules check.

export interface ImportSite {
  /** The specifier literal, where findings are reported and fixes replace text. */
  literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
  specifier: string;
  kind: "import" | "export" | "dynamic-import" | "require" | "import-equals";
  /** Erased by TypeScript (`import type`, only type-only names): nothing is loaded at run time. */
  typeOnly: boolean;
}

/**
 * Visitors that call `onSite` for every module specifier written as a literal: `import`/`export
 * ... from`, `import()`, `require()`/`require.resolve()` and `import x = require()`. `verbatim`
 * (tsconfig `verbatimModuleSyntax`, asked only when it matters) keeps imports whose names are all `type` as side-effect imports.
 */
export function importSiteVisitors(
  sourceFile: ts.SourceFile,
  onSite: (site: ImportSite) => void,
  verbatim: () => boolean = () => false,
): Visitors {
  const literalOf = (e: ts.Expression | undefined) =>
    e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e : undefined;
  return {
    ImportDeclaration(node) {
      const literal = literalOf(node.moduleSpecifier);
      if (!literal) return;
      const clause = node.importClause;
      let typeOnly = !!clause?.isTypeOnly;
      if (!typeOnly && clause && !clause.name) {
        const nb = clause.namedBindings;
        typeOnly = !!nb && ts.isNamedImports(nb) && nb.elements.length > 0 && nb.elements.every((e) => e.isTypeOnly) && !verbatim();
      }
      onSite({ literal, specifier: literal.text, kind: "import", typeOnly });
    },
    ExportDeclaration(node) {
      const literal = literalOf(node.moduleSpecifier);
      if (!literal) return;
      const ec = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (!!ec && ts.isNamedExports(ec) && ec.elements.length > 0 && ec.elements.every((e) => e.isTypeOnly) && !verbatim());
      onSite({ literal, specifier: literal.text, kind: "export", typeOnly });
    },
    CallExpression(node) {
      if (node.arguments.length < 1) return;
      const callee = node.expression;
      let kind: ImportSite["kind"] | undefined;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) kind = "dynamic-import";
      else if (ts.isIdentifier(callee) && callee.text === "require" && node.arguments.length === 1) kind = "require";
      else if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === "resolve" &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === "require"
      ) {
        kind = "require";
      }
      if (!kind) return;
      const literal = literalOf(node.arguments[0]);
      if (literal) onSite({ literal, specifier: literal.text, kind, typeOnly: false });
    },
    onEnd() {
      // `import x = require("./x")` is a top-level statement kind the walk does not dispatch.
      for (const st of sourceFile.statements) {
        if (!ts.isImportEqualsDeclaration(st) || !ts.isExternalModuleReference(st.moduleReference)) continue;
        const literal = literalOf(st.moduleReference.expression);
        if (literal) onSite({ literal, specifier: literal.text, kind: "import-equals", typeOnly: st.isTypeOnly });
      }
    },
  };
}

/** A replacement for a specifier literal, in the literal's own quotes. */
export function replaceSpecifier(sourceFile: ts.SourceFile, literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, value: string) {
  const start = literal.getStart(sourceFile);
  const quote = sourceFile.text[start];
  const escaped = value.replace(/\\/g, "\\\\").split(quote).join(`\\${quote}`);
  return { start, end: literal.getEnd(), newText: `${quote}${escaped}${quote}` };
}
