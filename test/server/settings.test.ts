// Editor settings as the server reads them: the size limit is shown in KB in the settings UI, and an
// old character-count setting that the user changed still wins.
import * as assert from "node:assert/strict";
import { normalizeSettings, settingsProblems } from "../../server/src/lsp/settings";

describe("settings", () => {
  it("names each value it replaces by the default (logged once to the Output channel)", () => {
    assert.deepEqual(settingsProblems({ enable: "false", run: 7, maxFileSizeKB: "big", maxFileSize: -1 }), [
      'deploygap.enable is "false", not true or false',
      'deploygap.run is 7, not "onType" or "onSave"',
      'deploygap.maxFileSizeKB is "big", not a positive number',
      "deploygap.maxFileSize is -1, not a positive number",
    ]);
    assert.deepEqual(settingsProblems({ enable: false, run: "onSave", maxFileSizeKB: 512 }), []);
    assert.deepEqual(normalizeSettings({ enable: "false", run: 7 }), { enable: true, run: "onType", maxFileSize: 1024 * 1024 });
  });
  it("reads maxFileSizeKB in KB", () => {
    assert.equal(normalizeSettings({ maxFileSizeKB: 64, maxFileSize: 1048576 }).maxFileSize, 64 * 1024);
  });
  it("keeps a changed deprecated maxFileSize (characters)", () => {
    assert.equal(normalizeSettings({ maxFileSizeKB: 1024, maxFileSize: 5000 }).maxFileSize, 5000);
  });
  it("falls back to the default for missing or absurd values", () => {
    assert.equal(normalizeSettings({}).maxFileSize, 1024 * 1024);
    assert.equal(normalizeSettings({ maxFileSizeKB: -3, maxFileSize: "big" }).maxFileSize, 1024 * 1024);
    assert.equal(normalizeSettings(null).run, "onType");
  });
});
