// --format sarif: SARIF 2.1.0 as GitHub code scanning accepts it. Rule metadata carries the help text
// and docs URL; each result has a fingerprint built from the rule, the file and the code around the
// finding (not its line number), so it is stable when code above it moves. The fingerprint is public
// and unsalted, so it hashes nothing a secret could be in: the flagged span itself and the contents
// of every string on the flagged lines are left out (a low-entropy password cannot be confirmed by
// hashing guesses). helpUri only where a real docs
// address is configured (rules/api/createRule.ts); the help text is the rule's description either way.
// Security rules carry a `security-severity` (CVSS-like, 0-10), which code scanning uses to rank alerts
// as critical/high/medium/low, and the `security` tag that makes them security alerts.
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { allRules } from "../../../../rules/index";
import { docsUrl } from "../../../../rules/api/createRule";
import type { ActiveSeverity } from "../../../../rules/api/types";
import type { ScanReport } from "../../scan/report";
import { UNUSED_SUPPRESSION } from "../../engine/lint";

const LEVEL: Record<ActiveSeverity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note", hint: "note" };

/**
 * GitHub ranks >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium. A hardcoded secret is a live credential in
 * the repository: high, short of critical because rules cannot tell a revoked or test key. A CORS
 * wildcard with credentials lets any site act as the signed-in user, but needs a victim to visit it: medium.
 * A security rule without an entry here gets SECURITY_DEFAULT.
 */
const SECURITY_SEVERITY: Record<string, string> = { "hardcoded-secret": "8.5", "cors-wildcard": "6.5" };
const SECURITY_DEFAULT = "5.0";

export function formatSarif(report: ScanReport, toolVersion: string): string {
  const rules: SarifRule[] = allRules.map((r) => {
    const url = docsUrl(r.meta.id);
    const security = r.meta.category === "security";
    return {
      id: r.meta.id,
      name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
      shortDescription: { text: r.meta.description },
      fullDescription: { text: r.meta.description },
      ...(url ? { helpUri: url } : {}),
      help: url
        ? { text: `${r.meta.description} See ${url}`, markdown: `${r.meta.description}\n\n[Rule documentation](${url})` }
        : { text: r.meta.description, markdown: r.meta.description },
      defaultConfiguration: { level: r.meta.severity === "off" ? "none" : LEVEL[r.meta.severity as ActiveSeverity] },
      properties: {
        category: r.meta.category,
        tags: security ? ["deploygap", "security"] : ["deploygap", r.meta.category],
        ...(security ? { "security-severity": SECURITY_SEVERITY[r.meta.id] ?? SECURITY_DEFAULT } : {}),
      },
    };
  });
  rules.push({
    id: UNUSED_SUPPRESSION,
    name: "UnusedSuppression",
    shortDescription: { text: "A deploygap suppression comment that suppresses nothing." },
    fullDescription: { text: "A deploygap suppression comment that suppresses nothing, or names an unknown rule." },
    help: { text: "Remove the comment or correct the rule id.", markdown: "Remove the comment or correct the rule id." },
    defaultConfiguration: { level: "warning" },
    properties: { category: "configuration", tags: ["deploygap", "configuration"] },
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.files.flatMap((f) => {
    const seen = new Map<string, number>();
    return f.findings.map((x) => {
      const base = `${x.ruleId}\u0000${x.messageId}\u0000${f.file}\u0000${flaggedContext(f.text, x)}`;
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const fingerprint = createHash("sha256").update(`${base}\u0000${occurrence}`).digest("hex").slice(0, 32);
      return {
        ruleId: x.ruleId,
        ruleIndex: index.get(x.ruleId) ?? 0,
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: relativeUri(f.file), uriBaseId: "%SRCROOT%" },
              region: { startLine: x.line + 1, startColumn: x.character + 1, endLine: x.endLine + 1, endColumn: x.endCharacter + 1 },
            },
          },
        ],
        ...(x.related?.length
          ? {
              relatedLocations: x.related.map((r, i) => ({
                id: i,
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(f.file), uriBaseId: "%SRCROOT%" },
                  region: { startLine: r.line + 1, startColumn: r.character + 1, endLine: r.endLine + 1, endColumn: r.endCharacter + 1 },
                },
                message: { text: r.message },
              })),
            }
          : {}),
        partialFingerprints: { "deploygapFindingHash/v1": fingerprint },
        // The explanation goes in the property bag, not message.markdown: SARIF 2.1.0 makes markdown
        // another rendering of the same message as text, and text is the headline.
        properties: { category: x.category, target: f.target, ...(x.detail !== undefined ? { detail: x.detail } : {}) },
      };
    });
  });
  const failures = report.ruleFailures ?? [];
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "deploygap",
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: "https://github.com/deploygap/deploygap",
            rules,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToDirUri(process.cwd()) } },
        // A rule that failed on a file is a tool execution notification: the run did not check everything.
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((e) => ({
              level: "error",
              message: { text: `rule ${e.rule} failed on this file and was skipped for it: ${e.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(e.file), uriBaseId: "%SRCROOT%" } } }],
              associatedRule: { id: e.rule, ...(index.has(e.rule) ? { index: index.get(e.rule) } : {}) },
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { category: string; tags: string[]; "security-severity"?: string };
}

/**
 * A relative path as a URI reference: each segment percent-encoded, so `#`, `?` and `%` in a file name
 * stay part of the path (encodeURI leaves `#` and `?`, which would start a fragment or a query).
 */
function relativeUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

function pathToDirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : href + "/";
}

/**
 * The flagged lines with the finding's own span cut out and every string's contents dropped,
 * whitespace collapsed: what identifies the finding's place without any literal it may hold.
 */
export function flaggedContext(text: string, x: { start: number; end: number }): string {
  const lineStart = x.start === 0 ? 0 : text.lastIndexOf("\n", x.start - 1) + 1;
  let lineEnd = text.indexOf("\n", x.end);
  if (lineEnd < 0) lineEnd = text.length;
  const around = text.slice(lineStart, x.start) + "\u0000" + text.slice(x.end, lineEnd);
  return around
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*(?:\1|$)/g, "$1$1")
    .replace(/\s+/g, " ")
    .trim();
}
