import * as path from "node:path";
import * as fs from "node:fs";
import { compareWithAndWithoutPrefilters, describeDifferences, lintedFilesUnder } from "../test/support/prefilterEquivalence";
let total = 0, diffs = 0;
for (const dir of process.argv.slice(2)) {
  const files = lintedFilesUnder(dir);
  const r = compareWithAndWithoutPrefilters(files);
  total += r.files; diffs += r.differences.length;
  if (r.differences.length) console.log(dir, describeDifferences(r.differences.slice(0, 10), dir));
}
console.log(`equivalence: ${total} files, ${diffs} differences`);
