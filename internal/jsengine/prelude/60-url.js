// URL and URLSearchParams.
  const urlMod = lazy(makeURL);

  // The WHATWG URL parser. A URL record is { scheme, username, password,
  // host (null or serialized), port (null or number), path (array of
  // segments, or a string when opaque), query, fragment }.
  function makeURL() {
    const { utf8Encode, utf8DecodeLossy } = encodingMod();

    const specialPorts = { 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };
    const isSpecialScheme = (s) => hasOwn(specialPorts, s);
    const defaultPort = (s) => (hasOwn(specialPorts, s) ? specialPorts[s] : null);
    const isAlpha = (c) => c !== undefined && /^[A-Za-z]$/.test(c);
    const isDigit = (c) => c !== undefined && c >= '0' && c <= '9';
    const isHexDigit = (c) => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

    // Percent-encode sets, as predicates on a code point.
    const C0_SET = (c) => c < 0x20 || c > 0x7e;
    const FRAGMENT_SET = (c) => C0_SET(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
    const QUERY_SET = (c) => C0_SET(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
    const SPECIAL_QUERY_SET = (c) => QUERY_SET(c) || c === 0x27;
    const PATH_SET = (c) => QUERY_SET(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d;
    const USERINFO_SET = (c) => PATH_SET(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 ||
      (c >= 0x5b && c <= 0x5e) || c === 0x7c;
    const COMPONENT_SET = (c) => USERINFO_SET(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
    const FORM_SET = (c) => COMPONENT_SET(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;

    const hex2 = (b) => '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
    // c is one code point (a string of 1 or 2 UTF-16 units).
    function pctEncodeCp(c, set) {
      const n = c.codePointAt(0);
      if (!set(n)) return c;
      if (n < 0x80) return hex2(n);
      let s = '';
      for (const b of utf8Encode(c)) s += hex2(b);
      return s;
    }
    function pctEncodeStr(str, set) {
      let out = '';
      for (const c of str) out += pctEncodeCp(c, set);
      return out;
    }
    function pctDecode(str) {
      const bytes = utf8Encode(str);
      const out = new Uint8Array(bytes.length);
      let j = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x25 && i + 2 < bytes.length && isHexByte(bytes[i + 1]) && isHexByte(bytes[i + 2])) {
          out[j++] = parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16);
          i += 2;
        } else {
          out[j++] = b;
        }
      }
      return out.subarray(0, j);
    }
    const isHexByte = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

    // --- hosts
    const forbiddenHost = /[\0\t\n\r #/:<>?@[\\\]^|]/;
    const forbiddenDomain = /[\0-\x20#%/:<>?@[\\\]^|\x7f]/;
    function parseHost(input, isOpaque) {
      if (input[0] === '[') {
        if (input[input.length - 1] !== ']') return FAIL;
        const a = parseIPv6(input.slice(1, -1));
        return a === FAIL ? FAIL : `[${serializeIPv6(a)}]`;
      }
      if (isOpaque) {
        if (forbiddenHost.test(input)) return FAIL;
        return pctEncodeStr(input, C0_SET);
      }
      const domain = utf8DecodeLossy(pctDecode(input));
      const ascii = domainToASCII(domain);
      if (ascii === FAIL || ascii === '' || forbiddenDomain.test(ascii)) return FAIL;
      if (endsInANumber(ascii)) return parseIPv4(ascii);
      return ascii;
    }
    // An approximation of UTS #46 ToASCII (non-transitional): ignored code
    // points dropped, then compatibility normalisation and lowercase, then
    // punycode for non-ASCII labels; xn-- labels must decode to a label that
    // maps to itself. Joiners and spacing/control characters fail.
    const idnaIgnored = /[\u00ad\u034f\u180b-\u180f\u200b\u2060\ufe00-\ufe0f\ufeff]/g;
    // eslint-disable-next-line no-control-regex
    const idnaDisallowed = /[\0-\x20\x7f-\xa0\u200c-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufff0-\uffff]/;
    const idnaMap = (s) => s.replace(idnaIgnored, '').normalize('NFKC').toLowerCase();
    function domainToASCII(domain) {
      // eslint-disable-next-line no-control-regex
      const ascii = /^[\0-\x7f]*$/.test(domain);
      const labels = (ascii ? domain.toLowerCase() : idnaMap(domain).replace(/[\u3002\uff0e\uff61]/g, '.')).split('.');
      for (let i = 0; i < labels.length; i++) {
        const label = labels[i];
        if (label.startsWith('xn--')) {
          const u = punycodeDecode(label.slice(4));
          // eslint-disable-next-line no-control-regex
          if (u === FAIL || u === '' || /^[\0-\x7f]*$/.test(u) || idnaDisallowed.test(u) || idnaMap(u) !== u) return FAIL;
        } else if (!ascii && /[^\0-\x7f]/.test(label)) {
          if (idnaDisallowed.test(label)) return FAIL;
          labels[i] = 'xn--' + punycodeEncode(label);
        }
      }
      return labels.join('.');
    }
    function punycodeDecode(input) {
      const base = 36, tMin = 1, tMax = 26;
      const out = [];
      const d = input.lastIndexOf('-');
      for (let j = 0; j < Math.max(d, 0); j++) {
        if (input.charCodeAt(j) >= 0x80) return FAIL;
        out.push(input.charCodeAt(j));
      }
      let n = 128, i = 0, bias = 72;
      for (let p = d > 0 ? d + 1 : 0; p < input.length;) {
        const oldi = i;
        for (let w = 1, k = base; ; k += base) {
          if (p >= input.length) return FAIL;
          const c = input.charCodeAt(p++);
          const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
          if (digit >= base) return FAIL;
          i += digit * w;
          const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
          if (digit < t) break;
          w *= base - t;
          if (w > 0x7fffffff || i > 0x7fffffff) return FAIL;
        }
        bias = punyAdapt(i - oldi, out.length + 1, oldi === 0);
        n += Math.floor(i / (out.length + 1));
        i %= out.length + 1;
        if (n > 0x10ffff) return FAIL;
        out.splice(i++, 0, n);
      }
      return String.fromCodePoint(...out);
    }
    function punyAdapt(delta, numPoints, first) {
      delta = first ? Math.floor(delta / 700) : delta >> 1;
      delta += Math.floor(delta / numPoints);
      let k = 0;
      while (delta > 455) { // ((base - tMin) * tMax) >> 1
        delta = Math.floor(delta / 35);
        k += 36;
      }
      return k + Math.floor((36 * delta) / (delta + 38));
    }
    function punycodeEncode(input) {
      const cps = Array.from(input, (c) => c.codePointAt(0));
      const base = 36, tMin = 1, tMax = 26;
      const digit = (d) => String.fromCharCode(d + 22 + 75 * (d < 26));
      let out = '';
      for (const c of cps) if (c < 0x80) out += String.fromCharCode(c);
      const basic = out.length;
      let h = basic;
      if (basic) out += '-';
      let n = 128, delta = 0, bias = 72;
      while (h < cps.length) {
        let m = Infinity;
        for (const c of cps) if (c >= n && c < m) m = c;
        delta += (m - n) * (h + 1);
        n = m;
        for (const c of cps) {
          if (c < n) delta++;
          if (c === n) {
            let q = delta;
            for (let k = base; ; k += base) {
              const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
              if (q < t) break;
              out += digit(t + ((q - t) % (base - t)));
              q = Math.floor((q - t) / (base - t));
            }
            out += digit(q);
            bias = punyAdapt(delta, h + 1, h === basic);
            delta = 0;
            h++;
          }
        }
        delta++;
        n++;
      }
      return out;
    }
    function endsInANumber(input) {
      const parts = input.split('.');
      if (parts[parts.length - 1] === '') {
        if (parts.length === 1) return false;
        parts.pop();
      }
      const last = parts[parts.length - 1];
      if (last !== '' && /^[0-9]+$/.test(last)) return true;
      return parseIPv4Number(last) !== FAIL;
    }
    function parseIPv4Number(s) {
      if (s === '') return FAIL;
      let radix = 10;
      if (s.length >= 2 && (s.startsWith('0x') || s.startsWith('0X'))) { s = s.slice(2); radix = 16; }
      else if (s.length >= 2 && s[0] === '0') { s = s.slice(1); radix = 8; }
      if (s === '') return 0;
      const re = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
      if (!re.test(s)) return FAIL;
      return parseInt(s, radix);
    }
    function parseIPv4(input) {
      const parts = input.split('.');
      if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
      if (parts.length > 4) return FAIL;
      const nums = [];
      for (const p of parts) {
        const n = parseIPv4Number(p);
        if (n === FAIL) return FAIL;
        nums.push(n);
      }
      for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return FAIL;
      if (nums[nums.length - 1] >= 256 ** (5 - nums.length)) return FAIL;
      let ipv4 = nums[nums.length - 1];
      for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * 256 ** (3 - i);
      const out = [];
      for (let i = 0; i < 4; i++) {
        out.unshift(ipv4 % 256);
        ipv4 = Math.floor(ipv4 / 256);
      }
      return out.join('.');
    }
    function parseIPv6(input) {
      const address = [0, 0, 0, 0, 0, 0, 0, 0];
      let pieceIndex = 0, compress = null, p = 0;
      if (input[p] === ':') {
        if (input[p + 1] !== ':') return FAIL;
        p += 2;
        compress = ++pieceIndex;
      }
      while (p < input.length) {
        if (pieceIndex === 8) return FAIL;
        if (input[p] === ':') {
          if (compress !== null) return FAIL;
          p++;
          compress = ++pieceIndex;
          continue;
        }
        let value = 0, length = 0;
        while (length < 4 && isHexDigit(input[p])) {
          value = value * 16 + parseInt(input[p], 16);
          p++;
          length++;
        }
        if (input[p] === '.') {
          if (length === 0) return FAIL;
          p -= length;
          if (pieceIndex > 6) return FAIL;
          let numbersSeen = 0;
          while (p < input.length) {
            let piece = null;
            if (numbersSeen > 0) {
              if (input[p] === '.' && numbersSeen < 4) p++;
              else return FAIL;
            }
            if (!isDigit(input[p])) return FAIL;
            while (isDigit(input[p])) {
              const n = +input[p];
              if (piece === null) piece = n;
              else if (piece === 0) return FAIL;
              else piece = piece * 10 + n;
              if (piece > 255) return FAIL;
              p++;
            }
            address[pieceIndex] = address[pieceIndex] * 256 + piece;
            numbersSeen++;
            if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
          }
          if (numbersSeen !== 4) return FAIL;
          break;
        } else if (input[p] === ':') {
          p++;
          if (p >= input.length) return FAIL;
        } else if (p < input.length) {
          return FAIL;
        }
        address[pieceIndex++] = value;
      }
      if (compress !== null) {
        let swaps = pieceIndex - compress;
        pieceIndex = 7;
        while (pieceIndex !== 0 && swaps > 0) {
          const t = address[pieceIndex];
          address[pieceIndex] = address[compress + swaps - 1];
          address[compress + swaps - 1] = t;
          pieceIndex--;
          swaps--;
        }
      } else if (pieceIndex !== 8) {
        return FAIL;
      }
      return address;
    }
    function serializeIPv6(a) {
      // The first longest run of two or more zero pieces is compressed.
      let best = -1, bestLen = 1;
      for (let i = 0; i < 8; i++) {
        if (a[i] !== 0) continue;
        let j = i;
        while (j < 8 && a[j] === 0) j++;
        if (j - i > bestLen) { best = i; bestLen = j - i; }
        i = j;
      }
      let out = '';
      for (let i = 0; i < 8; i++) {
        if (i === best) {
          out += i === 0 ? '::' : ':';
          i += bestLen - 1;
          continue;
        }
        out += a[i].toString(16);
        if (i < 7) out += ':';
      }
      return out;
    }

    // --- the basic URL parser
    const S = {
      SCHEME_START: 1, SCHEME: 2, NO_SCHEME: 3, SPECIAL_RELATIVE_OR_AUTHORITY: 4, PATH_OR_AUTHORITY: 5,
      RELATIVE: 6, RELATIVE_SLASH: 7, SPECIAL_AUTHORITY_SLASHES: 8, SPECIAL_AUTHORITY_IGNORE_SLASHES: 9,
      AUTHORITY: 10, HOST: 11, HOSTNAME: 12, PORT: 13, FILE: 14, FILE_SLASH: 15, FILE_HOST: 16,
      PATH_START: 17, PATH: 18, OPAQUE_PATH: 19, QUERY: 20, FRAGMENT: 21,
    };
    const newURLRecord = () => ({
      scheme: '', username: '', password: '', host: null, port: null, path: [], opaque: false, query: null, fragment: null,
    });
    const copyRecord = (u) => ({ ...u, path: u.opaque ? u.path : u.path.slice() });
    const isWinLetter = (s) => s.length === 2 && isAlpha(s[0]) && (s[1] === ':' || s[1] === '|');
    const isNormWinLetter = (s) => s.length === 2 && isAlpha(s[0]) && s[1] === ':';
    function startsWithWinLetter(cps, p) {
      if (cps.length - p < 2) return false;
      if (!isAlpha(cps[p]) || (cps[p + 1] !== ':' && cps[p + 1] !== '|')) return false;
      if (cps.length - p === 2) return true;
      const c = cps[p + 2];
      return c === '/' || c === '\\' || c === '?' || c === '#';
    }
    function shortenPath(url) {
      const path = url.path;
      if (url.scheme === 'file' && path.length === 1 && isNormWinLetter(path[0])) return;
      path.pop();
    }
    const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
    const isDoubleDot = (s) => {
      s = s.toLowerCase();
      return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
    };
    const includesCredentials = (u) => u.username !== '' || u.password !== '';

    // Returns the record, or FAIL. With stateOverride, url is modified in place
    // (callers pass a copy and keep it only on success).
    function basicParse(input, base, url, stateOverride) {
      if (!url) {
        url = newURLRecord();
        // eslint-disable-next-line no-control-regex
        input = input.replace(/^[\0-\x20]+|[\0-\x20]+$/g, '');
      }
      input = input.replace(/[\t\n\r]/g, '');
      let state = stateOverride || S.SCHEME_START;
      let buffer = '';
      let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
      const cps = Array.from(input);
      const special = () => isSpecialScheme(url.scheme);
      for (let p = 0; ; p++) {
        const c = cps[p]; // undefined is EOF
        switch (state) {
          case S.SCHEME_START:
            if (isAlpha(c)) {
              buffer += c.toLowerCase();
              state = S.SCHEME;
            } else if (!stateOverride) {
              state = S.NO_SCHEME;
              p--;
            } else return FAIL;
            break;
          case S.SCHEME:
            if (c !== undefined && /^[A-Za-z0-9+\-.]$/.test(c)) {
              buffer += c.toLowerCase();
            } else if (c === ':') {
              if (stateOverride) {
                if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
                if ((includesCredentials(url) || url.port !== null) && buffer === 'file') return url;
                if (url.scheme === 'file' && url.host === '') return url;
              }
              url.scheme = buffer;
              if (stateOverride) {
                if (url.port === defaultPort(url.scheme)) url.port = null;
                return url;
              }
              buffer = '';
              if (url.scheme === 'file') {
                state = S.FILE;
              } else if (special() && base && base.scheme === url.scheme) {
                state = S.SPECIAL_RELATIVE_OR_AUTHORITY;
              } else if (special()) {
                state = S.SPECIAL_AUTHORITY_SLASHES;
              } else if (cps[p + 1] === '/') {
                state = S.PATH_OR_AUTHORITY;
                p++;
              } else {
                url.opaque = true;
                url.path = '';
                state = S.OPAQUE_PATH;
              }
            } else if (!stateOverride) {
              buffer = '';
              state = S.NO_SCHEME;
              p = -1;
            } else return FAIL;
            break;
          case S.NO_SCHEME:
            if (!base || (base.opaque && c !== '#')) return FAIL;
            if (base.opaque && c === '#') {
              url.scheme = base.scheme;
              url.path = base.path;
              url.opaque = true;
              url.query = base.query;
              url.fragment = '';
              state = S.FRAGMENT;
            } else if (base.scheme !== 'file') {
              state = S.RELATIVE;
              p--;
            } else {
              state = S.FILE;
              p--;
            }
            break;
          case S.SPECIAL_RELATIVE_OR_AUTHORITY:
            if (c === '/' && cps[p + 1] === '/') {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
              p++;
            } else {
              state = S.RELATIVE;
              p--;
            }
            break;
          case S.PATH_OR_AUTHORITY:
            if (c === '/') state = S.AUTHORITY;
            else {
              state = S.PATH;
              p--;
            }
            break;
          case S.RELATIVE:
            url.scheme = base.scheme;
            if (c === '/' || (special() && c === '\\')) {
              state = S.RELATIVE_SLASH;
            } else {
              url.username = base.username;
              url.password = base.password;
              url.host = base.host;
              url.port = base.port;
              url.path = base.path.slice();
              url.query = base.query;
              if (c === '?') {
                url.query = '';
                state = S.QUERY;
              } else if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              } else if (c !== undefined) {
                url.query = null;
                shortenPath(url);
                state = S.PATH;
                p--;
              }
            }
            break;
          case S.RELATIVE_SLASH:
            if (special() && (c === '/' || c === '\\')) {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            } else if (c === '/') {
              state = S.AUTHORITY;
            } else {
              url.username = base.username;
              url.password = base.password;
              url.host = base.host;
              url.port = base.port;
              state = S.PATH;
              p--;
            }
            break;
          case S.SPECIAL_AUTHORITY_SLASHES:
            if (c === '/' && cps[p + 1] === '/') {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
              p++;
            } else {
              state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
              p--;
            }
            break;
          case S.SPECIAL_AUTHORITY_IGNORE_SLASHES:
            if (c !== '/' && c !== '\\') {
              state = S.AUTHORITY;
              p--;
            }
            break;
          case S.AUTHORITY:
            if (c === '@') {
              if (atSignSeen) buffer = '%40' + buffer;
              atSignSeen = true;
              for (const bc of buffer) {
                if (bc === ':' && !passwordTokenSeen) {
                  passwordTokenSeen = true;
                  continue;
                }
                const enc = pctEncodeCp(bc, USERINFO_SET);
                if (passwordTokenSeen) url.password += enc;
                else url.username += enc;
              }
              buffer = '';
            } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special() && c === '\\')) {
              if (atSignSeen && buffer === '') return FAIL;
              p -= Array.from(buffer).length + 1;
              buffer = '';
              state = S.HOST;
            } else {
              buffer += c;
            }
            break;
          case S.HOST:
          case S.HOSTNAME:
            if (stateOverride && url.scheme === 'file') {
              p--;
              state = S.FILE_HOST;
            } else if (c === ':' && !insideBrackets) {
              if (buffer === '') return FAIL;
              if (stateOverride === S.HOSTNAME) return FAIL;
              const h = parseHost(buffer, !special());
              if (h === FAIL) return FAIL;
              url.host = h;
              buffer = '';
              state = S.PORT;
            } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special() && c === '\\')) {
              p--;
              if (special() && buffer === '') return FAIL;
              if (stateOverride && buffer === '' && (includesCredentials(url) || url.port !== null)) return FAIL;
              // node (ada) leaves a URL without a host alone when given an empty one
              if (stateOverride && buffer === '' && url.host === null) return FAIL;
              const h = parseHost(buffer, !special());
              if (h === FAIL) return FAIL;
              url.host = h;
              buffer = '';
              state = S.PATH_START;
              if (stateOverride) return url;
            } else {
              if (c === '[') insideBrackets = true;
              if (c === ']') insideBrackets = false;
              buffer += c;
            }
            break;
          case S.PORT:
            if (isDigit(c)) {
              buffer += c;
            } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special() && c === '\\') || stateOverride) {
              if (buffer !== '') {
                const port = parseInt(buffer, 10);
                if (port > 65535) return FAIL;
                url.port = port === defaultPort(url.scheme) ? null : port;
                buffer = '';
                if (stateOverride) return url;
              }
              if (stateOverride) return FAIL;
              state = S.PATH_START;
              p--;
            } else return FAIL;
            break;
          case S.FILE:
            url.scheme = 'file';
            url.host = '';
            if (c === '/' || c === '\\') {
              state = S.FILE_SLASH;
            } else if (base && base.scheme === 'file') {
              url.host = base.host;
              url.path = base.path.slice();
              url.query = base.query;
              if (c === '?') {
                url.query = '';
                state = S.QUERY;
              } else if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              } else if (c !== undefined) {
                url.query = null;
                if (!startsWithWinLetter(cps, p)) shortenPath(url);
                else url.path = [];
                state = S.PATH;
                p--;
              }
            } else {
              state = S.PATH;
              p--;
            }
            break;
          case S.FILE_SLASH:
            if (c === '/' || c === '\\') {
              state = S.FILE_HOST;
            } else {
              if (base && base.scheme === 'file') {
                url.host = base.host;
                if (!startsWithWinLetter(cps, p) && base.path.length > 0 && isNormWinLetter(base.path[0])) {
                  url.path.push(base.path[0]);
                }
              }
              state = S.PATH;
              p--;
            }
            break;
          case S.FILE_HOST:
            if (c === undefined || c === '/' || c === '\\' || c === '?' || c === '#') {
              p--;
              if (!stateOverride && isWinLetter(buffer)) {
                state = S.PATH;
              } else if (buffer === '') {
                url.host = '';
                if (stateOverride) return url;
                state = S.PATH_START;
              } else {
                let h = parseHost(buffer, !special());
                if (h === FAIL) return FAIL;
                if (h === 'localhost') h = '';
                url.host = h;
                if (stateOverride) return url;
                buffer = '';
                state = S.PATH_START;
              }
            } else {
              buffer += c;
            }
            break;
          case S.PATH_START:
            if (special()) {
              state = S.PATH;
              if (c !== '/' && c !== '\\') p--;
            } else if (!stateOverride && c === '?') {
              url.query = '';
              state = S.QUERY;
            } else if (!stateOverride && c === '#') {
              url.fragment = '';
              state = S.FRAGMENT;
            } else if (c !== undefined) {
              state = S.PATH;
              if (c !== '/') p--;
            } else if (stateOverride && url.host === null) {
              url.path.push('');
            }
            break;
          case S.PATH: {
            const slash = c === '/' || (special() && c === '\\');
            if (c === undefined || slash || (!stateOverride && (c === '?' || c === '#'))) {
              if (isDoubleDot(buffer)) {
                shortenPath(url);
                if (!slash) url.path.push('');
              } else if (isSingleDot(buffer) && !slash) {
                url.path.push('');
              } else if (!isSingleDot(buffer)) {
                if (url.scheme === 'file' && url.path.length === 0 && isWinLetter(buffer)) buffer = buffer[0] + ':';
                url.path.push(buffer);
              }
              buffer = '';
              if (c === '?') {
                url.query = '';
                state = S.QUERY;
              }
              if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              }
            } else {
              buffer += pctEncodeCp(c, PATH_SET);
            }
            break;
          }
          case S.OPAQUE_PATH:
            if (c === '?') {
              url.query = '';
              state = S.QUERY;
            } else if (c === '#') {
              url.fragment = '';
              state = S.FRAGMENT;
            } else if (c !== undefined) {
              url.path += pctEncodeCp(c, C0_SET);
            }
            break;
          case S.QUERY:
            if ((!stateOverride && c === '#') || c === undefined) {
              url.query += pctEncodeStr(buffer, special() ? SPECIAL_QUERY_SET : QUERY_SET);
              buffer = '';
              if (c === '#') {
                url.fragment = '';
                state = S.FRAGMENT;
              }
            } else {
              buffer += c;
            }
            break;
          case S.FRAGMENT:
            if (c !== undefined) url.fragment += pctEncodeCp(c, FRAGMENT_SET);
            break;
        }
        if (p >= cps.length) break;
      }
      return url;
    }

    function serializeURL(u, excludeFragment) {
      let out = u.scheme + ':';
      if (u.host !== null) {
        out += '//';
        if (includesCredentials(u)) {
          out += u.username;
          if (u.password !== '') out += ':' + u.password;
          out += '@';
        }
        out += u.host;
        if (u.port !== null) out += ':' + u.port;
      }
      if (u.opaque) {
        out += u.path;
      } else {
        if (u.host === null && u.path.length > 1 && u.path[0] === '') out += '/.';
        for (const seg of u.path) out += '/' + seg;
      }
      if (u.query !== null) out += '?' + u.query;
      if (!excludeFragment && u.fragment !== null) out += '#' + u.fragment;
      return out;
    }
    function serializeOrigin(u) {
      if (u.scheme === 'blob') {
        const inner = u.opaque ? basicParse(u.path) : FAIL;
        if (inner !== FAIL && (inner.scheme === 'http' || inner.scheme === 'https')) return serializeOrigin(inner);
        return 'null';
      }
      if (!isSpecialScheme(u.scheme) || u.scheme === 'file') return 'null';
      return u.scheme + '://' + u.host + (u.port !== null ? ':' + u.port : '');
    }

    // --- application/x-www-form-urlencoded
    function parseQuery(input) {
      const list = [];
      for (const seq of input.split('&')) {
        if (seq === '') continue;
        const eq = seq.indexOf('=');
        let name = eq < 0 ? seq : seq.slice(0, eq);
        let value = eq < 0 ? '' : seq.slice(eq + 1);
        name = name.replaceAll('+', ' ');
        value = value.replaceAll('+', ' ');
        list.push([
          name.includes('%') ? utf8DecodeLossy(pctDecode(name)) : name,
          value.includes('%') ? utf8DecodeLossy(pctDecode(value)) : value,
        ]);
      }
      return list;
    }
    function formEncode(s) {
      let out = '';
      for (const c of s) out += c === ' ' ? '+' : pctEncodeCp(c, FORM_SET);
      return out;
    }
    const serializeQuery = (list) => list.map(([n, v]) => formEncode(n) + '=' + formEncode(v)).join('&');

    const invalidURL = (input, base) => {
      const e = nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
      e.input = input;
      if (base !== undefined) e.base = base;
      return e;
    };

    let paramsInternal; // (params) => { list, url }
    let urlInternal; // (url) => record holder
    class URLSearchParams {
      #list = [];
      #url = null; // the URL object this belongs to, if any
      constructor(init = undefined) {
        if (init == null) return;
        if (typeof init === 'object' || typeof init === 'function') {
          if (typeof init[Symbol.iterator] === 'function') {
            for (const pair of init) {
              if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null ||
                  typeof pair[Symbol.iterator] !== 'function') {
                throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
              }
              const kv = Array.from(pair);
              if (kv.length !== 2) {
                throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
              }
              this.#list.push([toWellFormed(`${kv[0]}`), toWellFormed(`${kv[1]}`)]);
            }
          } else {
            for (const key of Reflect.ownKeys(init)) {
              if (typeof key !== 'string' || !ObjectProto.propertyIsEnumerable.call(init, key)) continue;
              this.#list.push([toWellFormed(key), toWellFormed(`${init[key]}`)]);
            }
          }
        } else {
          let s = toWellFormed(`${init}`);
          if (s[0] === '?') s = s.slice(1);
          this.#list = parseQuery(s);
        }
      }
      #update() {
        if (this.#url === null) return;
        const s = serializeQuery(this.#list);
        urlInternal(this.#url).query = s === '' ? null : s;
      }
      get size() { return this.#list.length; }
      append(name, value) {
        if (arguments.length < 2) throw missingArgs('The "name" and "value" arguments must be specified');
        this.#list.push([toWellFormed(`${name}`), toWellFormed(`${value}`)]);
        this.#update();
      }
      delete(name, value = undefined) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        const list = this.#list;
        if (value !== undefined) {
          value = toWellFormed(`${value}`);
          for (let i = list.length - 1; i >= 0; i--) if (list[i][0] === name && list[i][1] === value) list.splice(i, 1);
        } else {
          for (let i = list.length - 1; i >= 0; i--) if (list[i][0] === name) list.splice(i, 1);
        }
        this.#update();
      }
      get(name) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        const e = this.#list.find((p) => p[0] === name);
        return e ? e[1] : null;
      }
      getAll(name) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        return this.#list.filter((p) => p[0] === name).map((p) => p[1]);
      }
      has(name, value = undefined) {
        if (arguments.length < 1) throw missingArgs('The "name" argument must be specified');
        name = toWellFormed(`${name}`);
        if (value !== undefined) {
          value = toWellFormed(`${value}`);
          return this.#list.some((p) => p[0] === name && p[1] === value);
        }
        return this.#list.some((p) => p[0] === name);
      }
      set(name, value) {
        if (arguments.length < 2) throw missingArgs('The "name" and "value" arguments must be specified');
        name = toWellFormed(`${name}`);
        value = toWellFormed(`${value}`);
        const list = this.#list;
        const i = list.findIndex((p) => p[0] === name);
        if (i < 0) {
          list.push([name, value]);
        } else {
          list[i][1] = value;
          for (let j = list.length - 1; j > i; j--) if (list[j][0] === name) list.splice(j, 1);
        }
        this.#update();
      }
      sort() {
        // Stable, by UTF-16 code units of the names.
        const list = this.#list;
        const sorted = list.map((p, i) => [p, i]).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
        for (let i = 0; i < list.length; i++) list[i] = sorted[i][0];
        this.#update();
      }
      forEach(callback, thisArg = undefined) {
        checkFunction(callback, 'callback');
        const list = this.#list;
        for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i][1], list[i][0], this);
      }
      *entries() {
        const list = this.#list;
        for (let i = 0; i < list.length; i++) yield [list[i][0], list[i][1]];
      }
      *keys() {
        const list = this.#list;
        for (let i = 0; i < list.length; i++) yield list[i][0];
      }
      *values() {
        const list = this.#list;
        for (let i = 0; i < list.length; i++) yield list[i][1];
      }
      toString() { return serializeQuery(this.#list); }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return '[Object]';
        const inner = { ...options, depth: depth === null ? null : depth - 1 };
        const output = this.#list.map(([k, v]) => `${inspect(k, inner)} => ${inspect(v, inner)}`);
        const length = output.reduce((n, s) => n + s.length + 2, -2);
        if (length > 80) return `URLSearchParams {\n  ${output.join(',\n  ')} }`;
        if (output.length) return `URLSearchParams { ${output.join(', ')} }`;
        return 'URLSearchParams {}';
      }
      static {
        paramsInternal = (p, url, query) => {
          p.#url = url;
          const list = query ? parseQuery(query) : [];
          p.#list.length = 0;
          p.#list.push(...list);
        };
        Object.defineProperty(this.prototype, Symbol.iterator, { value: this.prototype.entries, writable: true, configurable: true });
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });
      }
    }

    class URL {
      #u;
      #params = null;
      constructor(url, base = undefined) {
        if (arguments.length === 0) throw missingArgs('The "url" argument must be specified');
        const input = toWellFormed(`${url}`);
        let b = null;
        if (base !== undefined) {
          b = basicParse(toWellFormed(`${base}`), null);
          if (b === FAIL) throw invalidURL(input, `${base}`);
        }
        const u = basicParse(input, b);
        if (u === FAIL) throw invalidURL(input, base === undefined ? undefined : `${base}`);
        this.#u = u;
      }
      static canParse(url, base = undefined) {
        if (arguments.length === 0) throw missingArgs('The "url" argument must be specified');
        let b = null;
        if (base !== undefined) {
          b = basicParse(toWellFormed(`${base}`), null);
          if (b === FAIL) return false;
        }
        return basicParse(toWellFormed(`${url}`), b) !== FAIL;
      }
      static parse(url, base = undefined) {
        try {
          return base === undefined ? new URL(url) : new URL(url, base);
        } catch {
          return null;
        }
      }
      #syncParams() {
        if (this.#params !== null) paramsInternal(this.#params, this, this.#u.query);
      }
      #setter(input, state, prepare) {
        const u = copyRecord(this.#u);
        if (prepare) prepare(u);
        const r = basicParse(toWellFormed(`${input}`), null, u, state);
        if (r !== FAIL) this.#u = r;
      }
      get href() { return serializeURL(this.#u); }
      set href(v) {
        const u = basicParse(toWellFormed(`${v}`), null);
        if (u === FAIL) throw invalidURL(`${v}`);
        this.#u = u;
        this.#syncParams();
      }
      get origin() { return serializeOrigin(this.#u); }
      get protocol() { return this.#u.scheme + ':'; }
      set protocol(v) { this.#setter(`${v}:`, S.SCHEME_START); }
      get username() { return this.#u.username; }
      set username(v) {
        const u = this.#u;
        if (u.host === null || u.host === '' || u.scheme === 'file') return;
        u.username = pctEncodeStr(toWellFormed(`${v}`), USERINFO_SET);
      }
      get password() { return this.#u.password; }
      set password(v) {
        const u = this.#u;
        if (u.host === null || u.host === '' || u.scheme === 'file') return;
        u.password = pctEncodeStr(toWellFormed(`${v}`), USERINFO_SET);
      }
      get host() {
        const u = this.#u;
        if (u.host === null) return '';
        return u.port === null ? u.host : `${u.host}:${u.port}`;
      }
      set host(v) {
        if (this.#u.opaque) return;
        this.#setter(v, S.HOST);
      }
      get hostname() { return this.#u.host === null ? '' : this.#u.host; }
      set hostname(v) {
        if (this.#u.opaque) return;
        this.#setter(v, S.HOSTNAME);
      }
      get port() { return this.#u.port === null ? '' : `${this.#u.port}`; }
      set port(v) {
        const u = this.#u;
        if (u.host === null || u.host === '' || u.scheme === 'file') return;
        v = `${v}`;
        if (v === '') u.port = null;
        else this.#setter(v, S.PORT);
      }
      get pathname() {
        const u = this.#u;
        if (u.opaque) return u.path;
        return u.path.length === 0 ? '' : '/' + u.path.join('/');
      }
      set pathname(v) {
        if (this.#u.opaque) return;
        this.#setter(v, S.PATH_START, (u) => { u.path = []; });
      }
      get search() {
        const q = this.#u.query;
        return q === null || q === '' ? '' : '?' + q;
      }
      set search(v) {
        v = toWellFormed(`${v}`);
        if (v === '') {
          this.#u.query = null;
        } else {
          if (v[0] === '?') v = v.slice(1);
          this.#setter(v, S.QUERY, (u) => { u.query = ''; });
        }
        this.#syncParams();
      }
      get searchParams() {
        if (this.#params === null) {
          this.#params = new URLSearchParams();
          this.#syncParams();
        }
        return this.#params;
      }
      get hash() {
        const f = this.#u.fragment;
        return f === null || f === '' ? '' : '#' + f;
      }
      set hash(v) {
        v = toWellFormed(`${v}`);
        if (v === '') {
          this.#u.fragment = null;
          return;
        }
        if (v[0] === '#') v = v.slice(1);
        this.#setter(v, S.FRAGMENT, (u) => { u.fragment = ''; });
      }
      toString() { return serializeURL(this.#u); }
      toJSON() { return serializeURL(this.#u); }
      [customInspect](depth, options) {
        if (typeof depth === 'number' && depth < 0) return this;
        const obj = Object.create({ constructor: URL });
        for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']) {
          obj[k] = this[k];
        }
        return `URL ${inspect(obj, options)}`;
      }
      static {
        urlInternal = (url) => url.#u;
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
      }
    }

    return { URL, URLSearchParams };
  }
