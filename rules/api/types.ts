// The vocabulary shared by rules, the engine, the CLI and the server.
// Nothing here knows about LSP or VS Code: a rule reports Problems with offsets into the file text,
// and each front end turns them into its own shape.
import type * as ts from "typescript";

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

export type Target = "langgraph" | "lambda" | "container";
export const TARGETS: readonly Target[] = ["langgraph", "lambda", "container"];
export type ModuleKind = "esm" | "cjs";

/**
 * What kind of file is linted. Rules run on "source" (TS/JS) unless their meta lists other kinds.
 * For "langgraph.json" the visitors walk the JSON syntax tree (ts.parseJsonText); for the YAML and
 * dotenv kinds rules read `file.text` in onEnd.
 */
export type FileKind = "source" | "langgraph.json" | "serverless.yml" | "template.yaml" | "dotenv";

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

export interface ProblemReport {
  /** The node to underline; or give start/end explicitly. */
  node?: ts.Node;
  start?: number;
  end?: number;
  messageId: string;
  data?: Record<string, string | number>;
  fixes?: Fix[];
}

/** What a rule produced, before suppressions and severities are applied. */
export interface Problem {
  ruleId: string;
  start: number;
  end: number;
  messageId: string;
  message: string;
  fixes: Fix[];
}

export interface RuleMeta<Options> {
  id: string;
  category: Category;
  severity: Severity;
  /** The strongest fix tier the rule can offer; "none" when it never fixes. */
  fix: FixKind | "none";
  /** One sentence: what the rule finds. Used in SARIF, hovers and the docs index. */
  description: string;
  messages: Record<string, string>;
  defaultOptions: Options;
  /**
   * Checks one option's value from a config (its JSON type already matches the default's): a reason
   * it cannot be used ("must be between 1 and 600000"), or undefined when it is fine. Config options
   * come from the workspace, so this is where a value that could hang or break the rule is refused.
   */
  validateOption?(key: string, value: unknown): string | undefined;
  /**
   * Rules about production behaviour skip test files (RULES.md "Test files");
   * secrets, imports and test-concurrency rules run on them.
   */
  runsOnTestFiles: boolean;
  /** When set, the rule only runs for files of these targets. */
  targets?: readonly Target[];
  /** The kinds of file the rule checks; default ["source"]. */
  files?: readonly FileKind[];
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
  isTestFile: boolean;
  target: Target;
  project: ProjectInfo;
}

export interface RuleContext<Options> {
  readonly file: FileInfo;
  readonly sourceFile: ts.SourceFile;
  readonly options: Options;
  report(problem: ProblemReport): void;
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

export interface Rule<Options = any> {
  meta: RuleMeta<Options>;
  create(context: RuleContext<Options>): Visitors;
}
