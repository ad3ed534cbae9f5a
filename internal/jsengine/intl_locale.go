package jsengine

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"io"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// intl_text_data.gz is node 20's locale data (ICU 78), recorded by
// intlgen/locale_data.js: see that file for the tables.
//
//go:embed intl_text_data.gz
var intlTextDataGz []byte

var textData = sync.OnceValue(func() map[string]map[string]string {
	m := map[string]map[string]string{}
	zr, err := gzip.NewReader(bytes.NewReader(intlTextDataGz))
	if err != nil {
		return m
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return m
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			continue
		}
		if m[f[0]] == nil {
			m[f[0]] = map[string]string{}
		}
		m[f[0]][f[1]] = f[2]
	}
	return m
})

// "intl.locale" serves Intl.Locale, Intl.DisplayNames and the locale
// resolution of 77-intl-text.js from golang.org/x/text's CLDR data:
//
//	avail\tTAG          "1" when TAG's language has locale data here (node's list)
//	info\tBASE\tKIND    Intl.Locale's calendars, collations, hourCycles,
//	                    numberingSystems, timeZones, textInfo or weekInfo of BASE
//	values\tKIND        Intl.supportedValuesOf's list (node's, see 77-intl-text.js)
//	max\tTAG            TAG (language[-Script][-Region]) with its likely subtags added
//	min\tTAG            TAG with the likely subtags removed (UTS #35, favouring the region)
//	name\tLOCALE\tTYPE\tSTYLE\tCODE  CODE's name in LOCALE, or ""
//
// The prelude sends canonical tags; every request is capped at 512 bytes.

func localeAvailable(tag language.Tag) bool {
	b, conf := tag.Base()
	return conf == language.Exact && textData()["avail"][b.String()] != ""
}

// likely answers language, script and region with the likely subtags
// added (UTS #35), from node's table (intlgen/locale_data.js records it),
// or from x/text's older one for a language node does not name.
func likely(lang, script, region string) (string, string, string) {
	if script != "" && region != "" {
		return lang, script, region
	}
	m := textData()["max"]
	var keys []string
	if region != "" {
		keys = append(keys, lang+"-"+region)
	}
	if script != "" {
		keys = append(keys, lang+"-"+script)
	}
	keys = append(keys, lang)
	if lang == "und" {
		keys = keys[:len(keys)-1]
		if region != "" {
			keys = append(keys, "und-"+region)
		}
		if script != "" {
			keys = append(keys, "und-"+script)
		}
		keys = append(keys, "und")
	}
	for _, k := range keys {
		v, ok := m[k]
		if !ok && k == lang && textData()["avail"][lang] != "" {
			v, ok = lang, true // an available language that is its own maximum is not listed
		}
		if !ok {
			continue
		}
		p := strings.Split(v, "-")
		if len(p) < 3 {
			continue
		}
		if lang == "und" {
			lang = p[0]
		}
		if script == "" {
			script = p[1]
		}
		if region == "" {
			region = p[2]
		}
		return lang, script, region
	}
	tag, err := language.Parse(strings.Join(nonEmpty(lang, script, region), "-"))
	if err != nil {
		return lang, script, region
	}
	b, _ := tag.Base()
	sc, _ := tag.Script()
	r, _ := tag.Region()
	if lang == "und" {
		lang = b.String()
	}
	if script == "" {
		script = sc.String()
	}
	if region == "" {
		region = r.String()
	}
	return lang, script, region
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitBase splits a canonical language[-Script][-Region].
func splitBase(s string) (lang, script, region string) {
	p := strings.Split(s, "-")
	lang = p[0]
	for _, x := range p[1:] {
		switch {
		case len(x) == 4:
			script = x
		case len(x) == 2 || len(x) == 3 && x[0] >= '0' && x[0] <= '9':
			region = x
		}
	}
	return
}

func maximize(s string) string {
	l, sc, r := likely(splitBase(s))
	if l == "und" || sc == "" || r == "" {
		return s
	}
	return l + "-" + sc + "-" + r
}

func minimize(s string) string {
	max := maximize(s)
	parts := strings.Split(max, "-")
	if len(parts) != 3 {
		return s
	}
	for _, trial := range []string{parts[0], parts[0] + "-" + parts[2], parts[0] + "-" + parts[1]} {
		if maximize(trial) == max {
			return trial
		}
	}
	return max
}

func intlLocale(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) > 512 {
		return nil, rangeError("Incorrect locale information provided")
	}
	f := strings.Split(string(arg), "\t")
	switch {
	case f[0] == "avail" && len(f) == 2:
		tag, err := language.Parse(f[1])
		if err == nil && localeAvailable(tag) {
			return []byte("1"), nil
		}
		return []byte("0"), nil
	case f[0] == "max" && len(f) == 2:
		return []byte(maximize(f[1])), nil
	case f[0] == "min" && len(f) == 2:
		return []byte(minimize(f[1])), nil
	case f[0] == "info" && len(f) == 3:
		return []byte(localeInfo(f[1], f[2])), nil
	case f[0] == "values" && len(f) == 2:
		if f[1] == "timeZone" {
			return []byte(goZones()), nil
		}
		return []byte(textData()["values"][f[1]]), nil
	case f[0] == "name" && len(f) == 5:
		return []byte(displayName(f[1], f[2], f[3], f[4])), nil
	}
	return nil, rangeError("malformed locale request")
}

// localeInfo answers one of Intl.Locale's lists for a base name
// (language[-Script][-Region][-variants]): by region (calendars,
// hourCycles, weekInfo, the region's likely one when none is given) and by
// language (collations, numberingSystems), with node's exceptions for the
// pair.
func localeInfo(base, kind string) string {
	d := textData()
	tag, err := language.Parse(base)
	if err != nil {
		return ""
	}
	lang0, script0, _ := splitBase(base)
	lang, script, reg := likely(splitBase(base))
	// node picks by the region given or the likely one (zh-Hant: TW); the
	// language's own row serves when x/text's likely region is unknown
	explicit := d["region"][reg] != ""
	lf := strings.Split(d["lang"][lang], "|") // collations|numberingSystems|hourCycles|calendars|weekInfo|direction
	if lang0 == "und" {                       // und-Arab: root's collations and direction
		lf = strings.Split(d["lang"][lang], "|")
		if len(lf) == 6 {
			lf[0], lf[1], lf[5] = "emoji,eor", "latn", "ltr"
		}
	}
	if len(lf) != 6 {
		lf = strings.Split(d["lang"]["en"], "|")
		lf[1] = "latn"
		explicit = true
		if d["region"][reg] == "" {
			reg = "001"
		}
	}
	rf := strings.Split(d["region"][reg], "|") // calendars|hourCycles|weekInfo|timeZones
	if len(rf) != 4 {
		rf = strings.Split(d["region"]["001"], "|")
	}
	ex := map[string]string{}
	for _, kv := range strings.Fields(d["lr"][lang+"-"+reg]) {
		k, v, _ := strings.Cut(kv, "=")
		ex[k] = v
	}
	pick := func(key string, byLang, byRegion string) string {
		if !explicit {
			return byLang
		}
		if v, ok := ex[key]; ok {
			return v
		}
		return byRegion
	}
	switch kind {
	case "calendars":
		return pick("ca", lf[3], rf[0])
	case "hourCycles":
		return pick("hc", lf[2], rf[1])
	case "weekInfo":
		return pick("wk", lf[4], rf[2])
	case "collations":
		if script0 != "" {
			if v := d["lsco"][lang+"-"+script0]; v != "" {
				return v
			}
			if _, own, _ := likely(lang, "", ""); own != script0 {
				return "emoji,eor"
			}
		}
		return lf[0]
	case "numberingSystems":
		if script0 != "" {
			if v := d["lsnu"][lang+"-"+script0]; v != "" {
				return v
			}
		}
		if _, c := tag.Region(); c != language.Exact {
			return lf[1] // ar: latn, ar-EG: arab
		}
		if v, ok := ex["nu"]; ok && explicit {
			return v
		}
		return lf[1]
	case "timeZones":
		return rf[3]
	case "textInfo":
		if _, own, _ := likely(lang, "", ""); own != script { // kk-CN is written in Arabic
			if v := d["ls"][lang+"-"+script]; v != "" {
				return v
			}
			return "ltr"
		}
		return lf[5]
	}
	return ""
}

// goZones is node's list of canonical zones less any Go's database lacks.
var goZones = sync.OnceValue(func() string {
	var zs []string
	for _, z := range strings.Split(textData()["values"]["timeZone"], ",") {
		if _, err := time.LoadLocation(z); err == nil {
			zs = append(zs, z)
		}
	}
	return strings.Join(zs, ",")
})

// dnLocales are the recorded locales whose names serve loc, the regional
// variant (its differences) before its parent; none for other locales.
func dnLocales(loc string) []string {
	tag, err := language.Parse(loc)
	if err != nil {
		return nil
	}
	b, _ := tag.Base()
	s, _ := tag.Script()
	r, rc := tag.Region()
	var chain []string
	if rc == language.Exact {
		switch v := b.String() + "-" + r.String(); v {
		case "en-GB", "en-AU", "en-CA", "en-IN", "de-AT", "de-CH", "fr-CA", "es-MX":
			chain = append(chain, v)
		}
		switch b.String() + "-" + r.String() {
		case "es-ES", "es-GQ", "es-PH", "es-MX", "es-EA", "es-IC":
		default:
			if b.String() == "es" { // ICU's es-419 serves Latin America and the US
				chain = append(chain, "es-419")
			}
		}
	}
	switch b.String() {
	case "en", "de", "fr", "es", "ja", "it", "pt", "ru", "ko", "nl", "pl", "tr", "ar", "hi", "sv":
		return append(chain, b.String())
	case "zh":
		if s.String() == "Hant" {
			if r.String() == "HK" || r.String() == "MO" {
				chain = append(chain, "zh-Hant-HK")
			}
			return append(chain, "zh-Hant")
		}
		return append(chain, "zh")
	}
	return nil
}

func displayName(locale, typ, style, code string) string {
	d := textData()["dn"]
	if chain := dnLocales(locale); chain != nil {
		loc := chain[len(chain)-1]
		get := func(typ, code string) string {
			for _, l := range chain[:len(chain)-1] { // a variant's names are resolved ones
				if v := d[l+"/"+typ+"/"+style+"/"+code]; v != "" {
					return v
				}
			}
			for _, st := range []string{style, "short", "long"} {
				if st == "narrow" && style != "narrow" || st == "short" && style == "long" {
					continue
				}
				if v := d[loc+"/"+typ+"/"+st+"/"+code]; v != "" {
					return v
				}
			}
			return ""
		}
		if typ != "language" && typ != "language-standard" {
			return get(typ, code)
		}
		if typ == "language" {
			if v := get("language", code); v != "" {
				return v
			}
		}
		return composeLanguage(loc, code, get, typ == "language")
	}
	in, err := language.Parse(locale)
	if err != nil {
		return ""
	}
	switch typ {
	case "language", "language-standard":
		t, err := language.Parse(code)
		if err != nil {
			return ""
		}
		n := display.Tags(in)
		if n == nil {
			return ""
		}
		return n.Name(t)
	case "region":
		r, err := language.ParseRegion(code)
		if err != nil || r.String() != code {
			return ""
		}
		n := display.Regions(in)
		if n == nil {
			return ""
		}
		return n.Name(r)
	case "script":
		s, err := language.ParseScript(code)
		if err != nil || s.String() != code {
			return ""
		}
		n := display.Scripts(in)
		if n == nil {
			return ""
		}
		return n.Name(s)
	}
	return ""
}

// composeLanguage names language[-Script][-Region][-variants] as ICU does:
// the language's name (a dialect's, as "British English", when dialect is
// asked and one exists) and the rest in the locale's "{0} ({1}, {2})".
func composeLanguage(loc, code string, get func(typ, code string) string, dialect bool) string {
	parts := strings.Split(code, "-")
	lang, rest := parts[0], parts[1:]
	var script, region string
	if len(rest) > 0 && len(rest[0]) == 4 {
		script, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 && (len(rest[0]) == 2 || len(rest[0]) == 3 && rest[0][0] <= '9') {
		region, rest = rest[0], rest[1:]
	}
	name := get("language", lang)
	if name == "" {
		name = lang
		if script == "" && region == "" && len(rest) == 0 {
			return ""
		}
	}
	if dialect {
		if script != "" {
			if v := get("language", lang+"-"+script); v != "" {
				name, script = v, ""
			}
		}
		if region != "" && script == "" {
			if v := get("language", lang+"-"+region); v != "" {
				name, region = v, ""
			}
		}
	}
	var subs []string
	if script != "" {
		subs = append(subs, orCode(get("script", script), script))
	}
	if region != "" {
		subs = append(subs, orCode(get("region", region), region))
	}
	subs = append(subs, rest...)
	if len(subs) == 0 {
		return name
	}
	for i, v := range subs { // ICU brackets a subtag name's own parentheses
		subs[i] = strings.NewReplacer("(", "[", ")", "]", "（", "［", "）", "］").Replace(v)
	}
	pat := strings.Split(textData()["pat"][loc], "|")
	if len(pat) != 3 {
		pat = []string{" (", ", ", ")"}
	}
	return name + pat[0] + strings.Join(subs, pat[1]) + pat[2]
}

func orCode(v, code string) string {
	if v == "" {
		return code
	}
	return v
}
