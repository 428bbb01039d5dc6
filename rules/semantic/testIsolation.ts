// Whether a test file isolates the unit under test from its shared state, for sequential-only-tests:
// it replaces a project module that holds state (`jest.mock("../lambda/repository")`, `vi.mock(...)`,
// `jest.spyOn(messageBuffer, "addMessage").mockImplementation()`, `sinon.stub(store, "put")`). State
// shared between requests then lives in the mock, so a concurrent test there reproduces nothing.
//
// A module holds state when it imports a database, cache or queue client (the packages below), or
// keeps collections or reassignable variables at module level or in class fields. Mocks of modules
// without state (a logger, an LLM or HTTP API wrapper) leave the state real: integration tests that
// stub the model keep being checked.
import ts = require("typescript");
import { stringValue, unwrap, dottedName, scriptKindOf } from "./ast";
import { importsOf } from "./imports";
import { resolveBinding } from "./dataflow";
import type { TestFileContext } from "./testCalls";

/** Clients of shared stores: databases, caches, queues, LangGraph checkpointers. */
const STATE_PACKAGE =
  /^(ioredis|redis|@redis\/client|@upstash\/redis|@vercel\/kv|@aws-sdk\/(client-dynamodb|lib-dynamodb|client-s3)|aws-sdk|mongoose|mongodb|pg|pg-pool|postgres|mysql2?(\/promise)?|@prisma\/client|drizzle-orm(\/.*)?|knex|kysely|sequelize|typeorm|better-sqlite3|sqlite3?|@libsql\/client|@neondatabase\/serverless|@planetscale\/database|@supabase\/supabase-js|firebase-admin(\/.*)?|@google-cloud\/firestore|bullmq|bull|@langchain\/langgraph-checkpoint(-[a-z]+)?)$/;

const MOCK_MODULE = new Set(["jest.mock", "vi.mock", "jest.doMock", "vi.doMock", "jest.unstable_mockModule"]);
const SPY = new Set(["jest.spyOn", "vi.spyOn"]);
const REPLACING = /^mock(Implementation|ResolvedValue|ReturnValue|RejectedValue)(Once)?$/;

/** True when the test file replaces a project module that holds state (see the header). */
export function mocksStateModule(sf: ts.SourceFile, context: TestFileContext): boolean {
  for (const specifier of mockedModules(sf)) {
    const mod = context.readModule(specifier);
    if (mod && holdsState(mod.text, mod.file)) return true;
  }
  return false;
}

/** Specifiers of the local modules the file mocks or stubs. */
function mockedModules(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const imports = importsOf(sf);
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const name = dottedName(n.expression)?.join(".");
      if (name && MOCK_MODULE.has(name)) {
        const spec = stringValue(n.arguments[0]);
        if (spec) out.add(spec);
      } else if (name && (SPY.has(name) || name === "sinon.stub" || name === "stub") && n.arguments.length >= 2 && replaces(n, name)) {
        const target = unwrap(n.arguments[0]);
        let root: ts.Expression = target;
        while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
        if (ts.isIdentifier(root) && resolveBinding(root)?.kind === "import") {
          const imported = imports.get(root.text);
          if (imported) out.add(imported.module);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** A spy that replaces the method (`.mockImplementation(...)`, `.mockResolvedValue(...)`); a sinon stub always does. */
function replaces(spy: ts.CallExpression, name: string): boolean {
  if (!SPY.has(name)) return true;
  const p = spy.parent;
  return ts.isPropertyAccessExpression(p) && p.expression === spy && REPLACING.test(p.name.text);
}

/** Whether a module's text imports a store client or keeps state at module level or in class fields. */
export function holdsState(text: string, fileName: string): boolean {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  if (importsOf(sf).localsFrom((m) => STATE_PACKAGE.test(m)).length) return true;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      if (!(st.declarationList.flags & ts.NodeFlags.Const) && !(st.declarationList.flags & ts.NodeFlags.Using)) return true;
      if (st.declarationList.declarations.some((d) => isCollection(d.initializer))) return true;
    }
    if (ts.isClassDeclaration(st) && st.members.some((m) => ts.isPropertyDeclaration(m) && isCollection(m.initializer))) return true;
  }
  return false;
}

function isCollection(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  const e = unwrap(init);
  if (ts.isArrayLiteralExpression(e)) return true;
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && /^(Map|Set|WeakMap)$/.test(e.expression.text);
}
