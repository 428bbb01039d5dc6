// npm run test:e2e:electron: the same extension-host suites in desktop VS Code, downloaded by
// @vscode/test-electron (for machines that can reach the VS Code download servers).
import { runTests } from "@vscode/test-electron";
import { buildSuite, freshWorkspace, repo } from "./e2e-common.mjs";

const suiteOut = await buildSuite();
const [, workspace] = freshWorkspace();
try {
  await runTests({ extensionDevelopmentPath: repo, extensionTestsPath: suiteOut, launchArgs: [workspace, "--disable-extensions"] });
} catch (err) {
  console.error(err);
  process.exit(1);
}
