package jsengine

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"io"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

// "intl.numdata" answers the locale data of Intl.NumberFormat's currency,
// unit, compact and scientific forms, Intl.RelativeTimeFormat,
// Intl.ListFormat and PluralRules#selectRange (prelude/76-intl-numbers.js)
// that golang.org/x/text lacks, and the decimal symbols where x/text's CLDR
// is older than node's. The data is intldata/numbers.json.gz, read back from
// node's own Intl by intldata/gen.js (see its header to regenerate).
// The argument is a canonical BCP 47 tag; the answer is
// "matched\tsame\tjson" for the best covered locale ("en" when none
// matches: "de-LU" gives "de", "zh-TW" gives "zh-Hant"), a regional locale
// merged over its parent; same is "1" when the tag is that locale or its
// language's default region ("de-DE" for "de": its decimal symbols are the
// data's), else "0". The empty argument answers the shared tables (currency
// digits, the sanctioned units, the currency codes). The file is
// decompressed and decoded on first use and each locale's answer cached:
// bounded by the covered locales.

//go:embed intldata/numbers.json.gz
var intlNumDataGz []byte

type intlNumTables struct {
	Parent     map[string]string          `json:"parent"`
	Digits     map[string]int             `json:"digits"`
	Units      []string                   `json:"units"`
	Currencies []string                   `json:"currencies"`
	Locales    map[string]json.RawMessage `json:"locales"`
}

var (
	intlNumOnce   sync.Once
	intlNumTab    intlNumTables
	intlNumShared []byte
	intlNumCache  sync.Map // covered locale -> []byte
)

func intlNumLoad() {
	zr, err := gzip.NewReader(bytes.NewReader(intlNumDataGz))
	if err != nil {
		panic("intldata/numbers.json.gz: " + err.Error()) // embedded: a test covers it
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		panic("intldata/numbers.json.gz: " + err.Error())
	}
	if err := json.Unmarshal(raw, &intlNumTab); err != nil {
		panic("intldata/numbers.json: " + err.Error()) // embedded: a test covers it
	}
	intlNumShared, _ = json.Marshal(map[string]any{"digits": intlNumTab.Digits, "units": intlNumTab.Units, "currencies": intlNumTab.Currencies})
}

// intlNumMatch is the covered locale for tag: the tag, then the tag with
// its last subtags dropped one by one, else "en". Spanish outside Spain
// (es-AR, es-US) is Latin American Spanish, es-419.
func intlNumMatch(tag string) string {
	if _, ok := intlNumTab.Locales[tag]; !ok && strings.HasPrefix(tag, "zh-") && !strings.HasPrefix(tag, "zh-Hans") {
		if t, err := language.Parse(tag); err == nil {
			if script, _ := t.Script(); script.String() == "Hant" {
				return "zh-Hant"
			}
		}
	}
	if _, ok := intlNumTab.Locales[tag]; !ok && strings.HasPrefix(tag, "es-") {
		if r := tag[3:]; len(r) == 2 && r != "ES" && r != "GQ" && r != "EA" && r != "IC" || len(r) == 3 && r[0] >= '0' && r[0] <= '9' {
			return "es-419"
		}
	}
	for t := tag; t != ""; {
		if _, ok := intlNumTab.Locales[t]; ok {
			return t
		}
		i := strings.LastIndexByte(t, '-')
		if i < 0 {
			break
		}
		t = t[:i]
	}
	return "en"
}

func intlNumData(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) > 128 || bytes.IndexFunc(arg, func(r rune) bool {
		return !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) >= 0 {
		return nil, rangeError("Incorrect locale information provided")
	}
	intlNumOnce.Do(intlNumLoad)
	if len(arg) == 0 {
		return intlNumShared, nil
	}
	key := intlNumMatch(string(arg))
	same := "0"
	if string(arg) == key || intlNumDefaultRegion(string(arg), key) {
		same = "1"
	}
	if v, ok := intlNumCache.Load(key); ok {
		return append([]byte(key+"\t"+same+"\t"), v.([]byte)...), nil
	}
	data := []byte(intlNumTab.Locales[key])
	if parent, ok := intlNumTab.Parent[key]; ok {
		var base, over any
		if json.Unmarshal(intlNumTab.Locales[parent], &base) != nil || json.Unmarshal(data, &over) != nil {
			return nil, rangeError("Incorrect locale information provided")
		}
		data, _ = json.Marshal(intlMerge(base, over))
	}
	intlNumCache.Store(key, data)
	return append([]byte(key+"\t"+same+"\t"), data...), nil
}

// intlNumDefaultRegion: whether tag is key's language in the script and
// region it most likely means ("de-DE" for "de", "pt-BR" for "pt",
// "zh-Hans-CN" for "zh").
func intlNumDefaultRegion(tag, key string) bool {
	if !strings.HasPrefix(tag, key+"-") {
		return false
	}
	t, err := language.Parse(tag)
	if err != nil {
		return false
	}
	k, err := language.Parse(key)
	if err != nil {
		return false
	}
	tb, _ := t.Base()
	kb, _ := k.Base()
	ts, _ := t.Script()
	ks, _ := k.Script()
	tr, _ := t.Region()
	kr, _ := k.Region()
	return tb == kb && ts == ks && tr == kr
}

// intlMerge lays over onto base: objects merge key by key, null deletes,
// anything else replaces.
func intlMerge(base, over any) any {
	b, ok1 := base.(map[string]any)
	o, ok2 := over.(map[string]any)
	if !ok1 || !ok2 {
		return over
	}
	out := make(map[string]any, len(b))
	for k, v := range b {
		out[k] = v
	}
	for k, v := range o {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = intlMerge(b[k], v)
		}
	}
	return out
}
