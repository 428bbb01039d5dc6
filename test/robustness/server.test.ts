// The server under abuse, over stdio: random incremental edits (every request answered, every range
// inside the document, the final result equal to a fresh lint), and memory that returns to its
// baseline after opening and closing 1,000 documents.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { TextDocument } from "vscode-languageserver-textdocument";
import { allRules, rulesById } from "../../rules/index";
import { Linter } from "../../server/src/engine/lint";
import { ProjectModel } from "../../server/src/engine/project";
import { TestLspClient } from "../support/lspClient";

const SOURCE = `import OpenAI from "openai";
import axios from "axios";

export const client = new OpenAI({ timeout: 20_000 });

export async function handler(event: { id: string }) {
  const res = await fetch(\`https://api.example.com/items/\${event.id}\`);
  const more = await axios.get("https://api.example.com/more", { timeout: 5000 });
  return { body: await res.json(), more: more.data };
}
`;

describe("server robustness over stdio", function () {
  this.timeout(180_000);
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-robust-"));
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "r", "type": "module" }');
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href, execArgv: ["--expose-gc"] });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("answers every request during random incremental edits, and ends where a fresh lint ends", async () => {
    const edit = fc.record({
      at: fc.nat(),
      len: fc.integer({ min: 0, max: 30 }),
      text: fc.constantFrom(
        "",
        "(",
        ")",
        "{",
        "}",
        "`",
        "fetch(url)",
        "\n",
        "await ",
        "new OpenAI()",
        "// deploygap-disable-next-line missing-timeout\n",
        "\u0000",
        "x".repeat(500),
      ),
    });
    const linter = new Linter(allRules, new ProjectModel(rulesById));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 25 }), async (edits) => {
        const docPath = path.join(root, "src", `fuzz${n++}.ts`);
        const docUri = pathToFileURL(docPath).href;
        let doc = TextDocument.create(docUri, "typescript", 1, SOURCE);
        await client.open(docUri, SOURCE);
        for (const e of edits) {
          const start = doc.positionAt(e.at % (doc.getText().length + 1));
          const end = doc.positionAt(doc.offsetAt(start) + e.len);
          const change = { range: { start, end }, text: e.text };
          doc = TextDocument.update(doc, [change], doc.version + 1);
          await client.change(docUri, doc.version, [change]);
          const diags = await client.pull(docUri);
          const lines = doc.lineCount;
          for (const d of diags) assert.ok(d.range.start.line < lines && d.range.end.line < lines, "range inside the document");
        }
        const final = (await client.pull(docUri))
          .filter((d) => d.code !== "file-skipped")
          .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);
        const fresh = linter.lint(docPath, doc.getText()).findings.map((f) => `${f.line}:${f.character} ${f.ruleId}`);
        assert.deepEqual(final, fresh);
        await client.close(docUri);
      }),
      { numRuns: 25, seed: 42 },
    );
  });

  it("returns to its memory baseline after opening and closing 1,000 documents", async () => {
    const stats = () =>
      client.connection.sendRequest("deploygap/debugStats") as Promise<{ documents: number; results: number; heapUsed: number }>;
    const cycle = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const uri = pathToFileURL(path.join(root, "leak", `doc${i}.ts`)).href;
        await client.open(uri, SOURCE + `\nexport const n${i} = ${i};\n`);
        await client.pull(uri);
        await client.close(uri);
      }
    };
    await cycle(0, 100); // warm-up: JIT, caches, project facts
    const baseline = await stats();
    await cycle(100, 1000);
    const after = await stats();
    assert.equal(after.documents, 0);
    assert.equal(after.results, 0);
    const growthMb = (after.heapUsed - baseline.heapUsed) / 1024 / 1024;
    assert.ok(growthMb < 8, `heap grew by ${growthMb.toFixed(1)} MB over 1,000 open/close cycles`);
  });
});
