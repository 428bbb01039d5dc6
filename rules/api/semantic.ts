// The vocabulary of a file's semantic model: what the engine hands every rule as `context.semantic`
// (built by rules/semantic/model.ts, once per file, each part on first use) and the shapes its
// answers have. Types only: the analysis itself lives in rules/semantic.
import type * as ts from "typescript";

export interface ImportedBinding {
  module: string;
  /** "default", "*" (namespace / whole CommonJS module), or the exported name. */
  imported: string;
  /** `import type { X }` / `import { type X }`: the name exists only for the type checker. */
  typeOnly?: true;
}

export interface ImportIndex {
  /** What a local name is bound to, when it was imported. */
  get(localName: string): ImportedBinding | undefined;
  /** All local names bound to something from `module` (exact module or one matching the predicate). */
  localsFrom(module: string | ((m: string) => boolean)): Array<[string, ImportedBinding]>;
}

export type BindingKind = "const" | "let" | "var" | "param" | "function" | "class" | "import" | "catch" | "other";

export interface Binding {
  kind: BindingKind;
  /** The identifier that declares the name; its identity is the binding's identity. */
  name: ts.Identifier;
  /** The variable or parameter declaration (whose name may be a destructuring pattern). */
  declaration?: ts.VariableDeclaration | ts.ParameterDeclaration;
  /**
   * For names bound inside a destructuring pattern, the property names leading from the declared
   * value to this name (`const { a: { b } } = x` gives ["a", "b"]); [] for a plain name; undefined
   * when not static (rest elements, computed keys).
   */
  path?: string[];
  /** The initializer of a variable declaration, unwrapped. */
  initializer?: ts.Expression;
  /** The function or class declared, for kind "function"/"class". */
  declared?: ts.Node;
  /** The node whose extent is the binding's scope (source file, block, function, loop, catch clause). */
  scope: ts.Node;
  /** For parameters: the function they belong to. */
  fn?: ts.SignatureDeclaration;
  /** True for declarations directly in the source file's top-level statements. */
  moduleLevel: boolean;
}

export interface ModuleBinding {
  name: ts.Identifier;
  kind: "const" | "let" | "var";
  declaration: ts.VariableDeclaration;
  statement: ts.VariableStatement;
  initializer?: ts.Expression;
  exported: boolean;
}

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** Where an imported callee comes from: `client.chat.completions.create` -> openai, ["default", "chat", ...]. */
export interface ImportedCallee {
  module: string;
  /** The export ("default", a name; none for a namespace) followed by the property names after the root. */
  path: string[];
}

/**
 * One file's semantic model. Every part is computed on first use and shared by all the rules that
 * run on the file, so a rule asks here instead of walking the tree or building its own tables.
 */
export interface SemanticModel {
  /** The file's imports: ESM (default, named, namespace), `import x = require()`, CommonJS `require`, `await import()`. */
  readonly imports: ImportIndex;
  /** The import an expression's root name comes from (`openai.chat.completions.create`); shadowing is bindingOf's question. */
  importedCallee(callee: ts.Expression): ImportedCallee | undefined;
  /** The declaration `id` refers to where it stands; undefined for globals and unknown names. */
  bindingOf(id: ts.Identifier): Binding | undefined;
  /** The binding of `name` visible at `from` (which need not be an identifier). */
  lookup(from: ts.Node, name: string): Binding | undefined;
  /** The plain-identifier variables declared by the file's top-level statements, by name. */
  readonly moduleBindings: ReadonlyMap<string, ModuleBinding>;
  /** Names the file exports by `export { a, b as c }`, `module.exports = { a }` or `exports.a = a`. */
  readonly exportedNames: ReadonlySet<string>;
  /**
   * The functions that answer requests: route handlers and middleware, Next.js route handlers, Bolt
   * listeners, and with `lambda` also exported Lambda handlers.
   */
  requestHandlers(lambda: boolean): ReadonlySet<FunctionNode>;
}
