// Rewrites the table of supported stores in rules/store-read-modify-write.md (between the
// `<!-- stores:start -->` and `<!-- stores:end -->` markers) from the catalog,
// rules/catalog/storeCatalog.ts, so the page lists exactly what the rule checks: each store's
// modules, the calls that read and write a record, what makes a write safe, and the package version
// those names were read in. test/docs.test.ts fails while the committed page differs from what this
// script writes. The sibling of scripts/gen-sdk-table.ts (missing-timeout's SDK table).
//   node --require tsx/cjs scripts/gen-store-table.ts
import * as path from "node:path";
import { renderRegion, withRegion, writePage } from "./generatedRegion";
import { STORE_CATALOG, type ClientShape, type StoreEntry } from "../rules/catalog/storeCatalog";

export const STORE_TABLE_PAGE = path.join(__dirname, "..", "rules", "store-read-modify-write.md");
export const REGENERATE_STORE_TABLE = "node --require tsx/cjs scripts/gen-store-table.ts";
const MARKER = "stores";

const code = (s: string) => (s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``);

/** What a call is made on, per client shape, so that the table shows the call as code writes it. */
const RECEIVER: Readonly<Record<ClientShape, string>> = {
  "aws-command": "",
  "redis-client": "redis.",
  "namespace-store": "store.",
  "fs-module": "",
  "model-delegate": "prisma.model.",
  collection: "collection.",
  "worker-binding": "env.NS.",
  "document-ref": "doc(id).",
  "vector-index": "index.",
  "query-chain": "",
  "object-storage": "ctx.storage.",
};

/** One read or write as code: AWS commands by name (`GetObjectCommand`), calls with their receiver (`redis.get()`). */
function callOf(entry: StoreEntry, name: string): string {
  if (/^[A-Z]\w*Command$/.test(name)) return code(name);
  return code(`${RECEIVER[entry.shape]}${name}()`);
}

/** The fields of a write's key or filter that make it conditional on the version read, from `versionFields`. */
function versionFieldsOf(entry: StoreEntry): string | undefined {
  const m = entry.versionFields?.source.match(/^\^\((.*)\)\$$/);
  return m ? `a ${m[1].split("|").map(code).join("/")} field in the write's key` : undefined;
}

function row(entry: StoreEntry): string {
  const safe = [...entry.safe];
  const version = versionFieldsOf(entry);
  if (version && !safe.some((s) => /version/.test(s))) safe.push(version);
  return [
    // S3 is the catalog's too, but its own rule reports it.
    entry.kind === "s3" ? `${entry.name} (reported by \`s3-read-modify-write\`)` : entry.name,
    entry.modules.map(code).join(", "),
    entry.reads.map((r) => callOf(entry, r)).join(", "),
    entry.writes.map((w) => callOf(entry, w)).join(", "),
    safe.map((s) => s.replace(/\|/g, "\\|")).join("; "),
    entry.checked,
  ].join(" | ");
}

export function renderStoreTable(): string {
  return renderRegion({
    marker: MARKER,
    source: "rules/catalog/storeCatalog.ts",
    script: "scripts/gen-store-table.ts",
    header: ["Store", "Modules", "Read", "Write", "Safe forms (not reported)", "Names read in"],
    rows: STORE_CATALOG.map((e) => [row(e)]),
  });
}

/** The page with its marked region replaced; throws when the markers are missing. */
export function withStoreTable(markdown: string): string {
  return withRegion(markdown, MARKER, renderStoreTable(), "rules/store-read-modify-write.md");
}

if (require.main === module) writePage(STORE_TABLE_PAGE, withStoreTable);
