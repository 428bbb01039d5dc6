// Issue 17, items 7 and 13, over stdio with the real LSP client: one didChange with 2,000 content
// changes is applied in full and re-parsed once (it re-parsed after each change: 34 s on a 600 KB
// document), and a reversed range is put in order before the text changes, so the text and the tree
// agree and the next pull reports where a fresh lint of the same text does.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, TextDocumentContentChangeEvent } from "vscode-languageserver-protocol";
import { allRules, rulesById } from "../../../rules/index";
import { Linter } from "../../../server/src/engine/lint";
import { ProjectModel } from "../../../server/src/engine/project";
import { TestLspClient } from "../../support/lspClient";
import { HANG_GUARD_MS } from "../../support/bounded";

/** The pull, or a failure once the hang guard passes (the server is then killed by stop()). */
function guarded<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within the hang guard`)), HANG_GUARD_MS);
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

const show = (ds: Diagnostic[]) =>
  ds.filter((d) => d.code !== "file-skipped").map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);

describe("hostile inputs: didChange (issue 17.7, 17.13)", function () {
  this.timeout(120_000);
  let client: TestLspClient;
  let root: string;
  const linter = new Linter(allRules, new ProjectModel(rulesById));
  const fresh = (file: string, text: string) => linter.lint(file, text).findings.map((f) => `${f.line}:${f.character} ${f.ruleId}`);

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-didchange-"));
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "r", "type": "module" }');
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("applies 2,000 content changes of one didChange on a 600 KB document and re-parses once", async () => {
    const n = 12_000;
    const text =
      Array.from({ length: n }, (_, i) => `export const r${i} = fetch("https://api.example.com/v1/items/${i}");`).join("\n") + "\n";
    assert.ok(text.length > 600_000);
    const file = path.join(root, "src", "big.ts");
    const uri = pathToFileURL(file).href;
    await client.open(uri, text);
    assert.equal((await guarded(client.pull(uri), "first pull")).filter((d) => d.code === "missing-timeout").length, n);
    // Every 6th line gets a timeout: 2,000 edits, in one notification, each against the text the
    // previous ones left.
    let doc = TextDocument.create(uri, "typescript", 1, text);
    const changes: TextDocumentContentChangeEvent[] = [];
    for (let line = 0; line < n; line += 6) {
      const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
      const at = lineText.lastIndexOf(");");
      const change = {
        range: { start: { line, character: at }, end: { line, character: at } },
        text: ", { signal: AbortSignal.timeout(5000) }",
      };
      changes.push(change);
      doc = TextDocument.update(doc, [change], 2);
    }
    assert.equal(changes.length, 2000);
    await client.change(uri, 2, changes);
    const after = await guarded(client.pull(uri), "pull after 2,000 changes");
    assert.equal(after.filter((d) => d.code === "missing-timeout").length, n - 2000);
    assert.deepEqual(show(after), fresh(file, doc.getText()));
  });

  it("a reversed range is applied in order to both the text and the tree", async () => {
    const text = `export async function a() {\n  return 1;\n}\n\nexport const r = fetch("https://api.example.com/x");\n`;
    const file = path.join(root, "src", "reversed.ts");
    const uri = pathToFileURL(file).href;
    await client.open(uri, text);
    await client.pull(uri); // parsed: the tree is kept and updated incrementally from here
    // Deletes "  return 1;\n" with its end given first.
    const change = { range: { start: { line: 2, character: 0 }, end: { line: 1, character: 0 } }, text: "" };
    const doc = TextDocument.update(TextDocument.create(uri, "typescript", 1, text), [change], 2);
    await client.change(uri, 2, [change]);
    const diags = await guarded(client.pull(uri), "pull after a reversed range");
    assert.deepEqual(show(diags), fresh(file, doc.getText()));
    assert.deepEqual(show(diags), ["3:17 missing-timeout"]);
    // And the tree still follows later edits: insert a line at the top.
    const doc2 = TextDocument.update(
      doc,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// x\n" }],
      3,
    );
    await client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// x\n" }]);
    assert.deepEqual(show(await guarded(client.pull(uri), "pull after a later edit")), fresh(file, doc2.getText()));
  });
});
