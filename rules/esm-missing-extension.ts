// esm-missing-extension: in an ES module that plain Node will run (Lambda or a container, no bundler,
// no TypeScript loader in production), a relative import without a runtime extension or of a folder.
// tsx and vitest resolve `./tools/crm` locally; Node's ESM loader does not (ERR_MODULE_NOT_FOUND,
// ERR_UNSUPPORTED_DIR_IMPORT). LangGraph Platform loads graphs with its own loader, so it is exempt.
// Fix (safe): the specifier with `.js` (`.mjs`/`.cjs` for .mts/.cts) or `/index.js`, which resolves.
import path = require("node:path");
import { createRule } from "./api/createRule";
import type { ProjectInfo } from "./api/types";
import { importSiteVisitors, replaceSpecifier, resolveImport, type ImportSite } from "./semantic/resolve";
import { isBundled, tsconfigFor } from "./semantic/tsconfig";

/** A start command or Dockerfile that runs TypeScript through a loader resolves extensionless imports itself. */
const LOADER = /\b(tsx|ts-node(-esm)?|ts-node\/esm|bun|deno|vite-node|@swc-node\/register|esbuild-register)\b/;

export default createRule({
  meta: {
    id: "esm-missing-extension",
    category: "deploy-layout",
    severity: "error",
    fix: "safe",
    targets: ["lambda", "container"],
    description: "A relative import without a runtime extension (or of a folder) in an ES module that plain Node runs in production.",
    messages: {
      missingExtension: '"{{specifier}}" has no file extension, which Node\'s ES module loader refuses',
      directory: '"{{specifier}}" imports a folder, which Node\'s ES module loader refuses',
    },
    details: {
      missingExtension:
        'Node\'s ES module loader resolves specifiers literally, so {{where}} fails with ERR_MODULE_NOT_FOUND (tsx and bundlers resolve it locally). Write "{{fixed}}".',
      directory:
        'Node\'s ES module loader does not look for index files, so {{where}} fails with ERR_UNSUPPORTED_DIR_IMPORT (tsx and bundlers resolve it locally). Write "{{fixed}}".',
    },
    // Test runners (vitest, jest, tsx --test) resolve extensionless imports, and tests are not deployed.
    roles: ["server"],
    unbundledOnly: true,
    // Only ES modules, and only a relative import that resolves by an added extension or an index file.
    prefilter: {
      file: (file) => file.moduleKind === "esm",
      imports: (specifier, file) => {
        const how = resolveImport(file, specifier)?.resolution?.how;
        return how === "added-extension" || how === "directory-index";
      },
    },
  },

  create(ctx) {
    const { file, sourceFile } = ctx;
    if (file.moduleKind !== "esm") return {};
    // Bundling and loaders are project facts, looked at on the first import that needs an extension.
    let applies: boolean | undefined;
    const plainNode = () => (applies ??= !isBundled(file) && !runsThroughLoader(file.project));
    const where = file.target === "lambda" ? "the handler in /var/task" : "the built server";

    const check = (site: ImportSite) => {
      // require() and `import x = require()` resolve as CommonJS; erased imports load nothing.
      if (site.typeOnly || site.kind === "require" || site.kind === "import-equals") return;
      const target = resolveImport(file, site.specifier);
      if (target?.via !== "relative") return;
      const r = target.resolution;
      if (!r || (r.how !== "added-extension" && r.how !== "directory-index") || !r.runtimeSpecifier || !plainNode()) return;
      ctx.report({
        node: site.literal,
        messageId: r.how === "directory-index" ? "directory" : "missingExtension",
        data: { specifier: site.specifier, fixed: r.runtimeSpecifier, where },
        fixes: [
          {
            title: `Add the runtime extension: "${r.runtimeSpecifier}"`,
            kind: "safe",
            edits: [replaceSpecifier(sourceFile, site.literal, r.runtimeSpecifier)],
          },
        ],
      });
    };
    return importSiteVisitors(sourceFile, check, () => tsconfigFor(file).verbatimModuleSyntax);
  },
});

/** True when production starts the code through a TypeScript loader (package.json `start`, Dockerfile CMD). */
function runsThroughLoader(project: ProjectInfo): boolean {
  return project.memo("esm-missing-extension:loader", () => {
    const read = (name: string) => project.host.readFile(path.join(project.root, name));
    let start: unknown;
    try {
      start = JSON.parse(read("package.json") ?? "{}")?.scripts?.start;
    } catch {
      start = undefined;
    }
    if (typeof start === "string" && LOADER.test(start)) return true;
    const dockerfile = read("Dockerfile");
    return !!dockerfile && dockerfile.split(/\r?\n/).some((l) => /^\s*(CMD|ENTRYPOINT)\b/i.test(l) && LOADER.test(l));
  });
}
