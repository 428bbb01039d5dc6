// The semantic model's cross-file lookups (issue 16): classes through imports and re-exports, an
// interface's implementations in other modules, a receiver's methods, and the documented bounds.
import * as assert from "node:assert/strict";
import path = require("node:path");
import ts = require("typescript");
import type { ProjectInfo } from "../../rules/api/types";
import {
  classDeclarationOf,
  filesImplementing,
  implementationsOf,
  importedModuleFact,
  localImports,
  MAX_FILE_BYTES,
  MAX_REEXPORT_DEPTH,
  methodsOfReceiver,
} from "../../rules/semantic/crossFile";

const ROOT = path.resolve("/virtual/project");

/** A project whose files live in memory, with the memo and file list the engine gives every project. */
function projectOf(files: Record<string, string>): ProjectInfo {
  const abs = new Map(Object.entries(files).map(([rel, text]) => [path.join(ROOT, rel), text]));
  const memo = new Map<string, unknown>();
  return {
    root: ROOT,
    target: "container",
    hasBundler: false,
    host: {
      readFile: (f) => abs.get(path.resolve(f)),
      fileExists: (f) => abs.has(path.resolve(f)),
      readDirectory(dir) {
        const d = path.resolve(dir);
        const names = new Map<string, boolean>();
        for (const f of abs.keys()) {
          if (!f.startsWith(d + path.sep)) continue;
          const [first, ...rest] = path.relative(d, f).split(path.sep);
          names.set(first, rest.length > 0 || names.get(first) === true);
        }
        return names.size === 0 && ![...abs.keys()].some((f) => f.startsWith(d))
          ? undefined
          : [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
      },
    },
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
    // Every file of the in-memory project is one a scan would lint.
    files: () => ({ paths: [...abs.keys()].sort(), complete: true }),
  } as ProjectInfo;
}

/** Parses `rel` of the project as the engine would, and returns it with the first identifier spelled `name`. */
function identifierIn(
  project: ProjectInfo,
  rel: string,
  name: string,
  nth = 0,
): { sf: ts.SourceFile; id: ts.Identifier; file: { fileName: string; project: ProjectInfo } } {
  const fileName = path.join(ROOT, rel);
  const sf = ts.createSourceFile(fileName, project.host.readFile(fileName)!, ts.ScriptTarget.Latest, true);
  const found: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name) found.push(n);
    n.forEachChild(visit);
  };
  visit(sf);
  assert.ok(found[nth], `${name} #${nth} in ${rel}`);
  return { sf, id: found[nth], file: { fileName, project } };
}

const REGISTRY = `export class Registry { constructor(private dir: string) {} list() { return this.dir; } }\n`;

describe("semantic: cross-file lookups", () => {
  it("finds a class imported from another module, through export * and a renaming re-export", () => {
    const project = projectOf({
      "src/lib/registry.ts": REGISTRY,
      "src/lib/index.ts": `export * from "./registry.js";\n`,
      "src/barrel.ts": `export { Registry as PromptRegistry } from "./lib/index.js";\n`,
      "src/app.ts": `import { PromptRegistry } from "./barrel.js";\nexport const r = new PromptRegistry("prompts");\n`,
    });
    const { sf, id, file } = identifierIn(project, "src/app.ts", "PromptRegistry", 1);
    const cls = classDeclarationOf(file, sf, id);
    assert.equal(cls?.name?.text, "Registry");
    assert.equal(path.relative(ROOT, cls!.getSourceFile().fileName), path.join("src", "lib", "registry.ts"));
  });

  it("finds a default-exported class and a class declared in the same file", () => {
    const project = projectOf({
      "src/store.ts": `class Store { get(k: string) { return k; } }\nexport default Store;\n`,
      "src/app.ts": `import S from "./store.js";\nclass Local {}\nexport const a = new S();\nexport const b = new Local();\n`,
    });
    const imported = identifierIn(project, "src/app.ts", "S", 1);
    assert.equal(classDeclarationOf(imported.file, imported.sf, imported.id)?.name?.text, "Store");
    const local = identifierIn(project, "src/app.ts", "Local", 1);
    assert.equal(classDeclarationOf(local.file, local.sf, local.id)?.name?.text, "Local");
  });

  it("gives nothing for a package import, a function, or a re-export chain longer than the bound", () => {
    const chain: Record<string, string> = { "src/c0.ts": REGISTRY };
    for (let i = 1; i <= MAX_REEXPORT_DEPTH + 1; i++) chain[`src/c${i}.ts`] = `export * from "./c${i - 1}.js";\n`;
    const top = MAX_REEXPORT_DEPTH + 1;
    const project = projectOf({
      ...chain,
      "src/app.ts": `import OpenAI from "openai";\nimport { Registry } from "./c${top}.js";\nimport { Registry as Within } from "./c${MAX_REEXPORT_DEPTH}.js";\nfunction f() {}\nexport const x = [new OpenAI(), new Registry("p"), f];\n`,
    });
    for (const name of ["OpenAI", "Registry", "f"]) {
      const { sf, id, file } = identifierIn(project, "src/app.ts", name, 1);
      assert.equal(classDeclarationOf(file, sf, id), undefined, name);
    }
    // One hop fewer is within the bound.
    const within = identifierIn(project, "src/app.ts", "Within");
    assert.equal(classDeclarationOf(within.file, within.sf, within.id)?.name?.text, "Registry");
  });

  it("does not parse a module larger than MAX_FILE_BYTES", () => {
    const big = REGISTRY + `export const pad = "${"x".repeat(MAX_FILE_BYTES)}";\n`;
    const project = projectOf({ "src/registry.ts": big, "src/app.ts": `import { Registry } from "./registry.js";\nnew Registry("p");\n` });
    const { sf, id, file } = identifierIn(project, "src/app.ts", "Registry", 1);
    assert.equal(classDeclarationOf(file, sf, id), undefined);
  });

  it("finds the implementations of an interface in modules that do not import each other", () => {
    const project = projectOf({
      "src/sessionStore.ts": `export interface SessionStore { get(id: string): Promise<string[]>; }\n`,
      "src/redis.ts": `import type { SessionStore } from "./sessionStore.js";\nexport class RedisStore implements SessionStore { async get(id: string) { return [id]; } }\n`,
      "src/other.ts": `interface SessionStore { get(): void }\nexport class Unrelated implements SessionStore { get() {} }\n`,
      "src/node.ts": `import type { SessionStore } from "./sessionStore.js";\nexport const node = (store: SessionStore) => store.get("a");\n`,
    });
    const { sf, id, file } = identifierIn(project, "src/node.ts", "SessionStore", 1);
    assert.deepEqual(
      implementationsOf(file, sf, id).map((c) => c.name?.text),
      ["RedisStore"],
    );
  });

  it("resolves a receiver's method: a typed parameter, a variable made with new, a field of this", () => {
    const project = projectOf({
      "src/sessionStore.ts": `export interface SessionStore { get(id: string): Promise<string[]>; }\n`,
      "src/redis.ts": `import type { SessionStore } from "./sessionStore.js";\nexport class RedisStore implements SessionStore { async get(id: string) { return [id]; } static make() {} }\n`,
      "src/node.ts": `import type { SessionStore } from "./sessionStore.js";
import { RedisStore } from "./redis.js";
export const viaParam = (store: SessionStore) => store.get("a");
const made = new RedisStore();
export const viaNew = () => made.get("b");
export class Service {
  constructor(private readonly sessions: RedisStore) {}
  run() { return this.sessions.get("c"); }
}
export const untyped = (s: any) => s.get("d");
`,
    });
    const fileName = path.join(ROOT, "src/node.ts");
    const sf = ts.createSourceFile(fileName, project.host.readFile(fileName)!, ts.ScriptTarget.Latest, true);
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "get") calls.push(n);
      n.forEachChild(visit);
    };
    visit(sf);
    const file = { fileName, project };
    const owners = calls.map((c) => {
      const callee = c.expression as ts.PropertyAccessExpression;
      return methodsOfReceiver(file, sf, callee.expression, "get").map((m) => `${(m.parent as ts.ClassDeclaration).name?.text}.get`);
    });
    assert.deepEqual(owners, [["RedisStore.get"], ["RedisStore.get"], ["RedisStore.get"], []]);
  });

  it("lists the names a text imports from the project's own modules, with their specifiers", () => {
    const text = `import { A, B as C } from "./ab.js";
import D from "../d";
import type { E } from "@/e";
import * as NS from "./ns.js";
import OpenAI from "openai";
const { F } = require("./f");
`;
    assert.deepEqual(
      [...localImports(text)],
      [
        ["A", "./ab.js"],
        ["C", "./ab.js"],
        ["D", "../d"],
        ["E", "@/e"],
        ["NS", "./ns.js"],
        ["F", "./f"],
      ],
    );
  });

  it("reads an imported module's fact through a re-export, never a module outside the project", () => {
    const project = projectOf({
      "src/lib/store.ts": "export class RedisStore {}\n",
      "src/lib/index.ts": 'export { RedisStore } from "./store.js";\n',
      "src/app.ts": "",
    });
    const file = { fileName: path.join(ROOT, "src/app.ts"), project };
    const fact = (text: string) => (text.includes("class RedisStore") ? "class" : undefined);
    assert.equal(importedModuleFact(file, "./lib/index.js", "test", fact), "class");
    assert.equal(importedModuleFact(file, "../../outside/store.js", "test", fact), undefined);
  });

  it("finds the files whose classes implement an interface by name, from one index per project", () => {
    const project = projectOf({
      "src/a.ts": "export class A implements SessionStore, Closable<string> {}\n",
      "src/b.ts": "export class B implements Other {}\n",
      "src/c.ts": "export class C extends Base<T> implements SessionStore {}\n",
    });
    assert.deepEqual(
      filesImplementing(project, "SessionStore").map((f) => path.relative(ROOT, f)),
      [path.join("src", "a.ts"), path.join("src", "c.ts")],
    );
    assert.deepEqual(
      filesImplementing(project, "Closable").map((f) => path.relative(ROOT, f)),
      [path.join("src", "a.ts")],
    );
    assert.deepEqual(filesImplementing(project, "Missing"), []);
  });
});
