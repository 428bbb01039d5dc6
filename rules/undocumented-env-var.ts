// undocumented-env-var: an environment variable read in code but named in none of the files the project
// documents its environment in (.env.example, langgraph.json `env`, serverless.yml, SAM template.yaml; see
// semantic/envDocs.ts). Reads are `process.env.NAME`, `process.env["NAME"]`, `const { A, B } = process.env`,
// an alias (`const env = process.env; env.NAME`) and `import.meta.env.NAME`. Variables the runtime provides
// (catalog/reservedEnv.ts), names the deploy config sets for the unit (Dockerfile ENV, compose, CDK...)
// and names the file sets itself are not reported; one finding per name per file. Reads a deploy
// without the variable runs correctly anyway are skipped (semantic/envReadContext.ts: aliases of a
// documented name, test-mode switches, development-only branches, production URL fallbacks, branches
// another undocumented variable opts into, exports nothing imports). A name documented only in a
// sibling package's .env.example of the same monorepo gets its own message saying so.
import path = require("node:path");
import ts = require("typescript");
import { createRule } from "./api/createRule";
import type { FileInfo, Fix } from "./api/types";
import { isProcessEnv, propertyNameText, stringValue, unwrap } from "./semantic/ast";
import { envDocsOf, mentionsEnv, workspaceEnvExamples } from "./semantic/envDocs";
import {
  hasProductionFallback,
  isAliasOfDocumented,
  isDevelopmentOnly,
  isInDeadExport,
  isOnlyTested,
  isTestModeName,
  optInSelector,
  type EnvNameOf,
} from "./semantic/envReadContext";
import { IMPORT_META_ENV_BUILTINS, isRuntimeProvided } from "./catalog/reservedEnv";

/** The project documents its environment somewhere the rule can read through (else the rule stays quiet). */
function hasEnvDocs(file: FileInfo): boolean {
  const docs = envDocsOf(file.project);
  return docs.sources.length > 0 && !docs.incomplete;
}

/**
 * Whether the text may read a variable the rule would report. Every read spells the word `env`
 * (process.env, import.meta.env, `const { env } = process`, an alias initialised from one of those); the
 * file is skipped only when each `env` is followed by `.NAME` or `?.NAME` with NAME one the rule never
 * reports whatever the rest of the file says (the runtime provides it, the docs, the unit's deploy config
 * or the `allow` option name it). Any other use (`env[...]`, an alias, destructuring, `env` in a comment)
 * lets the file through.
 */
function mayReadUndocumented(text: string, file: FileInfo, allow: unknown): boolean {
  if (!text.includes("env")) return false;
  const known = knownNames(file, allow);
  ENV_WORD.lastIndex = 0;
  for (let m = ENV_WORD.exec(text); m; m = ENV_WORD.exec(text)) {
    const name = m[1];
    if (name === undefined || !known(name)) return true;
  }
  return false;
}

/**
 * Names the rule never reports in this file, whatever it reads: the runtime provides them, the env docs,
 * the unit's deploy config or the `allow` option name them. The prefilter and onEnd ask the same.
 */
function knownNames(file: FileInfo, allow: unknown): (name: string) => boolean {
  const docs = envDocsOf(file.project);
  const unitEnv = new Set(file.unit?.env ?? []);
  const allowed = new Set(Array.isArray(allow) ? allow : []);
  return (name) => docs.names.has(name) || unitEnv.has(name) || allowed.has(name) || isRuntimeProvided(name, file.target);
}
/** The word `env`, and the plain identifier after a `.` or `?.` right after it (undefined when none follows). */
const ENV_WORD = /\benv\b(?:\s*\??\.\s*([A-Za-z_$][\w$]*)(?![\w$\\\u0080-\uffff]))?/g;

interface Read {
  name: string;
  /** What the message calls the read: `process.env.NAME` or `import.meta.env.NAME`. */
  expr: string;
  node: ts.Node;
  /** Read with a fallback or only tested (`?? "x"`, `|| x`, a default in destructuring, `if (process.env.X)`). */
  optional: boolean;
}

export default createRule({
  meta: {
    id: "undocumented-env-var",
    category: "configuration",
    severity: "info",
    fix: "suggestion",
    description:
      "An environment variable read in code but named in none of the project's .env.example, langgraph.json env, serverless.yml or SAM template.",
    messages: {
      undocumented: "{{expr}} is read here, but nothing tells whoever deploys to set it",
      undocumentedOptional: "{{expr}} is read here, but undocumented: a deploy without it silently falls back",
      documentedInSibling: "{{expr}} is documented only in another package's file",
    },
    details: {
      undocumented:
        "It is named in none of {{files}}: whoever deploys does not know to set it, and the deployed code runs with it undefined.",
      undocumentedOptional:
        "It is named in none of {{files}}: a deploy that does not set it silently runs with the fallback (or without the feature), and nobody is told the variable exists.",
      documentedInSibling: "It is named only in {{sibling}}: a deploy of this package configured from {{files}} does not know to set it.",
    },
    options: {
      allow: {
        type: "array",
        items: "string",
        default: [],
        description: "Names never to report (set by your own platform, CI, a wrapper script...).",
      },
    },
    roles: ["server"],
    prefilter: {
      file: (file) => hasEnvDocs(file),
      text: (text, file, options) => mayReadUndocumented(text, file, options.allow),
    },
  },

  create(context) {
    const { sourceFile, file } = context;
    // Every read spells `env` (process.env, import.meta.env, `const { env } = process`): most files have none.
    if (!mentionsEnv(sourceFile)) return {};
    const reads: Read[] = [];
    /** Names this file assigns (`process.env.X = ...`, `??=`): it provides them itself. */
    const assigned = new Set<string>();
    /** Local names bound to process.env (`const env = process.env`, `const { env } = process`). */
    const aliases = new Set<string>();

    // Runs for every property access in the file: the common shapes are decided without allocating.
    const isEnvObject = (e: ts.Expression): boolean => {
      if (ts.isIdentifier(e)) return aliases.size > 0 && aliases.has(e.text);
      if (ts.isPropertyAccessExpression(e)) return e.name.text === "env" && isProcessEnv(e);
      if (!ts.isParenthesizedExpression(e) && !ts.isAsExpression(e) && !ts.isNonNullExpression(e)) return false;
      const u = unwrap(e);
      return isProcessEnv(u) || (ts.isIdentifier(u) && aliases.has(u.text));
    };

    function record(name: string, expr: string, node: ts.Expression): void {
      const { parent } = node;
      if (ts.isDeleteExpression(parent)) return;
      if (ts.isBinaryExpression(parent) && parent.left === node && isAssignment(parent.operatorToken.kind)) {
        assigned.add(name);
        return;
      }
      if (isInTypePosition(node)) return;
      reads.push({ name, expr, node, optional: isOptionalRead(node) });
    }

    return {
      PropertyAccessExpression(node) {
        if (isEnvObject(node.expression)) record(node.name.text, `process.env.${node.name.text}`, node);
        else if (ts.isPropertyAccessExpression(node.expression) && isImportMetaEnv(node.expression)) {
          if (!IMPORT_META_ENV_BUILTINS.has(node.name.text)) record(node.name.text, `import.meta.env.${node.name.text}`, node);
        }
      },
      ElementAccessExpression(node) {
        const name = stringValue(unwrap(node.argumentExpression));
        if (name === undefined) return;
        if (isEnvObject(node.expression)) record(name, `process.env.${name}`, node);
        else if (isImportMetaEnv(node.expression) && !IMPORT_META_ENV_BUILTINS.has(name)) record(name, `import.meta.env.${name}`, node);
      },
      VariableDeclaration(node) {
        if (!node.initializer) return;
        const init = unwrap(node.initializer);
        if (isEnvObject(init) || isImportMetaEnv(init)) {
          const prefix = isImportMetaEnv(init) ? "import.meta.env" : "process.env";
          if (ts.isIdentifier(node.name)) {
            if (prefix === "process.env") aliases.add(node.name.text);
            return;
          }
          if (!ts.isObjectBindingPattern(node.name)) return;
          for (const el of node.name.elements) {
            if (el.dotDotDotToken) continue;
            const key = propertyNameText(el.propertyName ?? el.name);
            if (key === undefined || (prefix === "import.meta.env" && IMPORT_META_ENV_BUILTINS.has(key))) continue;
            reads.push({ name: key, expr: `${prefix}.${key}`, node: el.propertyName ?? el.name, optional: el.initializer !== undefined });
          }
          return;
        }
        // `const { env } = process` / `const { env: e } = process`
        if (ts.isObjectBindingPattern(node.name) && ts.isIdentifier(init) && init.text === "process") {
          for (const el of node.name.elements) {
            if (propertyNameText(el.propertyName ?? el.name) === "env" && ts.isIdentifier(el.name)) aliases.add(el.name.text);
          }
        }
      },
      onEnd() {
        // Nothing to compare with, or a source we cannot read through: stay quiet rather than guess.
        if (reads.length === 0 || !hasEnvDocs(file)) return;
        const docs = envDocsOf(file.project);
        const known = knownNames(file, context.options.allow);
        const documented = (name: string): boolean => assigned.has(name) || known(name);
        const files = docs.sources.map((s) => s.label).join(", ");
        const byName = new Map<string, Read[]>();
        for (const r of reads) {
          if (documented(r.name) || runsFineWithout(r, documented)) continue;
          const list = byName.get(r.name);
          if (list) list.push(r);
          else byName.set(r.name, [r]);
        }
        for (const [name, list] of byName) {
          const first = list.reduce((a, b) => (b.node.getStart(sourceFile) < a.node.getStart(sourceFile) ? b : a));
          const sibling = workspaceEnvExamples(file.project).find((s) => s.names.has(name));
          const optional = list.every((r) => r.optional);
          context.report({
            node: first.node,
            messageId: sibling ? "documentedInSibling" : optional ? "undocumentedOptional" : "undocumented",
            data: { expr: first.expr, files, ...(sibling ? { sibling: sibling.label } : {}) },
            fixes: envExampleFix(name),
          });
        }
      },
    };

    /** The variable an expression reads, through process.env, an alias of it, or import.meta.env. */
    function nameOf(e: ts.Expression): string | undefined {
      const u = unwrap(e);
      if (ts.isPropertyAccessExpression(u) && (isEnvObject(u.expression) || isImportMetaEnv(u.expression))) return u.name.text;
      if (ts.isElementAccessExpression(u) && (isEnvObject(u.expression) || isImportMetaEnv(u.expression)))
        return stringValue(unwrap(u.argumentExpression));
      return undefined;
    }

    /**
     * A read that a deploy without the variable runs correctly anyway (semantic/envReadContext.ts):
     * nothing to document for it.
     */
    function runsFineWithout(r: Read, documented: (name: string) => boolean): boolean {
      const node = r.node;
      if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) {
        // A destructured name: only its declaration's reachability tells anything.
        return isInDeadExport(node, file, sourceFile);
      }
      const readName: EnvNameOf = nameOf;
      if (isAliasOfDocumented(node, r.name, readName, documented)) return true;
      if (isTestModeName(r.name) && isOnlyTested(node)) return true;
      if (hasProductionFallback(node)) return true;
      if (isDevelopmentOnly(node, readName)) return true;
      const selector = optInSelector(node, readName);
      if (selector !== undefined && selector !== r.name && !documented(selector)) return true;
      return isInDeadExport(node, file, sourceFile);
    }

    /** "Add NAME to .env.example": appends `NAME=` to the project's example file, when it has one. */
    function envExampleFix(name: string): Fix[] {
      const env = file.project.envExample;
      if (!env || env.names.has(name)) return [];
      const base = path.basename(env.file);
      return [
        {
          title: `Add ${name} to ${base}`,
          kind: "suggestion",
          edits: [{ file: env.file, start: env.length, end: env.length, newText: `${env.endsWithNewline ? "" : "\n"}${name}=\n` }],
        },
      ];
    }
  },
});

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** `import.meta.env` */
function isImportMetaEnv(e: ts.Expression): boolean {
  const u = unwrap(e);
  return (
    ts.isPropertyAccessExpression(u) &&
    u.name.text === "env" &&
    ts.isMetaProperty(u.expression) &&
    u.expression.keywordToken === ts.SyntaxKind.ImportKeyword
  );
}

/** `typeof process.env.X` in a type annotation reads nothing at run time. */
function isInTypePosition(node: ts.Node): boolean {
  for (let p = node.parent; p && !ts.isStatement(p); p = p.parent) {
    if (ts.isTypeNode(p)) return true;
  }
  return false;
}

function isLiteral(e: ts.Expression): boolean {
  const u = unwrap(e);
  return (
    ts.isStringLiteral(u) ||
    ts.isNoSubstitutionTemplateLiteral(u) ||
    ts.isNumericLiteral(u) ||
    u.kind === ts.SyntaxKind.TrueKeyword ||
    u.kind === ts.SyntaxKind.FalseKeyword ||
    u.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(u) && u.text === "undefined")
  );
}

/**
 * A read the code survives without: it has a fallback (`?? x`, `|| x`), or it is only tested
 * (`if (process.env.X)`, `process.env.X ? a : b`, `process.env.X && init()`, `!process.env.X`,
 * `Boolean(process.env.X)`, a comparison).
 */
function isOptionalRead(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (
      parent.left === child &&
      (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken)
    )
      return true;
    // A switch compared with a literal (`process.env.FEATURE === "on"`); compared with a value, it is needed (a secret).
    if (
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken
    ) {
      return isLiteral(parent.left === child ? parent.right : parent.left);
    }
  }
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === child) return true;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === "Boolean") return true;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent)) && parent.expression === child) return true;
  return false;
}
