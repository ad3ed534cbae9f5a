package jsengine

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// prelude/77-intl-text.js: Intl.Segmenter, Intl.Locale, Intl.DisplayNames,
// Intl.supportedValuesOf and the shared locale canonicalizer.
// testdata/node/intl_{segmenter,locale,displaynames}.js compare them with
// node; TestSegmentUnicodeCases runs Unicode's own conformance cases.
func TestPreludeIntlText(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "word segments across windows",
			code: `const t = 'ab cd, '.repeat(40000); const w = [...new Intl.Segmenter('en', {granularity: 'word'}).segment(t)]; [w.length, w.filter((x) => x.isWordLike).length, w.every((x, i) => i === 0 || x.index === w[i - 1].index + w[i - 1].segment.length)]`,
			want: `[200000,80000,true]`},
		{name: "graphemes across windows",
			code: `const t = 'x👨‍👩‍👧'.repeat(30000); const g = new Intl.Segmenter().segment(t); [[...g].length, g.containing(t.length - 1).segment, g.containing(65536).index]`,
			want: `[60000,"👨‍👩‍👧",65530]`},
		{name: "sentences across windows",
			code: `const t = 'One two. Three four? '.repeat(10000); [...new Intl.Segmenter('en', {granularity: 'sentence'}).segment(t)].length`,
			want: `20000`},
		{name: "a hostile run of marks ends",
			code: `const t = 'a' + '\u0301'.repeat(300000) + 'b'; const s = [...new Intl.Segmenter().segment(t)]; [s.length < 8, s.map((x) => x.segment).join('') === t, s[s.length - 1].segment]`,
			want: `[true,true,"b"]`},
		{name: "containing far before iterating",
			code: `const t = 'word '.repeat(50000); new Intl.Segmenter('en', {granularity: 'word'}).segment(t).containing(249998)`,
			want: `{"segment":"word","index":249995,"input":"` + strings.Repeat("word ", 50000) + `","isWordLike":true}`},
		{name: "hostile tags stay cheap",
			code: `const long = 'en-' + Array.from({length: 200000}, (_, i) => 'v' + String(i).padStart(7, '0')).join('-'); [long, 'a'.repeat(1e6), 'en-' + 'x'.repeat(1e6)].map((t) => { try { new Intl.Locale(t); return 'ok' } catch (e) { return e.name } })`,
			want: `["RangeError","RangeError","RangeError"]`},
		{name: "long codes to DisplayNames",
			code: `const d = new Intl.DisplayNames('en', {type: 'language', fallback: 'none'}); [d.of('en-' + Array.from({length: 30}, (_, i) => 'var' + String(i).padStart(5, '0')).join('-')), new Intl.DisplayNames('en', {type: 'calendar'}).of('abc-'.repeat(100) + 'abc').length]`,
			want: `[null,403]`},
		{name: "locale data answers",
			code: `const l = new Intl.Locale('ja-JP'); [l.weekInfo.firstDay, l.timeZones, l.hourCycles, new Intl.Locale('ar-EG').numberingSystems, new Intl.DisplayNames('zh-TW', {type: 'region'}).of('US'), new Intl.DisplayNames('it', {type: 'region'}).of('US'), Intl.supportedValuesOf('timeZone').includes('Asia/Tokyo')]`,
			want: `[7,["Asia/Tokyo"],["h23"],["arab"],"美國","Stati Uniti",true]`},
		{name: "lone surrogates",
			code: `[...new Intl.Segmenter().segment('a\ud800b\udc00')].map((x) => x.index)`,
			want: `[0,1,2,3]`},
	})
}

func TestIntlSegmentHostBounds(t *testing.T) {
	ctx := context.Background()
	for _, arg := range []string{"", "G", "X0abc", "G0" + strings.Repeat("a", maxSegmentWindow+1)} {
		if _, err := intlSegment(ctx, nil, []byte(arg)); err == nil {
			t.Errorf("%.20q: no error", arg)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := intlSegment(cctx, nil, []byte("G0abc")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	out, err := intlSegment(ctx, nil, []byte("W1"+strings.Repeat("ab ", 100)))
	if err != nil || strings.HasSuffix(string(out), "300") {
		t.Errorf("more to follow: the window's end is no boundary: %q %v", out, err)
	}
}

// FuzzIntlLocale: no request to intl.locale panics, and none answers more
// than a bounded amount.
func FuzzIntlLocale(f *testing.F) {
	for _, s := range []string{"avail\ten", "max\tund-Arab", "min\tzh-Hant-TW", "info\tkk-CN\ttextInfo", "info\tund\tweekInfo",
		"name\ten\tlanguage\tlong\ten-Latn-US-posix", "name\tde-AT\tregion\tshort\tUS", "name\tit\tscript\tlong\tLatn", "values\ttimeZone", "name\tja\tlanguage-standard\tnarrow\tx-(-)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		out, err := intlLocale(context.Background(), nil, []byte(arg))
		if err == nil && len(out) > 64<<10 {
			t.Fatalf("%q: %d bytes", arg, len(out))
		}
	})
}
