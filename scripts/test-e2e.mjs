// npm run test:e2e: the extension-host suites in a real VS Code. Here that is code-server (VS Code 1.139
// from npm, see ../shared/vscode-host), which this script installs when missing (idempotent), starts
// on a free port with a fresh profile, and drives with headless Chromium. The workspace is a fresh copy
// of test/e2e/workspace, since the tests edit files. Writes the pass/fail count to $DEPLOYGAP_E2E_RESULTS.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSuite, freePort, freshWorkspace, repo } from "./e2e-common.mjs";

const hostScripts = process.env.VSCODE_HOST_SCRIPTS ?? path.join(repo, "..", "shared", "vscode-host");
const hostDir = process.env.VSCODE_HOST_DIR ?? "/tmp/vscode-host";

// 1. The suite, bundled for the extension host.
const suiteOut = await buildSuite();

// 2. The VS Code host (a no-op when already installed).
execFileSync("bash", [path.join(hostScripts, "setup.sh")], { stdio: "inherit" });

// 3. A fresh workspace and profile, and a free port.
const [run, workspace] = freshWorkspace();
const port = await freePort();
const started = spawnSync("bash", [path.join(hostScripts, "start.sh"), path.join(run, "host"), String(port)], { encoding: "utf8" });
if (started.status !== 0) {
  console.error(started.stderr);
  process.exit(1);
}
const [url, pid] = started.stdout.trim().split(/\s+/);

// 4. The suites, inside the extension host.
const results = process.env.DEPLOYGAP_E2E_RESULTS ?? path.join(run, "results.json");
let code;
try {
  const r = spawnSync(process.execPath, [path.join(hostDir, "driver", "run-ext-tests.mjs"), url, workspace, repo, suiteOut], {
    stdio: "inherit",
    env: { ...process.env, EXT_TESTS_ENV: JSON.stringify({ DEPLOYGAP_E2E_RESULTS: results }) },
  });
  code = r.status ?? 1;
} finally {
  try {
    process.kill(Number(pid));
  } catch {
    /* already gone */
  }
}
if (!fs.existsSync(results)) {
  // The suite never reported (the host did not start, or crashed): count it as one failed test.
  fs.writeFileSync(results, JSON.stringify({ passes: 0, failures: 1 }));
  code = 1;
}
fs.rmSync(run, { recursive: true, force: true });
process.exit(code);
