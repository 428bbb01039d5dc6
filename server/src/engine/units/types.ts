// Where a file runs: the answer the project model gives for each file (its role with the evidence
// for it, and its deploy unit). The unit vocabulary itself is in rules/api/types, since rules read it.
import type { DeployUnit, Role } from "../../../../rules/api/types";

export interface FilePlace {
  role: Role;
  /** Why: "\"use client\" directive", "under scripts/", "reached from the entries of serverless.yml"... */
  why: string;
  unit?: DeployUnit;
}
