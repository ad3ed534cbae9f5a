package jsengine

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
)

// "intl.numdata" answers the locale data of Intl.NumberFormat's currency,
// unit, compact and scientific forms, Intl.RelativeTimeFormat,
// Intl.ListFormat and PluralRules#selectRange (prelude/76-intl-numbers.js)
// that golang.org/x/text lacks. The data is intldata/numbers.json, read back
// from node's own Intl by intldata/gen.js (see its header to regenerate).
// The argument is a canonical BCP 47 tag; the answer is
// "matched\tjson" for the best covered locale ("en" when none matches:
// "de-AT" gives "de", "zh-Hant-TW" gives "zh"), a regional locale merged
// over its parent. The empty argument answers the shared tables (currency
// digits, the sanctioned units, the currency codes). The file is decoded on
// first use and each locale's answer cached: bounded by the covered locales.

//go:embed intldata/numbers.json
var intlNumDataJSON []byte

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
	if err := json.Unmarshal(intlNumDataJSON, &intlNumTab); err != nil {
		panic("intldata/numbers.json: " + err.Error()) // embedded: a test covers it
	}
	intlNumShared, _ = json.Marshal(map[string]any{"digits": intlNumTab.Digits, "units": intlNumTab.Units, "currencies": intlNumTab.Currencies})
}

// intlNumMatch is the covered locale for tag: the tag, then the tag with
// its last subtags dropped one by one, else "en". Spanish outside Spain
// (es-AR, es-US) is Latin American Spanish, es-419.
func intlNumMatch(tag string) string {
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
	if v, ok := intlNumCache.Load(key); ok {
		return v.([]byte), nil
	}
	data := []byte(intlNumTab.Locales[key])
	if parent, ok := intlNumTab.Parent[key]; ok {
		var base, over any
		if json.Unmarshal(intlNumTab.Locales[parent], &base) != nil || json.Unmarshal(data, &over) != nil {
			return nil, rangeError("Incorrect locale information provided")
		}
		data, _ = json.Marshal(intlMerge(base, over))
	}
	out := append([]byte(key+"\t"), data...)
	intlNumCache.Store(key, out)
	return out, nil
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
