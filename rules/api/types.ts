// The vocabulary shared by rules, the engine, the CLI and the server.
// Nothing here knows about LSP or VS Code: a rule reports Problems with offsets into the file text,
// and each front end turns them into its own shape.
import type * as ts from "typescript";
import type { SemanticModel } from "./semantic";

export const CATEGORIES = [
  "deploy-layout",
  "network",
  "concurrency",
  "memory",
  "security",
  "configuration",
  "cold-start",
  "testing",
  "observability",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ["off", "hint", "info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type ActiveSeverity = Exclude<Severity, "off">;

export type Target = "langgraph" | "lambda" | "container" | "vercel" | "workers";
export const TARGETS: readonly Target[] = ["langgraph", "lambda", "container", "vercel", "workers"];

/** Where a file runs (RULES.md "Deploy units and file roles"): rules declare the roles they apply to. */
export type Role = "server" | "browser" | "script" | "test" | "generated";
export const ROLES: readonly Role[] = ["server", "browser", "script", "test", "generated"];
export type ModuleKind = "esm" | "cjs";

/**
 * What kind of file is linted. Rules run on "source" (TS/JS) unless their meta lists other kinds.
 * For "langgraph.json" the visitors walk the JSON syntax tree (ts.parseJsonText); for the YAML and
 * dotenv kinds rules read `file.text` in onEnd.
 */
/** "docker-compose.yml" stands for every Compose file name (compose.yaml, docker-compose.prod.yml…). */
export type FileKind = "source" | "langgraph.json" | "serverless.yml" | "template.yaml" | "docker-compose.yml" | "dotenv";

/** A replacement of text[start, end) by newText. `file` set means another file than the one linted. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /** Absolute path of another file (e.g. .env.example); absent for the linted file. */
  file?: string;
}

/** `safe` fixes keep behaviour and may run in fix-all; `suggestion`s change behaviour and are offered one by one. */
export type FixKind = "safe" | "suggestion";

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
}

/** Another place in the same file that explains a finding (the read of a read-modify-write). */
export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

/**
 * A small table a finding carries for the hover (latency-budget: each call on the worst path with its
 * share). Cells are plain text whose `code spans` are kept; the LSP decides how to render them.
 */
export interface FindingTable {
  columns: string[];
  rows: string[][];
  /** Rows after the body that sum it up (a total, a limit), shown apart from it. */
  summary?: string[][];
}

export interface ProblemReport<MessageId extends string = string> {
  /** The node to underline; or give start/end explicitly. */
  node?: ts.Node;
  start?: number;
  end?: number;
  /** A key of the rule's `messages` (checked at compile time for rules declared with createRule). */
  messageId: MessageId;
  data?: Record<string, string | number>;
  fixes?: Fix[];
  /**
   * A lower level for this one finding than the rule's (e.g. "info" for a missing import in a test
   * file): it caps the configured severity, never raises it.
   */
  severity?: ActiveSeverity;
  /** Other places in the file the finding refers to (LSP relatedInformation, SARIF relatedLocations). */
  related?: RelatedLocation[];
  /** Structured data for the hover, beside the detail. */
  table?: FindingTable;
}

/** What a rule produced, before suppressions and severities are applied. */
export interface Problem {
  ruleId: string;
  start: number;
  end: number;
  messageId: string;
  /** The headline (at most 120 characters): the thing and the failure. */
  message: string;
  /** The explanation under the headline (why it breaks, what to do), when the rule gives one. */
  detail?: string;
  fixes: Fix[];
  /** The cap the rule put on this finding's severity, when it lowered it. */
  severity?: ActiveSeverity;
  related?: RelatedLocation[];
  table?: FindingTable;
}

/**
 * The schema of one rule option. The config validation (server/src/engine/config.ts), the JSON schema
 * (scripts/gen-schema.ts), the default options and the option's TypeScript type all derive from it.
 */
export type OptionSchema =
  | { type: "number"; default: number; minimum: number; maximum?: number; description: string }
  | { type: "string"; default: string; description: string }
  | { type: "boolean"; default: boolean; description: string }
  | { type: "array"; items: "string"; default: readonly string[]; description: string };
export type OptionsSchema = Readonly<Record<string, OptionSchema>>;

/** The option values a rule receives for a schema: `{ timeoutMs: { type: "number", ... } }` gives `{ timeoutMs: number }`. */
export type OptionsOf<S extends OptionsSchema> = {
  readonly [K in keyof S]: S[K] extends { type: "number" }
    ? number
    : S[K] extends { type: "string" }
      ? string
      : S[K] extends { type: "boolean" }
        ? boolean
        : readonly string[];
};

export interface RuleMeta<Options> {
  id: string;
  category: Category;
  severity: Severity;
  /** The strongest fix tier the rule can offer; "none" when it never fixes. */
  fix: FixKind | "none";
  /** One sentence: what the rule finds. Used in SARIF, hovers and the docs index. */
  description: string;
  /**
   * Headlines by message id, at most 120 characters once rendered: the thing and the failure
   * ("fetch() to api.example.com has no timeout"). Shown in the Problems panel and the CLI.
   */
  messages: Record<string, string>;
  /**
   * The explanation of each message (why it breaks in production, what to do), with the same
   * placeholders: the hover shows it under the headline and the JSON/SARIF output carries it.
   */
  details?: Record<string, string>;
  /** The options schema ({} for a rule without options); createRule derives defaultOptions from it. */
  options: OptionsSchema;
  /** Derived from `options` by createRule; the engine merges the config's options over these. */
  defaultOptions: Options;
  /**
   * Checks one option's value from a config (its JSON type already matches the default's): a reason
   * it cannot be used ("must be between 1 and 600000"), or undefined when it is fine. Config options
   * come from the workspace, so this is where a value that could hang or break the rule is refused.
   */
  validateOption?(key: string, value: unknown): string | undefined;
  /**
   * The file roles the rule runs on (default ["server"]): rules about production behaviour check
   * server code only; secrets run on every role but generated; test rules on tests.
   */
  roles?: readonly Role[];
  /** When set, the rule only runs for files of these targets. */
  targets?: readonly Target[];
  /** Only for units that plain Node runs as written (no bundler that rewrites imports). */
  unbundledOnly?: boolean;
  /** The kinds of file the rule checks; default ["source"]. */
  files?: readonly FileKind[];
  /**
   * What a file must contain for the rule to possibly report: the engine checks it on the text, before
   * any parse, and neither parses the file (unless another rule needs it) nor runs the rule when it
   * fails. Absent: the rule always runs. A prefilter that is too narrow loses findings; the test in
   * test/prefilter.test.ts lints every fixture with and without prefilters and fails on any difference.
   */
  prefilter?: Prefilter<Options>;
}

/**
 * A rule's text-level precondition (see RuleMeta.prefilter). `file` must hold and the text must contain
 * one of `words` (the cheap gates); then, when `imports` or `text` is given, the file passes if it
 * imports a module `imports` accepts OR passes `text`. Each check must be a necessary condition for a report, never
 * a guess, and cheaper than a parse: substring tests, a linear scan, resolving a specifier. (Method
 * signatures: a rule's meta may be spread into another rule's with other options, as tests do.)
 */
export interface Prefilter<Options = unknown> {
  /** File facts the rule needs (ES modules only, say); false skips the rule on the file. */
  file?(file: FileInfo, options: Options): boolean;
  /** Case-sensitive substrings: a file with none of them is skipped. */
  words?: readonly string[];
  /** A module specifier (import, export from, require, require.resolve, import()) that may lead to a report. */
  imports?(specifier: string, file: FileInfo, options: Options): boolean;
  /** Any other check on the text. */
  text?(text: string, file: FileInfo, options: Options): boolean;
}

/**
 * Read access to the file system as the user sees it (the server overlays unsaved editor buffers).
 * Rules use this, never `fs`, so they stay testable and see the same files the editor shows.
 */
export interface ProjectHost {
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
  /** The real names in a folder (real casing, even on case-insensitive file systems); undefined if unreadable. */
  readDirectory(dir: string): Array<{ name: string; isDirectory: boolean }> | undefined;
}

/** Project-level facts computed once per project root and shared by every file in it. */
export interface ProjectInfo {
  /** Absolute folder of the project root (nearest langgraph.json, else package.json). */
  root: string;
  target: Target;
  /** True when a bundler (esbuild, webpack, tsup, vite...) builds the project. */
  hasBundler: boolean;
  /** The project's .env.example (or .env.sample/.env.template), when it has one. */
  envExample?: EnvExampleFile;
  host: ProjectHost;
  /**
   * A project-level fact a rule needs (documented env vars, which tests run the graph concurrently...),
   * computed on first use and cached with the project until a file in it changes. Keys are namespaced
   * by rule or semantic module, e.g. "env-docs".
   */
  memo<T>(key: string, compute: () => T): T;
  /**
   * The project's files as a scan of its root collects them (the same skipped folders and .gitignore
   * files, and the project config's "ignore" globs), breadth first, at most the first 5,000; listed once
   * per project. For
   * project facts that read every file of a kind (which tests call the graph concurrently, what imports
   * a file).
   */
  files(): ProjectFiles;
}

export interface ProjectFiles {
  paths: readonly string[];
  /** False when the project has more files than the bound: `paths` holds the first ones. */
  complete: boolean;
}

export interface EnvExampleFile {
  /** Absolute path. */
  file: string;
  /** Variables it already names. */
  names: ReadonlySet<string>;
  /** Length of its text, where an appended line goes, and whether that text ends with a newline. */
  length: number;
  endsWithNewline: boolean;
}

export interface FileInfo {
  fileName: string;
  kind: FileKind;
  text: string;
  moduleKind: ModuleKind;
  /** role === "test". */
  isTestFile: boolean;
  role: Role;
  target: Target;
  /** The deploy unit the file belongs to, when one was found. */
  unit?: DeployUnit;
  project: ProjectInfo;
}

/** What told us a unit exists; decides the target, runtime and bundler defaults. */
export type UnitKind =
  "langgraph" | "serverless" | "sam" | "cdk" | "docker" | "compose" | "next" | "vercel" | "workers" | "mastra" | "node" | "frontend";

export type Runtime = "node" | "edge" | "workers" | "browser";

export type Bundler = "next" | "mastra" | "esbuild" | "tsup" | "webpack" | "vite" | "rollup" | "ncc" | "wrangler" | "tsc" | "bun" | "none";

/** Platform limits that apply to a unit's requests and files, with where each number came from. */
export interface PlatformLimits {
  /** How long a request may run before the platform (or the caller in front of it) gives up. */
  requestSeconds?: number;
  /** The API Gateway in front of a Lambda function (serverless `http`/`httpApi` events, SAM `Api`/`HttpApi` events). */
  gateway?: "rest" | "http";
  memoryMb?: number;
  /** The working directory the deployed process starts in, when the platform fixes it. */
  cwd?: string;
  /** Paths the deployed process may write to, when the platform restricts them. */
  writable?: string[];
  /** Where the numbers came from: a config line or the platform's documented default. */
  sources: string[];
}

/** One thing that gets deployed (RULES.md "Deploy units and file roles"). */
export interface DeployUnit {
  kind: UnitKind;
  /** A short name for messages: the function, service or app name, else the root folder's name. */
  name: string;
  /** Absolute folder the unit is built from. */
  root: string;
  target: Target;
  runtime: Runtime;
  bundler: Bundler;
  /** Absolute entry files (graph files, handlers, server entry). */
  entries: string[];
  limits: PlatformLimits;
  /** Absolute path of the file that declared the unit (langgraph.json, serverless.yml, a CDK stack...). */
  definedBy: string;
  /** For containers: the Dockerfile's WORKDIR, whether it copies the whole root, and its ENV names. */
  container?: { workdir?: string; copiesRoot: boolean; env: string[] };
  /** Environment variables the deploy config sets for the unit (Dockerfile ENV, compose, serverless, SAM, langgraph.json env, CDK). */
  env: string[];
}

export interface RuleContext<Options, MessageId extends string = string> {
  readonly file: FileInfo;
  readonly sourceFile: ts.SourceFile;
  /** The file's semantic model (imports, bindings, module state, request handlers), shared by every rule on the file. */
  readonly semantic: SemanticModel;
  /** The deploy unit the file belongs to (its target, platform limits, entries), when one was found. */
  readonly unit: DeployUnit | undefined;
  readonly options: Options;
  report(problem: ProblemReport<MessageId>): void;
}

/** The node kinds rules may visit, by SyntaxKind name. Add a line here to visit another kind. */
export interface VisitableNodes {
  CallExpression: ts.CallExpression;
  NewExpression: ts.NewExpression;
  StringLiteral: ts.StringLiteral;
  NoSubstitutionTemplateLiteral: ts.NoSubstitutionTemplateLiteral;
  TemplateExpression: ts.TemplateExpression;
  VariableDeclaration: ts.VariableDeclaration;
  PropertyAssignment: ts.PropertyAssignment;
  BinaryExpression: ts.BinaryExpression;
  Parameter: ts.ParameterDeclaration;
  PropertyAccessExpression: ts.PropertyAccessExpression;
  ElementAccessExpression: ts.ElementAccessExpression;
  ImportDeclaration: ts.ImportDeclaration;
  ExportDeclaration: ts.ExportDeclaration;
  FunctionDeclaration: ts.FunctionDeclaration;
  ArrowFunction: ts.ArrowFunction;
  FunctionExpression: ts.FunctionExpression;
  MethodDeclaration: ts.MethodDeclaration;
  Identifier: ts.Identifier;
  AwaitExpression: ts.AwaitExpression;
  ReturnStatement: ts.ReturnStatement;
  ClassDeclaration: ts.ClassDeclaration;
  PropertyDeclaration: ts.PropertyDeclaration;
  ExpressionStatement: ts.ExpressionStatement;
  ConditionalExpression: ts.ConditionalExpression;
  ImportEqualsDeclaration: ts.ImportEqualsDeclaration;
}

/** The keys of VisitableNodes at run time (the engine lists these nodes while it parses). */
export const VISITABLE_KINDS = [
  "CallExpression",
  "NewExpression",
  "StringLiteral",
  "NoSubstitutionTemplateLiteral",
  "TemplateExpression",
  "VariableDeclaration",
  "PropertyAssignment",
  "BinaryExpression",
  "Parameter",
  "PropertyAccessExpression",
  "ElementAccessExpression",
  "ImportDeclaration",
  "ExportDeclaration",
  "FunctionDeclaration",
  "ArrowFunction",
  "FunctionExpression",
  "MethodDeclaration",
  "Identifier",
  "AwaitExpression",
  "ReturnStatement",
  "ClassDeclaration",
  "PropertyDeclaration",
  "ExpressionStatement",
  "ConditionalExpression",
  "ImportEqualsDeclaration",
] as const satisfies ReadonlyArray<keyof VisitableNodes>;

// Compile-time check that the list names every key of VisitableNodes (a key missing here is an error).
const _everyKindListed: Record<keyof VisitableNodes, true> = Object.fromEntries(VISITABLE_KINDS.map((k) => [k, true])) as Record<
  (typeof VISITABLE_KINDS)[number],
  true
>;
void _everyKindListed;

/**
 * Visitors keyed by SyntaxKind name. The engine walks each file once and calls every rule's
 * visitor for the node's kind (no rule walks the tree on its own); onEnd runs after the walk.
 */
export type Visitors = { [K in keyof VisitableNodes]?: (node: VisitableNodes[K]) => void } & {
  onEnd?: () => void;
};

// `any`, not `unknown`: a list of rules with different options (allRules) must accept each of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Rule<Options = any> {
  meta: RuleMeta<Options>;
  create(context: RuleContext<Options>): Visitors;
}
