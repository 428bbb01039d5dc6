// Which files are test files (RULES.md "Test files"): rules about production behaviour skip them.
// The one definition: the engine (FileInfo.isTestFile), the scan cache and sequential-only-tests'
// project-wide fact all ask here.
import path = require("node:path");

const TEST_DIRS = new Set(["test", "tests", "__tests__"]);

export function isTestFile(fileName: string, projectRoot?: string): boolean {
  const base = path.basename(fileName);
  if (/\.(test|spec)\.[cm]?[jt]sx?$/i.test(base)) return true;
  if (/^test-.*\.[cm]?[jt]sx?$/i.test(base)) return true;
  // Only folders inside the project count, so a project that itself lives under /x/tests/ is not all tests.
  const rel = projectRoot ? path.relative(projectRoot, fileName) : fileName;
  const dirs = rel.split(/[\\/]/).slice(0, -1);
  return dirs.some((d) => TEST_DIRS.has(d));
}
