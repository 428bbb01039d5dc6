// The .vsix users install: built by `npm run package` (production bundle, @vscode/vsce), at most 8 MB,
// and holding only the bundles, rule docs, grammars, schemas, icon and the top-level docs.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repo = path.join(__dirname, "..");

describe("packaging", function () {
  this.timeout(180_000);
  let vsix: string;
  let entries: string[];
  before(() => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-vsix-"));
    vsix = path.join(out, "deploygap.vsix");
    execFileSync(process.execPath, ["scripts/build.mjs", "--production"], { cwd: repo, stdio: "pipe" });
    try {
      execFileSync(process.execPath, [require.resolve("@vscode/vsce/vsce"), "package", "--no-dependencies", "--out", vsix], {
        cwd: repo,
        stdio: "pipe",
      });
    } finally {
      // Leave the development bundle (with source maps) for the suites that run after this one.
      execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repo, stdio: "pipe" });
    }
    entries = execFileSync("unzip", ["-Z1", vsix], { encoding: "utf8" }).trim().split("\n");
  });

  it("is at most 8 MB", () => {
    assert.ok(fs.statSync(vsix).size <= 8 * 1024 * 1024, `${fs.statSync(vsix).size} bytes`);
  });

  it("holds only what the extension needs at run time", () => {
    const files = entries.filter((e) => e.startsWith("extension/")).map((e) => e.slice("extension/".length));
    const allowed = [
      /^dist\/(extension|server)\.js$/,
      /^rules\/[a-z0-9-]+\.md$/,
      /^syntaxes\/[\w.-]+\.json$/,
      /^schemas\/[\w.-]+\.json$/,
      /^images\/icon\.png$/,
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.txt)?|readme\.md|changelog\.md)$/,
    ];
    const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(unexpected, []);
    // vsce stores README.md and LICENSE as readme.md and LICENSE.txt.
    for (const required of ["dist/extension.js", "dist/server.js", "package.json", "readme.md", "LICENSE.txt", "changelog.md"])
      assert.ok(files.includes(required), required);
    assert.ok(
      files.some((f) => f === "rules/missing-timeout.md"),
      "rule docs are bundled for offline documentation",
    );
  });

  it("ships a minified bundle without source maps", () => {
    assert.ok(!entries.some((e) => e.endsWith(".map")));
    const server = execFileSync("unzip", ["-p", vsix, "extension/dist/server.js"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    assert.doesNotMatch(server.slice(-300), /sourceMappingURL=/, "no source map reference at the end of the bundle");
    // Minified code keeps newlines only inside template literals: lines are long on average.
    assert.ok(server.length / server.split("\n").length > 300, "minified");
  });
});
