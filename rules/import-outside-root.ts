// import-outside-root: a local import that resolves to a file outside what is deployed. LangGraph
// Platform copies only the folder of langgraph.json to /deps/<project>/, a Lambda package and a
// container image are built from the project folder: a sibling package reached by `../../` (or by a
// tsconfig `paths` alias) is simply not there in production. A bundler inlines such files, so bundled
// lambda/container projects are not reported; neither are test files, which are not deployed.
import path = require("node:path");
import { createRule } from "./api/createRule";
import type { FileInfo } from "./api/types";
import { importSiteVisitors, isInside, resolveImport, type ImportSite } from "./semantic/resolve";
import { isBundled, tsconfigFor } from "./semantic/tsconfig";

export default createRule({
  meta: {
    id: "import-outside-root",
    category: "deploy-layout",
    severity: "error",
    fix: "none",
    description: "A relative import (or tsconfig `paths` alias) that resolves to a file outside the project root, so it is not deployed.",
    messages: {
      outside: '"{{specifier}}" resolves outside {{root}}: missing in production',
    },
    details: {
      outside:
        "It resolves to {{target}}, and only {{root}} is deployed ({{deployed}}): production fails with Cannot find module. Move the code into the project or depend on it as a package.",
    },
    // Tests run from the repository, where the sibling folder exists; they are never deployed.
    roles: ["server"],
    // Only an unbundled unit's import that resolves to a file outside both the root and the deployed folder.
    prefilter: {
      file: (file) => hasProjectRoot(file) && (file.target === "langgraph" || !isBundled(file)),
      imports: (specifier, file) => {
        const r = resolveImport(file, specifier)?.resolution;
        return !!r && !isInside(file.project.root, r.file) && !isInside(deployedFolder(file).folder, r.file);
      },
    },
  },

  create(ctx) {
    const { file, sourceFile } = ctx;
    const { root, host } = file.project;
    // Decided on the first import that leaves the root (most files have none).
    let applies: boolean | undefined;
    const rootApplies = () =>
      (applies ??=
        // Without package.json or langgraph.json there is no project, only a folder (loose files, a
        // source-only copy): nothing says what would be deployed, so nothing is outside it.
        file.project.memo("import-outside-root:has-root", () =>
          ["package.json", "langgraph.json"].some((f) => host.fileExists(path.join(root, f))),
        ) &&
        (file.target === "langgraph" || !isBundled(file)));

    const check = (site: ImportSite) => {
      if (site.typeOnly) return;
      const r = resolveImport(file, site.specifier)?.resolution;
      if (!r || isInside(root, r.file) || !rootApplies()) return;
      const deployed = deployedFolder(file);
      if (isInside(deployed.folder, r.file)) return;
      ctx.report({
        node: site.literal,
        messageId: "outside",
        data: {
          specifier: site.specifier,
          target: path.relative(deployed.folder, r.file).split(path.sep).join("/"),
          root: `${deployed.label} …/${path.basename(deployed.folder)}`,
          deployed: deployed.how,
        },
      });
    };
    return importSiteVisitors(sourceFile, check, () => tsconfigFor(file).verbatimModuleSyntax);
  },
});

/** The root holds package.json or langgraph.json (else it is only a folder, and nothing is outside it). */
function hasProjectRoot(file: FileInfo): boolean {
  const { root, host } = file.project;
  return file.project.memo("import-outside-root:has-root", () =>
    ["package.json", "langgraph.json"].some((f) => host.fileExists(path.join(root, f))),
  );
}

/**
 * The folder that ships: the project root, except that a container image built by a Dockerfile in
 * an ancestor folder (a monorepo building from its top) gets that whole build context.
 */
function deployedFolder(file: FileInfo): { folder: string; label: string; how: string } {
  const { root, host } = file.project;
  const name = path.basename(root);
  if (file.target === "langgraph")
    return { folder: root, label: "the project root", how: `LangGraph Platform copies only this folder to /deps/${name}/` };
  if (file.target === "lambda")
    return { folder: root, label: "the project root", how: "the Lambda package is built from this folder and unpacked to /var/task" };
  const context = file.project.memo("import-outside-root:docker-context", () => {
    for (let d = root; ; d = path.dirname(d)) {
      if (host.fileExists(path.join(d, "Dockerfile"))) return d;
      if (path.dirname(d) === d) return undefined;
    }
  });
  if (context && context !== root)
    return { folder: context, label: "the Docker build context", how: `the container image is built from …/${path.basename(context)}` };
  return { folder: root, label: "the project root", how: "the container image is built from this folder" };
}
