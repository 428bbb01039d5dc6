// hardcoded-secret: credentials written into source. Known token formats are found anywhere in a
// string or template literal (and in comments, without a fix); high-entropy values only when they
// are assigned to a secret-like name. The secret never appears in a message or fix title: only
// maskSecret() output does. Fix: read it from process.env (and name it in .env.example).
import ts = require("typescript");
import path = require("node:path");
import { createRule } from "./api/createRule";
import type { EnvExampleFile, Fix, TextEdit } from "./api/types";
import { compileLinearRegex, type LinearRegex } from "./semantic/linearRegex";
import { constantCase, findProperty, innermostNodeAt, processEnvName, propertyNameText, unwrap } from "./semantic/ast";
import { resolveBinding } from "./semantic/dataflow";
import { resolveImport } from "./semantic/resolve";
import { parsedProjectFile } from "./semantic/crossFile";
import {
  SIGNING_BUILDERS,
  SIGNING_OPTION_TYPES,
  SIGNING_SINKS,
  type SigningSink,
  findKnownSecrets,
  isAwsSecretName,
  looksLikeGenericSecret,
  maskSecret,
  mayContainKnownSecret,
  mayHoldSecret,
  mayReachSigningSink,
  secretNameKind,
  splitAuthScheme,
  type KnownSecret,
} from "./catalog/secrets";

/** The longest string an `allow` pattern is tested against (the secret, or the literal holding it). */
const MAX_ALLOW_SUBJECT = 64 * 1024;

/** Known formats are all at least this long; a shorter literal is skipped before anything else runs. */
const SHORTEST_KNOWN = 14;

/** One secret found in a literal, in file offsets, with what to call it and where to read it from. */
interface Found {
  start: number;
  end: number;
  kind: string;
  envName: string;
  secret: string;
  /** A PEM header whose key lines are concatenated to it: replacing the header alone would not help. */
  noFix?: boolean;
  /** False when escapes could not be mapped and the range is the whole literal instead of the secret. */
  exact: boolean;
}

/** Where a literal's value goes: the name it is assigned to, and a `process.env.X ?? literal` it falls back from. */
interface LiteralContext {
  name?: string;
  /** `process.env.X ?? "…"`: the binary expression and X. */
  fallback?: { binary: ts.BinaryExpression; envName: string };
  /** `process.env.X = "…"`: X. */
  envTarget?: string;
  /** `process.env.X = "…"` as a statement of its own: the statement and X. */
  envAssignment?: { statement: ts.ExpressionStatement; envName: string };
  inJsxAttribute: boolean;
  /** The node a replacement goes over (the literal, or `"…" as const` around it); undefined when no fix fits. */
  replaceTarget?: ts.Node;
}

export default createRule({
  meta: {
    id: "hardcoded-secret",
    category: "security",
    severity: "error",
    fix: "suggestion",
    description:
      "A credential written into source (known token formats, private keys, database URLs with passwords, high-entropy values assigned to secret-like names).",
    messages: {
      hardcoded: "Hardcoded {{kind}} ({{masked}}) in source, readable by anyone with the repository",
      envAssignment: "Hardcoded {{kind}} ({{masked}}) assigned to process.env.{{envName}} in source",
      fallback: "Hardcoded {{kind}} ({{masked}}) as the fallback of process.env.{{envName}}",
      config: "Hardcoded {{kind}} ({{masked}}) in {{fileName}}, copied into every deployment",
      signingKey: "{{kind}} is a hardcoded string ({{masked}}) that anyone with the repository knows",
      signingKeyImported: "{{kind}} is a hardcoded string ({{masked}}) from {{fileName}}",
      signingFallbackImported: "{{kind}} falls back to a hardcoded string ({{masked}}) in {{fileName}}",
      signingFallback: "{{kind}} falls back to a hardcoded string ({{masked}}) when {{envName}} is unset",
      comment: "Hardcoded {{kind}} ({{masked}}) in a comment, readable by anyone with the repository",
    },
    details: {
      hardcoded:
        "Anyone who can read the repository, a build artifact or a bundle can use it. Rotate it and read it from process.env.{{envName}}.",
      envAssignment:
        "Anyone who can read the repository, a build artifact or a bundle can use it. Rotate it and set the variable in the deployment's environment instead.",
      fallback:
        "Wherever the variable is unset the key from the source is used, and anyone who can read the repository, a build artifact or a bundle can use it. Rotate it and remove the fallback.",
      config:
        "Anyone who can read the repository can use it, and every deployment gets a copy. Rotate it and give {{envName}} to the deployment from its secret store instead (the platform's secrets, SSM, Secrets Manager).",
      signingKey:
        "Anyone who can read the repository can forge {{forges}}. Read the key from process.env.{{envName}} with no fallback, and stop at start-up when it is unset.",
      signingKeyImported:
        "Anyone who can read the repository can forge {{forges}}. Read the key from process.env.{{envName}} with no fallback, and stop at start-up when it is unset.",
      signingFallbackImported:
        "A deploy that forgets {{envName}} signs with a key anyone who can read the repository knows, so they can forge {{forges}}. Read it only from process.env.{{envName}} and stop at start-up when it is unset.",
      signingFallback:
        "A deploy that forgets the variable signs with a key anyone who can read the repository knows, so they can forge {{forges}}. Read it only from process.env.{{envName}} and stop at start-up when it is unset.",
      comment:
        "Anyone who can read the repository can use it. Rotate it, delete it from the comment, and read it from process.env.{{envName}}.",
    },
    options: {
      minEntropy: {
        type: "number",
        default: 3.5,
        minimum: 0,
        // Base64 and hex carry at most 6 and 4 bits per character: above 8 nothing would ever be reported.
        maximum: 8,
        description: "Shannon entropy (bits per character) a value assigned to a secret-like name needs to be reported.",
      },
      // Longer generic values are not checked at all (MAX_GENERIC_LENGTH in the catalog).
      minLength: { type: "number", default: 16, minimum: 1, maximum: 4096, description: "Length such a value needs to be reported." },
      allow: {
        type: "array",
        items: "string",
        default: [],
        description: "Regular expressions (source strings) of secret values never to report, e.g. a shared CI sandbox key.",
      },
    },
    roles: ["server", "browser", "script", "test"],
    validateOption,
    // Deploy configs checked into the repository leak as much as code: `env` values in langgraph.json,
    // `environment:` in serverless.yml, SAM templates and Compose files. (.env files are meant to hold secrets.)
    files: ["source", "langgraph.json", "serverless.yml", "template.yaml", "docker-compose.yml"],
    // Deploy configs are read as text; in source, a known prefix, a quoted secret-like value next to a
    // secret-like name, or an import of a signing API (whose key is reported however short it is).
    prefilter: {
      text: (text, file, options) =>
        file.kind !== "source" ||
        mayHoldSecret(text, { minLength: numberOption(options.minLength, 16), minEntropy: numberOption(options.minEntropy, 3.5) }) ||
        mayReachSigningSink(text),
    },
  },

  create(context) {
    const { sourceFile } = context;
    const minLength = numberOption(context.options.minLength, 16);
    const minEntropy = numberOption(context.options.minEntropy, 3.5);
    const allow = compileAllow(context.options.allow);
    const quickMin = Math.min(SHORTEST_KNOWN, minLength);
    /** Start offsets of secrets already reported from literals, so the comment scan skips them. */
    const reportedStarts = new Set<number>();
    const inTest = context.file.role === "test";
    /** Literals already reported by the format and name checks, so a signing sink does not report them again. */
    const reportedLiterals = new Set<ts.Node>();
    /** Calls and typed option objects that receive a signing key, found during the walk and checked at the end. */
    const signingUses: Array<{ value: ts.Expression; sink: SigningSink }> = [];
    // A key chosen for a test signs test tokens: it is not a deployed secret.
    const checksSigning = !inTest;
    const flow: KeyFlow = { exported: importedExport };

    // Linear matchers, but a 1 MB literal is still a long test per pattern: longer strings are never allowed.
    const allowed = (secret: string) => secret.length <= MAX_ALLOW_SUBJECT && allow.some((re) => re.test(secret));
    const fileKind = context.file.kind;
    const configFileName = path.basename(context.file.fileName);

    function report(found: Found, ctx: LiteralContext | undefined, fixes: Fix[] | undefined): void {
      reportedStarts.add(found.start);
      const fallback = ctx?.fallback;
      const envName = fallback?.envName ?? ctx?.envTarget ?? found.envName;
      context.report({
        start: found.start,
        end: found.end,
        messageId: fallback ? "fallback" : ctx?.envTarget !== undefined ? "envAssignment" : "hardcoded",
        data: { kind: found.kind, masked: maskSecret(found.secret), envName },
        fixes,
      });
    }

    /** The fix for a literal holding `secrets` (all of them replaced), or undefined when none fits. */
    function literalFix(
      literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral,
      ctx: LiteralContext,
      secrets: Array<{ cookedStart: number; cookedEnd: number; found: Found }>,
    ): Fix | undefined {
      const first = secrets[0].found;
      const text = literal.text;
      if (secrets.some((s) => s.found.noFix)) return undefined;
      if (ctx.fallback) {
        // `process.env.X ?? "sk-…"`: drop the fallback, keep the read.
        const { binary, envName } = ctx.fallback;
        return withEnvExample(
          {
            title: `Read the ${first.kind} only from process.env.${envName} (remove the hardcoded fallback)`,
            kind: "suggestion",
            edits: [{ start: binary.left.getEnd(), end: binary.getEnd(), newText: "" }],
          },
          [envName],
        );
      }
      if (ctx.envAssignment) {
        const { statement, envName } = ctx.envAssignment;
        return withEnvExample(
          {
            title: `Remove the hardcoded ${first.kind}: set process.env.${envName} in the environment`,
            kind: "suggestion",
            edits: [removeStatement(statement)],
          },
          [envName],
        );
      }
      if (!ctx.replaceTarget) return undefined;
      const whole = secrets.length === 1 && secrets[0].cookedStart === 0 && secrets[0].cookedEnd === text.length;
      let newText: string;
      if (whole) {
        newText = `process.env.${first.envName}`;
      } else {
        // "Bearer sk-…" becomes `Bearer ${process.env.OPENAI_API_KEY}`.
        let out = "`";
        let at = 0;
        for (const s of secrets) {
          out += escapeTemplate(text.slice(at, s.cookedStart)) + "${process.env." + s.found.envName + "}";
          at = s.cookedEnd;
        }
        newText = out + escapeTemplate(text.slice(at)) + "`";
      }
      if (ctx.inJsxAttribute) newText = `{${newText}}`;
      return withEnvExample(
        {
          title: `Read the ${first.kind} from process.env.${first.envName}`,
          kind: "suggestion",
          edits: [{ start: ctx.replaceTarget.getStart(sourceFile), end: ctx.replaceTarget.getEnd(), newText }],
        },
        secrets.map((s) => s.found.envName),
      );
    }

    /** Adds `NAME=` lines to the project's .env.example, when it has one, for the names it lacks. */
    function withEnvExample(fix: Fix, envNames: string[]): Fix {
      const env: EnvExampleFile | undefined = context.file.project.envExample;
      if (!env) return fix;
      const missing = [...new Set(envNames)].filter((n) => !env.names.has(n));
      if (missing.length === 0) return fix;
      const edit: TextEdit = {
        file: env.file,
        start: env.length,
        end: env.length,
        newText: (env.endsWithNewline ? "" : "\n") + missing.map((n) => `${n}=\n`).join(""),
      };
      return { ...fix, title: `${fix.title} and add ${missing.join(", ")} to .env.example`, edits: [...fix.edits, edit] };
    }

    /** Known formats in a string / no-substitution template literal; then, if none, the generic check. */
    function checkLiteral(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): void {
      const text = node.text;
      if (text.length < quickMin) return;
      // Cheap string tests first: most literals are short, or messages with spaces and no key prefix.
      const mayBeKnown = mayContainKnownSecret(text);
      if (!mayBeKnown && !mayBeGenericValue(text, minLength)) return;
      if (isIgnoredPosition(node)) return;
      const contentStart = node.getStart(sourceFile) + 1;
      const raw = sourceFile.text.slice(contentStart, node.getEnd() - 1);
      // JSX attribute strings have no escapes: the text is the source.
      const rawForMap = ts.isJsxAttribute(node.parent) ? text : raw;
      const known = mayBeKnown ? findKnownSecrets(text).filter((k) => keepKnown(k, text, node)) : [];
      if (known.length > 0) {
        const map = cookedToRaw(rawForMap, text.length);
        const secrets = known.map((k) => ({ cookedStart: k.start, cookedEnd: k.end, found: toFound(k, text, contentStart, map, node) }));
        const ctx = literalContext(node);
        reportedLiterals.add(node);
        const wholeLiteral = secrets.length === 1 && known[0].start === 0 && known[0].end === text.length;
        if (ts.isNoSubstitutionTemplateLiteral(node) && !wholeLiteral && !ctx.fallback && !ctx.envAssignment && ctx.replaceTarget) {
          // Already a template: each secret becomes its own `${process.env.X}`, so every finding has its own fix.
          for (const s of secrets) report(s.found, ctx, s.found.noFix || !s.found.exact ? [] : [templatePartFix(s.found)]);
          return;
        }
        // One fix for the literal, on its first finding (fixes of one literal must not overlap).
        const fix = literalFix(node, ctx, secrets);
        secrets.forEach((s, i) => report(s.found, ctx, i === 0 && fix ? [fix] : []));
        return;
      }
      checkGeneric(node, text, rawForMap, contentStart);
    }

    /** A high-entropy value assigned to a secret-like name. */
    function checkGeneric(
      node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral,
      text: string,
      raw: string,
      contentStart: number,
    ): void {
      if (text.length < minLength) return;
      const ctx = literalContext(node);
      const name = ctx.name ?? ctx.fallback?.envName;
      if (name === undefined) return;
      const nameKind = secretNameKind(name);
      const aws = isAwsSecretName(name);
      if (!nameKind && !aws) return;
      // A password literal in a test is the one the test chose for its fixture user, not a leaked credential.
      if (inTest && nameKind === "password") return;
      let value = text;
      let offset = 0;
      const scheme = splitAuthScheme(text);
      if (scheme && (nameKind === "credential" || nameKind === "token")) {
        value = scheme.credential;
        offset = scheme.offset;
      }
      let kind = nameKind ?? "secret";
      let envName = constantCase(name);
      if (aws && /^[A-Za-z0-9/+]{40}$/.test(value)) {
        kind = "AWS secret access key";
        envName = "AWS_SECRET_ACCESS_KEY";
      } else if (!nameKind) {
        return;
      }
      if (scheme && value !== text) {
        // `Authorization: "Bearer <token>"`: name the credential, not the header.
        const basic = scheme.scheme.toLowerCase() === "basic";
        kind = basic ? "Basic auth credential" : "bearer token";
        if (/^(?:authorization|auth(?:orization)?[-_]?header)$/i.test(name)) envName = basic ? "BASIC_AUTH" : "API_TOKEN";
      } else if (nameKind === "credential" && /^(?:authorization|auth(?:orization)?[-_]?header)$/i.test(name)) {
        envName = "API_TOKEN";
      }
      if (!/^[A-Z_]/.test(envName)) envName = `SECRET_${envName}`;
      if (!looksLikeGenericSecret(value, { minEntropy, minLength }) || allowed(value) || allowed(text)) return;
      const map = cookedToRaw(raw, text.length);
      const found: Found = {
        ...sourceRange(contentStart, map, offset, offset + value.length, node, offset === 0 && value.length === text.length),
        kind,
        envName,
        secret: value,
      };
      const fix = literalFix(node, ctx, [{ cookedStart: offset, cookedEnd: offset + value.length, found }]);
      reportedLiterals.add(node);
      report(found, ctx, fix ? [fix] : []);
    }

    /** Known formats in the parts of a template with substitutions: each secret becomes `${process.env.X}`. */
    function checkTemplate(node: ts.TemplateExpression): void {
      const parts: Array<ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail> = [node.head, ...node.templateSpans.map((s) => s.literal)];
      for (const part of parts) {
        const text = part.text;
        if (text.length < quickMin || !mayContainKnownSecret(text)) continue;
        const contentStart = part.getStart(sourceFile) + 1;
        const contentEnd = part.getEnd() - (ts.isTemplateTail(part) ? 1 : 2);
        const raw = sourceFile.text.slice(contentStart, contentEnd);
        const map = cookedToRaw(raw, text.length);
        for (const k of findKnownSecrets(text)) {
          if (!keepKnown(k, text, node)) continue;
          const found = toFound(k, text, contentStart, map, part);
          report(found, undefined, found.noFix || !found.exact ? [] : [templatePartFix(found)]);
        }
      }
    }

    function templatePartFix(found: Found): Fix {
      return withEnvExample(
        {
          title: `Read the ${found.kind} from process.env.${found.envName}`,
          kind: "suggestion",
          edits: [{ start: found.start, end: found.end, newText: "${process.env." + found.envName + "}" }],
        },
        [found.envName],
      );
    }

    /** In a test, a database URL whose password a person chose (`u:p@…`, `admin:Passw0rd1@…`) is a fixture, not a leak. */
    function isTestFixture(k: KnownSecret): boolean {
      return inTest && k.chosenPassword === true;
    }

    function keepKnown(k: KnownSecret, text: string, node: ts.Node): boolean {
      if (allowed(text.slice(k.start, k.end)) || allowed(text)) return false;
      // A PEM header on its own is a constant for parsing keys, unless key lines are concatenated to it.
      if (k.headerOnly) return isConcatenated(node);
      return !isTestFixture(k);
    }

    function toFound(k: KnownSecret, text: string, contentStart: number, map: number[] | undefined, node: ts.Node): Found {
      return {
        ...sourceRange(contentStart, map, k.start, k.end, node, k.start === 0 && k.end === text.length),
        kind: k.kind,
        envName: k.envName,
        secret: text.slice(k.start, k.end),
        noFix: k.headerOnly,
      };
    }

    /** File offsets of cooked[start, end); the whole literal (with quotes) when it is exactly the secret. */
    function sourceRange(contentStart: number, map: number[] | undefined, start: number, end: number, node: ts.Node, whole: boolean) {
      if (whole && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
        return { start: node.getStart(sourceFile), end: node.getEnd(), exact: true };
      }
      if (!map) return { start: node.getStart(sourceFile), end: node.getEnd(), exact: false };
      return { start: contentStart + map[start], end: contentStart + map[end], exact: true };
    }

    if (fileKind === "serverless.yml" || fileKind === "template.yaml" || fileKind === "docker-compose.yml") return { onEnd: checkYaml };
    if (fileKind === "langgraph.json") return { onEnd: checkLangGraphJson };

    /** A secret in a deploy config (no code fix: the value belongs in the platform's secret store). */
    function reportConfig(start: number, end: number, secret: string, kind: string, envName: string): void {
      if (allowed(secret) || reportedStarts.has(start)) return;
      reportedStarts.add(start);
      context.report({ start, end, messageId: "config", data: { kind, masked: maskSecret(secret), envName, fileName: configFileName } });
    }

    /**
     * langgraph.json (`"env": { "OPENAI_API_KEY": "sk-…" }`): every string value, with the property name
     * it is stored under. Walked here because the engine's JSON tree has no parent pointers.
     */
    function checkLangGraphJson(): void {
      const visit = (node: ts.Node, name: string | undefined): void => {
        if (ts.isObjectLiteralExpression(node)) {
          for (const p of node.properties) if (ts.isPropertyAssignment(p)) visit(p.initializer, propertyNameText(p.name));
        } else if (ts.isArrayLiteralExpression(node)) {
          for (const e of node.elements) visit(e, name);
        } else if (ts.isStringLiteral(node) && node.text.length >= quickMin) {
          const text = node.text;
          const contentStart = node.getStart(sourceFile) + 1;
          const map = cookedToRaw(sourceFile.text.slice(contentStart, node.getEnd() - 1), text.length);
          const range = (start: number, end: number) =>
            sourceRange(contentStart, map, start, end, node, start === 0 && end === text.length);
          const known = mayContainKnownSecret(text) ? findKnownSecrets(text).filter((k) => !k.headerOnly && !allowed(text)) : [];
          for (const k of known) {
            const r = range(k.start, k.end);
            reportConfig(r.start, r.end, text.slice(k.start, k.end), k.kind, k.envName);
          }
          if (known.length > 0 || name === undefined || allowed(text)) return;
          const nameKind = secretNameKind(name);
          const aws = isAwsSecretName(name) && /^[A-Za-z0-9/+]{40}$/.test(text);
          if ((!nameKind && !aws) || !looksLikeGenericSecret(text, { minEntropy, minLength })) return;
          const r = range(0, text.length);
          reportConfig(r.start, r.end, text, aws ? "AWS secret access key" : nameKind!, aws ? "AWS_SECRET_ACCESS_KEY" : constantCase(name));
        }
      };
      const root = sourceFile.statements[0];
      if (root && ts.isExpressionStatement(root)) visit(root.expression, undefined);
    }

    /**
     * serverless.yml / SAM templates / Compose files, as text: known formats anywhere, `secretLikeKey: value`
     * lines, and Compose's list form of `environment:` (`- SECRET_KEY=value`).
     */
    function checkYaml(): void {
      const text = context.file.text;
      if (mayContainKnownSecret(text)) {
        for (const k of findKnownSecrets(text))
          if (!k.headerOnly) reportConfig(k.start, k.end, text.slice(k.start, k.end), k.kind, k.envName);
      }
      YAML_SCALAR_ENTRY.lastIndex = 0;
      for (let m = YAML_SCALAR_ENTRY.exec(text); m; m = YAML_SCALAR_ENTRY.exec(text)) {
        const [whole, key, quote, value] = m;
        const start = m.index + whole.indexOf(quote + value, whole.indexOf(":")) + quote.length;
        checkConfigEntry(start, key, value);
      }
      if (fileKind === "docker-compose.yml") checkComposeList(text);
    }

    /** One `KEY: value` / `KEY=value` entry of a deploy config: reported when the name is secret-like and the value looks like one. */
    function checkConfigEntry(start: number, key: string, value: string): void {
      if (reportedStarts.has(start)) return;
      const nameKind = secretNameKind(key);
      const aws = isAwsSecretName(key) && /^[A-Za-z0-9/+]{40}$/.test(value);
      if ((!nameKind && !aws) || !looksLikeGenericSecret(value, { minEntropy, minLength })) return;
      reportConfig(
        start,
        start + value.length,
        value,
        aws ? "AWS secret access key" : nameKind!,
        aws ? "AWS_SECRET_ACCESS_KEY" : constantCase(key),
      );
    }

    /** `environment:` as a list in a Compose file: `- OPENAI_API_KEY=…` (quoted or not). */
    function checkComposeList(text: string): void {
      COMPOSE_LIST_ENTRY.lastIndex = 0;
      for (let m = COMPOSE_LIST_ENTRY.exec(text); m; m = COMPOSE_LIST_ENTRY.exec(text)) {
        const [whole, , key, value] = m;
        const start = m.index + whole.indexOf("=") + 1;
        checkConfigEntry(start, key, value);
      }
    }

    /** `jwt.sign(p, KEY)`, `session({ secret: KEY })`: records where a signing key enters an imported sink. */
    function checkSinkCall(node: ts.CallExpression | ts.NewExpression): void {
      const args = node.arguments;
      if (!checksSigning || !args || args.length === 0) return;
      const built = ts.isCallExpression(node) ? builderSink(node) : undefined;
      if (built) {
        signingUses.push({ value: args[built.arg as number], sink: built });
        return;
      }
      const target = context.semantic.importedCallee(node.expression);
      if (!target) return;
      const callPath = target.path[0] === "default" ? target.path.slice(1) : target.path;
      const sink = SIGNING_SINKS.find(
        (s) => s.modules.includes(target.module) && s.path.length === callPath.length && s.path.every((p, i) => p === callPath[i]),
      );
      if (!sink) return;
      const arg = args[sink.arg === "last" ? args.length - 1 : sink.arg];
      if (arg) signingUses.push({ value: arg, sink });
    }

    /** `new SignJWT(payload).setProtectedHeader(…)….sign(key)`: the builder's sink, when the chain starts at an imported builder. */
    function builderSink(call: ts.CallExpression): SigningSink | undefined {
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      const method = callee.name.text;
      if (!SIGNING_BUILDERS.some((b) => b.method === method)) return undefined;
      // Down the chain of builder calls to the `new` it starts with (bounded: chains are a few calls long).
      let e = unwrap(callee.expression);
      for (let i = 0; i < 32 && ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression)); i++) {
        e = unwrap((unwrap(e.expression) as ts.PropertyAccessExpression).expression);
      }
      if (!ts.isNewExpression(e)) return undefined;
      const target = context.semantic.importedCallee(e.expression);
      const path = target && (target.path[0] === "default" ? target.path.slice(1) : target.path);
      return SIGNING_BUILDERS.find((b) => b.method === method && target?.module === b.module && path?.length === 1 && path[0] === b.builder)
        ?.sink;
    }

    /** `const authOptions: NextAuthOptions = { secret: … }`: an options object typed as a sink's options. */
    function checkTypedOptions(node: ts.VariableDeclaration): void {
      if (!checksSigning || !node.initializer) return;
      let type = node.type;
      const init = node.initializer;
      if (!type && ts.isSatisfiesExpression(init)) type = init.type;
      if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return;
      const binding = context.semantic.imports.get(type.typeName.text);
      if (!binding) return;
      const entry = SIGNING_OPTION_TYPES.find((t) => t.module === binding.module && t.type === binding.imported);
      if (entry) signingUses.push({ value: init, sink: entry.sink });
    }

    /** Reports every literal that reaches a signing sink and was not reported as a known or generic secret. */
    function checkSigningUses(): void {
      const done = new Set<ts.Node>();
      for (const { value, sink } of signingUses) {
        const values = sink.options ? optionValues(value, sink.options, flow) : [value];
        for (const v of values) {
          const found: KeyLiteral[] = [];
          collectKeyLiterals(v, found, 0, flow);
          // A key from another module is reported here, where it is used: that module has no sink to see.
          const anchor = v.getSourceFile() === sourceFile ? v : value;
          for (const k of found) {
            if (done.has(k.literal) || reportedLiterals.has(k.literal)) continue;
            done.add(k.literal);
            if (k.literal.getSourceFile() === sourceFile) reportSigningLiteral(k, sink);
            else reportImportedSigningLiteral(k, sink, anchor);
          }
        }
      }
    }

    /** A key literal written in an imported module, reported at the expression that brings it to the sink. */
    function reportImportedSigningLiteral(k: KeyLiteral, sink: SigningSink, anchor: ts.Node): void {
      const text = k.literal.text;
      if (text.length === 0 || NOT_A_SIGNING_SECRET.test(text) || allowed(text)) return;
      const fallbackEnv = fallbackEnvOf(k.literal) ?? k.fallbackOf;
      const envName = fallbackEnv ?? sink.envName;
      context.report({
        start: anchor.getStart(sourceFile),
        end: anchor.getEnd(),
        messageId: fallbackEnv ? "signingFallbackImported" : "signingKeyImported",
        data: {
          kind: capitalize(sink.kind),
          masked: maskSecret(text),
          envName,
          forges: sink.forges,
          fileName: path.basename(k.literal.getSourceFile().fileName),
        },
        fixes: [],
      });
    }

    /** The value another module of the project exports under an imported name (one hop: that module's imports are not followed). */
    function importedExport(expr: ts.Expression, member?: string): ts.Expression | undefined {
      const e = unwrap(expr);
      if (!ts.isIdentifier(e) || e.getSourceFile() !== sourceFile) return undefined;
      const binding = context.semantic.imports.get(e.text);
      // Not shadowed: the name is the import (ESM) or the module-level `require` that bound it.
      const local = binding && resolveBinding(e);
      if (!binding || !local || (local.kind !== "import" && !local.moduleLevel)) return undefined;
      const name = member === undefined ? binding.imported : binding.imported === "*" ? member : undefined;
      if (name === undefined || name === "*" || name === "default") return undefined;
      const module = parsedModule(binding.module);
      return module && exportedValue(module, name);
    }

    /** A local module's syntax tree, parsed once per project (undefined for packages and non-source files). */
    function parsedModule(specifier: string): ts.SourceFile | undefined {
      const file = resolveImport(context.file, specifier)?.resolution?.file;
      return file && SOURCE_MODULE.test(file) ? parsedProjectFile(context.file.project, file) : undefined;
    }

    function reportSigningLiteral(k: KeyLiteral, sink: SigningSink): void {
      const text = k.literal.text;
      if (text.length === 0 || NOT_A_SIGNING_SECRET.test(text) || allowed(text)) return;
      const ctx = literalContext(k.literal);
      const envName = ctx.fallback?.envName ?? k.fallbackOf ?? sink.envName;
      const found: Found = {
        start: k.literal.getStart(sourceFile),
        end: k.literal.getEnd(),
        exact: true,
        kind: sink.kind,
        envName,
        secret: text,
      };
      // A destructuring default (`const { JWT_SECRET = "dev" } = process.env`) gets no automatic fix.
      const fix = k.fallbackOf === undefined ? literalFix(k.literal, ctx, [{ cookedStart: 0, cookedEnd: text.length, found }]) : undefined;
      reportedStarts.add(found.start);
      const fallback = ctx.fallback !== undefined || k.fallbackOf !== undefined;
      context.report({
        start: found.start,
        end: found.end,
        messageId: fallback ? "signingFallback" : "signingKey",
        data: { kind: capitalize(sink.kind), masked: maskSecret(text), envName, forges: sink.forges },
        fixes: fix ? [fix] : [],
      });
    }

    return {
      StringLiteral: checkLiteral,
      NoSubstitutionTemplateLiteral: checkLiteral,
      TemplateExpression: checkTemplate,
      CallExpression: checkSinkCall,
      NewExpression: checkSinkCall,
      VariableDeclaration: checkTypedOptions,
      onEnd() {
        checkSigningUses();
        // Comments: only text after `//` or `/*` is scanned (a `//` inside a string just means a little
        // more text to scan); a hit counts when it is not a reported literal and really sits in a comment.
        const text = sourceFile.text;
        let from = 0;
        let scannedTo = 0;
        for (;;) {
          const slash = text.indexOf("/", from);
          if (slash < 0 || slash + 1 >= text.length) break;
          from = slash + 1;
          const next = text.charCodeAt(slash + 1);
          if (next !== 47 /* / */ && next !== 42 /* * */) continue;
          let end = next === 47 ? text.indexOf("\n", slash + 2) : text.indexOf("*/", slash + 2);
          if (end < 0) end = text.length; // a block comment's span stops before its `*/`
          const begin = Math.max(slash + 2, scannedTo);
          if (end - begin >= quickMin) {
            const span = text.slice(begin, end);
            if (mayContainKnownSecret(span)) for (const k of findKnownSecrets(span)) reportComment(k, begin);
          }
          scannedTo = Math.max(scannedTo, end);
          from = slash + 2;
        }
      },
    };

    function reportComment(k: KnownSecret, offset: number): void {
      const start = offset + k.start;
      const end = offset + k.end;
      if (k.headerOnly || reportedStarts.has(start) || isTestFixture(k)) return;
      const secret = sourceFile.text.slice(start, end);
      if (allowed(secret) || !isInComment(sourceFile, start)) return;
      reportedStarts.add(start);
      context.report({ start, end, messageId: "comment", data: { kind: k.kind, masked: maskSecret(secret), envName: k.envName } });
    }

    /** The name the literal's value is stored under, and the fallback / env assignment around it. */
    function literalContext(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): LiteralContext {
      const ctx: LiteralContext = { inJsxAttribute: false, replaceTarget: literal };
      let node: ts.Node = literal;
      let direct = true; // still the literal itself, modulo parentheses and type assertions
      for (;;) {
        const p: ts.Node = node.parent;
        if (
          ts.isParenthesizedExpression(p) ||
          ts.isAsExpression(p) ||
          ts.isSatisfiesExpression(p) ||
          ts.isNonNullExpression(p) ||
          ts.isTypeAssertionExpression(p)
        ) {
          if (direct && ts.isAsExpression(p) && isConstAssertion(p)) ctx.replaceTarget = p;
          node = p;
          continue;
        }
        if (ts.isBinaryExpression(p) && p.right === node && isFallbackOperator(p.operatorToken.kind)) {
          if (direct) {
            const envName = envRead(p.left);
            if (envName) ctx.fallback = { binary: p, envName };
          }
          direct = false;
          node = p;
          continue;
        }
        if (ts.isConditionalExpression(p) && (p.whenTrue === node || p.whenFalse === node)) {
          direct = false;
          node = p;
          continue;
        }
        break;
      }
      const p = node.parent;
      if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.initializer === node) {
        if (ts.isIdentifier(p.name)) ctx.name = p.name.text;
        else if (ts.isBindingElement(p) && p.propertyName) ctx.name = propertyNameText(p.propertyName);
      } else if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === node) {
        ctx.name = propertyNameText(p.name);
      } else if (ts.isEnumMember(p) && p.initializer === node) {
        ctx.name = propertyNameText(p.name);
        ctx.replaceTarget = undefined; // string enum members must be constants
      } else if (ts.isBinaryExpression(p) && p.right === node && isAssignmentOperator(p.operatorToken.kind)) {
        const target = unwrap(p.left);
        const envName = processEnvName(target);
        if (envName !== undefined) {
          ctx.name = envName;
          ctx.envTarget = envName;
          ctx.replaceTarget = undefined; // process.env.X = process.env.Y would not help
          if (ts.isExpressionStatement(p.parent) && isStatementListItem(p.parent)) ctx.envAssignment = { statement: p.parent, envName };
        } else if (ts.isIdentifier(target)) ctx.name = target.text;
        else if (ts.isPropertyAccessExpression(target)) ctx.name = target.name.text;
        else if (
          ts.isElementAccessExpression(target) &&
          (ts.isStringLiteral(target.argumentExpression) || ts.isNoSubstitutionTemplateLiteral(target.argumentExpression))
        ) {
          ctx.name = target.argumentExpression.text;
        }
      } else if (ts.isJsxAttribute(p) || (ts.isJsxExpression(p) && ts.isJsxAttribute(p.parent))) {
        const attr = (ts.isJsxAttribute(p) ? p : p.parent) as ts.JsxAttribute;
        ctx.name = attr.name.getText(sourceFile);
        ctx.inJsxAttribute = ts.isJsxAttribute(p);
      } else if (ts.isCallExpression(p) && p.arguments.length >= 2 && p.arguments[1] === node && isHeaderSetter(p)) {
        // headers.set("Authorization", "Bearer …"), res.setHeader("x-api-key", "…")
        const first = unwrap(p.arguments[0]);
        if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ctx.name = first.text;
      }
      return ctx;
    }
  },
});

/** A string literal that reaches a signing sink; `fallbackOf` names the variable of a destructuring default. */
interface KeyLiteral {
  literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
  fallbackOf?: string;
}

/**
 * How a key crosses into another module of the project: the value an imported name (or a member of a
 * namespace import, `config.JWT_SECRET`) is exported with, as an expression of that module's tree.
 */
interface KeyFlow {
  exported(expr: ts.Expression, member?: string): ts.Expression | undefined;
}

/** How far a key is followed through consts, properties and wrappers, and how many literals one sink may yield. */
const MAX_KEY_DEPTH = 6;
const MAX_KEY_LITERALS = 16;

/** Modules followed for an imported key: source files (up to crossFile's MAX_FILE_BYTES). */
const SOURCE_MODULE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** `process.env.X || "…"` / `?? "…"` around a literal: X. */
function fallbackEnvOf(literal: ts.Node): string | undefined {
  let node: ts.Node = literal;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const p = node.parent;
  return ts.isBinaryExpression(p) && p.right === node && isFallbackOperator(p.operatorToken.kind) ? envRead(p.left) : undefined;
}

/** Public keys and certificates verify signatures; they are not secrets even at a signing sink. */
const NOT_A_SIGNING_SECRET = /^-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/;

/**
 * The string literals a key expression can evaluate to, followed the way code passes a key: both sides
 * of `a || b` / `a ?? b`, array elements (`keys: [...]`), consts in scope, properties of const object
 * literals (`config.jwt.secret`), destructuring defaults of `process.env`, and `Buffer.from(x)` /
 * `new TextEncoder().encode(x)`. A conditional (`isProd ? process.env.X : "dev"`) is not followed: the
 * literal is chosen by a condition the code states, not by a forgotten variable.
 */
function collectKeyLiterals(expr: ts.Expression, out: KeyLiteral[], depth: number, flow: KeyFlow): void {
  if (depth > MAX_KEY_DEPTH || out.length >= MAX_KEY_LITERALS) return;
  const e = unwrap(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
    out.push({ literal: e });
  } else if (ts.isBinaryExpression(e) && isFallbackOperator(e.operatorToken.kind)) {
    collectKeyLiterals(e.left, out, depth + 1, flow);
    collectKeyLiterals(e.right, out, depth + 1, flow);
  } else if (ts.isArrayLiteralExpression(e)) {
    for (const el of e.elements) collectKeyLiterals(el, out, depth + 1, flow);
  } else if (ts.isIdentifier(e)) {
    collectFromConst(e, out, depth, flow);
  } else if (ts.isPropertyAccessExpression(e)) {
    const member = flow.exported(e.expression, e.name.text);
    if (member) collectKeyLiterals(member, out, depth + 1, flow);
    for (const obj of constObjects(e.expression, depth, flow)) {
      const value = findProperty(obj, e.name.text).value;
      if (value) collectKeyLiterals(value, out, depth + 1, flow);
    }
  } else if ((ts.isCallExpression(e) || ts.isNewExpression(e)) && e.arguments?.length === 1 && isKeyWrapper(e)) {
    collectKeyLiterals(e.arguments[0], out, depth + 1, flow);
  }
}

/** The value of a const, or the default of a name destructured from process.env. */
function collectFromConst(id: ts.Identifier, out: KeyLiteral[], depth: number, flow: KeyFlow): void {
  const imported = flow.exported(id);
  if (imported) {
    collectKeyLiterals(imported, out, depth + 1, flow);
    return;
  }
  const b = resolveBinding(id);
  if (!b || b.kind !== "const") return;
  const decl = b.declaration;
  if (b.path?.length === 0 && b.initializer) {
    collectKeyLiterals(b.initializer, out, depth + 1, flow);
    return;
  }
  // `const { JWT_SECRET = "dev-secret" } = process.env`
  const element = b.name.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isBindingElement(element) || !element.initializer) return;
  const init = unwrap(decl.initializer);
  if (!(ts.isPropertyAccessExpression(init) || ts.isIdentifier(init)) || !isProcessEnvExpr(init)) return;
  const def = unwrap(element.initializer);
  if (ts.isStringLiteral(def) || ts.isNoSubstitutionTemplateLiteral(def)) {
    out.push({ literal: def, fallbackOf: (element.propertyName && propertyNameText(element.propertyName)) ?? b.name.text });
  }
}

/**
 * The value a module exports under `name`: `export const NAME = …`, `const NAME = …; export { NAME }`,
 * `module.exports = { NAME: … }` and `exports.NAME = …`. Consts only: a `let` may be reassigned.
 */
export function exportedValue(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  const locallyExported = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) if (el.name.text === name) locallyExported.add((el.propertyName ?? el.name).text);
    }
  }
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.Const) {
      const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true;
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        if ((exported && d.name.text === name) || locallyExported.has(d.name.text)) return d.initializer;
      }
    } else if (
      ts.isExpressionStatement(st) &&
      ts.isBinaryExpression(st.expression) &&
      st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      const target = st.expression.left.getText(sf).replace(/\s+/g, "");
      const right = unwrap(st.expression.right);
      if (target === "module.exports" && ts.isObjectLiteralExpression(right)) {
        const value = findProperty(right, name).value;
        if (value) return value;
      } else if (target === `exports.${name}` || target === `module.exports.${name}`) {
        return right;
      }
    }
  }
  return undefined;
}

function isProcessEnvExpr(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "process" && e.name.text === "env";
}

/** The object literals an options argument or a `config.jwt` receiver can be: inline, or through consts. */
function constObjects(expr: ts.Expression, depth: number, flow: KeyFlow): ts.ObjectLiteralExpression[] {
  if (depth > MAX_KEY_DEPTH) return [];
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) return [e];
  if (ts.isIdentifier(e)) {
    const imported = flow.exported(e);
    if (imported) return constObjects(imported, depth + 1, flow);
    const b = resolveBinding(e);
    return b && b.kind === "const" && b.path?.length === 0 && b.initializer ? constObjects(b.initializer, depth + 1, flow) : [];
  }
  if (ts.isPropertyAccessExpression(e)) {
    const member = flow.exported(e.expression, e.name.text);
    if (member) return constObjects(member, depth + 1, flow);
    const out: ts.ObjectLiteralExpression[] = [];
    for (const obj of constObjects(e.expression, depth + 1, flow)) {
      const value = findProperty(obj, e.name.text).value;
      if (value) out.push(...constObjects(value, depth + 1, flow));
    }
    return out;
  }
  return [];
}

/** The values of the key-holding properties of an options argument. */
function optionValues(arg: ts.Expression, names: readonly string[], flow: KeyFlow): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const obj of constObjects(arg, 0, flow)) {
    for (const name of names) {
      const value = findProperty(obj, name).value;
      if (value) out.push(value);
    }
  }
  return out;
}

/** `Buffer.from(key)`, `new TextEncoder().encode(key)`: the key passes through unchanged in meaning. */
function isKeyWrapper(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = unwrap(callee.expression);
  if (callee.name.text === "from") return ts.isIdentifier(receiver) && receiver.text === "Buffer";
  return (
    callee.name.text === "encode" &&
    ts.isNewExpression(receiver) &&
    ts.isIdentifier(receiver.expression) &&
    receiver.expression.text === "TextEncoder"
  );
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

function numberOption(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** The `allow` patterns as linear-time matchers; those the config check refused allow nothing. */
function compileAllow(patterns: unknown): LinearRegex[] {
  if (!Array.isArray(patterns)) return [];
  const out: LinearRegex[] = [];
  for (const p of patterns) {
    if (typeof p !== "string") continue;
    const re = compileLinearRegex(p);
    if (!("error" in re)) out.push(re);
  }
  return out;
}

/** Config check of `allow`: strings only, each a pattern the linear matcher accepts. */
function validateOption(key: string, value: unknown): string | undefined {
  if (key !== "allow" || !Array.isArray(value)) return undefined;
  for (const [i, p] of value.entries()) {
    // The pattern itself is not repeated: it may hold part of a real key.
    if (typeof p !== "string") return `must be an array of regular expression strings; entry ${i + 1} is not a string.`;
    const re = compileLinearRegex(p);
    if ("error" in re) return `entry ${i + 1} ${re.error.replace(/\/.*\/(?::)?/s, "/…/")}.`;
  }
  return undefined;
}

/** A YAML `key: scalar` line: the key, the quote if any, and a value without spaces. */
const YAML_SCALAR_ENTRY = /^[ \t]*(?:- +)?([A-Za-z_][\w.-]*)[ \t]*:[ \t]+(["']?)([^\s"'#]+)\2[ \t]*(?:#.*)?$/gm;

/** A Compose `environment:` list item, `- KEY=value` or `- "KEY=value"`; every quantifier bounded. */
const COMPOSE_LIST_ENTRY = /^[ \t]{0,64}- {1,8}(["']?)([A-Za-z_][\w.-]{0,255})=([^\s"'#]{1,4096})\1[ \t]{0,64}(?:#.*)?$/gm;

const WHITESPACE = /\s/;
/** A secret mixes character classes; a value of lowercase letters and punctuation only is never one. */
const HAS_DIGIT_OR_UPPER = /[0-9A-Z]/;
const AUTH_SCHEME_START = /^(?:Bearer|Basic|Token|Bot|Api-?Key) /i;

/** Could the literal be a generic secret at all (long enough, one word or `Bearer <token>`)? */
function mayBeGenericValue(text: string, minLength: number): boolean {
  if (text.length < minLength || !HAS_DIGIT_OR_UPPER.test(text)) return false;
  return !WHITESPACE.test(text) || AUTH_SCHEME_START.test(text);
}

function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken
  );
}

/** `process.env.X`, or the last env read of a fallback chain `process.env.A ?? process.env.B`. */
function envRead(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  const direct = processEnvName(e);
  if (direct !== undefined) return direct;
  if (ts.isBinaryExpression(e) && isFallbackOperator(e.operatorToken.kind)) return envRead(e.right) ?? envRead(e.left);
  return undefined;
}

/** A statement in a block or file (removing it cannot turn the next statement into an `if` body). */
function isStatementListItem(statement: ts.Statement): boolean {
  const p = statement.parent;
  return ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p);
}

function isConstAssertion(e: ts.AsExpression): boolean {
  return ts.isTypeReferenceNode(e.type) && ts.isIdentifier(e.type.typeName) && e.type.typeName.text === "const";
}

function isHeaderSetter(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name === "set" || name === "setHeader" || name === "append" || name === "header";
}

/** Literals that are names, not values: module specifiers, property names, literal types, directives. */
function isIgnoredPosition(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const p = node.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p) || ts.isModuleDeclaration(p)) return true;
  if (ts.isLiteralTypeNode(p) || ts.isImportAttribute(p)) return true;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isEnumMember(p)) &&
    p.name === node
  ) {
    return true;
  }
  if (
    ts.isCallExpression(p) &&
    (p.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(p.expression) && p.expression.text === "require"))
  )
    return true;
  return ts.isExpressionStatement(p) && ts.isSourceFile(p.parent) && node.text.startsWith("use ");
}

/** `"-----BEGIN … PRIVATE KEY-----\n" + "MIIE…"`: key lines follow the header in a concatenation. */
function isConcatenated(node: ts.Node): boolean {
  let n: ts.Node = node;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  return ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken && p.left === n
    ? true
    : ts.isArrayLiteralExpression(p) && p.elements.indexOf(n as ts.Expression) < p.elements.length - 1;
}

/**
 * Maps each index of a literal's cooked value to the offset of the source character it came from
 * (escapes, line continuations, CRLF in templates). Undefined when the mapping cannot be trusted.
 */
export function cookedToRaw(raw: string, cookedLength: number): number[] | undefined {
  if (raw.length === cookedLength && !raw.includes("\\") && !raw.includes("\r")) {
    const identity = new Array<number>(cookedLength + 1);
    for (let i = 0; i <= cookedLength; i++) identity[i] = i;
    return identity;
  }
  const map: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === "\r" && raw[i + 1] === "\n") {
      map.push(i);
      i += 2;
      continue;
    }
    if (c !== "\\") {
      map.push(i);
      i++;
      continue;
    }
    const n = raw[i + 1];
    if (n === "\r") {
      i += raw[i + 2] === "\n" ? 3 : 2; // line continuation: no character
      continue;
    }
    if (n === "\n" || n === "\u2028" || n === "\u2029") {
      i += 2;
      continue;
    }
    if (n === "x") {
      map.push(i);
      i += 4;
      continue;
    }
    if (n === "u") {
      if (raw[i + 2] === "{") {
        const close = raw.indexOf("}", i);
        if (close < 0) return undefined;
        const cp = parseInt(raw.slice(i + 3, close), 16);
        map.push(i);
        if (cp > 0xffff) map.push(i);
        i = close + 1;
        continue;
      }
      map.push(i);
      i += 6;
      continue;
    }
    map.push(i);
    i += 2;
  }
  map.push(raw.length);
  return map.length === cookedLength + 1 ? map : undefined;
}

/** Escapes a cooked string for the inside of a template literal. */
function escapeTemplate(s: string): string {
  return s.replace(/[\\`\n\r\t\u2028\u2029]|\$\{/g, (c) => {
    switch (c) {
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      case "\u2028":
        return "\\u2028";
      case "\u2029":
        return "\\u2029";
      default:
        return "\\" + c;
    }
  });
}

/** Deletes a statement, with its line when nothing else is on it. */
function removeStatement(statement: ts.Statement): TextEdit {
  const sf = statement.getSourceFile();
  const text = sf.text;
  let start = statement.getStart(sf);
  let end = statement.getEnd();
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === " " || text[lineStart - 1] === "\t")) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === " " || text[lineEnd] === "\t")) lineEnd++;
  if ((lineStart === 0 || text[lineStart - 1] === "\n") && (lineEnd === text.length || text[lineEnd] === "\n" || text[lineEnd] === "\r")) {
    start = lineStart;
    end = text[lineEnd] === "\r" && text[lineEnd + 1] === "\n" ? lineEnd + 2 : lineEnd < text.length ? lineEnd + 1 : lineEnd;
  }
  return { start, end, newText: "" };
}

/** True when `pos` lies inside a comment (not a string, template, regex or JSX text). */
export function isInComment(sourceFile: ts.SourceFile, pos: number): boolean {
  const node = innermostNodeAt(sourceFile, pos);
  if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node) ||
    ts.isRegularExpressionLiteral(node) ||
    ts.isJsxText(node)
  ) {
    return pos < node.getStart(sourceFile); // only its leading trivia can hold a comment
  }
  // A non-blank character in a node's leading trivia is a comment.
  if (node !== sourceFile && pos < node.getStart(sourceFile)) return true;
  // pos is in trivia before one of node's own tokens: scan from the end of the last child before it.
  let from = node === sourceFile ? 0 : node.pos;
  ts.forEachChild(node, (child) => {
    if (child.end <= pos && child.end > from) from = child.end;
  });
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    sourceFile.languageVariant,
    sourceFile.text,
    undefined,
    from,
    node.end - from,
  );
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    if (start > pos) return false;
    if (pos < scanner.getTokenEnd()) return kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;
  }
  return false;
}
