// Strings for the bench: one text of about `kib` KiB of UTF-8 (mostly ASCII,
// a few accented letters and a symbol, as prose is), encoded and decoded
// with TextEncoder/TextDecoder. Evaluated as a script, it defines the global
// strBench; each function returns a number the harness checks.
var strBench = (function () {
  var s = "", bytes = null;
  return {
    prep: function (kib) {
      var unit = "The naïve café owner said “déjà vu” — twice ✓. Lorem ipsum dolor sit amet, 0123456789.\n";
      var target = kib * 1024, n = new TextEncoder().encode(unit).length;
      s = unit.repeat(Math.ceil(target / n));
      bytes = new TextEncoder().encode(s);
      return bytes.length;
    },
    text: function () { return s; },
    encode: function () { return new TextEncoder().encode(s).length; },
    decode: function () { return new TextDecoder().decode(bytes).length; },
  };
})();
