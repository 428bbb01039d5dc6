// A scanned file that changes on disk is linted again in the background (WorkspaceScanner.onDiskChange).
// If the user opens it while that lint runs, the editor's own diagnostics own it from then on: the
// background result must not be published over them, or it would stay forever (nothing clears it).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { createLinter } from "../../server/src/engine/createLinter";
import { WorkspaceScanner, type ScanHost } from "../../server/src/lsp/workspaceScan";

describe("disk changes of scanned files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-disk-"));
  fs.writeFileSync(path.join(dir, "package.json"), "{}");
  const file = path.join(dir, "a.ts");
  fs.writeFileSync(file, 'export const x = () => fetch("https://a.example.com");\n');
  const uri = pathToFileURL(file).href;

  function scannerWith(onRead: () => void = () => undefined) {
    const { linter, projects } = createLinter();
    const open = new Set<string>();
    const sent: Array<{ uri: string; count: number; open: boolean }> = [];
    const host = {
      connection: {
        sendDiagnostics: (p: { uri: string; diagnostics: unknown[] }) => {
          sent.push({ uri: p.uri, count: p.diagnostics.length, open: open.has(p.uri) });
          return Promise.resolve();
        },
      },
      linter,
      projects,
      // Called as the background lint reads the file.
      openText: () => {
        onRead();
        return undefined;
      },
      isOpen: (u: string) => open.has(u),
      version: "test",
      log: () => undefined,
      caughtUp: () => Promise.resolve(),
    } as unknown as ScanHost;
    const scanner = new WorkspaceScanner(host);
    // As after a workspace scan that published the file's findings (scan() is reached over LSP only).
    (scanner as unknown as { pushed: Set<string> }).pushed.add(uri);
    return { scanner, open, sent };
  }

  it("publishes the file's new findings when it stays closed", async () => {
    const { scanner, sent } = scannerWith();
    await scanner.onDiskChange(uri);
    assert.deepEqual(sent, [{ uri, count: 1, open: false }]);
  });

  it("publishes nothing over a file opened while it was being linted", async () => {
    const { scanner, open, sent } = scannerWith(() => {
      // The user opens the file while the background lint is reading it.
      if (open.has(uri)) return;
      open.add(uri);
      scanner.onOpen(uri);
    });
    await scanner.onDiskChange(uri);
    assert.deepEqual(sent, [{ uri, count: 0, open: true }], "only onOpen's clearing");
  });
});
