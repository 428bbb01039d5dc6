// Editor settings as the server reads them: the size limit is shown in KB in the settings UI, and an
// old character-count setting that the user changed still wins.
import * as assert from "node:assert/strict";
import { normalizeSettings } from "../../server/src/lsp/settings";

describe("settings", () => {
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
