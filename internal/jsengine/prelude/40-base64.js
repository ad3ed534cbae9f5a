// atob and btoa.
  const b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function btoa(input) {
    if (arguments.length === 0) throw missingArgs('The "input" argument must be specified');
    input = `${input}`;
    let out = '';
    const n = input.length;
    for (let i = 0; i < n; i++) if (input.charCodeAt(i) > 255) throw domException('Invalid character', 'InvalidCharacterError');
    for (let i = 0; i < n; i += 3) {
      const a = input.charCodeAt(i), b = i + 1 < n ? input.charCodeAt(i + 1) : 0, c = i + 2 < n ? input.charCodeAt(i + 2) : 0;
      const v = (a << 16) | (b << 8) | c;
      out += b64chars[v >> 18] + b64chars[(v >> 12) & 63] +
        (i + 1 < n ? b64chars[(v >> 6) & 63] : '=') + (i + 2 < n ? b64chars[v & 63] : '=');
    }
    return out;
  }
  // node's rules: ASCII whitespace is skipped, '=' only at the end.
  function atob(input) {
    if (arguments.length === 0) throw missingArgs('The "input" argument must be specified');
    input = `${input}`;
    let count = 0, equals = 0;
    const vals = [];
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) continue;
      count++;
      if (c === 0x3d) {
        equals++;
      } else {
        const v = b64chars.indexOf(input[i]);
        if (v < 0 || equals) throw domException('Invalid character', 'InvalidCharacterError');
        vals.push(v);
      }
      if (equals > 2) throw domException('Invalid character', 'InvalidCharacterError');
    }
    if ((count - equals) % 4 === 1) {
      throw domException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    }
    if (count % 4 !== 0 && equals) throw domException('Invalid character', 'InvalidCharacterError');
    let out = '';
    let buf = 0, bits = 0;
    for (const v of vals) {
      buf = (buf << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((buf >> bits) & 0xff);
      }
    }
    return out;
  }
