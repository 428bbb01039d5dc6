// Issue 17, item 2: the rule time budget fires on ONE long visitor call. Visitor calls were timed one
// in 32, so a rule that spent seconds in a call between two samples was never charged. JavaScript cannot
// interrupt a synchronous call; the budget is checked when each call returns, the rule is switched off
// for the file, its findings dropped and one message logged, and the other rules' findings arrive.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRule } from "../../../rules/api/createRule";
import type { Rule } from "../../../rules/api/types";
import { Linter } from "../../../server/src/engine/lint";
import { ProjectModel } from "../../../server/src/engine/project";

const meta = {
  category: "network",
  severity: "warning",
  fix: "none",
  description: "A test rule.",
  roles: ["server"],
} as const;

/** Reports every call; used to show the other rules still report. */
const calls = createRule({
  meta: { ...meta, id: "calls", messages: { x: "a call" } },
  create: (ctx) => ({ CallExpression: (node) => ctx.report({ node, messageId: "x" }) }),
});

/** Spins for `ms` in the visitor call on the identifier `spin`, and reports every identifier. */
function spinner(id: string, ms: number): Rule {
  return createRule({
    meta: { ...meta, id, messages: { x: "an identifier" } },
    create: (ctx) => ({
      Identifier(node) {
        if (node.text === "spin") {
          const until = performance.now() + ms;
          while (performance.now() < until) {
            /* one long call */
          }
        }
        ctx.report({ node, messageId: "x" });
      },
    }),
  });
}

describe("hostile inputs: the rule time budget (issue 17.2)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-budget-"));
  fs.writeFileSync(path.join(root, "package.json"), "{}");
  const file = path.join(root, "src", "a.ts");
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const linterFor = (rules: Rule[]) => new Linter(rules, new ProjectModel(new Map(rules.map((r) => [r.meta.id, r]))));

  for (const position of ["first", "second", "31st"] as const) {
    it(`stops a rule whose ${position} visitor call alone runs past the budget; logged once, the others report`, () => {
      const before = { first: 0, second: 1, "31st": 30 }[position];
      const names = Array.from({ length: before }, (_, i) => `a${i}`);
      // Identifiers in walk order: the `before` names, then spin, then more.
      const text = [...names.map((n) => `const ${n} = 1;`), "spin();", "const z = f();"].join("\n") + "\n";
      const errors: string[] = [];
      const r = linterFor([spinner("spinner", 300), calls]).lint(file, text, {
        ruleBudgetMs: 100,
        onRuleError: (e) => errors.push(`${e.ruleId}: ${e.error.split("\n")[0]}`),
      });
      assert.deepEqual(errors, ["spinner: Error: ran past its time budget of 100 ms on this file and was stopped for it"]);
      assert.deepEqual(
        r.findings.map((f) => f.ruleId),
        ["calls", "calls"],
      );
    });
  }

  it("a rule that stays within the budget keeps its findings", () => {
    const errors: string[] = [];
    const r = linterFor([spinner("spinner", 0), calls]).lint(file, "spin();\n", {
      ruleBudgetMs: 10_000,
      onRuleError: (e) => errors.push(e.ruleId),
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ["spinner", "calls"],
    );
  });
});
