// The config JSON schemas (schemas/): committed files must be what scripts/gen-schema.ts generates from
// the rule registry today, and the schema must accept exactly the configs the engine accepts
// (server/src/engine/config.ts), checked on hand-written samples and on samples built for every rule
// and option. Validation uses the small draft-07 subset below; a test fails if the schema ever uses a
// keyword that subset does not implement, so nothing is silently left unchecked.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules, rulesById } from "../rules/index";
import { SEVERITIES } from "../rules/api/types";
import { parseConfig } from "../server/src/engine/config";
import {
  buildConfigSchema,
  buildPackageJsonSchema,
  CONFIG_SCHEMA_FILE,
  optionDescriptions,
  PACKAGE_JSON_SCHEMA_FILE,
  REGENERATE,
  renderSchemas,
} from "../scripts/gen-schema";

const ROOT = path.join(__dirname, "..");
type Schema = Record<string, unknown>;

// --- A draft-07 subset validator: the keywords the generator uses, nothing more. ---
const ASSERTIONS = new Set([
  "$ref",
  "type",
  "enum",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "anyOf",
]);
const ANNOTATIONS = new Set([
  "$schema",
  "title",
  "description",
  "markdownDescription",
  "default",
  "enumDescriptions",
  "markdownEnumDescriptions",
  "defaultSnippets",
  "definitions",
]);

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function resolveRef(root: Schema, ref: string): Schema {
  assert.ok(ref.startsWith("#/"), `only local refs: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  assert.ok(node && typeof node === "object", `unresolved ${ref}`);
  return node as Schema;
}

/** The errors of `value` against `schema`, each with its JSON path; empty when valid. */
function validate(root: Schema, schema: Schema, value: unknown, at = "$"): string[] {
  if (schema.$ref) return validate(root, resolveRef(root, schema.$ref as string), value, at);
  const errors: string[] = [];
  const type = jsonType(value);
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    if (!types.some((t) => t === type || (t === "number" && type === "integer")))
      return [`${at}: expected ${types.join("|")}, got ${type}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push(`${at}: not one of ${JSON.stringify(schema.enum)}`);
  if (schema.minimum !== undefined && typeof value === "number" && value < (schema.minimum as number))
    errors.push(`${at}: below ${schema.minimum}`);
  if (schema.maximum !== undefined && typeof value === "number" && value > (schema.maximum as number))
    errors.push(`${at}: above ${schema.maximum}`);
  if (type === "object") {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [k, v] of Object.entries(obj)) {
      if (Object.prototype.hasOwnProperty.call(props, k)) errors.push(...validate(root, props[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${k}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        errors.push(...validate(root, schema.additionalProperties as Schema, v, `${at}.${k}`));
    }
  }
  if (type === "array") {
    const arr = value as unknown[];
    if (schema.minItems !== undefined && arr.length < (schema.minItems as number))
      errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && arr.length > (schema.maxItems as number)) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (Array.isArray(schema.items))
      arr.forEach(
        (v, i) => i < (schema.items as Schema[]).length && errors.push(...validate(root, (schema.items as Schema[])[i], v, `${at}[${i}]`)),
      );
    else if (schema.items) arr.forEach((v, i) => errors.push(...validate(root, schema.items as Schema, v, `${at}[${i}]`)));
  }
  if (schema.anyOf) {
    const branches = (schema.anyOf as Schema[]).map((s) => validate(root, s, value, at));
    if (!branches.some((b) => b.length === 0)) errors.push(`${at}: matches no alternative (${branches.map((b) => b[0]).join("; ")})`);
  }
  return errors;
}

/** Every keyword used anywhere in the schema, with where it is. */
function keywordsOf(schema: Schema, at = "$", out: Array<[string, string]> = []): Array<[string, string]> {
  for (const [k, v] of Object.entries(schema)) {
    out.push([k, at]);
    if (k === "properties" || k === "definitions")
      for (const [name, s] of Object.entries(v as Record<string, Schema>)) keywordsOf(s, `${at}.${k}.${name}`, out);
    else if (k === "anyOf" || (k === "items" && Array.isArray(v)))
      (v as Schema[]).forEach((s, i) => keywordsOf(s, `${at}.${k}[${i}]`, out));
    else if ((k === "items" || k === "additionalProperties") && v && typeof v === "object") keywordsOf(v as Schema, `${at}.${k}`, out);
  }
  return out;
}

/** What the engine says about a config: its problems' messages. */
function engineProblems(config: unknown, key?: string): string[] {
  const text = JSON.stringify(key ? { name: "app", [key]: config } : config, null, 2);
  return parseConfig(key ? "/p/package.json" : "/p/deploygap.config.json", text, rulesById, key).problems.map((p) => p.message);
}

// --- Samples. ---
const schema = buildConfigSchema();
const packageSchema = buildPackageJsonSchema();

const optionsOf = (id: string) => (rulesById.get(id)!.meta.defaultOptions ?? {}) as Record<string, unknown>;
const numberOption = allRules.flatMap((r) =>
  Object.entries(optionsOf(r.meta.id))
    .filter(([, v]) => typeof v === "number")
    .map(([name]) => ({ rule: r.meta.id, name })),
)[0];
const arrayOption = allRules.flatMap((r) =>
  Object.entries(optionsOf(r.meta.id))
    .filter(([, v]) => Array.isArray(v))
    .map(([name]) => ({ rule: r.meta.id, name })),
)[0];
const someRule = allRules[0].meta.id;

const VALID: Array<[string, unknown]> = [
  ["an empty config", {}],
  [
    "target, $schema and ignore",
    { $schema: "./node_modules/deploygap/schemas/deploygap.schema.json", target: "lambda", ignore: ["dist/**", "**/*.generated.ts"] },
  ],
  ["a severity in a one-item array", { rules: { [someRule]: ["info"] } }],
  ["a number option", { rules: { [numberOption.rule]: ["error", { [numberOption.name]: 5000 }] } }],
  ["an array option", { rules: { [arrayOption.rule]: ["warning", { [arrayOption.name]: ["src/fixtures/**", "x"] }] } }],
  ["empty options", { rules: { [someRule]: ["warning", {}] } }],
];
for (const rule of allRules) {
  for (const s of SEVERITIES) VALID.push([`${rule.meta.id}: "${s}"`, { rules: { [rule.meta.id]: s } }]);
  VALID.push([
    `${rule.meta.id}: its default severity and options`,
    { rules: { [rule.meta.id]: [rule.meta.severity, rule.meta.defaultOptions ?? {}] } },
  ]);
}

const INVALID: Array<[string, unknown]> = [
  ["not an object", ["lambda"]],
  ["an unknown target", { target: "kubernetes" }],
  ["an unknown key", { rulez: {} }],
  ["rules as an array", { rules: [] }],
  ["an unknown rule", { rules: { "missing-timeot": "warning" } }],
  ["an unknown severity", { rules: { [someRule]: "warn" } }],
  ["a numeric severity", { rules: { [someRule]: 2 } }],
  ["an empty array", { rules: { [someRule]: [] } }],
  ["three items", { rules: { [someRule]: ["error", {}, 1] } }],
  ["options that are not an object", { rules: { [someRule]: ["error", "fast"] } }],
  ["a bad severity with options", { rules: { [someRule]: ["loud", {}] } }],
  ["a string for a number option", { rules: { [numberOption.rule]: ["error", { [numberOption.name]: "5s" }] } }],
  ["a negative number option", { rules: { [numberOption.rule]: ["error", { [numberOption.name]: -1 }] } }],
  ["an unknown option", { rules: { [numberOption.rule]: ["error", { timeoutSeconds: 5 }] } }],
  ["ignore as a string", { ignore: "dist/**" }],
  ["ignore with a number", { ignore: ["dist/**", 1] }],
];
for (const rule of allRules) {
  for (const [name, value] of Object.entries(optionsOf(rule.meta.id))) {
    const wrong = typeof value === "string" ? 1 : "not-" + typeof value;
    INVALID.push([`${rule.meta.id}: option ${name} of the wrong type`, { rules: { [rule.meta.id]: ["warning", { [name]: wrong }] } }]);
  }
}

describe("config JSON schemas", () => {
  it(`are up to date with the rule registry and docs (else run: ${REGENERATE})`, () => {
    for (const [rel, text] of Object.entries(renderSchemas())) {
      const file = path.join(ROOT, rel);
      const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      if (committed === text) continue;
      const idsIn = (t: string) =>
        Object.keys(((t ? JSON.parse(t) : {}) as { properties?: { rules?: { properties?: object } } }).properties?.rules?.properties ?? {});
      const missing = rel === CONFIG_SCHEMA_FILE ? idsIn(text).filter((id) => !idsIn(committed).includes(id)) : [];
      assert.fail(`${rel} is stale${missing.length ? ` (rules missing: ${missing.join(", ")})` : ""}. run: ${REGENERATE}`);
    }
  });

  it("use only keywords the test validator implements", () => {
    for (const s of [schema, packageSchema]) {
      const unknown = keywordsOf(s).filter(([k]) => !ASSERTIONS.has(k) && !ANNOTATIONS.has(k));
      assert.deepEqual(unknown, []);
    }
  });

  it("resolve every $ref", () => {
    for (const s of [schema, packageSchema]) {
      const refs = JSON.stringify(s).match(/"\$ref":"[^"]+"/g) ?? [];
      assert.ok(refs.length > 0);
      for (const r of refs) resolveRef(s, JSON.parse(`{${r}}`).$ref);
    }
  });

  it("list every registered rule with its default severity", () => {
    const rules = (schema.properties as { rules: { properties: Record<string, Schema> } }).rules.properties;
    assert.deepEqual(Object.keys(rules).sort(), allRules.map((r) => r.meta.id).sort());
    for (const r of allRules) assert.equal(rules[r.meta.id].default, r.meta.severity, r.meta.id);
  });

  it("give each option its type, default and doc text", () => {
    const rule = (schema.properties as { rules: { properties: Record<string, Schema> } }).rules.properties[numberOption.rule];
    const options = ((rule.anyOf as Schema[])[1].items as Schema[])[1] as {
      properties: Record<string, Schema>;
      additionalProperties: boolean;
    };
    assert.equal(options.additionalProperties, false);
    assert.deepEqual(Object.keys(options.properties).sort(), Object.keys(optionsOf(numberOption.rule)).sort());
    const opt = options.properties[numberOption.name];
    assert.equal(opt.type, "number");
    const declared = allRules.find((r) => r.meta.id === numberOption.rule)!.meta.options![numberOption.name] as {
      minimum: number;
      maximum?: number;
    };
    assert.equal(opt.minimum, declared.minimum);
    assert.equal(opt.maximum, declared.maximum);
    assert.equal(opt.default, optionsOf(numberOption.rule)[numberOption.name]);
    assert.match(String(opt.description), /Default: /);
  });

  for (const [name, config] of VALID) {
    it(`accept ${name}, as the engine does`, () => {
      assert.deepEqual(engineProblems(config), [], "engine");
      assert.deepEqual(validate(schema, schema, config), [], "deploygap.config.json schema");
      assert.deepEqual(
        validate(packageSchema, packageSchema, { name: "app", version: "1.0.0", deploygap: config }),
        [],
        "package.json schema",
      );
      assert.deepEqual(engineProblems(config, "deploygap"), [], "engine, package.json key");
    });
  }

  for (const [name, config] of INVALID) {
    it(`reject ${name}, as the engine does`, () => {
      assert.notDeepEqual(engineProblems(config), [], "engine");
      assert.notDeepEqual(validate(schema, schema, config), [], "deploygap.config.json schema");
      assert.notDeepEqual(validate(packageSchema, packageSchema, { name: "app", deploygap: config }), [], "package.json schema");
    });
  }

  it("leave package.json's other keys to VS Code's own package.json schema", () => {
    assert.deepEqual(validate(packageSchema, packageSchema, { name: "app", scripts: { build: "tsc" }, whatever: [1, 2] }), []);
  });

  it("read option descriptions from the doc page's Options bullets", () => {
    const md = [
      "# r",
      "## Options",
      "",
      "```json",
      "- `notAnOption`: inside a code block",
      "```",
      "",
      "- `timeoutMs` (number, default `10000`): the timeout, in milliseconds,",
      "  that the fix inserts.",
      "- `allow` (string[]): names that are never reported.",
      "",
      "Some prose about `timeoutMs`.",
      "## When not to use it",
      "- `later`: not an option",
    ].join("\n");
    assert.deepEqual(
      [...optionDescriptions(md)],
      [
        ["timeoutMs", "The timeout, in milliseconds, that the fix inserts."],
        ["allow", "Names that are never reported."],
      ],
    );
  });

  it("are contributed in package.json for deploygap.config.json and package.json", function () {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const entries: Array<{ fileMatch: string | string[]; url: string }> = pkg.contributes?.jsonValidation ?? [];
    // Until the extension manifest contributes them, there is nothing to compare.
    if (!entries.some((e) => e.url?.includes("schemas/"))) this.skip();
    const urlFor = (fileName: string) => entries.find((e) => ([] as string[]).concat(e.fileMatch).includes(fileName))?.url;
    assert.equal(path.normalize(urlFor("deploygap.config.json") ?? ""), path.normalize(`./${CONFIG_SCHEMA_FILE}`));
    assert.equal(path.normalize(urlFor("package.json") ?? ""), path.normalize(`./${PACKAGE_JSON_SCHEMA_FILE}`));
  });
});
