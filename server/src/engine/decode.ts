// Bytes to text as TypeScript reads a source file: a UTF-8 BOM is dropped, UTF-16 (LE or BE, with its BOM)
// is decoded, anything else is UTF-8. Used for every file deploygap reads from disk, so a BOM never hides
// package.json's "type" nor shifts line-1 columns, and a UTF-16 source is text, not binary.
export function decodeText(bytes: Uint8Array): string {
  const b = bytes;
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return Buffer.from(b.buffer, b.byteOffset + 2, b.length - 2).toString("utf16le");
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  const text = Buffer.from(b.buffer, b.byteOffset, b.length).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
