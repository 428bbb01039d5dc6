// The SDK client catalog (rules/catalog/clients.ts) is well-formed: every entry names where its
// defaults were read, uses a message missing-timeout has, and is found again by the lookups the
// rules use; the lookups keep other modules' exports out.
import * as assert from "node:assert/strict";
import missingTimeout from "../../rules/missing-timeout";
import {
  coldStartOfConstructor,
  HTTP_LIBRARIES,
  isSdkModule,
  LONGEST_HARMLESS_DEFAULT_MS,
  SDK_CLIENTS,
  sdkClientFor,
} from "../../rules/catalog/clients";

describe("catalog: SDK clients", () => {
  for (const client of SDK_CLIENTS) {
    it(client.label, () => {
      assert.match(client.checked, /@\d+\.\d+\.\d+/, "checked: package@version");
      assert.ok(client.messageId in missingTimeout.meta.messages, client.messageId);
      assert.ok(client.defaults.timeoutMs >= 0 && Number.isInteger(client.defaults.retries));
      // A finite default of 30 s or less already ends a hung request within budget: no entry reports it.
      assert.ok(client.defaults.timeoutMs === 0 || client.defaults.timeoutMs > LONGEST_HARMLESS_DEFAULT_MS, "finite default past budget");
      assert.ok(client.modules.length > 0);
      if (typeof client.exports === "string") return;
      const module = client.modules[0];
      for (const [exported, name] of Object.entries(client.exports)) {
        const path = exported === "default" ? [] : exported.split(".");
        assert.deepEqual(sdkClientFor(module, path), { client, name }, exported);
        assert.ok(isSdkModule(module));
        assert.equal(coldStartOfConstructor(module, exported), client.coldStart, `${exported}: cold-start cost`);
      }
    });
  }

  for (const lib of HTTP_LIBRARIES) {
    it(`${lib.label}: HTTP library`, () => {
      assert.match(lib.checked, /@\d+\.\d+\.\d+/, "checked: package@version");
      for (const module of lib.modules) assert.ok(isSdkModule(module), module);
      assert.ok(lib.bounds.length > 0 && lib.perCall.every((p) => p === lib.timeout || lib.bounds.includes(p)));
    });
  }

  it("recognises AWS SDK v3 clients by name, not their commands", () => {
    assert.equal(sdkClientFor("@aws-sdk/client-s3", ["S3Client"])?.name, "S3Client");
    assert.equal(sdkClientFor("@aws-sdk/client-secrets-manager", ["SecretsManager"])?.name, "SecretsManager");
    assert.equal(sdkClientFor("@aws-sdk/client-s3", ["PutObjectCommand"]), undefined);
  });

  it("knows nothing of other modules' exports", () => {
    assert.equal(sdkClientFor("my-openai-wrapper", ["OpenAI"]), undefined);
    assert.equal(sdkClientFor("openai", ["toFile"]), undefined);
    assert.equal(isSdkModule("lodash"), false);
  });
});
