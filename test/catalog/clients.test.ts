// The SDK client catalog (rules/catalog/clients.ts) is well-formed: every entry names where its
// defaults were read, uses a message missing-timeout has, and is found again by the lookups the
// rules use; the lookups keep other modules' exports out.
import * as assert from "node:assert/strict";
import missingTimeout from "../../rules/missing-timeout";
import { coldStartOfConstructor, isSdkModule, SDK_CLIENTS, sdkClientFor } from "../../rules/catalog/clients";

describe("catalog: SDK clients", () => {
  for (const client of SDK_CLIENTS) {
    it(client.label, () => {
      assert.match(client.checked, /@\d+\.\d+\.\d+/, "checked: package@version");
      assert.ok(client.messageId in missingTimeout.meta.messages, client.messageId);
      assert.ok(client.defaults.timeoutMs >= 0 && Number.isInteger(client.defaults.retries));
      assert.ok(client.modules.length > 0);
      if (client.exports === "aws-client") return;
      const module = client.modules[0];
      for (const [exported, name] of Object.entries(client.exports)) {
        const path = exported === "default" ? [] : exported.split(".");
        assert.deepEqual(sdkClientFor(module, path), { client, name }, exported);
        assert.ok(isSdkModule(module));
        assert.equal(coldStartOfConstructor(module, exported), client.coldStart, `${exported}: cold-start cost`);
      }
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
