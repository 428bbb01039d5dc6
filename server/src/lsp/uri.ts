// file: URIs <-> paths, with Node's own percent-decoding (and drive letters on Windows).
import { fileURLToPath, pathToFileURL } from "node:url";

export const URI = {
  toFilePath(uri: string): string | undefined {
    if (!uri.startsWith("file:")) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  fromFilePath(fileName: string): string {
    return pathToFileURL(fileName).href;
  },
};
