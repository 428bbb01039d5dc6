// Where a rule's documentation link points. The VS Code extension ships the pages (rules/<id>.md) and
// tells the server their folder at initialize (initializationOptions.docsFolderUri): every link then
// opens the page inside the editor, offline. Other clients get the web page where an address is
// configured (rules/api/createRule.ts), and no link at all otherwise: never a placeholder address.
import { docsUrl } from "../../../rules/api/createRule";
import { ruleDoc } from "./ruleDocs";

let folder: string | undefined;

/** Set once, from the client's initializationOptions; only a file: or vscode-remote: folder URI is taken. */
export function setDocsFolder(uri: unknown): void {
  folder = typeof uri === "string" && /^(file|vscode-remote):\/\/[^\s"<>]*\/$/.test(uri) ? uri : undefined;
}

/** The page for a rule id, or undefined when no page can be linked. */
export function docsLink(ruleId: string): string | undefined {
  // Only rules with a page (not unused-suppression, file-skipped or invalid-config).
  if (!/^[a-z0-9-]+$/.test(ruleId) || ruleDoc(ruleId) === undefined) return undefined;
  return folder ? `${folder}${ruleId}.md` : docsUrl(ruleId);
}
