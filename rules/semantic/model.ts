// Builds a file's semantic model (rules/api/semantic.ts), the one the engine hands every rule as
// `context.semantic`. It holds no analysis of its own: each part answers from the memoised semantic
// module that computes it (imports, dataflow, handlers), so a part no rule asks for is never
// computed, and a rule that asks after another gets the same tables.
//
// A class, not an object literal with getters: one such literal per linted file (fresh accessor
// closures each time) made the corpus scan 25% slower in alternating CLI runs, most of it garbage
// collection; a class keeps its accessors and methods once, on the prototype, and costs nothing.
import type * as ts from "typescript";
import type { Binding, FunctionNode, ImportedCallee, ImportIndex, ModuleBinding, SemanticModel } from "../api/semantic";
import { importsOf, resolveImportedCallee } from "./imports";
import { exportedNames, lookup, moduleBindings, resolveBinding } from "./dataflow";
import { requestHandlerFunctions } from "./handlers";

class FileSemantics implements SemanticModel {
  constructor(private readonly sourceFile: ts.SourceFile) {}

  get imports(): ImportIndex {
    return importsOf(this.sourceFile);
  }

  importedCallee(callee: ts.Expression): ImportedCallee | undefined {
    return resolveImportedCallee(this.sourceFile, callee);
  }

  bindingOf(id: ts.Identifier): Binding | undefined {
    return resolveBinding(id);
  }

  lookup(from: ts.Node, name: string): Binding | undefined {
    return lookup(from, name);
  }

  get moduleBindings(): ReadonlyMap<string, ModuleBinding> {
    return moduleBindings(this.sourceFile);
  }

  get exportedNames(): ReadonlySet<string> {
    return exportedNames(this.sourceFile);
  }

  requestHandlers(lambda: boolean): ReadonlySet<FunctionNode> {
    return requestHandlerFunctions(this.sourceFile, lambda);
  }
}

export function semanticModelOf(sourceFile: ts.SourceFile): SemanticModel {
  return new FileSemantics(sourceFile);
}
