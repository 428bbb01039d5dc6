// Open documents, kept with their parsed SourceFile. Edits arrive as incremental LSP changes; each is
// applied to the text and to the tree with ts.updateSourceFile, so a keystroke in a large file
// re-parses only what changed instead of the whole file.
import ts = require("typescript");
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver";
import { URI } from "./uri";
import { isLintedSourceFile, parse, reparse } from "../engine/parse";

export interface OpenDocument {
  uri: string;
  /** Absolute file path, when the URI is a file: URI. */
  fileName?: string;
  doc: TextDocument;
  /** Parsed lazily on first lint; kept in step with the text afterwards. */
  sourceFile?: ts.SourceFile;
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const entry: OpenDocument = { uri, fileName: URI.toFilePath(uri), doc: TextDocument.create(uri, languageId, version, text) };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    for (const change of changes) {
      const before = entry.doc;
      if ("range" in change) {
        const start = before.offsetAt(change.range.start);
        const end = before.offsetAt(change.range.end);
        entry.doc = TextDocument.update(before, [change], version);
        if (entry.sourceFile) {
          const range = ts.createTextChangeRange(ts.createTextSpan(start, end - start), change.text.length);
          entry.sourceFile = reparse(entry.sourceFile, entry.doc.getText(), range);
        }
      } else {
        entry.doc = TextDocument.update(before, [change], version);
        entry.sourceFile = undefined;
      }
    }
    return entry;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  /** The open buffer for a path, so project files (config, package.json) are read as the user sees them. */
  textOfFile(fileName: string): string | undefined {
    for (const d of this.docs.values()) if (d.fileName === fileName) return d.doc.getText();
    return undefined;
  }

  /** The document's SourceFile, parsing it on first use. */
  sourceFileOf(entry: OpenDocument): ts.SourceFile | undefined {
    if (!entry.fileName || !isLintedSourceFile(entry.fileName)) return undefined;
    if (!entry.sourceFile) entry.sourceFile = parse(entry.fileName, entry.doc.getText());
    return entry.sourceFile;
  }
}
