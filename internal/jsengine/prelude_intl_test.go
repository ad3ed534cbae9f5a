package jsengine

import (
	"context"
	"strings"
	"testing"
)

// prelude/75-intl.js: Intl.DateTimeFormat over the host's time zones
// (intl_tz.go). testdata/node/intl_datetime.js compares its output with
// node's for eight zones and every option shape.
func TestPreludeIntl(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "global", code: `[typeof Intl, Object.keys(globalThis).includes('Intl'), Object.prototype.toString.call(Intl)]`,
			want: `["object",false,"[object Intl]"]`},
		{name: "time zone offsets", code: `const f = new Intl.DateTimeFormat('en-US', {timeZone: 'America/New_York', hour: 'numeric', timeZoneName: 'short'}); [f.format(Date.UTC(2026, 0, 1, 12)), f.format(Date.UTC(2026, 6, 1, 12))]`,
			want: `["7 AM EST","8 AM EDT"]`},
		{name: "default zone resolves", code: `const z = new Intl.DateTimeFormat().resolvedOptions().timeZone; [typeof z, z.length > 0, new Intl.DateTimeFormat('en-US', {timeZone: z}).resolvedOptions().timeZone === z]`,
			want: `["string",true,true]`},
		{name: "invalid zone", code: `try { new Intl.DateTimeFormat('en-US', {timeZone: 'Mars/Olympus'}) } catch (e) { [e.name, e.message] }`,
			want: `["RangeError","Invalid time zone specified: Mars/Olympus"]`},
		{name: "no paths as zones", code: `['../../etc/passwd', '/etc/localtime', 'Local', ''].map((z) => { try { new Intl.DateTimeFormat('en-US', {timeZone: z}); return 'ok' } catch (e) { return e.name } })`,
			want: `["RangeError","RangeError","RangeError","RangeError"]`},
		{name: "style conflict", code: `try { new Intl.DateTimeFormat('en-US', {dateStyle: 'short', hour: 'numeric'}) } catch (e) { [e.name, e.message] }`,
			want: `["TypeError","Can't set option hour when dateStyle is used"]`},
		{name: "bad option", code: `try { new Intl.DateTimeFormat('en-US', {month: 'longest'}) } catch (e) { e.name }`,
			want: `"RangeError"`},
		{name: "incompatible receiver", code: `try { Intl.DateTimeFormat.prototype.formatToParts.call({}, 0) } catch (e) { e.name }`,
			want: `"TypeError"`},
		{name: "callable without new", code: `Intl.DateTimeFormat('en-US', {timeZone: 'Asia/Tokyo'}).format(0)`,
			want: `"1/1/1970"`},
		{name: "date methods", code: `const d = new Date(Date.UTC(2026, 2, 1, 15, 4, 5)); [d.toLocaleString('en-US', {timeZone: 'Europe/Berlin'}), d.toLocaleDateString('en-US', {timeZone: 'Pacific/Kiritimati'}), d.toLocaleTimeString('en-US', {timeZone: 'UTC'}), new Date(NaN).toLocaleString()]`,
			want: `["3/1/2026, 4:04:05 PM","3/2/2026","3:04:05 PM","Invalid Date"]`},
		{name: "date method receiver", code: `try { Date.prototype.toLocaleString.call({}) } catch (e) { e.name }`,
			want: `"TypeError"`},
		{name: "number format", code: `[new Intl.NumberFormat('de-DE').format(1234567.891), (0.256).toLocaleString('tr', {style: 'percent'}), (1234.5).toLocaleString('fr-FR').replace('\u202f', '_'), (1.005).toLocaleString('en-US', {maximumFractionDigits: 2})]`,
			want: `["1.234.567,891","%26","1_234,5","1.01"]`},
		{name: "number format, currency and unit need their code", code: `['currency', 'unit'].map((style) => { try { new Intl.NumberFormat('en-US', {style}); return 'ok' } catch (e) { return e.name } })`,
			want: `["TypeError","TypeError"]`},
		{name: "number format, bad locale", code: `try { new Intl.NumberFormat('not a locale') } catch (e) { [e.name, e.message] }`,
			want: `["RangeError","Incorrect locale information provided"]`},
		{name: "number format, fraction range", code: `try { new Intl.NumberFormat('en', {minimumFractionDigits: 3, maximumFractionDigits: 1}) } catch (e) { [e.name, e.message] }`,
			want: `["RangeError","maximumFractionDigits value is out of range."]`},
		{name: "plural rules", code: `const p = new Intl.PluralRules('ru'); [p.select(1), p.select(3), p.select(5), p.select(1.5), new Intl.PluralRules('en-US', {type: 'ordinal'}).select(22)]`,
			want: `["one","few","many","other","two"]`},
		{name: "plural rules need new", code: `try { Intl.PluralRules() } catch (e) { [e.name, e.message] }`,
			want: `["TypeError","Constructor Intl.PluralRules requires 'new'"]`},
		{name: "localeCompare", code: `[['b', 'a', 'B', 'A', 'ä'].sort((x, y) => x.localeCompare(y)), 'ä'.localeCompare('z', 'sv'), 'ä'.localeCompare('z', 'de'), ['item10', 'item2'].sort(new Intl.Collator('en', {numeric: true}).compare)]`,
			want: `[["a","A","ä","b","B"],1,-1,["item2","item10"]]`},
		{name: "localeCompare, long strings by code units", code: `const s = 'a'.repeat(200000); [(s + 'B').localeCompare(s + 'a'), (s + 'b').localeCompare(s + 'a')]`,
			want: `[-1,1]`},
		{name: "collator option", code: `try { new Intl.Collator('en', {sensitivity: 'x'}) } catch (e) { [e.name, e.message] }`,
			want: `["RangeError","Value x out of range for Intl.Collator options property sensitivity"]`},
		{name: "locale methods' lengths", code: `[Date.prototype.toLocaleString, Date.prototype.toLocaleDateString, Date.prototype.toLocaleTimeString, Number.prototype.toLocaleString, BigInt.prototype.toLocaleString, String.prototype.localeCompare, String.prototype.toLocaleUpperCase, String.prototype.toLocaleLowerCase].map((f) => f.length)`,
			want: `[0,0,0,0,0,1,0,0]`}, // node's, ECMA-402's
		{name: "canonical locales", code: `[Intl.getCanonicalLocales(['EN-us', 'en-US', 'zh-hant-tw']), Intl.DateTimeFormat.supportedLocalesOf('de-de')]`,
			want: `[["en-US","zh-Hant-TW"],["de-DE"]]`},
	})
}

func TestIntlNumberSymbols(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"en-US", "en-US\t.\t,\t3\t3\t1\t\t%\t-\t0\tNaN"},
		{"hi-IN", "hi-IN\t.\t,\t3\t2\t1\t\t%\t-\t0\tNaN"},
		{"es", "es\t,\t.\t3\t3\t2\t\t\u00a0%\t-\t0\tNaN"},
	} {
		got, err := intlNumSyms(context.Background(), nil, []byte(c.arg))
		if err != nil || string(got) != c.want {
			t.Errorf("%q: %q, %v; want %q", c.arg, got, err, c.want)
		}
	}
	if _, err := intlNumSyms(context.Background(), nil, []byte("x-"+strings.Repeat("a", 200))); err == nil {
		t.Error("an overlong tag was accepted")
	}
}

func TestIntlHostZone(t *testing.T) {
	for _, c := range []struct{ arg, want, err string }{
		{"UTC,0", "UTC\t0\tUTC\t\tfalse\tfalse\t\tfalse", ""},
		{"Etc/UTC,0", "UTC\t0\tUTC\t\tfalse\tfalse\t\tfalse", ""},
		{"Asia/Kolkata,0", "Asia/Calcutta\t19800\tIST\tIndia\ttrue\tfalse\tIN*\tfalse", ""},
		{"America/New_York,1782912000000", "America/New_York\t-14400\tEDT\tAmerica_Eastern\ttrue\ttrue\tUS\ttrue", ""},
		{"Nowhere/City,0", "", "Invalid time zone specified: Nowhere/City"},
		{"../zoneinfo/UTC,0", "", "Invalid time zone specified: ../zoneinfo/UTC"},
		{"UTC", "", "malformed time zone request"},
	} {
		got, err := intlTZ(context.Background(), nil, []byte(c.arg))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: err %v, want %q", c.arg, err, c.err)
			}
			if _, ok := err.(rangeError); !ok {
				t.Errorf("%q: %T, want a RangeError", c.arg, err)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%q: %q, %v; want %q", c.arg, got, err, c.want)
		}
	}
}
