// Mocha's spec reporter plus the closing line CI reads: "N passed, N failed[, N skipped]".
// Under scripts/test-all.mjs (DEPLOYGAP_RESULTS set) it writes the counts to that file instead, and the
// script prints one line for all suites.
"use strict";
const fs = require("node:fs");
const Mocha = require("mocha");
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || this.stats;
      if (process.env.DEPLOYGAP_RESULTS) {
        fs.writeFileSync(process.env.DEPLOYGAP_RESULTS, JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending }));
        return;
      }
      const skipped = s.pending ? `, ${s.pending} skipped` : "";
      process.stdout.write(`\n${s.passes} passed, ${s.failures} failed${skipped}\n`);
    });
  }
}
module.exports = SpecWithSummary;
