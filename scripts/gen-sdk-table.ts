// Rewrites the table of supported SDK clients in rules/missing-timeout.md (between the
// `<!-- sdk-clients:start -->` and `<!-- sdk-clients:end -->` markers) from the catalog,
// rules/catalog/clients.ts, so the page lists exactly what the rule checks. test/docs.test.ts fails
// while the committed page differs from what this script writes.
//   node --require tsx/cjs scripts/gen-sdk-table.ts
import * as path from "node:path";
import { renderRegion, withRegion, writePage } from "./generatedRegion";
import {
  AWS_HANDLER,
  HTTP_LIBRARIES,
  SDK_CALLS,
  SDK_CLIENTS,
  type HttpLibrary,
  type SdkCall,
  type SdkClient,
} from "../rules/catalog/clients";

export const SDK_TABLE_PAGE = path.join(__dirname, "..", "rules", "missing-timeout.md");
export const REGENERATE_SDK_TABLE = "node --require tsx/cjs scripts/gen-sdk-table.ts";
const MARKER = "sdk-clients";

const code = (s: string) => `\`${s}\``;

function exportsOf(c: SdkClient): string {
  if (c.exports === "aws-client") return "`*Client`, or the class named after the service (`S3`)";
  if (c.exports === "grpc-service") return "generated service clients (`new Service(address, credentials.createInsecure())`)";
  return [...new Set(Object.values(c.exports))].map(code).join(", ");
}

function timeoutOf(c: SdkClient): string {
  const t = c.timeout;
  const handler = `${AWS_HANDLER.option}: { ${AWS_HANDLER.timeout}, ${AWS_HANDLER.throwOption}: true }`;
  switch (t.style) {
    case "option":
      return code(t.option) + (t.unit === "s" ? " (seconds)" : "") + (t.alsoIn ? ` (or ${code(`${t.alsoIn}.${t.option}`)})` : "");
    case "nested":
      return code(`${t.container}: { ${t.option} }`);
    case "aws-handler":
      return code(t.via ? `${t.via}: { ${handler} }` : handler);
    case "configuration":
      return `${code(`new ${t.configClass}({ ${t.container}: { ${t.option} } })`)}, passed first`;
    case "per-call":
      return t.hint
        ? `no client-level timeout: each call's ${code(t.hint)}`
        : "no client-level timeout: each call's `{ timeout }`/`signal`, or `.withConfig({ timeout })`";
  }
}

const modulesOf = (modules: readonly string[]) => modules.map((m) => code(m.endsWith("/") || m.endsWith("-") ? `${m}*` : m)).join(", ");

/** An HTTP library: its timeout option (with the fix's shape) or the other options that bound a request. */
function libraryRow(l: HttpLibrary): string {
  const fixShape = l.fix.nested ? `${l.fix.option}: { ${l.fix.nested} }` : l.fix.option;
  const options = [...new Set([fixShape, ...(l.fix.option === l.timeout ? [] : [l.timeout]), ...l.bounds])].map(code).join(" or ");
  return [
    `${l.label} (per request)`,
    modulesOf(l.modules),
    "requests and instances",
    options,
    duration(l.defaults.timeoutMs),
    String(l.defaults.retries),
    l.checked,
  ].join(" | ");
}

const duration = (ms: number) =>
  ms === 0 ? "none (waits forever)" : ms % 60_000 === 0 ? `${ms / 60_000} min` : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;

const ORDINAL = ["first", "second", "third", "fourth"];

/** A call entry: where its bounding options go. */
function callTimeoutOf(c: SdkCall): string {
  if (c.chained) return `a chained ${c.chained.bounds.map((b) => code(`.${b}()`)).join(" or ")} before it is sent`;
  return `${c.bounds.map(code).join(" or ")} in the ${ORDINAL[c.optionsIndex] ?? `#${c.optionsIndex + 1}`} argument`;
}

function callRow(c: SdkCall): string {
  return [
    `${c.label} (per call)`,
    c.modules.map((m) => code(m.endsWith("/") || m.endsWith("-") ? `${m}*` : m)).join(", "),
    c.functions.map((f) => code(`${f}()`)).join(", "),
    callTimeoutOf(c),
    duration(c.defaults.timeoutMs),
    String(c.defaults.retries),
    c.checked,
  ].join(" | ");
}

export function renderSdkTable(): string {
  const clientRows = SDK_CLIENTS.map((c) =>
    [
      c.label,
      c.modules.map((m) => code(m.endsWith("/") || m.endsWith("-") ? `${m}*` : m)).join(", "),
      exportsOf(c),
      timeoutOf(c),
      duration(c.defaults.timeoutMs),
      String(c.defaults.retries),
      c.checked,
    ].join(" | "),
  );
  const rows = [...HTTP_LIBRARIES.map(libraryRow), ...clientRows, ...SDK_CALLS.map(callRow)];
  return renderRegion({
    marker: MARKER,
    source: "rules/catalog/clients.ts",
    script: "scripts/gen-sdk-table.ts",
    header: ["SDK client", "Modules", "Exports", "Timeout goes in", "Default timeout", "Retries", "Defaults read in"],
    rows: rows.map((r) => [r]),
  });
}

/** The page with its marked region replaced; throws when the markers are missing. */
export function withSdkTable(markdown: string): string {
  return withRegion(markdown, MARKER, renderSdkTable(), "rules/missing-timeout.md");
}

if (require.main === module) writePage(SDK_TABLE_PAGE, withSdkTable);
