// unresolved-import: a local import (relative, or through tsconfig `paths`/`baseUrl`) that resolves
// to no file, or only to a file whose name differs in letter case, which macOS and Windows forgive
// and Linux (CI, Docker, LangGraph Platform, Lambda) does not. Fix: the real casing (safe).
import path = require("node:path");
import { createRule } from "./api/createRule";
import { importSiteVisitors, replaceSpecifier, resolveImport, type ImportSite } from "./semantic/resolve";
import { tsconfigFor } from "./semantic/tsconfig";

/** A path segment naming build output or generated code. */
const GENERATED_SEGMENT = /(^|\/)(dist|build|out|\.next|generated|__generated__)(\/|$)/;

export default createRule({
  meta: {
    id: "unresolved-import",
    category: "deploy-layout",
    severity: "error",
    fix: "safe",
    description:
      "A relative import (or a tsconfig `paths` alias) that resolves to no file, or only to a file whose name differs in letter case.",
    messages: {
      missing:
        'Cannot resolve "{{specifier}}": no file matches {{attempted}} (with TypeScript\'s rules: .js written for .ts, added extensions, index files). The module fails to load in production with Cannot find module.',
      missingAlias:
        'Cannot resolve "{{specifier}}": the tsconfig alias "{{pattern}}" maps it to no file, and no package of that name is installed. The module fails to load in production with Cannot find module.',
      caseMismatch:
        '"{{specifier}}" matches {{realPath}} only on a case-insensitive file system: it works on macOS and Windows and fails on Linux (CI, Docker, LangGraph Platform, Lambda) with Cannot find module. Write "{{realSpecifier}}".',
      caseMismatchAlias:
        '"{{specifier}}" matches {{realPath}} only on a case-insensitive file system: it works on macOS and Windows and fails on Linux (CI, Docker, LangGraph Platform, Lambda) with Cannot find module. Fix the casing of the path.',
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
        if (target.via === "paths") {
          ctx.report({ node: site.literal, messageId: "missingAlias", data: { specifier: site.specifier, pattern: target.pattern ?? "" } });
        } else {
          const attempted = display(path.resolve(path.dirname(file.fileName), site.specifier.replace(/[?#].*$/, "")));
          ctx.report({ node: site.literal, messageId: "missing", data: { specifier: site.specifier, attempted } });
        }
        return;
      }
      if (!r.caseMismatch) return;
      const realPath = display(r.file);
      if (target.via !== "relative") {
        ctx.report({ node: site.literal, messageId: "caseMismatchAlias", data: { specifier: site.specifier, realPath } });
        return;
      }
      // A fix only when the real path is unique (a Linux checkout may hold both `Crm.ts` and `crm.ts`).
      const fixable = !r.ambiguous && r.realSpecifier !== site.specifier;
      ctx.report({
        node: site.literal,
        messageId: "caseMismatch",
        data: { specifier: site.specifier, realPath, realSpecifier: r.realSpecifier },
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
