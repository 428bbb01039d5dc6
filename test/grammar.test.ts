// The suppression-directive injection grammars (syntaxes/), tokenized by the TextMate engine VS Code
// itself uses (vscode-textmate + vscode-oniguruma) inside VS Code's own TypeScript, JavaScript, YAML and
// dotenv grammars, so what is asserted here is what the editor shows. Every sample is also run through
// the engine's suppression parser: the grammar must highlight a directive exactly when the engine
// treats the comment as one, and mark exactly the rule ids the engine reads.
//
// Where the engine and grammars come from (first found wins):
//   - vscode-textmate / vscode-oniguruma: this project's node_modules, else the VS Code of the e2e host
//     (bash ../shared/vscode-host/setup.sh, $VSCODE_HOST_DIR, default /tmp/vscode-host).
//   - host grammars: that VS Code's built-in extensions; without it, copies of their comment rules below
//     (STUB_GRAMMARS), so the injection is still tested inside real comment scopes.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { findDirectives, findHashDirectives } from "../server/src/engine/suppressions";

const ROOT = path.join(__dirname, "..");
const INSTALL_HINT =
  "The grammar tests need the TextMate engine VS Code uses. Run: npm install --save-dev vscode-textmate@9.3.2 vscode-oniguruma@2.0.1 " +
  "(or install the e2e VS Code host: bash ../shared/vscode-host/setup.sh).";

// --- The two injection grammars and the languages they are injected into (package.json injectTo). ---
const SLASH_GRAMMAR = { scopeName: "deploygap.directives.injection", file: "syntaxes/deploygap-directives.tmLanguage.json" };
const HASH_GRAMMAR = { scopeName: "deploygap.directives.hash.injection", file: "syntaxes/deploygap-directives-hash.tmLanguage.json" };
const INJECT_TO: Record<string, string[]> = {
  [SLASH_GRAMMAR.scopeName]: ["source.ts", "source.tsx", "source.js", "source.js.jsx"],
  [HASH_GRAMMAR.scopeName]: ["source.yaml", "source.dotenv"],
};

// --- Minimal typings of the parts of vscode-textmate used here (the package may not be installed at type-check time). ---
interface TmToken {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface TmGrammar {
  tokenizeLine(line: string, state: unknown): { tokens: TmToken[]; ruleStack: unknown };
}
interface TmRegistry {
  loadGrammar(scopeName: string): Promise<TmGrammar | null>;
}
interface TextMateModule {
  INITIAL: unknown;
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<unknown>;
    getInjections(scopeName: string): string[] | undefined;
  }) => TmRegistry;
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface OnigurumaModule {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

const HOST_VSCODE = path.join(process.env.VSCODE_HOST_DIR ?? "/tmp/vscode-host", "cs/node_modules/code-server/lib/vscode");

/** The package's folder: this project's dependency, else the e2e host's copy. */
function locatePackage(name: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
  } catch {
    const hosted = path.join(HOST_VSCODE, "node_modules", name);
    return fs.existsSync(path.join(hosted, "package.json")) ? hosted : undefined;
  }
}

/** VS Code's built-in grammars for the injected languages, when the e2e host is installed. */
function hostGrammarFiles(): Record<string, string> | undefined {
  const ext = path.join(HOST_VSCODE, "extensions");
  const files: Record<string, string> = {
    "source.ts": "typescript-basics/syntaxes/TypeScript.tmLanguage.json",
    "source.tsx": "typescript-basics/syntaxes/TypeScriptReact.tmLanguage.json",
    "source.js": "javascript/syntaxes/JavaScript.tmLanguage.json",
    "source.js.jsx": "javascript/syntaxes/JavaScriptReact.tmLanguage.json",
    "source.yaml": "yaml/syntaxes/yaml.tmLanguage.json",
    "source.yaml.1.0": "yaml/syntaxes/yaml-1.0.tmLanguage.json",
    "source.yaml.1.1": "yaml/syntaxes/yaml-1.1.tmLanguage.json",
    "source.yaml.1.2": "yaml/syntaxes/yaml-1.2.tmLanguage.json",
    "source.yaml.1.3": "yaml/syntaxes/yaml-1.3.tmLanguage.json",
    "source.yaml.embedded": "yaml/syntaxes/yaml-embedded.tmLanguage.json",
    "source.dotenv": "dotenv/syntaxes/dotenv.tmLanguage.json",
  };
  const out: Record<string, string> = {};
  for (const [scope, rel] of Object.entries(files)) {
    const file = path.join(ext, rel);
    if (!fs.existsSync(file)) return undefined;
    out[scope] = fs.readFileSync(file, "utf8");
  }
  return out;
}

/**
 * Without the host: the comment rules of VS Code 1.139's grammars, copied verbatim (TypeScript's three
 * comment rules and double-quoted strings; YAML's comment rule and a plain key; dotenv's two line rules).
 */
function stubGrammars(): Record<string, string> {
  const tsLike = (suffix: string) => ({
    scopeName: `source.${suffix}`,
    patterns: [{ include: "#comment" }, { include: "#string" }],
    repository: {
      string: {
        name: `string.quoted.double.${suffix}`,
        begin: '"',
        end: '(")|((?:[^\\\\\\n])$)',
        patterns: [{ match: "\\\\.", name: `constant.character.escape.${suffix}` }],
      },
      comment: {
        patterns: [
          {
            name: `comment.block.documentation.${suffix}`,
            begin: "/\\*\\*(?!/)",
            beginCaptures: { 0: { name: `punctuation.definition.comment.${suffix}` } },
            end: "\\*/",
            endCaptures: { 0: { name: `punctuation.definition.comment.${suffix}` } },
          },
          {
            name: `comment.block.${suffix}`,
            begin: "(/\\*)(?:\\s*((@)internal)(?=\\s|(\\*/)))?",
            beginCaptures: { 1: { name: `punctuation.definition.comment.${suffix}` } },
            end: "\\*/",
            endCaptures: { 0: { name: `punctuation.definition.comment.${suffix}` } },
          },
          {
            begin: "(^[ \\t]+)?((//)(?:\\s*((@)internal)(?=\\s|$))?)",
            beginCaptures: {
              1: { name: `punctuation.whitespace.comment.leading.${suffix}` },
              2: { name: `comment.line.double-slash.${suffix}` },
              3: { name: `punctuation.definition.comment.${suffix}` },
            },
            end: "(?=$)",
            contentName: `comment.line.double-slash.${suffix}`,
          },
        ],
      },
    },
  });
  const yaml = {
    scopeName: "source.yaml",
    patterns: [
      {
        begin: "(?<=[\\x{FEFF}\\t ]|^)#",
        end: "$",
        captures: { 0: { name: "punctuation.definition.comment.yaml" } },
        name: "comment.line.number-sign.yaml",
      },
      {
        match: "^\\s*([\\w.-]+)(:)",
        captures: { 1: { name: "entity.name.tag.yaml" }, 2: { name: "punctuation.separator.map.value.yaml" } },
      },
    ],
  };
  const dotenv = {
    scopeName: "source.dotenv",
    patterns: [
      { match: "^\\s?(#.*$)\\n", captures: { 1: { patterns: [{ include: "#line-comment" }] } } },
      {
        match: "^\\s?(.*?)\\s?(\\=)(.*)$",
        captures: {
          1: { name: "variable.key.dotenv" },
          2: { name: "keyword.operator.assignment.dotenv" },
          3: { name: "property.value.dotenv", patterns: [{ include: "#line-comment" }] },
        },
      },
    ],
    repository: { "line-comment": { match: "#.*$", name: "comment.line.dotenv" } },
  };
  return {
    "source.ts": JSON.stringify(tsLike("ts")),
    "source.tsx": JSON.stringify(tsLike("tsx")),
    "source.js": JSON.stringify(tsLike("js")),
    "source.js.jsx": JSON.stringify(tsLike("js.jsx")),
    "source.yaml": JSON.stringify(yaml),
    "source.dotenv": JSON.stringify(dotenv),
  };
}

// --- Tokenizing. ---
interface Tok {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

let registry: TmRegistry | undefined;
let INITIAL: unknown;

async function tokenize(scopeName: string, text: string): Promise<Tok[][]> {
  const grammar = await registry!.loadGrammar(scopeName);
  assert.ok(grammar, `no grammar for ${scopeName}`);
  let state = INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
  });
}

/** Scope selector prefix match, as themes match: "comment.line" matches "comment.line.double-slash.ts". */
const hasScope = (t: Tok, scope: string) => t.scopes.some((s) => s === scope || s.startsWith(scope + "."));

/** The [start, end) spans of a line covered by tokens carrying `scope` (adjacent tokens merged). */
function spans(tokens: Tok[], scope: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const t of tokens) {
    if (t.start === t.end || !hasScope(t, scope)) continue;
    const last = out[out.length - 1];
    if (last && last[1] === t.start) last[1] = t.end;
    else out.push([t.start, t.end]);
  }
  return out;
}

const textOf = (line: string, s: Array<[number, number]>) => s.map(([a, b]) => line.slice(a, b));

/** Every token carrying a deploygap scope; none for a line that is not a directive. */
const deploygapTokens = (tokens: Tok[]) => tokens.filter((t) => t.scopes.some((s) => s.endsWith(".deploygap")));

// --- The engine's view of a sample, for the cross-check. ---
function engineRuleRanges(kind: "slash" | "hash", fileName: string, text: string): Array<[number, number]> {
  const directives =
    kind === "slash" ? findDirectives(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)) : findHashDirectives(text);
  return directives.flatMap((d) => d.ruleRanges.map((r): [number, number] => [r.start, r.end]));
}

const lineStarts = (text: string) => {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
};

/** Rule-id spans from the grammar as file offsets, to compare with the engine's. */
function grammarRuleRanges(lines: Tok[][], text: string): Array<[number, number]> {
  const starts = lineStarts(text);
  return lines.flatMap((tokens, i) =>
    spans(tokens, "variable.other.constant.rule-id.deploygap").map(([a, b]): [number, number] => [starts[i] + a, starts[i] + b]),
  );
}

const KEYWORD = "keyword.control.directive.deploygap";
const RULE_ID = "variable.other.constant.rule-id.deploygap";
const COMMA = "punctuation.separator.comma.deploygap";
const REASON_SEP = "punctuation.separator.reason.deploygap";
const REASON = "comment.reason.deploygap";

const LANGS = [
  { scope: "source.ts", fileName: "src/a.ts" },
  { scope: "source.tsx", fileName: "src/a.tsx" },
  { scope: "source.js", fileName: "src/a.js" },
  { scope: "source.js.jsx", fileName: "src/a.jsx" },
];

/** Samples that are directives to the engine, or near misses that are not; each runs in every TS/JS grammar. */
const SLASH_SAMPLES: Array<{ name: string; text: string; directive: boolean }> = [
  {
    name: "next-line, two rules and a reason",
    text: "// deploygap-disable-next-line missing-timeout, hardcoded-secret -- the SDK sets its own timeout\nfetch(url);",
    directive: true,
  },
  { name: "disable-line after code", text: "await fetch(url); // deploygap-disable-line missing-timeout", directive: true },
  { name: "block comment for the file", text: "/* deploygap-disable cors-wildcard -- legacy admin API */\nconst x = 1;", directive: true },
  {
    name: "indented, no space after //",
    text: "function f() {\n  //deploygap-disable-next-line missing-timeout\n  return fetch(url);\n}",
    directive: true,
  },
  { name: "without rule ids (all rules)", text: "// deploygap-disable-next-line\nfetch(url);", directive: true },
  { name: "reason right after the keyword", text: "// deploygap-disable-line -- generated file\nfetch(url);", directive: true },
  { name: "scoped rule id with @ and /", text: "// deploygap-disable-line @acme/no-foo,missing-timeout", directive: true },
  { name: "the marker mid-comment", text: "// see deploygap-disable-line in the docs\nfetch(url);", directive: false },
  { name: "a JSDoc comment", text: "/** deploygap-disable missing-timeout */\nfetch(url);", directive: false },
  { name: "inside a string", text: 'const s = "// deploygap-disable-line missing-timeout";', directive: false },
  { name: "a longer word", text: "// deploygap-disabled missing-timeout\nfetch(url);", directive: false },
  { name: "a triple-slash comment", text: "/// deploygap-disable-line missing-timeout\nfetch(url);", directive: false },
  { name: "a block comment over two lines", text: "/* deploygap-disable missing-timeout\n   because */\nfetch(url);", directive: false },
];

const HOST_GRAMMARS = hostGrammarFiles();

describe(`suppression directive grammars (in ${HOST_GRAMMARS ? "VS Code's built-in grammars" : "copies of VS Code's comment rules"})`, function () {
  before(async function () {
    this.timeout(60_000);
    const textmateDir = locatePackage("vscode-textmate");
    const onigDir = locatePackage("vscode-oniguruma");
    if (!textmateDir || !onigDir) throw new Error(INSTALL_HINT);
    // Located at run time (optional dev packages): a path, not a specifier an import could name.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const textmate = require(textmateDir) as TextMateModule;
    const oniguruma = require(onigDir) as OnigurumaModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const wasm = fs.readFileSync(path.join(onigDir, "release", "onig.wasm"));
    const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer).then(() => ({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }));
    const sources: Record<string, { text: string; file: string }> = {};
    for (const [scope, text] of Object.entries(HOST_GRAMMARS ?? stubGrammars()))
      sources[scope] = { text, file: `${scope}.tmLanguage.json` };
    for (const g of [SLASH_GRAMMAR, HASH_GRAMMAR])
      sources[g.scopeName] = { text: fs.readFileSync(path.join(ROOT, g.file), "utf8"), file: g.file };
    INITIAL = textmate.INITIAL;
    registry = new textmate.Registry({
      onigLib,
      loadGrammar: async (scope) => (sources[scope] ? textmate.parseRawGrammar(sources[scope].text, sources[scope].file) : null),
      // As VS Code does with contributes.grammars[].injectTo.
      getInjections: (scope) => Object.keys(INJECT_TO).filter((g) => INJECT_TO[g].includes(scope)),
    });
  });

  for (const lang of LANGS) {
    describe(`in ${lang.scope} comments`, () => {
      it("marks the directive, each rule id, the commas and the reason of a next-line directive", async () => {
        const text = SLASH_SAMPLES[0].text;
        const [line0, line1] = await tokenize(lang.scope, text);
        const line = text.split("\n")[0];
        assert.deepEqual(textOf(line, spans(line0, KEYWORD)), ["deploygap-disable-next-line"]);
        assert.deepEqual(textOf(line, spans(line0, RULE_ID)), ["missing-timeout", "hardcoded-secret"]);
        assert.deepEqual(textOf(line, spans(line0, COMMA)), [","]);
        assert.deepEqual(textOf(line, spans(line0, REASON_SEP)), ["--"]);
        assert.deepEqual(textOf(line, spans(line0, REASON)), [" the SDK sets its own timeout"]);
        // Still a comment from the // to the end of the line (themes keep the comment colour around it).
        assert.deepEqual(spans(line0, "comment.line.double-slash"), [[0, line.length]]);
        assert.deepEqual(textOf(line, spans(line0, "meta.directive.suppression.deploygap")), [line.slice(2)]);
        // The next line is ordinary code again.
        assert.deepEqual(deploygapTokens(line1), []);
      });

      it("marks a trailing disable-line comment and leaves the code before it alone", async () => {
        const text = SLASH_SAMPLES[1].text;
        const [tokens] = await tokenize(lang.scope, text);
        assert.deepEqual(textOf(text, spans(tokens, KEYWORD)), ["deploygap-disable-line"]);
        assert.deepEqual(textOf(text, spans(tokens, RULE_ID)), ["missing-timeout"]);
        assert.deepEqual(spans(tokens, "meta.directive.suppression.deploygap"), [[text.indexOf("//") + 2, text.length]]);
        assert.deepEqual(spans(tokens, REASON), []);
      });

      it("ends a block-comment directive and its reason before the */", async () => {
        const text = SLASH_SAMPLES[2].text;
        const [tokens] = await tokenize(lang.scope, text);
        const line = text.split("\n")[0];
        assert.deepEqual(textOf(line, spans(tokens, KEYWORD)), ["deploygap-disable"]);
        assert.deepEqual(textOf(line, spans(tokens, RULE_ID)), ["cors-wildcard"]);
        assert.deepEqual(textOf(line, spans(tokens, REASON)), [" legacy admin API "]);
        const close = tokens.find((t) => t.text === "*/");
        assert.ok(close && hasScope(close, "punctuation.definition.comment") && deploygapTokens([close]).length === 0);
      });

      it("marks a directive without rule ids, and a reason right after the keyword", async () => {
        const [bare] = await tokenize(lang.scope, SLASH_SAMPLES[4].text);
        assert.deepEqual(textOf(SLASH_SAMPLES[4].text, spans(bare, KEYWORD)), ["deploygap-disable-next-line"]);
        assert.deepEqual(spans(bare, RULE_ID), []);
        const text = SLASH_SAMPLES[5].text;
        const [reasoned] = await tokenize(lang.scope, text);
        assert.deepEqual(spans(reasoned, RULE_ID), []);
        assert.deepEqual(textOf(text, spans(reasoned, REASON)), [" generated file"]);
      });

      for (const sample of SLASH_SAMPLES) {
        it(`agrees with the engine on ${sample.name}: ${sample.directive ? "a directive" : "not a directive"}`, async () => {
          const lines = await tokenize(lang.scope, sample.text);
          const engine = engineRuleRanges("slash", lang.fileName, sample.text);
          const engineSees = findDirectives(ts.createSourceFile(lang.fileName, sample.text, ts.ScriptTarget.Latest, true)).length > 0;
          assert.equal(engineSees, sample.directive, "the sample's expectation matches the engine");
          const keywords = lines.flatMap((l) => spans(l, KEYWORD));
          assert.equal(keywords.length, sample.directive ? 1 : 0, "directive keyword highlighted iff the engine reads a directive");
          if (!sample.directive) assert.deepEqual(lines.flatMap(deploygapTokens), []);
          assert.deepEqual(grammarRuleRanges(lines, sample.text), engine, "the same rule ids at the same offsets");
        });
      }
    });
  }

  it("marks a directive inside a JSX expression container", async () => {
    const text = "const el = (\n  <div>\n    {/* deploygap-disable-next-line missing-timeout */}\n    <Profile />\n  </div>\n);";
    for (const lang of LANGS.filter((l) => l.scope.endsWith("x"))) {
      const lines = await tokenize(lang.scope, text);
      assert.deepEqual(textOf(text.split("\n")[2], spans(lines[2], RULE_ID)), ["missing-timeout"], lang.scope);
      assert.deepEqual(grammarRuleRanges(lines, text), engineRuleRanges("slash", lang.fileName, text), lang.scope);
    }
  });

  describe("in YAML comments", () => {
    const yaml = [
      "service: agent",
      "provider:",
      "  environment:",
      "    # deploygap-disable-next-line reserved-env-var -- set by our own proxy, not the platform",
      "    PORT: 8080",
      "    LOG_LEVEL: debug # deploygap-disable-line undocumented-env-var",
      "# deploygap-disable undocumented-env-var",
      "functions:",
      "  api:",
      "    handler: dist/handler.handler",
    ].join("\n");

    it("marks whole-line directives, their rule ids and reason", async () => {
      const lines = await tokenize("source.yaml", yaml);
      const src = yaml.split("\n");
      assert.deepEqual(textOf(src[3], spans(lines[3], KEYWORD)), ["deploygap-disable-next-line"]);
      assert.deepEqual(textOf(src[3], spans(lines[3], RULE_ID)), ["reserved-env-var"]);
      assert.deepEqual(textOf(src[3], spans(lines[3], REASON)), [" set by our own proxy, not the platform"]);
      // A comment from the # on (the indentation before it may or may not be part of the token).
      const [[from, to]] = spans(lines[3], "comment.line.number-sign");
      assert.ok(from <= src[3].indexOf("#") && /^[ ]*$/.test(src[3].slice(0, from)) && to === src[3].length, `comment span ${from}-${to}`);
      assert.deepEqual(textOf(src[6], spans(lines[6], KEYWORD)), ["deploygap-disable"]);
      assert.deepEqual(textOf(src[6], spans(lines[6], RULE_ID)), ["undocumented-env-var"]);
    });

    it("leaves a trailing # comment alone, as the engine does", async () => {
      const lines = await tokenize("source.yaml", yaml);
      assert.deepEqual(deploygapTokens(lines[5]), []);
      assert.deepEqual(grammarRuleRanges(lines, yaml), engineRuleRanges("hash", "serverless.yml", yaml));
    });

    it("tokenizes the lines after a directive exactly as after an ordinary comment", async () => {
      const plain = yaml
        .split("\n")
        .map((l) => (/^\s*#/.test(l) ? l.replace(/deploygap-\S+/, "an ordinary comment") : l))
        .join("\n");
      const withDirectives = await tokenize("source.yaml", yaml);
      const withComments = await tokenize("source.yaml", plain);
      for (const i of [4, 5, 7, 8, 9]) assert.deepEqual(withDirectives[i], withComments[i], `line ${i + 1}`);
    });
  });

  describe("in dotenv comments", () => {
    const env =
      "# deploygap-disable-next-line reserved-env-var -- the proxy reads it\nPORT=3000\nLOG=1 # deploygap-disable-line undocumented-env-var\n# a plain comment";

    it("marks a whole-line directive and leaves values and other comments alone", async () => {
      const lines = await tokenize("source.dotenv", env);
      const src = env.split("\n");
      assert.deepEqual(textOf(src[0], spans(lines[0], KEYWORD)), ["deploygap-disable-next-line"]);
      assert.deepEqual(textOf(src[0], spans(lines[0], RULE_ID)), ["reserved-env-var"]);
      assert.deepEqual(textOf(src[0], spans(lines[0], REASON)), [" the proxy reads it"]);
      assert.deepEqual(spans(lines[0], "comment.line"), [[0, src[0].length]]);
      for (const i of [1, 2, 3]) assert.deepEqual(deploygapTokens(lines[i]), [], `line ${i + 1}`);
      assert.ok(hasScope(lines[1][0], "variable.key.dotenv"));
      assert.deepEqual(grammarRuleRanges(lines, env), engineRuleRanges("hash", ".env", env));
    });
  });

  it("both grammars name rule ids the same way", () => {
    const slash = JSON.parse(fs.readFileSync(path.join(ROOT, SLASH_GRAMMAR.file), "utf8"));
    const hash = JSON.parse(fs.readFileSync(path.join(ROOT, HASH_GRAMMAR.file), "utf8"));
    assert.equal(slash.scopeName, SLASH_GRAMMAR.scopeName);
    assert.equal(hash.scopeName, HASH_GRAMMAR.scopeName);
    assert.deepEqual(hash.repository["rule-ids"], slash.repository["rule-ids"]);
  });

  it("is contributed in package.json with the injectTo lists tested here", function () {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }> = pkg.contributes?.grammars ?? [];
    // Until the extension manifest contributes the grammars, there is nothing to compare.
    if (!grammars.some((g) => g.path?.includes("syntaxes/deploygap-directives"))) this.skip();
    for (const g of [SLASH_GRAMMAR, HASH_GRAMMAR]) {
      const entry = grammars.find((c) => c.scopeName === g.scopeName);
      assert.ok(entry, `contributes.grammars has ${g.scopeName}`);
      assert.equal(path.normalize(entry.path), path.normalize(`./${g.file}`));
      assert.deepEqual([...(entry.injectTo ?? [])].sort(), [...INJECT_TO[g.scopeName]].sort());
    }
  });
});
