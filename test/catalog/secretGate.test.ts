// hardcoded-secret's text gate (mayHoldSecret in rules/catalog/secrets.ts) decides which files are
// parsed for it. Each report below must pass it, escapes included (a prefix or a name spelled with
// one); the near misses that only look secret-like (a head noun that is not the name's last word, a
// qualified `token`) must not, or every SDK file with a dated model id is parsed for nothing.
import * as assert from "node:assert/strict";
import hardcodedSecret from "../../rules/hardcoded-secret";
import { mayHoldSecret } from "../../rules/catalog/secrets";
import { createLinter } from "../../server/src/engine/createLinter";

const OPTIONS = { minLength: 16, minEntropy: 3.5 };
// Random text in the shape of a key: never a real credential.
const VALUE = "Zx8Qw2Lm9Rt4Vb7Nk3Hs";

const REPORTED = [
  `const apiKey = "${VALUE}";`,
  `export const config = { auth: { clientSecret: "${VALUE}" } };`,
  `const OPENAI_API_KEY_PROD = "${VALUE}";`,
  `headers.set("Authorization", "Bearer ${VALUE}");`,
  `const token2 = "${VALUE}";`,
  `const opts = { "x-api-key": "${VALUE}" };`,
  `const opts = { "api key": "${VALUE}" };`,
  `createClient(process.env.OPENAI_API_KEY ?? "${VALUE}");`,
  `const aws_secret_access_key_id = "wJalrXUtnFEMIK7MDENGbPxRfiCYzq8Vn2Hs4LmQ";`,
  // Escapes: the source shows other characters than the value or the name holds.
  `const opts = { "api\\u005fkey": "${VALUE}" };`,
  `const k = "s\\x6b-proj-lu-oVElwrwYKVtfhxSihtcv7h8ynIkC07Xd6e2JS_MlyWYCID7OFcEfBoIMogRHr";`,
  `const k = "\\u0073k-proj-lu-oVElwrwYKVtfhxSihtcv7h8ynIkC07Xd6e2JS_MlyWYCID7OFcEfBoIMogRHr";`,
  `const k = "s\\\nk-proj-lu-oVElwrwYKVtfhxSihtcv7h8ynIkC07Xd6e2JS_MlyWYCID7OFcEfBoIMogRHr";`,
  `const apiKey = "Zx8Qw2\\x4cm9Rt4Vb7Nk3Hs";`,
  `headers.set("Authorization", "Bearer Zx8Qw2\\u004cm9Rt4Vb7Nk3Hs");`,
  `const apiKey = "Zx8Qw2Lm9R\\\nt4Vb7Nk3Hs";`,
];

const NOT_SECRET_LIKE = [
  `/** Caps maxContentTokens. */\nconst tool = { id: "web_fetch_20250910" };`,
  `// keyboard and mouse\nregister({ type: "computer_20251124" });`,
  `const nextToken = "eyZ0aWQiOjEyMzQ1Njc4OQ";`,
  `const token = value.replace(/\\\\(.)/g, "$1");`,
  `type BetaAnalyticsTokenType = "cache_creation_20251124";`,
  `const regex = /[\\w\\-]+/; const id = "claude-opus-4-20250514";`,
];

describe("catalog: hardcoded-secret's text gate", () => {
  const { linter } = createLinter({ rules: [hardcodedSecret] });
  for (const code of REPORTED) {
    it(`passes a file the rule reports on: ${code.slice(0, 48)}`, () => {
      const findings = linter.lint("/project/src/keys.ts", code, { prefilters: false }).findings;
      assert.ok(findings.length > 0, "the rule reports on it");
      assert.equal(mayHoldSecret(code, OPTIONS), true);
    });
  }
  for (const code of NOT_SECRET_LIKE) {
    it(`skips a file with no secret-like name: ${code.slice(0, 48)}`, () => {
      assert.equal(linter.lint("/project/src/ids.ts", code, { prefilters: false }).findings.length, 0);
      assert.equal(mayHoldSecret(code, OPTIONS), false);
    });
  }
});
