// npm run test:e2e:electron: the same extension-host suites in desktop VS Code, downloaded by
// @vscode/test-electron (for machines that can reach the VS Code download servers).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { runTests } from "@vscode/test-electron";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const suiteOut = path.join(repo, "dist", "e2e", "index.js");
await esbuild.build({
  entryPoints: [path.join(repo, "test", "e2e", "suite", "index.ts")],
  outfile: suiteOut,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode", "mocha"],
});
const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-e2e-")), "workspace");
fs.cpSync(path.join(repo, "test", "e2e", "workspace"), workspace, { recursive: true });
try {
  await runTests({ extensionDevelopmentPath: repo, extensionTestsPath: suiteOut, launchArgs: [workspace, "--disable-extensions"] });
} catch (err) {
  console.error(err);
  process.exit(1);
}
