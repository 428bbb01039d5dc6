// Issue 17, item 10: cache entries were trusted unvalidated. The cache file sits in the workspace, so a
// cloned repository can ship one: `findings: [null]` crashed every run until the cache was deleted, and
// `findings: []` under a valid key hid a real secret. Entries are now validated and authenticated with a
// key that is not in the workspace; what does not check out is dropped and the file linted again.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CLI, makeTree, runBounded } from "../../support/bounded";

const KEY = ["sk-proj-", "Xq7Lm2Pz9Rt4Vb8Nc3Kd", "Wy6Hs1Jf5Gq0Ue7Ri2Mo"].join("");

describe("hostile inputs: cache entries (issue 17.10)", function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => void;
  let home: string;
  let cacheFile: string;
  beforeEach(() => {
    ({ dir, cleanup } = makeTree({
      "package.json": '{ "name": "c" }\n',
      "src/secret.ts": `export const openai = "${KEY}";\n`,
      "src/other.ts": "export const n = 1;\n",
    }));
    home = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-cachekey-"));
    cacheFile = path.join(dir, "node_modules", ".cache", "deploygap", "scan-cache.json");
  });
  afterEach(() => {
    cleanup();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const scan = () => {
    const r = runBounded(CLI, ["scan", ".", "--format", "json"], { cwd: dir, env: { XDG_CACHE_HOME: home, DEPLOYGAP_CACHE_KEY: "" } });
    assert.equal(r.signal, null, "killed by the hang guard");
    return r;
  };
  const secretFindings = (stdout: string) =>
    (JSON.parse(stdout).findings as Array<{ file: string; rule: string }>).filter((f) => f.rule === "hardcoded-secret").length;
  const tamper = (edit: (entry: Record<string, unknown>) => void) => {
    const cache = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { entries: Record<string, Record<string, unknown>> };
    const file = Object.keys(cache.entries).find((f) => f.endsWith("secret.ts"))!;
    edit(cache.entries[file]);
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
  };

  it("a warm scan reuses the cache (the baseline the other cases tamper with)", () => {
    assert.equal(secretFindings(scan().stdout), 1);
    assert.ok(fs.existsSync(cacheFile));
    const warm = scan();
    assert.equal(warm.code, 1, warm.stderr);
    assert.equal(secretFindings(warm.stdout), 1);
  });

  for (const [name, edit] of [
    ["findings: [null]", (e: Record<string, unknown>) => (e.findings = [null])],
    ["a finding of the wrong shape", (e: Record<string, unknown>) => (e.findings = [{ ruleId: 1, start: "x" }])],
    ["findings: {}", (e: Record<string, unknown>) => (e.findings = {})],
    ["an entry that is a string", (e: Record<string, unknown>) => Object.keys(e).forEach((k) => delete e[k])],
    ["findings: [] under the valid key", (e: Record<string, unknown>) => (e.findings = [])],
    ["findings: [] under the valid key, mac removed", (e: Record<string, unknown>) => ((e.findings = []), delete e.mac)],
  ] as const) {
    it(`${name} is dropped: no crash, and the secret is still found`, () => {
      assert.equal(secretFindings(scan().stdout), 1);
      tamper(edit);
      const r = scan();
      assert.equal(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.equal(secretFindings(r.stdout), 1);
      assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY));
    });
  }

  it("a whole cache file written by hand (a valid shape, no key) is not trusted", () => {
    assert.equal(secretFindings(scan().stdout), 1);
    const cache = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { entries: Record<string, Record<string, unknown>> };
    for (const e of Object.values(cache.entries)) {
      e.findings = [];
      delete e.mac;
    }
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    assert.equal(secretFindings(scan().stdout), 1);
  });

  for (const device of ["/dev/zero", "/dev/urandom"].filter((d) => fs.existsSync(d)))
    it(`a cache file linked to ${device} is not read: the scan ends and finds the secret`, () => {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.symlinkSync(device, cacheFile);
      const r = scan();
      assert.equal(secretFindings(r.stdout), 1);
      assert.ok(r.rssMb < 400, `peak RSS ${r.rssMb} MB`);
    });

  (typeof process.getuid === "function" ? it : it.skip)("a signing key file others may write is never used: the scan makes its own", () => {
    const keyFile = path.join(home, "deploygap", "cache-key");
    fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    const planted = Buffer.alloc(32, 0x41);
    fs.writeFileSync(keyFile, planted);
    fs.chmodSync(keyFile, 0o666);
    assert.equal(secretFindings(scan().stdout), 1);
    assert.ok(!fs.readFileSync(keyFile).equals(planted), "the planted key was read instead of replaced");
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
  });
});
