package jsengine

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// "intl.numsyms" receives a BCP 47 tag and answers the CLDR number symbols
// of its best match in golang.org/x/text, tab-separated:
// tag, decimal, group, primary grouping, secondary grouping, minimum
// grouping digits, percent prefix, percent suffix, minus prefix, zero digit, NaN. x/text does
// not export its symbol tables, so they are read back from how its printer
// formats known numbers; the prelude does the digits itself (node's
// halfExpand rounding) and only asks for these once per locale.

var numSymsCache sync.Map // canonical tag -> []byte; bounded by the tags x/text knows

func intlNumSyms(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) > 128 {
		return nil, rangeError("Incorrect locale information provided")
	}
	tag, err := language.Parse(string(arg))
	if err != nil {
		return nil, rangeError("Incorrect locale information provided")
	}
	key := tag.String()
	if v, ok := numSymsCache.Load(key); ok {
		return v.([]byte), nil
	}
	if key == "ar" { // CLDR 42+ (node 20) gives plain "ar" latin digits, x/text's older CLDR arabic ones
		tag = language.MustParse("ar-AE")
	}
	p := message.NewPrinter(tag)
	dec, group, primary, secondary := "", "", 0, 0
	s := p.Sprint(number.Decimal(12345678.5))
	runs, seps := splitDigits(s)
	if len(runs) >= 2 {
		dec = seps[len(seps)-1]
		ints := runs[:len(runs)-1]
		if len(ints) >= 2 {
			group = seps[len(ints)-2]
			primary = utf8.RuneCountInString(ints[len(ints)-1])
			secondary = primary
			if len(ints) >= 3 {
				secondary = utf8.RuneCountInString(ints[len(ints)-2])
			}
		}
	}
	minGroup := 1
	if primary > 0 {
		if r, _ := splitDigits(p.Sprint(number.Decimal(1234))); len(r) == 1 {
			minGroup = 2
		}
	}
	pct := p.Sprint(number.Percent(0.5))
	i := strings.Index(pct, "50")
	pre, post := "", "%"
	if i >= 0 {
		pre, post = pct[:i], pct[i+2:]
	}
	neg := p.Sprint(number.Decimal(-5))
	minus := "-"
	if j := strings.IndexByte(neg, '5'); j > 0 {
		minus = neg[:j]
	}
	zero := "0"
	if z := []rune(p.Sprint(number.Decimal(0))); len(z) == 1 && unicode.IsDigit(z[0]) {
		zero = string(z)
	}
	nan := p.Sprint(number.Decimal(math.NaN()))
	if strings.ContainsRune(nan, '¤') { // x/text's sv
		nan = "NaN"
	}
	if nan == "ليس\u00a0رقم" {
		nan = "ليس\u00a0رقمًا" // CLDR 42+
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	// Newer CLDR than x/text's, as node 20 (ICU 73) has it.
	switch {
	case base.String() == "fr" && region.String() != "CA":
		group = strings.ReplaceAll(group, "\u00a0", "\u202f")
	case base.String() == "it" && region.String() == "CH":
		group = "'"
	case base.String() == "es" && region.String() != "ES" && strings.Contains(key, "-"): // Latin American: "50%"
		post = "%"
	case base.String() == "de" && (region.String() == "CH" || region.String() == "LI"):
		group = "'"
	case base.String() == "ar" && (region.String() == "EG" || region.String() == "SA"):
		zero, dec, group, pre, post, minus = "\u0660", "\u066b", "\u066c", "", "\u066a\u061c", "\u061c-"
	}
	switch base.String() {
	case "pl", "bg", "et", "it":
		minGroup = 2
	case "es": // Spain's; Latin America groups from 1,000
		if !strings.Contains(key, "-") || region.String() == "ES" {
			minGroup = 2
		}
	case "pt":
		if region.String() == "PT" {
			minGroup = 2
		}
	}
	out := []byte(strings.Join([]string{key, dec, group, strconv.Itoa(primary), strconv.Itoa(secondary), strconv.Itoa(minGroup), pre, post, minus, zero, nan}, "\t"))
	numSymsCache.Store(key, out)
	return out, nil
}

// splitDigits splits s into its ASCII digit runs and the text between them.
func splitDigits(s string) (runs, seps []string) {
	cur, sep := "", ""
	for _, r := range s {
		if unicode.IsDigit(r) {
			if cur == "" && len(runs) > 0 {
				seps = append(seps, sep)
				sep = ""
			}
			cur += string(r)
			continue
		}
		if cur != "" {
			runs = append(runs, cur)
			cur = ""
		}
		if len(runs) > 0 {
			sep += string(r)
		}
	}
	if cur != "" {
		runs = append(runs, cur)
	}
	return runs, seps
}
