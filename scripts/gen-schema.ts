// Generates the JSON schemas VS Code uses to complete and validate the deploygap config
// (package.json contributes.jsonValidation):
//   schemas/deploygap.schema.json               deploygap.config.json
//   schemas/package-json-deploygap.schema.json  the "deploygap" key of package.json
// Both come from the rule registry (ids, default severities, descriptions, and each rule's options
// schema: option types, ranges, defaults, descriptions) and the option bullets of each rule's doc page
// (the Markdown shown on hover), so a new rule or option cannot be forgotten: test/schema.test.ts fails while the committed files differ from what this script writes.
// The schema accepts exactly what server/src/engine/config.ts accepts; that test checks the two agree.
//   node --require tsx/cjs scripts/gen-schema.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules } from "../rules/index";
import { docsUrl } from "../rules/api/createRule";
import { ROLES, SEVERITIES, TARGETS, type OptionSchema, type Role, type Rule, type Severity, type Target } from "../rules/api/types";
import { CONFIG_FILE_NAME } from "../server/src/engine/config";

const REPO = path.join(__dirname, "..");
export const CONFIG_SCHEMA_FILE = "schemas/deploygap.schema.json";
export const PACKAGE_JSON_SCHEMA_FILE = "schemas/package-json-deploygap.schema.json";
export const REGENERATE = "node --require tsx/cjs scripts/gen-schema.ts";

type JsonSchema = Record<string, unknown>;

const SEVERITY_DESCRIPTIONS: Record<Severity, string> = {
  off: "The rule does not run.",
  hint: "Reported as a hint: faint dots under the code in the editor, not listed in the Problems panel.",
  info: "Reported as information.",
  warning: "Reported as a warning. `deploygap scan --max-warnings N` fails on more than N.",
  error: "Reported as an error. `deploygap scan` exits with 1.",
};

// RULES.md "Deploy units and file roles".
const ROLE_DESCRIPTIONS: Record<Role, string> = {
  server: "Runs in a deployed backend unit: every rule applies.",
  browser: "Runs in a browser (client components, hooks, front-end apps): only secrets and imports are checked.",
  script: "CLIs, dev tools, seeds, migrations, tool configs: only secrets and imports are checked.",
  test: "Tests and their helpers: secrets, imports and the test-concurrency rule.",
  generated: "Build output, bundles, editor temp files: never checked.",
};

// RULES.md "Targets".
const TARGET_DESCRIPTIONS: Record<Target, string> = {
  langgraph:
    "LangGraph Platform: code is copied to `/deps/<project>/` and run by the platform's server with a TypeScript loader; the platform supplies the checkpointer.",
  lambda: "AWS Lambda: fresh containers (cold starts), a 15-minute limit, usually built JavaScript run by plain Node from `/var/task`.",
  container: "A long-lived Node process, possibly several replicas behind a load balancer.",
  vercel:
    "Vercel Functions (Next.js route handlers, API routes, server actions): bundled, stopped at the maximum duration, only /tmp writable.",
  workers: "Cloudflare Workers: bundled by wrangler, no file system, 128 MB per isolate.",
};

/** Ignore patterns the engine reads (server/src/engine/config.ts MAX_IGNORE_PATTERNS). */
const MAX_IGNORE_PATTERNS = 1000;

/** The JSON schema of one option: what server/src/engine/config.ts `matchesOptionSchema` accepts. */
function optionSchema(option: OptionSchema): JsonSchema {
  switch (option.type) {
    case "number":
      return { type: "number", minimum: option.minimum, ...(option.maximum !== undefined ? { maximum: option.maximum } : {}) };
    case "array":
      return { type: "array", items: { type: option.items } };
    default:
      return { type: option.type };
  }
}

/** `- \`name\` (type, default ...): text` bullets of the doc page's "## Options" section, by option name. */
export function optionDescriptions(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const section = /^## Options[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1] ?? "";
  const withoutCode = section.replace(/^```[\s\S]*?^```/gm, "");
  const bullet = /^[-*] `([A-Za-z_$][\w$]*)`(?: \([^)\n]*\))?:[ \t]*([\s\S]*?)(?=^[-*] |^\s*$|(?![\s\S]))/gm;
  for (const m of withoutCode.matchAll(bullet)) {
    const text = m[2].replace(/\s*\n\s*/g, " ").trim();
    if (text) out.set(m[1], text.charAt(0).toUpperCase() + text.slice(1));
  }
  return out;
}

const plain = (markdown: string) => markdown.replace(/`([^`]*)`/g, "$1").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");

function readDoc(ruleId: string): string {
  const file = path.join(REPO, "rules", `${ruleId}.md`);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

function ruleSchema(rule: Rule, doc: string): JsonSchema {
  const { id, severity, category, description } = rule.meta;
  const schema = rule.meta.options ?? {};
  const defaults = rule.meta.defaultOptions as Record<string, unknown>;
  const docs = optionDescriptions(doc);
  const properties: Record<string, JsonSchema> = {};
  for (const name of Object.keys(schema).sort()) {
    const option = schema[name];
    const defaultText = `Default: ${JSON.stringify(option.default)}.`;
    // The doc page's bullet, when it has one, is the longer Markdown text; the meta's is the plain one.
    const markdown = docs.get(name);
    properties[name] = {
      ...optionSchema(option),
      default: option.default,
      description: `${option.description} ${defaultText}`,
      ...(markdown ? { markdownDescription: `${markdown} ${defaultText}` } : {}),
    };
  }
  const options: JsonSchema = { type: "object", properties, additionalProperties: false };
  const hasOptions = Object.keys(properties).length > 0;
  return {
    description: `${plain(description)} Category: ${category}. Default: "${severity}".`,
    markdownDescription: `${description}\n\nCategory: \`${category}\` · default \`"${severity}"\`${
      hasOptions
        ? ` · options: ${Object.keys(properties)
            .map((p) => `\`${p}\``)
            .join(", ")}`
        : ""
    }${docsUrl(id) ? `\n\n[Documentation](${docsUrl(id)})` : ""}`,
    default: severity,
    anyOf: [
      { $ref: "#/definitions/severity" },
      { type: "array", items: [{ $ref: "#/definitions/severity" }, options], minItems: 1, maxItems: 2 },
    ],
    ...(hasOptions
      ? {
          defaultSnippets: [
            {
              label: `["${severity}", { options }]`,
              description: `Severity and options of ${id}`,
              body: [severity, Object.fromEntries(Object.keys(properties).map((p) => [p, defaults[p]]))],
            },
          ],
        }
      : {}),
  };
}

const DEFINITIONS: JsonSchema = {
  severity: {
    type: "string",
    enum: [...SEVERITIES],
    enumDescriptions: SEVERITIES.map((s) => plain(SEVERITY_DESCRIPTIONS[s])),
    markdownEnumDescriptions: SEVERITIES.map((s) => SEVERITY_DESCRIPTIONS[s]),
  },
};

/** The config object: what deploygap.config.json holds, and what package.json's "deploygap" key holds. */
function configObject(rules: readonly Rule[], readRuleDoc: (id: string) => string): JsonSchema {
  const ruleProperties: Record<string, JsonSchema> = {};
  for (const rule of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    ruleProperties[rule.meta.id] = ruleSchema(rule, readRuleDoc(rule.meta.id));
  }
  return {
    type: "object",
    properties: {
      $schema: { type: "string", description: "The JSON schema of this file." },
      target: {
        description:
          "The deploy profile; detected per project root when absent (langgraph.json: langgraph; serverless.yml, SAM template, cdk.json or a Lambda handler: lambda; else container).",
        markdownDescription:
          "The deploy profile. When absent it is detected per project root: `langgraph.json` means `langgraph`; `serverless.yml`, a SAM `template.yaml`, `cdk.json` or an exported `handler(event, context)` means `lambda`; anything else is `container`.",
        type: "string",
        enum: [...TARGETS],
        enumDescriptions: TARGETS.map((t) => plain(TARGET_DESCRIPTIONS[t])),
        markdownEnumDescriptions: TARGETS.map((t) => TARGET_DESCRIPTIONS[t]),
      },
      rules: {
        description: 'Per-rule severity ("off", "hint", "info", "warning", "error"), or [severity, options].',
        type: "object",
        properties: ruleProperties,
        additionalProperties: false,
      },
      ignore: {
        description: "Glob patterns (gitignore syntax, relative to the project root) of files that are not checked.",
        type: "array",
        items: { type: "string" },
        maxItems: MAX_IGNORE_PATTERNS,
      },
      roles: {
        description:
          "Where files run, overriding the detection: glob patterns (gitignore syntax, relative to the config's folder; the last match wins) mapped to a role. Rules about production behaviour check server code only; `deploygap explain <file>` shows a file's detected role and why.",
        type: "object",
        additionalProperties: {
          type: "string",
          enum: [...ROLES],
          enumDescriptions: ROLES.map((r) => ROLE_DESCRIPTIONS[r]),
        },
      },
    },
    additionalProperties: false,
  };
}

export function buildConfigSchema(rules: readonly Rule[] = allRules, readRuleDoc: (id: string) => string = readDoc): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: `deploygap configuration (${CONFIG_FILE_NAME})`,
    description: "Target, rule severities and options, and ignored files for deploygap.",
    ...configObject(rules, readRuleDoc),
    definitions: DEFINITIONS,
  };
}

/** For package.json: only the "deploygap" key; every other key is left to VS Code's package.json schema. */
export function buildPackageJsonSchema(rules: readonly Rule[] = allRules, readRuleDoc: (id: string) => string = readDoc): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "deploygap configuration in package.json",
    type: "object",
    properties: {
      deploygap: {
        description: `The deploygap configuration, used when the project has no ${CONFIG_FILE_NAME}.`,
        ...configObject(rules, readRuleDoc),
      },
    },
    definitions: DEFINITIONS,
  };
}

/** The files this script writes, by path relative to the repository, with their exact text. */
export function renderSchemas(): Record<string, string> {
  const text = (schema: JsonSchema) => JSON.stringify(schema, null, 2) + "\n";
  return {
    [CONFIG_SCHEMA_FILE]: text(buildConfigSchema()),
    [PACKAGE_JSON_SCHEMA_FILE]: text(buildPackageJsonSchema()),
  };
}

if (require.main === module) {
  for (const [rel, text] of Object.entries(renderSchemas())) {
    const file = path.join(REPO, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const changed = !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text;
    if (changed) fs.writeFileSync(file, text);
    console.log(`${changed ? "wrote" : "unchanged"} ${rel}`);
  }
}
