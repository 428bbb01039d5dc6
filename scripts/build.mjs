// Bundles the extension client, the language server and the CLI with esbuild.
// --production: minified, no source maps (what the .vsix ships).
import * as esbuild from "esbuild";
import { chmodSync } from "node:fs";

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
  // The CLI: its bundle, and the small `deploygap` launcher that loads it through a V8 code cache.
  esbuild.build({ ...common, entryPoints: ["server/src/cli/main.ts"], outfile: "dist/cli-main.js" }),
  esbuild.build({
    ...common,
    entryPoints: ["server/src/cli/launcher.ts"],
    outfile: "dist/cli.js",
    sourcemap: false,
    banner: { js: "#!/usr/bin/env node" },
  }),
]);
chmodSync("dist/cli.js", 0o755);
// The benchmark measures the engine as it ships: bundled, not through a development-time loader.
if (process.argv.includes("--bench")) {
  await esbuild.build({ ...common, entryPoints: ["scripts/bench.ts"], outfile: "dist/bench.js", sourcemap: false });
}
