// npm run new-rule <id>: scaffolds a rule, its doc page and its test, the three files every rule has:
//   rules/<id>.ts             createRule: meta (messages, details, options schema) and visitors
//   rules/<id>.md             the doc page; its Incorrect/Correct examples are run by test/docs.test.ts
//   test/rules/<id>.test.ts   a rule table for test/support/ruleTester.ts
// It refuses to overwrite a file. CONTRIBUTING.md ("Add a rule") says what to do next.
//   node --require tsx/cjs scripts/new-rule.ts <id> [--root DIR]
import * as fs from "node:fs";
import * as path from "node:path";

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function ruleSource(id: string): string {
  return `// ${id}: TODO one paragraph: what the rule finds, why it breaks in production, and what it leaves alone.
import { createRule } from "./api/createRule";

export default createRule({
  meta: {
    id: "${id}",
    category: "network", // TODO one of CATEGORIES in rules/api/types.ts
    severity: "warning",
    fix: "none",
    description: "TODO One sentence: what the rule finds.",
    messages: {
      // A headline of at most 120 characters once rendered: the thing and the failure.
      found: "{{callee}}() TODO: what breaks in production",
    },
    details: {
      // The explanation under the headline (hover, JSON \`detail\`): why it breaks, what to do. Same placeholders.
      found: "TODO why {{callee}}() breaks in production, and what to write instead.",
    },
    options: {},
    roles: ["server"],
  },
  create(context) {
    return {
      // Visitors by node kind (rules/api/types.ts VisitableNodes); the engine walks each file once.
      // Per-file facts come from context.semantic (imports, importedCallee, bindingOf, requestHandlers...).
      CallExpression(node) {
        const callee = node.expression.getText(context.sourceFile);
        if (callee !== "exampleCall") return; // TODO detect
        context.report({ node: node.expression, messageId: "found", data: { callee } });
      },
    };
  },
});
`;
}

export function ruleDoc(id: string): string {
  return `# ${id}

TODO One sentence: what the rule finds.

Category: \`network\` · Default severity: \`warning\` · Fix: none

## Why this breaks in production

TODO What happens locally, what happens on each target, and what the user sees.

## Incorrect

\`\`\`ts
exampleCall();
\`\`\`

## Correct

\`\`\`ts
otherCall();
\`\`\`

## Fix

TODO The fix, or why there is none.

## Options

This rule has no options.

## When not to use it

TODO

## Suppress

\`\`\`ts
// deploygap-disable-next-line ${id} -- the reason
exampleCall();
\`\`\`
`;
}

export function ruleTest(id: string): string {
  return `import rule from "../../rules/${id}";
import { runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";

const valid: ValidCase[] = [{ name: "another call", code: "otherCall();" }];

const invalid: InvalidCase[] = [
  {
    name: "the call the rule finds",
    code: "exampleCall();",
    errors: [{ messageId: "found", line: 1, column: 1, endColumn: 12 }],
    output: null,
  },
];

runRuleTests(rule, { valid, invalid });
`;
}

/** Writes the three files under `root`; returns their paths. Throws on a bad id or an existing file. */
export function scaffoldRule(id: string, root: string): string[] {
  if (!ID.test(id)) throw new Error(`rule ids are kebab-case (e.g. "missing-timeout"), not "${id}"`);
  const files: Array<[string, string]> = [
    [path.join(root, "rules", `${id}.ts`), ruleSource(id)],
    [path.join(root, "rules", `${id}.md`), ruleDoc(id)],
    [path.join(root, "test", "rules", `${id}.test.ts`), ruleTest(id)],
  ];
  for (const [file] of files) if (fs.existsSync(file)) throw new Error(`${path.relative(root, file)} exists already`);
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return files.map(([file]) => file);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf("--root");
  const root = rootAt >= 0 ? path.resolve(args[rootAt + 1]) : path.join(__dirname, "..");
  const id = args.find((a, i) => !a.startsWith("--") && i !== rootAt + 1);
  if (!id) {
    console.error("usage: npm run new-rule <id>");
    process.exit(2);
  }
  try {
    for (const f of scaffoldRule(id, root)) console.log(`wrote ${path.relative(root, f)}`);
    console.log(
      `next: add it to its category's list in rules/index.ts, write the detection and the doc page, then run\n` +
        `  node --require tsx/cjs scripts/gen-schema.ts && node --require tsx/cjs scripts/gen-rule-docs.ts`,
    );
  } catch (e) {
    console.error(`new-rule: ${(e as Error).message}`);
    process.exit(1);
  }
}
