// Bundles the extension client, the language server and the CLI with esbuild.
// --production: minified, no source maps (what the .vsix ships).
import * as esbuild from "esbuild";
import { chmodSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";

const production = process.argv.includes("--production");
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: production,
  sourcemap: production ? false : "linked",
  logLevel: "warning",
};
await Promise.all([
  esbuild.build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] }),
  esbuild.build({ ...common, entryPoints: ["server/src/lsp/main.ts"], outfile: "dist/server.js" }),
  // The CLI's bundle; its launcher (below) is built once the bundle exists.
  esbuild.build({ ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli-main.js" }),
]);
// The `deploygap` launcher loads the bundle through a V8 code cache, whose file is named after this hash
// of the bundle: V8 itself checks only the source's length, so a new build of the same length must not
// find the old build's compiled code.
await esbuild.build({
  ...common,
  entryPoints: ["server/src/cli/launcher.ts"],
  outfile: "dist/cli.js",
  sourcemap: false,
  banner: { js: "#!/usr/bin/env node" },
  define: { CLI_MAIN_HASH: JSON.stringify(createHash("sha256").update(readFileSync("dist/cli-main.js")).digest("hex").slice(0, 20)) },
});
chmodSync("dist/cli.js", 0o755);
// The benchmark measures the engine as it ships: bundled, not through a development-time loader.
if (process.argv.includes("--bench")) {
  await esbuild.build({ ...common, entryPoints: ["scripts/bench.ts"], outfile: "dist/bench.js", sourcemap: false });
}
