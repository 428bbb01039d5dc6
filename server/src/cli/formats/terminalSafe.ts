// Untrusted text (file names, import specifiers, literals quoted in messages) shown in a terminal or
// a CI log: control characters become visible escapes, so an ESC sequence in a file name or a string
// cannot move the cursor, erase a line above (hiding a finding) or recolour the output.

/** C0 controls but tab, DEL, and C1 controls (U+0080–U+009F, which some terminals read as CSI). */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** `s` with each control character written as `\u001b` (the form JSON and JavaScript use). */
export function terminalSafe(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** terminalSafe for multi-line output (stderr messages, usage): line breaks stay line breaks. */
export function terminalSafeLines(s: string): string {
  return s.split("\n").map(terminalSafe).join("\n");
}
