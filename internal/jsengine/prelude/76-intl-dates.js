// Intl.DateTimeFormat with CLDR 48's locale data (the version of node 20's
// ICU): month, weekday, era and day period names, dateStyle/timeStyle
// patterns, and option bags turned into patterns as ICU's
// DateTimePatternGenerator does (skeleton -> best availableFormats entry by
// field distance, field widths adjusted, missing fields appended, date and
// time joined by the locale's dateTimeFormat), then V8's hour-cycle
// rewriting. Time zone names are CLDR's metazone and zone names, else the
// localized GMT format. The data is the host's (intl_dates.go,
// intldata/dates.txt.gz), fetched once per locale on first use.
// Known differences from node 20: the gregorian calendar only (another
// -u-ca- or calendar option resolves to "gregory", as node does for a
// calendar it lacks); the generic location format ("Germany Time") is given
// as the localized GMT offset; no formatRange over interval patterns yet.
  const H_INTL_DATES = host.lookup('intl.dates');

  function makeDateTimeFormat(canonLocales, callable) {
    const DELTA = 0x10, NUM = 0x100, NARROW = -0x101, SHORTER = -0x102, SHORT = -0x103, LONG = -0x104;
    // ICU's dtTypes: pattern letter -> [field, type, minimum length]
    const TYPES = {
      G: [[0, SHORT, 1], [0, LONG, 4], [0, NARROW, 5]],
      y: [[1, NUM, 1]], Y: [[1, NUM + DELTA, 1]], u: [[1, NUM + 2 * DELTA, 1]], r: [[1, NUM + 3 * DELTA, 1]],
      U: [[1, SHORT, 1], [1, LONG, 4], [1, NARROW, 5]],
      Q: [[2, NUM, 1], [2, SHORT, 3], [2, LONG, 4], [2, NARROW, 5]],
      q: [[2, NUM + DELTA, 1], [2, SHORT - DELTA, 3], [2, LONG - DELTA, 4], [2, NARROW - DELTA, 5]],
      M: [[3, NUM, 1], [3, SHORT, 3], [3, LONG, 4], [3, NARROW, 5]],
      L: [[3, NUM + DELTA, 1], [3, SHORT - DELTA, 3], [3, LONG - DELTA, 4], [3, NARROW - DELTA, 5]], l: [[3, NUM + DELTA, 1]],
      w: [[4, NUM, 1]], W: [[5, NUM, 1]],
      E: [[6, SHORT, 1], [6, LONG, 4], [6, NARROW, 5], [6, SHORTER, 6]],
      c: [[6, NUM + 2 * DELTA, 1], [6, SHORT - 2 * DELTA, 3], [6, LONG - 2 * DELTA, 4], [6, NARROW - 2 * DELTA, 5], [6, SHORTER - 2 * DELTA, 6]],
      e: [[6, NUM + DELTA, 1], [6, SHORT - DELTA, 3], [6, LONG - DELTA, 4], [6, NARROW - DELTA, 5], [6, SHORTER - DELTA, 6]],
      D: [[7, NUM, 1]], F: [[8, NUM, 1]], d: [[9, NUM, 1]], g: [[9, NUM + DELTA, 1]],
      a: [[10, SHORT, 1], [10, LONG, 4], [10, NARROW, 5]],
      b: [[10, SHORT - DELTA, 1], [10, LONG - DELTA, 4], [10, NARROW - DELTA, 5]],
      B: [[10, SHORT - 3 * DELTA, 1], [10, LONG - 3 * DELTA, 4], [10, NARROW - 3 * DELTA, 5]],
      H: [[11, NUM + 10 * DELTA, 1]], k: [[11, NUM + 11 * DELTA, 1]], h: [[11, NUM, 1]], K: [[11, NUM + DELTA, 1]],
      m: [[12, NUM, 1]], s: [[13, NUM, 1]], A: [[13, NUM + DELTA, 1]], S: [[14, NUM + DELTA, 1]],
      v: [[15, SHORT - 2 * DELTA, 1], [15, LONG - 2 * DELTA, 4]],
      z: [[15, SHORT, 1], [15, LONG, 4]],
      Z: [[15, NARROW - DELTA, 1], [15, LONG - DELTA, 4], [15, SHORT - DELTA, 5]],
      O: [[15, SHORT - DELTA, 1], [15, LONG - DELTA, 4]],
      V: [[15, SHORT - DELTA, 1], [15, LONG - DELTA, 2], [15, LONG - 1 - DELTA, 3], [15, LONG - 2 - DELTA, 4]],
      X: [[15, NARROW - DELTA, 1], [15, SHORT - DELTA, 2], [15, LONG - DELTA, 4]],
      x: [[15, NARROW - DELTA, 1], [15, SHORT - DELTA, 2], [15, LONG - DELTA, 4]],
    };
    const DATE_MASK = 0x3ff, TIME_MASK = 0xfc00, SECOND_AND_FRACTION = (1 << 13) | (1 << 14), FRACTION = 1 << 14;
    const APPEND_KEYS = ['Era', 'Year', 'Quarter', 'Month', 'Week', 'Week', 'Day-Of-Week', 'Day', 'Day', 'Day', '', 'Hour', 'Minute', 'Second', 'Second', 'Timezone'];
    const rowOf = (ch, len) => {
      const rows = TYPES[ch];
      if (rows === undefined) return undefined;
      let r = rows[0];
      for (const x of rows) if (len >= x[2]) r = x;
      return r;
    };

    // a pattern as tokens: {f: 'MMM'} fields and {t: 'text'} literals
    function tokenize(p) {
      const out = [];
      let i = 0, text = '';
      const flush = () => { if (text) { out.push({ t: text }); text = ''; } };
      while (i < p.length) {
        const c = p[i];
        if (c === "'") {
          if (p[i + 1] === "'") { text += "'"; i += 2; continue; }
          let j = i + 1;
          for (; j < p.length; j++) {
            if (p[j] === "'") {
              if (p[j + 1] === "'") { text += "'"; j++; continue; }
              break;
            }
            text += p[j];
          }
          i = j + 1;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          let j = i;
          while (p[j] === c) j++;
          flush();
          out.push({ f: p.slice(i, j) });
          i = j;
        } else { text += c; i++; }
      }
      flush();
      return out;
    }
    const quote = (t) => (/[A-Za-z']/.test(t) ? "'" + t.replace(/'/g, "''") + "'" : t);
    const untokenize = (toks) => toks.map((x) => (x.f !== undefined ? x.f : quote(x.t))).join('');

    // ICU's DateTimeMatcher: per field its type value, its letters and its base letters
    function matcher(skeleton) {
      const type = new Array(16).fill(0), orig = new Array(16).fill(''), base = new Array(16).fill('');
      for (const tok of tokenize(skeleton)) {
        if (tok.f === undefined) continue;
        const row = rowOf(tok.f[0], tok.f.length);
        if (row === undefined) continue;
        const f = row[0];
        type[f] = row[1] > 0 ? row[1] + tok.f.length : row[1];
        orig[f] = tok.f;
        base[f] = tok.f[0].repeat(row[2]);
      }
      if (orig[12] && orig[14] && !orig[13]) { orig[13] = base[13] = 's'; type[13] = NUM + 1; }
      if (orig[11]) {
        if (orig[11][0] === 'h' || orig[11][0] === 'K') {
          if (!orig[10]) { orig[10] = base[10] = 'a'; type[10] = SHORT; }
        } else { orig[10] = base[10] = ''; type[10] = 0; }
      }
      let mask = 0;
      for (let f = 0; f < 16; f++) if (type[f]) mask |= 1 << f;
      return { type, orig, mask, key: orig.join(''), base: base.join('') };
    }

    // ICU's pattern map: canonical items, then the standard patterns, then
    // availableFormats (sorted by key, as ICU's resource tables are)
    function generator(d) {
      if (d.gen) return d.gen;
      const entries = [];
      const add = (pattern, skeleton, override) => {
        const m = matcher(skeleton === undefined ? pattern : skeleton), specified = skeleton !== undefined;
        if (!m.base) return;
        const dupBase = entries.find((e) => e.m.base === m.base);
        if (dupBase !== undefined && (!dupBase.specified || (specified && !override)) && !override) return;
        const dupSkel = entries.find((e) => e.m.key === m.key);
        if (dupSkel !== undefined && (!override || (specified && dupSkel.specified))) return;
        const dup = entries.find((e) => e.m.base === m.base && e.m.type.every((t, i) => t === m.type[i]));
        if (dup !== undefined) { dup.pattern = pattern; dup.specified = specified; return; }
        entries.push({ m, pattern, specified, i: entries.length, b: m.base[0] });
      };
      for (const c of 'GyQMwWEDFdaHmsSv') add(c, undefined, false);
      for (let i = 0; i < 4; i++) { add(d.df[i], undefined, false); add(d.tf[i], undefined, false); }
      for (const k of Object.keys(d.af).sort()) add(d.af[k], k, true);
      // ICU walks its map bucket by bucket (A-Z, a-z: each base's first letter)
      entries.sort((a, b) => (a.b < b.b ? -1 : a.b > b.b ? 1 : a.i - b.i));
      d.gen = { entries, cache: new Map() };
      return d.gen;
    }

    function bestRaw(gen, req, include) {
      let best, bestDist = Infinity, bestMissing = -1;
      for (const e of gen.entries) {
        const o = e.m;
        let dist = 0, missing = 0;
        for (let f = 0; f < 16; f++) {
          const my = (include >> f) & 1 ? req.type[f] : 0, other = o.type[f];
          if (my === other) continue;
          if (my === 0) dist += 0x10000;
          else if (other === 0) { dist += 0x1000; missing |= 1 << f; }
          else dist += Math.abs(my - other);
        }
        if (dist < bestDist || (dist === bestDist && bestMissing < missing)) {
          bestDist = dist; bestMissing = missing; best = e;
          if (dist === 0) break;
        }
      }
      let extra = false;
      for (let f = 0; f < 16; f++) if (best.m.type[f] && !((include >> f) & 1 ? req.type[f] : 0)) extra = true;
      return { pattern: best.pattern, spec: best.specified ? best.m : null, missing: bestMissing, extra };
    }

    function adjust(d, pattern, spec, req, fixFraction, freeHour) {
      const toks = tokenize(pattern);
      for (const tok of toks) {
        if (tok.f === undefined) continue;
        const row = rowOf(tok.f[0], tok.f.length);
        if (row === undefined) continue;
        const f = row[0];
        if (fixFraction && f === 13) {
          tok.f += "'" + d.dec + "'" + req.orig[14];
          continue;
        }
        const want = req.orig[f];
        if (!want) continue;
        const reqChar = want[0], reqLen = reqChar === 'E' && want.length < 3 ? 3 : want.length;
        let len = reqLen;
        if (f === 12 || f === 13 || (f === 11 && freeHour)) len = tok.f.length;
        else if (spec && reqChar !== 'c' && reqChar !== 'e') {
          const skelLen = spec.orig[f].length;
          const patNum = row[1] > 0, skelNum = spec.type[f] > 0;
          if (skelLen === reqLen || patNum !== skelNum) len = tok.f.length;
        }
        let c = f !== 11 && f !== 3 && f !== 6 && (f !== 1 || reqChar === 'Y') ? reqChar : tok.f[0];
        if (c === 'E' && len < 3) c = 'e';
        if (f === 11) {
          const def = d.hourChar;
          if (reqChar === def) c = def;
          else if (reqChar === 'h' && def === 'K') c = 'K';
          else if (reqChar === 'H' && def === 'k') c = 'k';
          else if (reqChar === 'k' && def === 'H') c = 'H';
          else if (reqChar === 'K' && def === 'h') c = 'h';
        }
        tok.f = c.repeat(len);
      }
      return untokenize(toks);
    }

    function bestAppending(d, gen, req, fields, freeHour) {
      if (!fields) return '';
      let r = bestRaw(gen, req, fields);
      let result = adjust(d, r.pattern, r.spec, req, false, freeHour);
      const firstSpec = r.spec;
      let missing = r.missing, lastMissing = 0;
      for (let guard = 0; missing && guard < 32; guard++) {
        if (lastMissing === missing) break;
        if ((missing & SECOND_AND_FRACTION) === FRACTION && (fields & SECOND_AND_FRACTION) === SECOND_AND_FRACTION) {
          result = adjust(d, result, firstSpec, req, true, freeHour);
          missing &= ~FRACTION;
          continue;
        }
        const start = missing;
        r = bestRaw(gen, req, missing);
        const temp = adjust(d, r.pattern, r.spec, req, false, freeHour);
        missing = r.missing;
        const found = start & ~missing;
        const top = found ? 31 - Math.clz32(found) : 0;
        const fmt = d.ai[APPEND_KEYS[top]];
        if (fmt) result = fmt.replace('{0}', result).replace('{1}', temp).replace('{2}', quote(d.fn[top]));
        lastMissing = missing;
      }
      return result;
    }

    // ICU's DateTimePatternGenerator.getBestPattern, with the hour length matched (as V8 asks)
    function bestPattern(d, skeleton, freeHour) {
      const gen = generator(d), key = (freeHour ? '!' : '') + skeleton;
      let p = gen.cache.get(key);
      if (p !== undefined) return p;
      const req = matcher(skeleton.replace(/j/g, d.hourChar));
      const r = bestRaw(gen, req, -1);
      if (r.missing === 0 && !r.extra) p = adjust(d, r.pattern, r.spec, req, false, freeHour);
      else {
        const date = bestAppending(d, gen, req, req.mask & DATE_MASK, freeHour);
        const time = bestAppending(d, gen, req, req.mask & TIME_MASK, freeHour);
        if (!date) p = time;
        else if (!time) p = date;
        else {
          const ml = req.orig[3].length;
          const style = ml === 4 ? (req.orig[6] ? 0 : 1) : ml === 3 ? 2 : 3;
          p = d.dta[style].replace('{1}', date).replace('{0}', time);
        }
      }
      if (gen.cache.size < 256) gen.cache.set(key, p);
      return p;
    }

    const HC_CHAR = { h11: 'K', h12: 'h', h23: 'H', h24: 'k' };
    const CHAR_HC = { K: 'h11', h: 'h12', H: 'h23', k: 'h24' };
    // V8's ReplaceHourCycleInPattern
    function replaceHourCycle(pattern, hc) {
      if (hc === undefined) return pattern;
      const to = HC_CHAR[hc];
      let out = '', replace = true, last = '';
      for (const ch of pattern) {
        if (ch === "'") { replace = !replace; out += ch; }
        else if (ch === 'H' || ch === 'h' || ch === 'K' || ch === 'k') {
          if (replace && last === 'd') out += ' ';
          out += replace ? to : ch;
        } else out += ch;
        last = ch;
      }
      return out;
    }
    function hourCycleOf(pattern) {
      for (const tok of tokenize(pattern)) if (tok.f !== undefined && CHAR_HC[tok.f[0]]) return CHAR_HC[tok.f[0]];
      return undefined;
    }
    // V8's DateTimeStylePattern
    function stylePattern(d, dateStyle, timeStyle, hc, byLocale) {
      const i = { full: 0, long: 1, medium: 2, short: 3 };
      let p;
      if (dateStyle !== undefined && timeStyle !== undefined) p = d.dta[i[dateStyle]].replace('{1}', d.df[i[dateStyle]]).replace('{0}', d.tf[i[timeStyle]]);
      else if (dateStyle !== undefined) p = d.df[i[dateStyle]];
      else p = d.tf[i[timeStyle]];
      if (hc === undefined || hc === hourCycleOf(p)) return p;
      let skeleton = '';
      for (const tok of tokenize(p)) {
        if (tok.f === undefined || !TYPES[tok.f[0]]) continue;
        const c = tok.f[0];
        if (c === 'a' || c === 'b' || c === 'B') continue;
        skeleton += (c === 'h' || c === 'H' || c === 'K' || c === 'k' ? HC_CHAR[hc] : c).repeat(tok.f.length);
      }
      // ICU applies a locale's -u-hc- itself, without matching the hour's length
      return replaceHourCycle(bestPattern(d, skeleton, byLocale), hc);
    }

    // ---- locales -------------------------------------------------------
    const localeData = new Map(); // data tag -> parsed; bounded by the host's table
    let shared;
    const sharedData = () => shared || (shared = JSON.parse(hostCall(H_INTL_DATES, 'shared')));
    const rawData = new Map(); // data tag -> merged CLDR data; bounded by the host's table
    const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    function rawOf(tag) { // a regional locale is stored as its parent ("^") plus what differs
      let r = rawData.get(tag);
      if (r !== undefined) return r;
      r = JSON.parse(hostCall(H_INTL_DATES, '!' + tag));
      const parent = r['^'];
      if (parent !== undefined) {
        const base = rawOf(parent), merged = { ...base };
        for (const k of Object.keys(r)) {
          if (k === '^') continue;
          if (isMap(r[k]) && isMap(base[k])) {
            const o = { ...base[k] };
            for (const [k2, v2] of Object.entries(r[k])) { if (v2 === null) delete o[k2]; else o[k2] = v2; }
            merged[k] = o;
          } else merged[k] = r[k];
        }
        r = merged;
      }
      rawData.set(tag, r);
      return r;
    }
    function dataOf(tag) {
      let d = localeData.get(tag);
      if (d === undefined) {
        d = { ...rawOf(tag) };
        d.tag = tag;
        d.rules = sharedData().rules[tag.split('-')[0]];
        localeData.set(tag, d);
      }
      return d;
    }
    function splitTag(tag) { // base tag and its -u- keywords
      const parts = tag.split('-');
      let i = 1;
      while (i < parts.length && parts[i].length > 1) i++;
      for (let j = i; j < parts.length; j++) parts[j] = parts[j].toLowerCase();
      const base = parts.slice(0, i).join('-');
      const kw = {};
      for (let j = i; j < parts.length; j++) {
        if (parts[j] === 'x') break;
        if (parts[j] !== 'u') continue;
        let key;
        for (j++; j < parts.length && parts[j].length > 1; j++) {
          if (parts[j].length === 2) { key = parts[j]; if (!(key in kw)) kw[key] = ''; } else if (key !== undefined && kw[key] === '') kw[key] = parts[j];
          else if (key !== undefined) kw[key] += '-' + parts[j];
        }
        j--;
      }
      return { base, kw };
    }
    function resolveLocale(list) {
      const reqs = list.map(splitTag);
      let idx = '-1', resolved = 'en-US', dataTag = 'en';
      for (let i = 0; i < reqs.length; i += 128) { // the host takes 4 KiB a call
        const a = hostCall(H_INTL_DATES, '?' + reqs.slice(i, i + 128).map((r) => r.base).join('\n')).split('\t');
        if (a[0] !== '-1') { [idx, resolved, dataTag] = [String(+a[0] + i), a[1], a[2]]; break; }
      }
      const data = dataOf(dataTag), sh = sharedData();
      // ICU's default hour cycle: the region's preferred one (CLDR timeData)
      const parts = resolved.split('-'), lang = parts[0];
      const region = parts.slice(1).find((p) => /^([A-Z]{2}|[0-9]{3})$/.test(p)) || sh.regions[dataTag] || sh.regions[lang] || '001';
      const pref = sh.timeData[lang + '-' + region] || sh.timeData[region] || sh.timeData['001'] || 'H';
      const kw = +idx >= 0 ? reqs[+idx].kw : {};
      // -u-hc- sets ICU's default hour character too
      const hourChar = HC_CHAR[kw.hc] || ('hHkK'.includes(pref[0]) ? pref[0] : 'H');
      if (data.ctx === undefined) data.ctx = {};
      if (data.ctx[hourChar] === undefined) data.ctx[hourChar] = Object.assign(Object.create(data), { hourChar });
      return { resolved, data: data.ctx[hourChar], kw };
    }

    // ---- options -------------------------------------------------------
    const fields = ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName'];
    const allowed = {
      weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'],
      year: ['2-digit', 'numeric'], month: ['2-digit', 'numeric', 'narrow', 'short', 'long'],
      day: ['2-digit', 'numeric'], dayPeriod: ['narrow', 'short', 'long'], hour: ['2-digit', 'numeric'],
      minute: ['2-digit', 'numeric'], second: ['2-digit', 'numeric'],
      timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'],
      hourCycle: ['h11', 'h12', 'h23', 'h24'], dateStyle: ['full', 'long', 'medium', 'short'],
      timeStyle: ['full', 'long', 'medium', 'short'], localeMatcher: ['lookup', 'best fit'], formatMatcher: ['basic', 'best fit'],
    };
    const SKELETON = {
      weekday: { narrow: 'EEEEE', short: 'EEE', long: 'EEEE' }, era: { narrow: 'GGGGG', short: 'GGG', long: 'GGGG' },
      year: { '2-digit': 'yy', numeric: 'y' }, month: { '2-digit': 'MM', numeric: 'M', narrow: 'MMMMM', short: 'MMM', long: 'MMMM' },
      day: { '2-digit': 'dd', numeric: 'd' }, dayPeriod: { narrow: 'BBBBB', short: 'B', long: 'BBBB' },
      minute: { '2-digit': 'mm', numeric: 'm' }, second: { '2-digit': 'ss', numeric: 's' },
      timeZoneName: { short: 'z', long: 'zzzz', shortOffset: 'O', longOffset: 'OOOO', shortGeneric: 'v', longGeneric: 'vvvv' },
    };
    const RESOLVED = [
      ['weekday', [['EEEEE', 'narrow'], ['EEEE', 'long'], ['EEE', 'short'], ['ccccc', 'narrow'], ['cccc', 'long'], ['ccc', 'short']]],
      ['era', [['GGGGG', 'narrow'], ['GGGG', 'long'], ['GGG', 'short']]],
      ['year', [['yy', '2-digit'], ['y', 'numeric']]],
      ['month', [['MMMMM', 'narrow'], ['MMMM', 'long'], ['MMM', 'short'], ['MM', '2-digit'], ['M', 'numeric'],
        ['LLLLL', 'narrow'], ['LLLL', 'long'], ['LLL', 'short'], ['LL', '2-digit'], ['L', 'numeric']]],
      ['day', [['dd', '2-digit'], ['d', 'numeric']]],
      ['dayPeriod', [['BBBBB', 'narrow'], ['bbbbb', 'narrow'], ['BBBB', 'long'], ['bbbb', 'long'], ['B', 'short'], ['b', 'short']]],
      ['hour', [['HH', '2-digit'], ['H', 'numeric'], ['hh', '2-digit'], ['h', 'numeric'], ['kk', '2-digit'], ['k', 'numeric'], ['KK', '2-digit'], ['K', 'numeric']]],
      ['minute', [['mm', '2-digit'], ['m', 'numeric']]],
      ['second', [['ss', '2-digit'], ['s', 'numeric']]],
      ['fractionalSecondDigits', []],
      ['timeZoneName', [['zzzz', 'long'], ['z', 'short'], ['OOOO', 'longOffset'], ['O', 'shortOffset'], ['vvvv', 'longGeneric'], ['v', 'shortGeneric']]],
    ];
    function getOption(o, k) {
      let v = o[k];
      if (v === undefined) return undefined;
      if (k === 'fractionalSecondDigits') {
        v = Number(v);
        if (!(v >= 1 && v <= 3)) throw new RangeError('fractionalSecondDigits value is out of range.');
        return Math.floor(v);
      }
      v = String(v);
      if (!allowed[k].includes(v)) throw new RangeError(`Value ${v} out of range for Intl.DateTimeFormat options property ${k}`);
      return v;
    }
    const typeRe = /^[a-zA-Z0-9]{3,8}(-[a-zA-Z0-9]{3,8})*$/;
    function zoneAt(zone, ms) {
      const [name, off, abbr, mz, golden, dst, country, usesDST] = hostCall(H_INTL_TZ, zone + ',' + ms).split('\t');
      return { name, off: +off, abbr, mz, golden: golden === 'true', dst: dst === 'true', country, usesDST: usesDST === 'true' };
    }

    // required: 'date' | 'time' | 'any'; defaults: 'date' | 'time' | 'all'
    function setup(locales, options, required, defaults) {
      const list = locales === undefined ? [] : canonLocales(locales);
      const o = options === undefined ? {} : Object(options);
      getOption(o, 'localeMatcher');
      let calendar = o.calendar;
      if (calendar !== undefined) {
        calendar = String(calendar);
        if (!typeRe.test(calendar)) throw new RangeError(`Invalid calendar : ${calendar}`);
      }
      let nuOpt = o.numberingSystem;
      if (nuOpt !== undefined) {
        nuOpt = String(nuOpt);
        if (!typeRe.test(nuOpt)) throw new RangeError(`Invalid numberingSystem : ${nuOpt}`);
      }
      const hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
      const hcOpt = getOption(o, 'hourCycle');
      let tz = o.timeZone;
      tz = tz === undefined ? '' : String(tz);
      if (tz === '' && o.timeZone !== undefined) throw new RangeError('Invalid time zone specified: ');
      const zone = zoneAt(tz, 0).name;
      const opts = {};
      for (const k of fields) opts[k] = getOption(o, k);
      getOption(o, 'formatMatcher');
      const dateStyle = getOption(o, 'dateStyle'), timeStyle = getOption(o, 'timeStyle');

      const { resolved, data: d, kw } = resolveLocale(list);
      const ext = [];
      // calendar: gregorian only
      if ((calendar === undefined || calendar === 'gregory') && kw.ca === 'gregory') ext.push('ca-gregory');
      // numbering system: the decimal ones; an unsupported option drops the extension too
      const digits = sharedData().digits;
      let nu = d.nu;
      const nuExt = kw.nu !== undefined && digits[kw.nu] ? kw.nu : undefined;
      if (nuOpt !== undefined) { if (digits[nuOpt]) nu = nuOpt; } else if (nuExt !== undefined) nu = nuExt;
      // hour cycle: the option, else -u-hc; hour12 turns the default (-u-hc's, else the region's) to its 12 or 24 form
      const hcExt = allowed.hourCycle.includes(kw.hc) ? kw.hc : undefined;
      let hc = hour12 === undefined ? (hcOpt !== undefined ? hcOpt : hcExt) : undefined;
      if (hour12 !== undefined) {
        const def = hcExt || CHAR_HC[d.hourChar];
        const elevenOr23 = def === 'h11' || def === 'h23';
        hc = hour12 ? (elevenOr23 ? 'h11' : 'h12') : (elevenOr23 ? 'h23' : 'h24');
      }
      if (hcExt !== undefined && hc === hcExt) ext.push('hc-' + hcExt);
      if (nuExt !== undefined && nu === nuExt) ext.push('nu-' + nuExt);
      const r = { locale: resolved + (ext.length ? '-u-' + ext.join('-') : ''), calendar: 'gregory', numberingSystem: nu, timeZone: zone };

      let pattern;
      if (dateStyle !== undefined || timeStyle !== undefined) {
        for (const k of fields) {
          if (opts[k] !== undefined) throw new TypeError(`Can't set option ${k} when ${dateStyle !== undefined ? 'dateStyle' : 'timeStyle'} is used`);
        }
        if (required === 'date' && dateStyle === undefined) throw new TypeError('Invalid option : timeStyle');
        if (required === 'time' && timeStyle === undefined) throw new TypeError('Invalid option : dateStyle');
        pattern = stylePattern(d, dateStyle, timeStyle, timeStyle === undefined ? undefined : hc, hc !== undefined && hc === hcExt && hour12 === undefined && hcOpt === undefined);
      } else {
        let needDefaults = true;
        if (required === 'date' || required === 'any') {
          for (const k of ['weekday', 'year', 'month', 'day']) if (opts[k] !== undefined) needDefaults = false;
        }
        if (required === 'time' || required === 'any') {
          for (const k of ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits']) if (opts[k] !== undefined) needDefaults = false;
        }
        if (needDefaults && (defaults === 'date' || defaults === 'all')) opts.year = opts.month = opts.day = 'numeric';
        if (needDefaults && (defaults === 'time' || defaults === 'all')) opts.hour = opts.minute = opts.second = 'numeric';
        if (opts.hour === undefined) hc = undefined;
        let sk = '';
        for (const k of fields) {
          const v = opts[k];
          if (v === undefined) continue;
          if (k === 'hour') sk += (hc === undefined ? 'j' : HC_CHAR[hc]).repeat(v === '2-digit' ? 2 : 1);
          else if (k === 'fractionalSecondDigits') sk += 'S'.repeat(v);
          else sk += SKELETON[k][v];
        }
        // V8's order: the fraction after the zone name does not matter to the matcher
        pattern = replaceHourCycle(bestPattern(d, sk), hc);
      }
      const toks = tokenize(pattern);
      const pc = hourCycleOf(pattern);
      if (pc !== undefined) { r.hourCycle = pc; r.hour12 = pc === 'h11' || pc === 'h12'; }
      if (dateStyle === undefined && timeStyle === undefined) {
        // as V8 does: each field's first pattern string found anywhere in the pattern (quoted text too)
        for (const [k, pairs] of RESOLVED) {
          if (k === 'fractionalSecondDigits') {
            const n = (pattern.match(/S/g) || []).length;
            if (n) r[k] = n;
            continue;
          }
          for (const [sub, v] of pairs) if (pattern.includes(sub)) { r[k] = v; break; }
        }
      }
      if (dateStyle !== undefined) r.dateStyle = dateStyle;
      if (timeStyle !== undefined) r.timeStyle = timeStyle;
      return { r, tz: zone, toks, pattern, d, digits: nu === 'latn' ? null : digits[nu] };
    }

    // ---- formatting ----------------------------------------------------
    const pad = (n, w) => String(n).padStart(w, '0');
    function localDigits(s, t) {
      if (s.digits === null) return t;
      const ds = s.digitList || (s.digitList = Array.from(s.digits)); // hanidec's are not consecutive
      return t.replace(/[0-9]/g, (c) => ds[c.charCodeAt(0) - 48]);
    }
    function gmtName(s, off, long) {
      const tz = s.d.tz; // V8 shows a zero offset as +0 too, never tz.z
      const [pos, neg] = tz.h.split(';');
      let p = off < 0 ? neg : pos;
      const a = Math.abs(off), h = Math.floor(a / 3600), m = Math.floor((a % 3600) / 60), sec = a % 60;
      const sep = (/H+([^Hm]*)m/.exec(p) || [, ':'])[1];
      if (sec) p = p.replace('mm', 'mm' + sep + 'ss');
      if (long) p = p.replace(/H+/, 'HH');
      else {
        p = p.replace(/HH/, 'H');
        if (m === 0 && !sec) p = p.slice(0, p.indexOf('H') + 1); // ICU truncates after the hours
      }
      const text = p.replace(/HH|H/, (x) => (x === 'HH' ? pad(h, 2) : String(h))).replace('mm', pad(m, 2)).replace('ss', pad(sec, 2));
      return tz.g.replace('{0}', localDigits(s, text));
    }
    // ICU's generic location format: "Germany Time" for a country's only or
    // primary zone, else the city ("New York Time")
    function locationName(s, z) {
      const tz = s.d.tz, c = z.country || '';
      if (!c && (z.name.startsWith('Etc/') || !z.name.includes('/'))) return undefined; // no place to name
      if (c.endsWith('*')) {
        const name = s.d.T[c.slice(0, -1)];
        if (name) return tz.r.replace('{0}', name);
      }
      const id = z.name;
      const zn = tz.zn[id];
      const city = (zn && zn[6]) || id.slice(id.lastIndexOf('/') + 1).replace(/_/g, ' ');
      return tz.r.replace('{0}', city);
    }
    function zoneName(s, z, f) {
      const tz = s.d.tz;
      const id = z.name === 'UTC' ? 'Etc/UTC' : z.name;
      const zn = tz.zn[id], mz = z.mz ? tz.mz[z.mz] : undefined;
      const c = f[0], long = f.length >= 4;
      const pick = (i) => (zn && zn[i]) || (mz && mz[i]);
      if (c === 'z') {
        const n = pick((long ? 0 : 3) + (z.dst ? 1 : 0));
        if (n) return n;
        return gmtName(s, z.off, long);
      }
      if (c === 'v') {
        // a zone without daylight time that year is named by its standard name, as ICU does
        const n = z.usesDST || !mz ? pick(long ? 2 : 5) : pick(long ? 0 : 3);
        if (n) return n;
        return locationName(s, z) || gmtName(s, z.off, long);
      }
      return gmtName(s, z.off, long);
    }
    function dayPeriod(s, hh, mm, ss, f) {
      const d = s.d, n = f.length, w = n === 4 ? 0 : n === 5 ? 2 : 1;
      const ampm = () => d.P[w][hh < 12 ? 'am' : 'pm'];
      if (f[0] === 'a') return ampm();
      if (f[0] === 'b') {
        if (hh === 12 && mm === 0 && ss === 0 && d.P[w].noon) return d.P[w].noon;
        return ampm();
      }
      const rules = d.rules;
      if (!rules) return ampm();
      let period;
      if (hh === 12 && mm === 0 && ss === 0 && rules.noon) period = 'noon';
      else {
        const t = hh * 60;
        for (const [k, v] of Object.entries(rules)) {
          if (v.length !== 2) continue;
          const from = +v[0].slice(0, 2) * 60, before = +v[1].slice(0, 2) * 60;
          if (from < before ? t >= from && t < before : t >= from || t < before) { period = k; break; }
        }
      }
      const name = period && period !== 'am' && period !== 'pm' ? d.P[w][period] : undefined;
      return name || ampm();
    }
    function timeValue(date) {
      let t = date === undefined ? Date.now() : Number(date);
      if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) throw new RangeError('Invalid time value');
      return Math.trunc(t);
    }
    function toParts(s, date) { return partsOf(s, s.toks, timeValue(date)); }
    function partsOf(s, toks, t) {
      const z = zoneAt(s.tz, t);
      const dt = new Date(t + z.off * 1000);
      const Y = dt.getUTCFullYear(), M = dt.getUTCMonth(), D = dt.getUTCDate(), W = dt.getUTCDay();
      const hh = dt.getUTCHours(), mm = dt.getUTCMinutes(), ss = dt.getUTCSeconds(), ms = dt.getUTCMilliseconds();
      const d = s.d, out = [];
      const num = (v, n) => localDigits(s, pad(v, n));
      const width = (n) => (n === 4 ? 0 : n === 5 ? 2 : 1);
      for (const tok of toks) {
        if (tok.f === undefined) { out.push({ type: 'literal', value: tok.t }); continue; }
        const f = tok.f, c = f[0], n = f.length;
        let type, value;
        switch (c) {
          case 'G': type = 'era'; value = d.G[width(n)][Y <= 0 ? 0 : 1]; break;
          case 'y': case 'Y': case 'u': {
            type = 'year';
            const y = c === 'u' ? Y : Y <= 0 ? 1 - Y : Y;
            value = n === 2 ? num(y % 100, 2) : num(y, n);
            break;
          }
          case 'M': case 'L':
            type = 'month';
            value = n <= 2 ? num(M + 1, n) : d.M[(c === 'L' ? 3 : 0) + width(n)][M];
            break;
          case 'd': type = 'day'; value = num(D, n); break;
          case 'E': type = 'weekday'; value = d.D[n === 6 ? 1 : width(n)][W]; break;
          case 'c': case 'e':
            type = 'weekday';
            value = n <= 2 ? num(((W - 1 + 7) % 7) + 1, n) : d.D[(c === 'c' ? 3 : 0) + (n === 6 ? 1 : width(n))][W];
            break;
          case 'a': case 'b': case 'B': type = 'dayPeriod'; value = dayPeriod(s, hh, mm, ss, f); break;
          case 'h': type = 'hour'; value = num(hh % 12 || 12, n); break;
          case 'H': type = 'hour'; value = num(hh, n); break;
          case 'K': type = 'hour'; value = num(hh % 12, n); break;
          case 'k': type = 'hour'; value = num(hh || 24, n); break;
          case 'm': type = 'minute'; value = num(mm, n); break;
          case 's': type = 'second'; value = num(ss, n); break;
          case 'S': type = 'fractionalSecond'; value = localDigits(s, pad(ms, 3).padEnd(n, '0').slice(0, n)); break;
          case 'z': case 'v': case 'O': type = 'timeZoneName'; value = zoneName(s, z, f); break;
          default: type = 'literal'; value = f;
        }
        out.push({ type, value });
      }
      // adjacent literals merge, as ICU's field iterator gives them
      const merged = [];
      for (const p of out) {
        const last = merged[merged.length - 1];
        if (p.type === 'literal' && last !== undefined && last.type === 'literal') last.value += p.value;
        else merged.push(p);
      }
      return merged;
    }

    // ---- ranges: ICU's DateIntervalFormat over CLDR's intervalFormats ----
    const FIELD_LETTER = { era: 'G', year: 'y', month: 'M', day: 'd', ampm: 'a', hour: 'h', minute: 'm' };
    const LEVEL = { G: 0, y: 10, Y: 10, u: 10, U: 10, r: 10, Q: 20, q: 20, M: 20, L: 20, l: 20, w: 30, W: 30, d: 30, D: 30, F: 30, E: 30, e: 30, c: 30, g: 30,
      a: 40, b: 40, B: 40, h: 50, H: 50, k: 50, K: 50, m: 60, s: 70, S: 80, A: 80 };
    const FIELD_LEVEL = { era: 0, year: 10, month: 20, day: 30, ampm: 40, hour: 50, minute: 60, second: 70 };
    // SimpleDateFormat::isFieldUnitIgnored: the pattern has nothing as fine as field
    function unitIgnored(pattern, field) {
      const level = FIELD_LEVEL[field];
      for (const tok of tokenize(pattern)) if (tok.f !== undefined && LEVEL[tok.f[0]] !== undefined && LEVEL[tok.f[0]] >= level) return false;
      return true;
    }
    const widths = (sk) => { const w = {}; for (const c of sk) w[c] = (w[c] || 0) + 1; return w; };
    // DateIntervalInfo::getBestSkeleton: [best skeleton, differenceInfo]
    function bestIntervalSkeleton(d, skeleton) {
      let input = skeleton, replaced = false;
      if (/[zkKab]/.test(skeleton)) {
        input = skeleton.replace(/z/g, 'v').replace(/k/g, 'H').replace(/K/g, 'h').replace(/[ab]/g, '');
        replaced = true;
      }
      const iw = widths(input);
      let best = null, bestDist = Infinity, info = 0;
      for (const k of Object.keys(d.iv)) {
        if (k === 'intervalFormatFallback') continue;
        const kw = widths(k);
        let dist = 0, diff = 1;
        for (const c of new Set([...Object.keys(iw), ...Object.keys(kw)])) {
          const a = iw[c] || 0, b = kw[c] || 0;
          if (a === b) continue;
          if (a === 0 || b === 0) { diff = -1; dist += 0x1000; }
          else if (c === 'M' && ((a <= 2 && b > 2) || (a > 2 && b <= 2))) dist += 0x100;
          else dist += Math.abs(a - b);
        }
        if (dist < bestDist) { best = k; bestDist = dist; info = diff; }
        if (dist === 0) { info = 0; break; }
      }
      if (replaced && info !== -1) info = 2;
      return [best, info];
    }
    // DateIntervalFormat::adjustFieldWidth
    function adjustWidth(input, best, pattern, info) {
      let p = pattern;
      const iw = widths(input), bw = widths(best);
      if (info === 2) {
        if (input.includes('z')) { bw.z = bw.v; p = p.replace(/v/g, 'z'); }
        if (input.includes('K')) p = p.replace(/h/g, 'K');
        if (input.includes('k')) p = p.replace(/H/g, 'k');
        if (input.includes('b')) p = p.replace(/a/g, 'b');
      }
      if (p.includes('a') && !bw.a) bw.a = 1;
      if (p.includes('b') && !bw.b) bw.b = 1;
      let out = '', inQuote = false, prev = '', count = 0;
      const flush = () => {
        const c = prev === 'L' ? 'M' : prev;
        if (count > 0 && (bw[c] || 0) === count && (iw[c] || 0) > count) out += prev.repeat(iw[c] - count);
        count = 0;
      };
      for (let i = 0; i < p.length; i++) {
        const ch = p[i];
        if (ch !== prev && count > 0) flush();
        if (ch === "'") {
          if (p[i + 1] === "'") { out += "''"; i++; continue; }
          inQuote = !inQuote;
        } else if (!inQuote && /[A-Za-z]/.test(ch)) { prev = ch; count++; }
        out += ch;
      }
      flush();
      return out;
    }
    // DateIntervalFormat::splitPatternInto2Part
    function splitInterval(p) {
      const seen = new Set();
      let inQuote = false, prev = '', count = 0, i = 0, repeated = false;
      for (; i < p.length; i++) {
        const ch = p[i];
        if (ch !== prev && count > 0) {
          if (seen.has(prev)) { repeated = true; break; }
          seen.add(prev);
          count = 0;
        }
        if (ch === "'") {
          if (p[i + 1] === "'") i++;
          else inQuote = !inQuote;
        } else if (!inQuote && /[A-Za-z]/.test(ch)) { prev = ch; count++; }
      }
      if (count > 0 && !repeated && !seen.has(prev)) count = 0;
      const at = i - count;
      return [p.slice(0, at), p.slice(at)];
    }
    function intervalPatterns(s) {
      if (s.iv) return s.iv;
      const d = s.d, out = {};
      const skeleton = matcher(s.pattern).key;
      // getDateTimeSkeleton
      let date = '', ndate = '', time = '', ntime = '', hourChar = '';
      const cnt = {};
      for (const ch of skeleton) {
        if ('EdMy'.includes(ch)) { date += ch; cnt[ch] = (cnt[ch] || 0) + 1; }
        else if ('GYuQqLlWwDFgecUr'.includes(ch)) { ndate += ch; date += ch; }
        else if ('hHkK'.includes(ch)) { time += ch; if (!hourChar) hourChar = ch; }
        else if (ch === 'm' || ch === 'z' || ch === 'v') { time += ch; cnt[ch] = (cnt[ch] || 0) + 1; }
        else if ('aVZjsSAbB'.includes(ch)) { time += ch; ntime += ch; }
      }
      if (cnt.y) ndate += 'y'.repeat(cnt.y);
      if (cnt.M) ndate += cnt.M < 3 ? 'M' : 'M'.repeat(Math.min(cnt.M, 5));
      if (cnt.E) ndate += cnt.E <= 3 ? 'E' : 'E'.repeat(Math.min(cnt.E, 6));
      if (cnt.d) ndate += 'd';
      if (hourChar) ntime += hourChar === 'K' ? 'h' : hourChar === 'k' ? 'H' : hourChar;
      if (cnt.m) ntime += 'm';
      if (cnt.z) ntime += 'z';
      if (cnt.v) ntime += 'v';
      const glue = time && date ? d.dtf[2] : undefined;
      s.ivPattern = bestPattern(d, skeleton, true); // ICU's own format for the skeleton
      const set = (field, p) => { const [a, b] = splitInterval(p); out[field] = { first: a, second: b }; };
      const setFallback = (field, p) => { out[field] = { first: '', second: p }; };
      const intervalOf = (sk, field) => { // CLDR keys them by letter: h and H are both the hour, a and B the day period
        const e = d.iv[sk] || {};
        return field === 'hour' ? e.h ?? e.H ?? e.K ?? e.k : field === 'ampm' ? e.a ?? e.B ?? e.b : e[FIELD_LETTER[field]];
      };
      // setSeparateDateTimePtn
      let found = false;
      const sk = ntime || ndate;
      let [best, info] = bestIntervalSkeleton(d, sk);
      if (best !== null) {
        if (date) s.datePattern = bestPattern(d, date, true);
        if (time) s.timePattern = bestPattern(d, time, true);
        if (info !== -1) {
          found = true;
          const setInterval = (field, skel, bst, ext) => {
            let p = intervalOf(bst, field);
            if (p === undefined) {
              if (unitIgnored(bst, field)) return false;
              if (field === 'ampm') {
                p = intervalOf(bst, 'hour');
                if (p !== undefined) set(field, info !== 0 ? adjustWidth(skel, bst, p, info) : p);
                return false;
              }
              if (ext) {
                ext.skel = FIELD_LETTER[field] + skel;
                ext.best = FIELD_LETTER[field] + bst;
                p = intervalOf(ext.best, field);
                if (p === undefined && info === 0) {
                  const [tmp, tinfo] = bestIntervalSkeleton(d, ext.best);
                  info = tinfo;
                  if (tmp !== null && tinfo !== -1) { p = intervalOf(tmp, field); bst = tmp; }
                }
              }
            }
            if (p !== undefined) {
              set(field, info !== 0 ? adjustWidth(skel, bst, p, info) : p);
              if (ext && ext.skel) return true;
            }
            return false;
          };
          if (!time) {
            let skel = sk, bst = best;
            const ext = {};
            setInterval('day', skel, bst, ext);
            const e2 = {};
            if (setInterval('month', skel, bst, e2)) { skel = e2.skel; bst = e2.best; }
            setInterval('year', skel, bst, {});
            setInterval('era', skel, bst, {});
          } else {
            setInterval('minute', sk, best);
            setInterval('hour', sk, best);
            setInterval('ampm', sk, best);
          }
        }
      }
      if (!found) {
        if (time && !date) {
          const p = bestPattern(d, 'yMd' + time, true);
          for (const f of ['day', 'month', 'year']) setFallback(f, p);
          setFallback('era', bestPattern(d, 'GyMd' + time, true));
        }
      } else if (time && !date) {
        const p = bestPattern(d, 'yMd' + time, true);
        for (const f of ['day', 'month', 'year']) setFallback(f, p);
        setFallback('era', bestPattern(d, 'GyMd' + time, true));
      } else if (time && date) {
        let skel = skeleton;
        for (const [f, c] of [['day', 'd'], ['month', 'M'], ['year', 'y'], ['era', 'G']]) {
          if (!date.includes(c)) { skel = c + skel; setFallback(f, bestPattern(d, skel, true)); }
        }
        const datePattern = bestPattern(d, date, true);
        for (const f of ['ampm', 'hour', 'minute']) {
          const ip = out[f];
          if (ip && ip.first) set(f, glue.replace('{0}', ip.first + ip.second).replace('{1}', datePattern));
        }
      }
      s.ivGlue = glue;
      s.iv = out;
      return out;
    }
    // the parts of one range, each with its source
    function rangeParts(s, x, y) {
      const t0 = timeValue(x), t1 = timeValue(y);
      const f0 = fieldsAt(s, t0), f1 = fieldsAt(s, t1);
      let field;
      for (const k of ['era', 'year', 'month', 'day', 'ampm', 'hour', 'minute', 'second']) if (f0[k] !== f1[k]) { field = k; break; }
      const single = () => { const r = toParts(s, t0).map(tagShared); r.single = true; return r; };
      if (field === undefined) return single();
      const iv = intervalPatterns(s);
      const sameDay = field === 'ampm' || field === 'hour' || field === 'minute' || field === 'second';
      const fallbackSep = s.d.iv.intervalFormatFallback || '{0} – {1}';
      const fallback = (full) => { // DateIntervalFormat::fallbackFormat
        const range = (p) => {
          const toks = tokenize(p);
          const [pre, rest] = fallbackSep.split('{0}');
          const [mid, post] = rest.split('{1}');
          return [lit(pre), partsOf(s, toks, t0).map(tag0), lit(mid), partsOf(s, toks, t1).map(tag1), lit(post)].flat();
        };
        if (sameDay && s.datePattern && s.timePattern) {
          const g = s.ivGlue || s.d.dtf[2];
          const i0 = g.indexOf('{0}'), i1 = g.indexOf('{1}');
          const date = partsOf(s, tokenize(s.datePattern), t0).map(tagShared);
          const time = range(s.timePattern);
          const a = g.slice(0, Math.min(i0, i1)), b = g.slice(Math.min(i0, i1) + 3, Math.max(i0, i1)), c = g.slice(Math.max(i0, i1) + 3);
          return i0 < i1 ? [lit(a), time, lit(b), date, lit(c)].flat() : [lit(a), date, lit(b), time, lit(c)].flat();
        }
        return range(full);
      };
      const ip = iv[field];
      let parts;
      if (ip === undefined || (!ip.first && !ip.second)) {
        if (unitIgnored(s.ivPattern, field)) return single();
        parts = fallback(s.ivPattern);
      } else if (!ip.first) parts = fallback(ip.second);
      else {
        const a = partsOf(s, tokenize(ip.first), t0), b = ip.second ? partsOf(s, tokenize(ip.second), t1) : [];
        // the fields both dates show are the ranges; the rest is shared
        const types = (ps) => new Set(ps.filter((p) => p.type !== 'literal').map((p) => p.type));
        const ta = types(a), tb = types(b);
        const both = new Set([...ta].filter((t) => tb.has(t)));
        const mark = (ps, src) => {
          let lo = -1, hi = -1;
          ps.forEach((p, i) => { if (both.has(p.type)) { if (lo < 0) lo = i; hi = i; } });
          return ps.map((p, i) => ({ ...p, source: i >= lo && i <= hi && lo >= 0 ? src : 'shared' }));
        };
        parts = [...mark(a, 'startRange'), ...mark(b, 'endRange')];
      }
      // adjacent literals of one source merge
      const merged = [];
      for (const p of parts) {
        if (p.value === '') continue;
        const last = merged[merged.length - 1];
        if (p.type === 'literal' && last !== undefined && last.type === 'literal' && last.source === p.source) last.value += p.value;
        else merged.push(p);
      }
      return merged;
    }
    const lit = (v) => (v ? [{ type: 'literal', value: v, source: 'shared' }] : []);
    const tag0 = (p) => ({ ...p, source: 'startRange' }), tag1 = (p) => ({ ...p, source: 'endRange' });
    const tagShared = (p) => ({ ...p, source: 'shared' });
    function fieldsAt(s, t) {
      const z = zoneAt(s.tz, t);
      const dt = new Date(t + z.off * 1000);
      const Y = dt.getUTCFullYear(), hh = dt.getUTCHours();
      return { era: Y <= 0 ? 0 : 1, year: Y, month: dt.getUTCMonth(), day: dt.getUTCDate(), ampm: hh < 12 ? 0 : 1, hour: hh % 12, minute: dt.getUTCMinutes(), second: dt.getUTCSeconds() };
    }
    function rangeArgs(x, y) {
      if (x === undefined || y === undefined) throw new TypeError('Invalid time value');
      return [x, y];
    }

    // V8 gives format() (not formatToParts) U+202F as plain spaces
    const formatText = (s, date) => toParts(s, date).map((p) => p.value).join('').replace(/\u202f/g, ' ');

    // ---- the class -----------------------------------------------------
    const slots = new WeakMap();
    function slotsOf(f, method) {
      const s = slots.get(f);
      if (s === undefined) throw new TypeError(`Method Intl.DateTimeFormat.prototype.${method} called on incompatible receiver ${String(f)}`);
      return s;
    }
    function supported(locales) {
      if (locales === undefined) return [];
      return canonLocales(locales).filter((l) => hostCall(H_INTL_DATES, '?' + splitTag(l).base).split('\t')[0] === '0');
    }
    class DateTimeFormat {
      constructor(locales, options) {
        slots.set(this, setup(locales, options, 'any', 'date'));
      }
      get format() {
        const s = slotsOf(this, 'format');
        if (s.bound === undefined) {
          s.bound = (date) => formatText(s, date);
        }
        return s.bound;
      }
      formatToParts(date) { return toParts(slotsOf(this, 'formatToParts'), date); }
      formatRange(startDate, endDate) {
        const s = slotsOf(this, 'formatRange');
        const [x, y] = rangeArgs(startDate, endDate);
        const parts = rangeParts(s, x, y), text = parts.map((p) => p.value).join('');
        return parts.single ? text.replace(/\u202f/g, ' ') : text; // as V8: a single date is format()'s
      }
      formatRangeToParts(startDate, endDate) {
        const s = slotsOf(this, 'formatRangeToParts');
        const [x, y] = rangeArgs(startDate, endDate);
        return rangeParts(s, x, y);
      }
      resolvedOptions() { return { ...slotsOf(this, 'resolvedOptions').r }; }
      static supportedLocalesOf(locales) { return supported(locales); }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Intl.DateTimeFormat', configurable: true });
      }
    }
    const dateString = (required, defaults) => function (locales, options) {
      if (!isDate(this)) throw new TypeError('this is not a Date object.');
      const t = this.getTime();
      if (Number.isNaN(t)) return 'Invalid Date';
      return formatText(setup(locales, options, required, defaults), t);
    };
    return {
      DateTimeFormat: callable(DateTimeFormat),
      toLocaleString: dateString('any', 'all'),
      toLocaleDateString: dateString('date', 'date'),
      toLocaleTimeString: dateString('time', 'time'),
    };
  }

  // Date#toString and #toTimeString end with the zone's English name, as
  // node's do: "GMT+0000 (Coordinated Universal Time)". Local time in the
  // engine is UTC, so that is the name; another offset gets none.
  function installDateZoneNames() {
    const toStr = Date.prototype.toString, toTime = Date.prototype.toTimeString;
    let utcName;
    const named = (text, d) => {
      if (text === 'Invalid Date' || Date.prototype.getTimezoneOffset.call(d) !== 0) return text;
      if (utcName === undefined) utcName = new (intlMod().Intl.DateTimeFormat)('en-US', { timeZone: 'UTC', timeZoneName: 'long' }).formatToParts(0).find((p) => p.type === 'timeZoneName').value;
      return `${text} (${utcName})`;
    };
    const check = (d, k) => {
      if (isDate(d)) return;
      const what = (typeof d === 'object' && d !== null) || typeof d === 'function'
        ? `#<${(d.constructor && typeof d.constructor.name === 'string' && d.constructor.name) || 'Object'}>` : String(d);
      throw new TypeError(`Method Date.prototype.${k} called on incompatible receiver ${what}`);
    };
    const m = {
      toString() { check(this, 'toString'); return named(toStr.call(this), this); },
      toTimeString() { check(this, 'toTimeString'); return named(toTime.call(this), this); },
    };
    for (const k of ['toString', 'toTimeString']) {
      Object.defineProperty(Date.prototype, k, { value: m[k], writable: true, configurable: true });
    }
  }
