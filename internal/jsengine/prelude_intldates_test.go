package jsengine

import (
	"context"
	"strings"
	"testing"
)

// prelude/76-intl-dates.js: Intl.DateTimeFormat over CLDR's locale data
// (intl_dates.go). testdata/node/intl_dates_*.js compare it with node across
// locales; these cases pin error kinds, negotiation and hostile input.
func TestPreludeIntlDates(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "locales", code: `const d = Date.UTC(2024, 0, 5, 15, 4, 9); ['de', 'fr', 'ja', 'ar-EG', 'zh-TW'].map((l) => new Intl.DateTimeFormat(l, {dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC'}).format(d))`,
			want: `["Freitag, 5. Januar 2024 um 15:04","vendredi 5 janvier 2024 à 15:04","2024年1月5日金曜日 15:04","الجمعة، ٥ يناير ٢٠٢٤ في ٣:٠٤ م","2024年1月5日 星期五 下午3:04"]`},
		{name: "negotiation", code: `['de-XX', 'xx', 'de-DE', 'zh-TW', 'pt-BR'].map((l) => new Intl.DateTimeFormat(l).resolvedOptions().locale).concat(new Intl.DateTimeFormat(['xx', 'fr']).resolvedOptions().locale)`,
			want: `["de","en-US","de-DE","zh-TW","pt-BR","fr"]`},
		{name: "extensions", code: `['en-u-nu-arab', 'de-u-hc-h12', 'ja-u-ca-japanese', 'en-u-ca-gregory'].map((l) => { const r = new Intl.DateTimeFormat(l, {hour: 'numeric', timeZone: 'UTC'}).resolvedOptions(); return [r.locale, r.calendar, r.numberingSystem, r.hourCycle].join(' ') })`,
			want: `["en-u-nu-arab gregory arab h12","de-u-hc-h12 gregory latn h12","ja gregory latn h23","en-u-ca-gregory gregory latn h12"]`},
		{name: "gregorian only", code: `['th', 'en-u-ca-buddhist', 'ja-u-ca-japanese'].map((l) => { const r = new Intl.DateTimeFormat(l, {calendar: l === 'th' ? 'buddhist' : undefined}).resolvedOptions(); return r.locale + ' ' + r.calendar })`,
			want: `["en-US gregory","en gregory","ja gregory"]`},
		{name: "ranges", code: `const f = new Intl.DateTimeFormat('en', {dateStyle: 'medium', timeZone: 'UTC'}); [f.formatRange(Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 10)), f.formatRangeToParts(Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 10)).map((p) => p.source.slice(0, 2)).join()]`,
			want: `["Jan 5 – 10, 2026","sh,sh,st,sh,en,sh,sh"]`},
		{name: "range errors", code: `const f = new Intl.DateTimeFormat('en'); [[undefined, 1], [1, NaN], [1, 9e15]].map((a) => { try { f.formatRange(...a); return 'ok' } catch (e) { return e.name } })`,
			want: `["TypeError","RangeError","RangeError"]`},
		{name: "Date#toString", code: `[String(new Date(0)), new Date(0).toTimeString(), (() => { try { Date.prototype.toString.call({}) } catch (e) { return e.message } })()]`,
			want: `["Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)","00:00:00 GMT+0000 (Coordinated Universal Time)","Method Date.prototype.toString called on incompatible receiver #<Object>"]`},
		{name: "zone names any case", code: `[new Intl.DateTimeFormat('en', {timeZone: 'america/new_york'}).resolvedOptions().timeZone, new Intl.DateTimeFormat('en', {timeZone: 'EUROPE/BERLIN'}).resolvedOptions().timeZone]`,
			want: `["America/New_York","Europe/Berlin"]`},
		{name: "supportedLocalesOf", code: `Intl.DateTimeFormat.supportedLocalesOf(['xx', 'de-AT', 'zz-ZZ', 'fr'])`,
			want: `["de-AT","fr"]`},
		{name: "hostile locale lists", code: `const many = Array.from({length: 2000}, (_, i) => 'qq' + String.fromCharCode(97 + i % 26, 97 + Math.floor(i / 26) % 26, 97 + Math.floor(i / 676))); new Intl.DateTimeFormat(many.concat('fi')).resolvedOptions().locale`,
			want: `"fi"`},
	})
}

func TestIntlDatesHost(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"?de-AT", "0\tde-AT\tde-AT"},
		{"?xx\nde-LI", "1\tde-LI\tde-LI"}, {"?de-ZZ", "0\tde\tde"}, {"?en-DE", "0\ten-DE\ten-DE"}, {"?ca-ES", "0\tca-ES\tca"},
		{"?zh-TW", "0\tzh-TW\tzh-Hant"},
		{"?zz", "-1\ten-US\ten"},
	} {
		got, err := intlDates(context.Background(), nil, []byte(c.arg))
		if err != nil || string(got) != c.want {
			t.Errorf("intl.dates(%q) = %q, %v; want %q", c.arg, got, err, c.want)
		}
	}
	for _, bad := range []string{"!../etc", "!" + strings.Repeat("a", 5000), "nonsense"} {
		if _, err := intlDates(context.Background(), nil, []byte(bad)); err == nil {
			t.Errorf("intl.dates(%.20q) accepted", bad)
		}
	}
	if mz, _ := metazoneAt("Europe/Berlin", 1.7e12); mz != "Europe_Central" {
		t.Errorf("Europe/Berlin's metazone = %q", mz)
	}
	if mz, _ := metazoneAt("Europe/Berlin", -1e12); mz != "" {
		t.Errorf("metazone before 1970 = %q; ICU has none", mz)
	}
}
