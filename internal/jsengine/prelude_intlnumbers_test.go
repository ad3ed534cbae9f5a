package jsengine

import (
	"context"
	"strings"
	"testing"
)

// prelude/76-intl-numbers.js: Intl.NumberFormat's currency, unit, compact
// and scientific forms, rounding options and ranges, RelativeTimeFormat,
// ListFormat, PluralRules#selectRange over intl.numdata (intl_numdata.go).
// testdata/node/intl_numbers_*.js and intl_reltime_list.js compare them
// with node line by line; these cases pin behaviour and hostile inputs.
func TestPreludeIntlNumbers(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "currency", code: `[new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'}).format(-1234.5), new Intl.NumberFormat('de-DE', {style: 'currency', currency: 'eur'}).format(1234.5), new Intl.NumberFormat('en', {style: 'currency', currency: 'USD', currencySign: 'accounting'}).format(-1), new Intl.NumberFormat('en', {style: 'currency', currency: 'JPY', currencyDisplay: 'name'}).format(1), new Intl.NumberFormat('en', {style: 'currency', currency: 'USD', currencyDisplay: 'code'}).format(1)].map((s) => s.replace(/\u00a0/g, '_'))`,
			want: `["-$1,234.50","1.234,50_€","($1.00)","1 Japanese yen","USD_1.00"]`},
		{name: "unit", code: `[new Intl.NumberFormat('en', {style: 'unit', unit: 'kilometer-per-hour'}).format(50), new Intl.NumberFormat('en', {style: 'unit', unit: 'megabyte-per-second', unitDisplay: 'long'}).format(1), new Intl.NumberFormat('ja', {style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long'}).format(3)]`,
			want: `["50 km/h","1 megabyte per second","時速 3 キロメートル"]`},
		{name: "compact and scientific", code: `[1234, 999999, 1.5e9].map((v) => new Intl.NumberFormat('en', {notation: 'compact'}).format(v)).concat([new Intl.NumberFormat('fr', {notation: 'compact', compactDisplay: 'long'}).format(1000), new Intl.NumberFormat('en', {notation: 'engineering'}).format(123456), new Intl.NumberFormat('en', {notation: 'scientific'}).format(-0.000123)])`,
			want: `["1.2K","1M","1.5B","mille","123.456E3","-1.23E-4"]`},
		{name: "rounding", code: `const f = (o, v) => new Intl.NumberFormat('en', o).format(v); [f({roundingMode: 'floor', maximumFractionDigits: 0}, -1.5), f({roundingMode: 'halfEven', maximumFractionDigits: 0}, 2.5), f({roundingIncrement: 5, minimumFractionDigits: 2, maximumFractionDigits: 2}, 1.234), f({trailingZeroDisplay: 'stripIfInteger', minimumFractionDigits: 2}, 3), f({}, '1234567890123456789.125'), f({}, 12345678901234567890n)]`,
			want: `["-2","2","1.25","3","1,234,567,890,123,456,789.125","12,345,678,901,234,567,890"]`},
		{name: "rounding option errors", code: `[{roundingIncrement: 3}, {roundingIncrement: 5, maximumFractionDigits: 2}, {roundingIncrement: 5, maximumSignificantDigits: 2}, {roundingMode: 'up'}].map((o) => { try { new Intl.NumberFormat('en', o); return 'ok' } catch (e) { return e.name + ': ' + e.message } })`,
			want: `["RangeError: roundingIncrement value is out of range.","RangeError: maximumFractionDigits not equal to minimumFractionDigits","TypeError: RoundingType is not fractionDigits","RangeError: Value up out of range for Intl.NumberFormat options property roundingMode"]`},
		{name: "currency and unit codes", code: `[{style: 'currency', currency: 'US$'}, {style: 'unit', unit: 'meters'}, {style: 'unit', unit: 'meter-per-second-per-second'}, {style: 'unit', unit: '__proto__'}, {style: 'currency', currency: 'constructor'.slice(0, 3)}].map((o) => { try { return new Intl.NumberFormat('en', o).format(1).replace('\u00a0', '_') } catch (e) { return e.name } })`,
			want: `["RangeError","RangeError","RangeError","RangeError","CON_1.00"]`},
		{name: "range", code: `[new Intl.NumberFormat('en', {style: 'currency', currency: 'EUR'}).formatRange(3, 5), new Intl.NumberFormat('de', {style: 'currency', currency: 'EUR'}).formatRange(3, 5), new Intl.NumberFormat('en', {maximumFractionDigits: 0}).formatRange(2.9, 3.1)].map((s) => s.replace(/\u00a0/g, '_'))`,
			want: `["€3.00 – €5.00","3,00–5,00_€","~3"]`},
		{name: "relative time", code: `const r = new Intl.RelativeTimeFormat('en', {numeric: 'auto'}); [r.format(-1, 'day'), r.format(2, 'weeks'), new Intl.RelativeTimeFormat('ru').format(-5, 'hour')]`,
			want: `["yesterday","in 2 weeks","5 часов назад"]`},
		{name: "list", code: `[new Intl.ListFormat('en').format(['a', 'b', 'c']), new Intl.ListFormat('de', {type: 'disjunction'}).format(['a', 'b']), new Intl.ListFormat('es').format(['agua', 'hielo']), new Intl.ListFormat('es').format(['agua', 'iglesia'])]`,
			want: `["a, b, and c","a oder b","agua y hielo","agua e iglesia"]`},
		{name: "list of non-strings", code: `try { new Intl.ListFormat('en').format(['a', 1]) } catch (e) { [e.name, e.message] }`,
			want: `["TypeError","Iterable yielded 1 which is not a string"]`},
		{name: "select range", code: `[new Intl.PluralRules('ru').selectRange(1, 2), new Intl.PluralRules('en').selectRange(1, 1)]`,
			want: `["few","other"]`},
		{name: "bigint toLocaleString", code: `[(12345n).toLocaleString('de'), (-5n).toLocaleString('en', {style: 'currency', currency: 'USD'})]`,
			want: `["12.345","-$5.00"]`},
		// hostile: many digits stay bounded (strings beyond 1000 digits go through Number)
		{name: "huge inputs", code: `const f = new Intl.NumberFormat('en', {maximumFractionDigits: 100, useGrouping: false}); [f.format('1' + '0'.repeat(5000)), f.format('1e-300').length, f.format(10n ** 3000n).length, f.format(Number.MIN_VALUE).length, new Intl.NumberFormat('en', {maximumSignificantDigits: 21}).format('0.' + '3'.repeat(900))]`,
			want: `["∞",1,3001,1,"0.333333333333333333333"]`},
		{name: "receivers", code: `[() => Intl.NumberFormat.prototype.formatRange.call({}, 1, 2), () => Intl.RelativeTimeFormat.prototype.format.call({}, 1, 'day'), () => Intl.ListFormat.prototype.format.call({}, []), () => Intl.PluralRules.prototype.selectRange.call({}, 1, 2)].map((f) => { try { f() } catch (e) { return e.name } })`,
			want: `["TypeError","TypeError","TypeError","TypeError"]`},
	})
}

func TestIntlNumData(t *testing.T) {
	for _, c := range []struct{ arg, match string }{
		{"en-US", "en"}, {"de-LU", "de"}, {"de-AT", "de-AT"}, {"es-AR", "es-419"}, {"es-ES", "es"}, {"es-419", "es-419"}, {"de-CH", "de-CH"}, {"zh-Hant-TW", "zh-Hant"}, {"pt-BR", "pt"}, {"pt-PT", "pt-PT"}, {"xx", "en"}, {"en-GB", "en-GB"}, {"zh-TW", "zh-Hant"}, {"zh-Hant-HK", "zh-Hant"}, {"zh-CN", "zh"}, {"fi-FI", "fi"},
	} {
		got, err := intlNumData(context.Background(), nil, []byte(c.arg))
		if err != nil || !strings.HasPrefix(string(got), c.match+"\t") || !strings.Contains(string(got[:40]), "\t{") {
			t.Errorf("%q: %.40q, %v; want %q", c.arg, got, err, c.match)
		}
	}
	// "same": the tag is the covered locale, or its language's default region
	for _, c := range []struct {
		arg  string
		same bool
	}{{"de", true}, {"de-DE", true}, {"de-LU", false}, {"pt-BR", true}, {"pt-AO", false}, {"zh-CN", true}, {"zh-Hans-CN", true}, {"zh-TW", false}, {"ar-EG", true}, {"en-US", true}, {"xx", false}} {
		got, _ := intlNumData(context.Background(), nil, []byte(c.arg))
		if f := strings.SplitN(string(got), "\t", 3); len(f) != 3 || (f[1] == "1") != c.same {
			t.Errorf("%q: %.20q, want same %v", c.arg, got, c.same)
		}
	}
	// a regional locale is merged over its parent: en-GB keeps en's currencies
	got, _ := intlNumData(context.Background(), nil, []byte("en-GB"))
	if !strings.Contains(string(got), `"US dollars"`) || !strings.Contains(string(got), `"list"`) {
		t.Errorf("en-GB is not merged over en: %.200q", got)
	}
	shared, err := intlNumData(context.Background(), nil, nil)
	if err != nil || !strings.Contains(string(shared), `"JPY":0`) || !strings.Contains(string(shared), `"kilometer"`) {
		t.Errorf("shared tables: %.100q, %v", shared, err)
	}
	for _, bad := range []string{"../etc", "en\tUS", "x-" + strings.Repeat("a", 200), "de_DE", "en US"} {
		if _, err := intlNumData(context.Background(), nil, []byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		} else if _, ok := err.(rangeError); !ok {
			t.Errorf("%q: %T, want a RangeError", bad, err)
		}
	}
}
