// Docs are tested: every rule has rules/<id>.md with the required sections; every "Incorrect"
// example yields the rule's finding and every "Correct" example yields none.
// A code block's info string may carry attributes: ```ts filename=src/handler.mts target=lambda
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules } from "../rules/index";
import type { Target } from "../rules/api/types";
import { lintCase } from "./support/ruleTester";
import { REGENERATE_SDK_TABLE, SDK_TABLE_PAGE, withSdkTable } from "../scripts/gen-sdk-table";
import { REGENERATE_STORE_TABLE, STORE_TABLE_PAGE, withStoreTable } from "../scripts/gen-store-table";

const REQUIRED_SECTIONS = ["Why this breaks in production", "Incorrect", "Correct", "Fix", "Options", "When not to use it"];

interface Example {
  section: string;
  code: string;
  filename?: string;
  target?: Target;
  /** Project files given by non-code blocks with a filename (```dotenv filename=.env.example) earlier in the section. */
  files: Record<string, string>;
}

const CODE_LANGUAGES = ["ts", "js", "typescript", "javascript", "tsx", "jsx"];

export function examplesOf(markdown: string): Example[] {
  const out: Example[] = [];
  const fence = /^```(\w+)([^\n]*)\n([\s\S]*?)^```/gm;
  const headings = [...markdown.matchAll(/^##\s+(.+)$/gm)].map((m) => ({ at: m.index!, title: m[1].trim() }));
  let section = "";
  let files: Record<string, string> = {};
  for (const m of markdown.matchAll(fence)) {
    const here = headings.filter((h) => h.at < m.index!).pop()?.title ?? "";
    if (here !== section) {
      section = here;
      files = {};
    }
    const attrs = Object.fromEntries([...m[2].matchAll(/(\w+)=(\S+)/g)].map((a) => [a[1], a[2]]));
    if (!CODE_LANGUAGES.includes(m[1])) {
      if (attrs.filename) files = { ...files, [attrs.filename]: m[3] };
      continue;
    }
    out.push({ section, code: m[3], filename: attrs.filename, target: attrs.target as Target | undefined, files });
  }
  return out;
}

describe("rule docs", () => {
  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      const file = path.join(__dirname, "..", "rules", `${rule.meta.id}.md`);
      const markdown = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      it("has a page with the required sections", () => {
        assert.ok(markdown, `missing ${file}`);
        assert.match(markdown, new RegExp(`^# ${rule.meta.id}\\b`, "m"));
        for (const s of REQUIRED_SECTIONS) assert.match(markdown, new RegExp(`^## ${s}`, "m"), `section "${s}"`);
      });
      const examples = examplesOf(markdown);
      it("has incorrect and correct examples", () => {
        assert.ok(examples.some((e) => e.section.startsWith("Incorrect")));
        assert.ok(examples.some((e) => e.section.startsWith("Correct")));
      });
      examples.forEach((ex, i) => {
        if (!ex.section.startsWith("Incorrect") && !ex.section.startsWith("Correct")) return;
        const incorrect = ex.section.startsWith("Incorrect");
        it(`${incorrect ? "incorrect" : "correct"} example #${i + 1} ${incorrect ? "yields" : "does not yield"} the rule`, () => {
          const { findings } = lintCase(rule, { code: ex.code, filename: ex.filename, target: ex.target, files: ex.files });
          if (incorrect) assert.ok(findings.length > 0, `no ${rule.meta.id} finding in:\n${ex.code}`);
          else
            assert.deepEqual(
              findings.map((f) => f.message),
              [],
            );
        });
      });
    });
  }
});

describe("generated docs tables", () => {
  it(`rules/missing-timeout.md lists the SDK clients of rules/catalog/clients.ts (else run: ${REGENERATE_SDK_TABLE})`, () => {
    const page = fs.readFileSync(SDK_TABLE_PAGE, "utf8");
    assert.ok(page === withSdkTable(page), `the SDK table in rules/missing-timeout.md is stale. run: ${REGENERATE_SDK_TABLE}`);
  });
  it(`rules/store-read-modify-write.md lists the stores of rules/catalog/storeCatalog.ts (else run: ${REGENERATE_STORE_TABLE})`, () => {
    const page = fs.readFileSync(STORE_TABLE_PAGE, "utf8");
    assert.ok(
      page === withStoreTable(page),
      `the store table in rules/store-read-modify-write.md is stale. run: ${REGENERATE_STORE_TABLE}`,
    );
  });
});
