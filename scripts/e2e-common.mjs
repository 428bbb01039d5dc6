// Shared by the two end-to-end runners: bundle the extension-host suite, and make a fresh copy of
// the fixture workspace (the tests edit files in it).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as net from "node:net";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles test/e2e/suite for the extension host (mocha and vscode stay external); returns its path. */
export async function buildSuite() {
  const out = path.join(repo, "dist", "e2e", "index.js");
  await esbuild.build({
    entryPoints: [path.join(repo, "test", "e2e", "suite", "index.ts")],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode", "mocha"],
    logLevel: "warning",
  });
  return out;
}

/** A fresh copy of test/e2e/workspace in a new temporary folder; returns [runFolder, workspace]. */
export function freshWorkspace() {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-e2e-"));
  const workspace = path.join(run, "workspace");
  fs.cpSync(path.join(repo, "test", "e2e", "workspace"), workspace, { recursive: true });
  return [run, workspace];
}

/** A TCP port free on 127.0.0.1 right now, for code-server. */
export function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
}
