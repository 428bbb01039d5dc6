// One walk decides which files deploygap looks at (server/src/engine/projectFiles.ts): the scan lists
// a folder with it on disk, and project facts that read every file (ProjectInfo.files(): the test
// summaries, the import index of dead files) list the project with it through the host. Both must
// see the same files: the same skipped folders, .gitignore files (also above the project, up to the
// repository root), config "ignore" globs, and no walk into a symlinked folder.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLinter } from "../../server/src/engine/createLinter";
import { collectFiles } from "../../server/src/scan/files";
import { allRules } from "../../rules/index";
import { ProjectModel } from "../../server/src/engine/project";

function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-walk-")));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe("the project file walk", () => {
  const repo = tree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".gitignore": "generated/\n*.local.ts\n",
    "app/package.json": "{}",
    "app/deploygap.config.json": JSON.stringify({ ignore: ["scripts/**"] }),
    "app/.gitignore": "fixtures-out/\n",
    "app/src/agent.ts": "export const a = 1;\n",
    "app/src/agent.test.ts": "test('x', () => {});\n",
    "app/src/secret.local.ts": "x\n",
    "app/generated/client.ts": "x\n",
    "app/fixtures-out/out.ts": "x\n",
    "app/node_modules/pkg/index.js": "x\n",
    "app/dist/index.js": "x\n",
    "app/scripts/seed.ts": "x\n",
    "app/.github/workflows/check.ts": "x\n",
    "app/langgraph.json": "{}",
    "app/README.md": "# app\n",
  });
  const app = path.join(repo, "app");
  // A link back up the tree: a walk that followed it would never end.
  fs.symlinkSync(app, path.join(app, "src", "loop"), "dir");
  const expected = [".github/workflows/check.ts", "langgraph.json", "src/agent.test.ts", "src/agent.ts"].map((f) => path.join(app, f));

  it("the scan collects the files a .gitignore (also the repository's, above the project) and the config leave", () => {
    const { projects } = createLinter();
    const { files, warnings } = collectFiles([app], projects);
    assert.deepEqual(files, expected);
    assert.deepEqual(warnings, []);
  });

  it("ProjectInfo.files() lists the same files through the project host, once per project", () => {
    const projects = new ProjectModel(new Map(allRules.map((r) => [r.meta.id, r])));
    const info = projects.project(app).info;
    const listed = info.files();
    assert.deepEqual([...listed.paths].sort(), expected);
    assert.equal(listed.complete, true);
    assert.equal(info.files(), listed, "memoised with the project");
  });
});
