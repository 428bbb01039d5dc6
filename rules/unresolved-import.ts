// unresolved-import: a local import (relative, or through tsconfig `paths`/`baseUrl`) that resolves
// to no file, or only to a file whose name differs in letter case, which macOS and Windows forgive
// and Linux (CI, Docker, LangGraph Platform, Lambda) does not. Fix: the real casing (safe).
// A missing file is not reported where nothing fails: an import a try/catch makes optional, a file
// nothing imports or runs that no type check covers; one a build step generates is an `info`, and
// test and script code (not deployed) get a warning instead of an error.
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { ActiveSeverity, FileInfo } from "./api/types";
import { generatingScript } from "./semantic/buildOutputs";
import { isUnusedFile } from "./semantic/deadFiles";
import { importSiteVisitors, replaceSpecifier, resolveImport, type ImportSite } from "./semantic/resolve";
import { tsconfigCovers, tsconfigFor } from "./semantic/tsconfig";

/** A path segment naming build output or generated code (Convex writes `convex/_generated`). */
const GENERATED_SEGMENT = /(^|\/)(dist|build|out|\.next|generated|_generated|__generated__)(\/|$)/;

export default createRule({
  meta: {
    id: "unresolved-import",
    category: "deploy-layout",
    severity: "error",
    fix: "safe",
    description:
      "A relative import (or a tsconfig `paths` alias) that resolves to no file, or only to a file whose name differs in letter case.",
    messages: {
      missing: 'Cannot resolve "{{specifier}}": no file matches, so the module fails to load',
      missingAlias: 'Cannot resolve "{{specifier}}": the tsconfig alias "{{pattern}}" maps it to no file',
      caseMismatch: '"{{specifier}}" matches its file only on a case-insensitive file system, not on Linux',
      caseMismatchAlias: '"{{specifier}}" matches its file only on a case-insensitive file system, not on Linux',
      generated: '"{{specifier}}" is not in the checkout: the npm script "{{script}}" generates it',
    },
    details: {
      missing:
        "No file matches {{attempted}} (with TypeScript's rules: .js written for .ts, added extensions, index files). The module fails to load in production with Cannot find module.",
      missingAlias: "No package of that name is installed either. The module fails to load in production with Cannot find module.",
      caseMismatch:
        'It matches {{realPath}}: it works on macOS and Windows and fails on Linux (CI, Docker, LangGraph Platform, Lambda) with Cannot find module. Write "{{realSpecifier}}".',
      caseMismatchAlias:
        "It matches {{realPath}}: it works on macOS and Windows and fails on Linux (CI, Docker, LangGraph Platform, Lambda) with Cannot find module. Fix the casing of the path.",
      generated:
        '{{attempted}} is gitignored and the npm script "{{script}}" writes it. Make sure the build or deploy runs that step before this module loads.',
    },
    roles: ["server", "test", "browser", "script"],
    // Only an import that resolves to nothing, or to a file by a case-insensitive match.
    prefilter: {
      imports: (specifier, file) => {
        const target = resolveImport(file, specifier);
        return !!target && (!target.resolution || !!target.resolution.caseMismatch);
      },
    },
  },

  create(ctx) {
    const { file, sourceFile } = ctx;
    const root = file.project.root;
    const display = (p: string) => path.relative(root, p).split(path.sep).join("/") || ".";

    const check = (site: ImportSite) => {
      // Type-only imports are erased: nothing is loaded at run time, so nothing fails in production.
      if (site.typeOnly) return;
      const target = resolveImport(file, site.specifier);
      if (!target) return;
      const r = target.resolution;
      if (!r) {
        // Build output and generated code (`../dist/server.js`, `./generated/prisma`) are absent from
        // a clean checkout and created by the build before anything runs.
        if (GENERATED_SEGMENT.test(site.specifier)) return;
        if (isOptionalLoad(site.literal)) return;
        if (isUnusedFile(file) && (isSideEffectImport(site.literal) || !isTypeChecked(file))) return;
        const severity = severityFor(file);
        if (target.via === "paths") {
          ctx.report({
            node: site.literal,
            messageId: "missingAlias",
            data: { specifier: site.specifier, pattern: target.pattern ?? "" },
            severity,
          });
          return;
        }
        const absTarget = path.resolve(path.dirname(file.fileName), site.specifier.replace(/[?#].*$/, ""));
        const attempted = display(absTarget);
        const script = generatingScript(file.project, absTarget);
        if (script) {
          ctx.report({
            node: site.literal,
            messageId: "generated",
            data: { specifier: site.specifier, attempted, script },
            severity: "info",
          });
          return;
        }
        ctx.report({ node: site.literal, messageId: "missing", data: { specifier: site.specifier, attempted }, severity });
        return;
      }
      if (!r.caseMismatch) return;
      const realPath = display(r.file);
      if (target.via !== "relative") {
        ctx.report({
          node: site.literal,
          messageId: "caseMismatchAlias",
          data: { specifier: site.specifier, realPath },
          severity: severityFor(file),
        });
        return;
      }
      // A fix only when the real path is unique (a Linux checkout may hold both `Crm.ts` and `crm.ts`).
      const fixable = !r.ambiguous && r.realSpecifier !== site.specifier;
      ctx.report({
        node: site.literal,
        messageId: "caseMismatch",
        data: { specifier: site.specifier, realPath, realSpecifier: r.realSpecifier },
        severity: severityFor(file),
        fixes: fixable
          ? [
              {
                title: `Use the real casing: "${r.realSpecifier}"`,
                kind: "safe",
                edits: [replaceSpecifier(sourceFile, site.literal, r.realSpecifier)],
              },
            ]
          : undefined,
      });
    };

    return importSiteVisitors(sourceFile, check, () => tsconfigFor(file).verbatimModuleSyntax);
  },
});

/**
 * Tests and scripts are not deployed: a broken import there breaks CI or a command run by hand, not
 * production, so it is a warning. Browser code keeps the rule's level: the bundler fails the build.
 */
function severityFor(file: FileInfo): ActiveSeverity | undefined {
  return file.role === "test" || file.role === "script" ? "warning" : undefined;
}

/** An import inside a `try` whose `catch` does not rethrow: the code runs on without the module by design. */
function isOptionalLoad(node: ts.Node): boolean {
  for (let n: ts.Node = node; n.parent && !ts.isSourceFile(n.parent); n = n.parent) {
    if (ts.isFunctionLike(n)) return false;
    const p = n.parent;
    if (ts.isTryStatement(p) && p.tryBlock === n) return !!p.catchClause && !rethrows(p.catchClause.block);
  }
  return false;
}

function rethrows(block: ts.Block): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isThrowStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(block, visit);
  return found;
}

/** `import "./x"`: TypeScript does not check that a side-effect import resolves; only loading the file does. */
function isSideEffectImport(literal: ts.Node): boolean {
  return ts.isImportDeclaration(literal.parent) && !literal.parent.importClause;
}

/**
 * Whether a type check sees the file: a TypeScript file its tsconfig covers (JavaScript files are not
 * checked without checkJs), in a build that does not ignore type errors (Next.js
 * `typescript.ignoreBuildErrors`).
 */
function isTypeChecked(file: FileInfo): boolean {
  if (!/\.[cm]?tsx?$/.test(file.fileName) || !tsconfigCovers(tsconfigFor(file), file.fileName)) return false;
  return !(file.unit?.kind === "next" && nextIgnoresTypeErrors(file));
}

function nextIgnoresTypeErrors(file: FileInfo): boolean {
  const root = file.unit!.root;
  return file.project.memo(`unresolved-import:next-ignores-types:${root}`, () =>
    ["next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"].some((name) =>
      /\bignoreBuildErrors\s*:\s*true\b/.test(file.project.host.readFile(path.join(root, name)) ?? ""),
    ),
  );
}
