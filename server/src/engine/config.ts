// The project config: deploygap.config.json in the project root, or the "deploygap" key of its
// package.json. Parsed as data only (never executed), validated against the rule registry, and
// every problem located precisely in the config file. A broken config never stops linting: the
// valid parts apply and the rest falls back to defaults.
import ts = require("typescript");
import { offsetPastDepth } from "./nesting";
import { ROLES, SEVERITIES, TARGETS, type OptionSchema, type Role, type Rule, type Severity, type Target } from "../../../rules/api/types";

export const CONFIG_FILE_NAME = "deploygap.config.json";

export interface RuleSetting {
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ConfigProblem {
  /** The file the problem is in (deploygap.config.json or package.json). */
  file: string;
  start: number;
  end: number;
  message: string;
}

export interface LoadedConfig {
  /** The file the config came from, if any. */
  file?: string;
  target?: Target;
  rules: Map<string, RuleSetting>;
  ignore: string[];
  /** Role overrides: a glob (relative to the config's folder, gitignore syntax) and the role its files get. */
  roles: Array<{ glob: string; role: Role }>;
  problems: ConfigProblem[];
}

export const EMPTY_CONFIG: LoadedConfig = { rules: new Map(), ignore: [], roles: [], problems: [] };

// Limits that keep a hostile or accidental config from costing memory or time.
const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_IGNORE_PATTERNS = 1000;
/** A config is a few levels deep; the JSON parser recurses per level, so deeper text is not parsed. */
const MAX_CONFIG_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A config file that exists but is not read (not a regular file, too large): one problem, defaults apply. */
export function unreadableConfig(file: string, reason: string): LoadedConfig {
  return {
    file,
    rules: new Map(),
    ignore: [],
    roles: [],
    problems: [{ file, start: 0, end: 0, message: `Config file is not read: ${reason}.` }],
  };
}

/**
 * Parses and validates config text. `key` selects a property of the root object (package.json's
 * "deploygap"); absent means the whole document is the config.
 */
export function parseConfig(file: string, text: string, rules: ReadonlyMap<string, Rule>, key?: string): LoadedConfig {
  const config: LoadedConfig = { file, rules: new Map(), ignore: [], roles: [], problems: [] };
  const problem = (node: ts.Node | undefined, message: string) => {
    const start = node ? node.getStart(json) : 0;
    const end = node ? node.getEnd() : Math.min(text.length, 1);
    config.problems.push({ file, start, end, message });
  };
  if (text.length > MAX_CONFIG_BYTES) {
    config.problems.push({ file, start: 0, end: 0, message: `Config file is larger than ${MAX_CONFIG_BYTES / 1024} KB; it is ignored.` });
    return config;
  }
  // Counted before parsing (the parser would exhaust the stack on thousands of levels): one located
  // problem, and the defaults apply.
  const tooDeepAt = offsetPastDepth(text, MAX_CONFIG_DEPTH);
  if (tooDeepAt >= 0) {
    config.problems.push({
      file,
      start: tooDeepAt,
      end: tooDeepAt + 1,
      message: `Config is nested more than ${MAX_CONFIG_DEPTH} levels deep; it is ignored and the defaults apply.`,
    });
    return config;
  }
  const json = ts.parseJsonText(file, text);
  const syntaxErrors = (json as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (syntaxErrors.length > 0) {
    for (const d of syntaxErrors) {
      config.problems.push({
        file,
        start: d.start,
        end: d.start + Math.max(d.length, 1),
        message: `Invalid JSON: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}. The config is ignored until this is fixed.`,
      });
    }
    return config;
  }
  const statement = json.statements[0];
  let root: ts.Expression | undefined = statement?.expression;
  if (!root) return config; // empty file
  if (key !== undefined) {
    if (!ts.isObjectLiteralExpression(root)) return config;
    const prop = root.properties.find((p) => ts.isPropertyAssignment(p) && nameOf(p) === key) as ts.PropertyAssignment | undefined;
    if (!prop) return config;
    root = prop.initializer;
  }
  if (!ts.isObjectLiteralExpression(root)) {
    problem(root, "The deploygap config must be a JSON object.");
    return config;
  }

  for (const prop of root.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const name = nameOf(prop);
    const value = prop.initializer;
    switch (name) {
      case "$schema":
        break;
      case "target": {
        const t = ts.isStringLiteral(value) ? value.text : undefined;
        if (t && (TARGETS as readonly string[]).includes(t)) config.target = t as Target;
        else problem(value, `"target" must be one of ${TARGETS.map((x) => `"${x}"`).join(", ")}.`);
        break;
      }
      case "ignore": {
        if (!ts.isArrayLiteralExpression(value)) {
          problem(value, `"ignore" must be an array of glob strings.`);
          break;
        }
        if (value.elements.length > MAX_IGNORE_PATTERNS) {
          problem(value, `"ignore" has more than ${MAX_IGNORE_PATTERNS} patterns; only the first ${MAX_IGNORE_PATTERNS} are used.`);
        }
        for (const el of value.elements.slice(0, MAX_IGNORE_PATTERNS)) {
          if (ts.isStringLiteral(el)) config.ignore.push(el.text);
          else problem(el, `Each "ignore" entry must be a glob string.`);
        }
        break;
      }
      case "roles": {
        if (!ts.isObjectLiteralExpression(value)) {
          problem(value, `"roles" must be an object mapping globs to a role (${ROLES.map((r) => `"${r}"`).join(", ")}).`);
          break;
        }
        for (const rp of value.properties.slice(0, MAX_IGNORE_PATTERNS)) {
          if (!ts.isPropertyAssignment(rp)) continue;
          const glob = nameOf(rp) ?? "";
          const role = ts.isStringLiteral(rp.initializer) ? rp.initializer.text : undefined;
          if (!role || !(ROLES as readonly string[]).includes(role)) {
            problem(rp.initializer, `The role of "${glob}" must be one of ${ROLES.map((r) => `"${r}"`).join(", ")}.`);
            continue;
          }
          config.roles.push({ glob, role: role as Role });
        }
        break;
      }
      case "rules": {
        if (!ts.isObjectLiteralExpression(value)) {
          problem(value, `"rules" must be an object mapping rule ids to a severity or [severity, options].`);
          break;
        }
        for (const rp of value.properties) {
          if (!ts.isPropertyAssignment(rp)) continue;
          const id = nameOf(rp) ?? "";
          const rule = rules.get(id);
          if (!rule) {
            const near = closest(id, [...rules.keys()]);
            problem(rp.name, `Unknown rule "${id}".${near ? ` Did you mean "${near}"?` : ""}`);
            continue;
          }
          const setting = parseRuleSetting(rp.initializer, rule, problem);
          if (setting) config.rules.set(id, setting);
        }
        break;
      }
      default:
        problem(prop.name, `Unknown config key "${name}". Known keys: "target", "rules", "ignore", "roles".`);
    }
  }
  return config;
}

function parseRuleSetting(value: ts.Expression, rule: Rule, problem: (node: ts.Node, message: string) => void): RuleSetting | undefined {
  const severityOf = (node: ts.Expression): Severity | undefined => {
    if (ts.isStringLiteral(node) && (SEVERITIES as readonly string[]).includes(node.text)) return node.text as Severity;
    problem(node, `Severity of "${rule.meta.id}" must be one of ${SEVERITIES.map((s) => `"${s}"`).join(", ")}.`);
    return undefined;
  };
  if (ts.isStringLiteral(value)) {
    const severity = severityOf(value);
    return severity ? { severity, options: {} } : undefined;
  }
  if (ts.isArrayLiteralExpression(value) && value.elements.length >= 1 && value.elements.length <= 2) {
    const severity = severityOf(value.elements[0]);
    if (!severity) return undefined;
    const optsNode = value.elements[1];
    if (!optsNode) return { severity, options: {} };
    if (!ts.isObjectLiteralExpression(optsNode)) {
      problem(optsNode, `Options of "${rule.meta.id}" must be an object.`);
      return { severity, options: {} };
    }
    const schema = rule.meta.options ?? {};
    const options: Record<string, unknown> = {};
    for (const op of optsNode.properties) {
      if (!ts.isPropertyAssignment(op)) continue;
      const key = nameOf(op) ?? "";
      if (FORBIDDEN_KEYS.has(key) || !Object.prototype.hasOwnProperty.call(schema, key)) {
        const known = Object.keys(schema);
        problem(
          op.name,
          `Unknown option "${key}" for "${rule.meta.id}".${known.length ? ` Known options: ${known.join(", ")}.` : " It takes no options."}`,
        );
        continue;
      }
      const parsed = jsonValue(op.initializer);
      if (!matchesOptionSchema(parsed, schema[key])) {
        problem(op.initializer, `Option "${key}" of "${rule.meta.id}" must be ${describeOptionSchema(schema[key])}.`);
        continue;
      }
      const invalid = rule.meta.validateOption?.(key, parsed);
      if (invalid) {
        problem(op.initializer, `Option "${key}" of "${rule.meta.id}" ${invalid}`);
        continue;
      }
      options[key] = parsed;
    }
    return { severity, options };
  }
  problem(value, `"${rule.meta.id}" must be a severity string or [severity, options].`);
  return undefined;
}

function nameOf(p: ts.PropertyAssignment): string | undefined {
  const n = p.name;
  if (ts.isStringLiteral(n) || ts.isIdentifier(n) || ts.isNumericLiteral(n)) return n.text;
  return undefined;
}

const MAX_DEPTH = 16;

/** Converts a JSON AST node to a value; depth-limited, and never creates prototype-polluting keys. */
function jsonValue(node: ts.Expression, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (ts.isStringLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => jsonValue(e, depth + 1));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const k = nameOf(p);
      if (k === undefined || FORBIDDEN_KEYS.has(k)) continue;
      out[k] = jsonValue(p.initializer, depth + 1);
    }
    return out;
  }
  return undefined;
}

/** True when a config value fits the option's schema (the rule's meta is the only source of option types). */
function matchesOptionSchema(value: unknown, option: OptionSchema): boolean {
  switch (option.type) {
    case "number":
      return (
        typeof value === "number" &&
        Number.isFinite(value) &&
        value >= option.minimum &&
        (option.maximum === undefined || value <= option.maximum)
      );
    case "array":
      return Array.isArray(value) && value.every((v) => typeof v === option.items);
    default:
      return typeof value === option.type;
  }
}

function describeOptionSchema(option: OptionSchema): string {
  switch (option.type) {
    case "number":
      if (option.maximum !== undefined) return `a number from ${option.minimum} to ${option.maximum}`;
      return option.minimum === 0 ? "a non-negative number" : `a number of at least ${option.minimum}`;
    case "array":
      return `an array of ${option.items}s`;
    default:
      return `a ${option.type}`;
  }
}

/** The known id closest to a misspelt one (edit distance ≤ 3), for "did you mean". */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
