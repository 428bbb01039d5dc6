// Builds a file's semantic model (rules/api/semantic.ts), the one the engine hands every rule as
// `context.semantic`. It holds no analysis of its own: each part answers from the memoised semantic
// module that computes it (imports, dataflow, handlers), so a part no rule asks for is never
// computed, and a rule that asks after another gets the same tables.
import type * as ts from "typescript";
import type { SemanticModel } from "../api/semantic";
import { importsOf, resolveImportedCallee } from "./imports";
import { exportedNames, lookup, moduleBindings, resolveBinding } from "./dataflow";
import { requestHandlerFunctions } from "./handlers";

export function semanticModelOf(sourceFile: ts.SourceFile): SemanticModel {
  return {
    get imports() {
      return importsOf(sourceFile);
    },
    importedCallee: (callee) => resolveImportedCallee(sourceFile, callee),
    bindingOf: resolveBinding,
    lookup,
    get moduleBindings() {
      return moduleBindings(sourceFile);
    },
    get exportedNames() {
      return exportedNames(sourceFile);
    },
    requestHandlers: (lambda) => requestHandlerFunctions(sourceFile, lambda),
  };
}
