// The extension-host test entry: `run()` is what @vscode/test-electron and the code-server runner call
// inside VS Code. It runs the mocha suites and writes a pass/fail count for the CI summary line.
import * as fs from "node:fs";
import Mocha from "mocha";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: false, reporter: "spec" });
  // Suites register on mocha's globals as this module loads them.
  mocha.suite.emit("pre-require", globalThis, "extension.e2e", mocha);
  // Loaded now, after pre-require set mocha's globals: an import would run before them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("./extension.e2e");
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.DEPLOYGAP_E2E_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? failures }));
      if (failures > 0) reject(new Error(`${failures} end-to-end tests failed`));
      else resolve();
    });
  });
}
