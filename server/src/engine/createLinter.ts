// The one way a linter is built: the rules, the project model they share (config, targets, project
// facts) and the Linter over both. The server, the CLI, the scan workers, the benchmark and the test
// helpers all call this, so a new piece of linter set-up is added in one place.
import type { Rule } from "../../../rules/api/types";
import { allRules, rulesById } from "../../../rules/index";
import { Linter } from "./lint";
import { ProjectModel } from "./project";

export interface CreateLinterOptions {
  /** The rules to run; every registered rule when absent (tests pass one rule). */
  rules?: readonly Rule[];
  /** The editor's unsaved buffers, read before the disk (the server's open documents). */
  overlay?: (file: string) => string | undefined;
}

export interface LinterSetup {
  linter: Linter;
  /** The project model the linter reads; front ends ask it for roots, configs and targets. */
  projects: ProjectModel;
}

export function createLinter(options: CreateLinterOptions = {}): LinterSetup {
  const rules = options.rules ?? allRules;
  const byId = options.rules ? new Map(rules.map((r) => [r.meta.id, r])) : rulesById;
  const projects = new ProjectModel(byId, options.overlay);
  return { linter: new Linter(rules, projects), projects };
}
