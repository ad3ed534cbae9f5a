package jsengine

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// "intl.plural" receives "tag\ttype\tinteger\tfraction" (type "cardinal"
// or "ordinal"; the number's digits as Intl.NumberFormat shows them) and
// answers its CLDR plural category from golang.org/x/text. With integer
// "?" it answers "base\tcategories", the categories the language has
// (node's order: alphabetical, "other" last), found by trying numbers.

var pluralNames = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

var pluralCats sync.Map // "base\ttype" -> []byte

func pluralForm(tag language.Tag, ordinal bool, intPart, frac string) plural.Form {
	i := 0
	if len(intPart) > 18 { // ICU keeps the last 18 digits of i (1e21 has i = 0)
		intPart = strings.TrimLeft(intPart[len(intPart)-18:], "0")
		if intPart == "" {
			intPart = "0"
		}
	}
	if len(intPart) > 7 { // the rules look at i mod 10^n and small values: keep a large i's last digits
		intPart = "1" + intPart[len(intPart)-6:]
	}
	i, _ = strconv.Atoi(intPart)
	v := len(frac)
	if v > 9 {
		frac, v = frac[:9], 9
	}
	f, _ := strconv.Atoi(frac)
	tr := strings.TrimRight(frac, "0")
	t, _ := strconv.Atoi(tr)
	r := plural.Cardinal
	if ordinal {
		r = plural.Ordinal
	} else if base, _ := tag.Base(); v == 0 && i != 0 && i%1000000 == 0 {
		switch base.String() {
		case "fr", "es", "it", "pt", "ca": // "many" for millions: CLDR 38+, newer than x/text's
			return plural.Many
		}
	}
	return r.MatchPlural(tag, i, v, len(tr), f, t)
}

func intlPlural(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	f := bytes.Split(arg, []byte{'\t'})
	if len(f) != 4 || len(arg) > 512 {
		return nil, rangeError("malformed plural request")
	}
	tag, err := language.Parse(string(f[0]))
	if err != nil {
		return nil, rangeError("Incorrect locale information provided")
	}
	ordinal := string(f[1]) == "ordinal"
	if string(f[2]) == "?" {
		base, _ := tag.Base()
		key := base.String() + "\t" + string(f[1])
		if v, ok := pluralCats.Load(key); ok {
			return v.([]byte), nil
		}
		seen := map[string]bool{}
		for n := 0; n <= 1000; n++ {
			seen[pluralNames[pluralForm(tag, ordinal, strconv.Itoa(n), "")]] = true
			if !ordinal && n <= 100 {
				for _, fr := range []string{"0", "1", "5", "00", "01", "10", "50"} {
					seen[pluralNames[pluralForm(tag, ordinal, strconv.Itoa(n), fr)]] = true
				}
			}
		}
		seen[pluralNames[pluralForm(tag, ordinal, "1000000", "")]] = true
		var cats []string
		for c := range seen {
			if c != "other" {
				cats = append(cats, c)
			}
		}
		slices.Sort(cats)
		cats = append(cats, "other")
		out := []byte(base.String() + "\t" + strings.Join(cats, ","))
		pluralCats.Store(key, out)
		return out, nil
	}
	for _, d := range [][]byte{f[2], f[3]} {
		for _, c := range d {
			if c < '0' || c > '9' {
				return nil, rangeError("malformed plural request")
			}
		}
	}
	return []byte(pluralNames[pluralForm(tag, ordinal, string(f[2]), string(f[3]))]), nil
}
