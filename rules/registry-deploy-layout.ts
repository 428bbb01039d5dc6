// The deploy-layout rules, listed here by the engineer who owns them so that rules/index.ts stays stable.
import type { Rule } from "./api/types";
import cwdRelativePath from "./cwd-relative-path";
import unresolvedImport from "./unresolved-import";
import importOutsideRoot from "./import-outside-root";
import esmMissingExtension from "./esm-missing-extension";
import hardcodedDeployPath from "./hardcoded-deploy-path";
import langgraphConfig from "./langgraph-config";

export const deployLayoutRules: readonly Rule[] = [
  cwdRelativePath,
  unresolvedImport,
  importOutsideRoot,
  esmMissingExtension,
  hardcodedDeployPath,
  langgraphConfig,
];
