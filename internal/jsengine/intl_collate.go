package jsengine

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// "intl.collate" receives "tag\tsensitivity\tnumeric\tcaseFirst\tignorePunctuation\t"
// followed by the JSON array [a, b], and answers "-1", "0" or "1": the
// CLDR collation of golang.org/x/text. With no JSON it answers the tag it
// resolved to. Strings are capped (maxCollateBytes, both together): the
// prelude compares longer ones by code units, so a guest cannot hold the
// host in one uninterruptible comparison.

const maxCollateBytes = 1 << 20

var (
	// the default collation of each language: x/text also lists variants
	// (de-u-co-phonebk, ...) that its matcher would otherwise pick
	collateTags = sync.OnceValue(func() []language.Tag {
		var tags []language.Tag
		for _, t := range collate.Supported() {
			if !strings.Contains(t.String(), "-u-") {
				tags = append(tags, t)
			}
		}
		return tags
	})
	collateMatcher = sync.OnceValue(func() language.Matcher { return language.NewMatcher(collateTags()) })
	collatorPools  sync.Map // key -> *sync.Pool; keys are supported tags × options: bounded
)

func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s))
}

type collators struct{ full, noCase *collate.Collator }

func intlCollate(ctx context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) > maxCollateBytes+256 {
		return nil, rangeError("strings too long to collate")
	}
	f := strings.SplitN(string(arg), "\t", 6)
	if len(f) != 6 {
		return nil, rangeError("malformed collation request")
	}
	req, err := language.Parse(f[0])
	if err != nil {
		return nil, rangeError("Incorrect locale information provided")
	}
	_, idx, conf := collateMatcher().Match(req)
	tag := language.Und
	if conf != language.No {
		tag = collateTags()[idx]
	}
	if f[5] == "" {
		return []byte(tag.String()), nil
	}
	var pair [2]string
	if err := json.Unmarshal([]byte(f[5]), &pair); err != nil {
		return nil, rangeError("malformed collation request")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sens, numeric, caseFirst, punct := f[1], f[2] == "true", f[3], f[4] == "true"
	if sens != "base" && sens != "accent" && sens != "case" {
		sens = "variant"
	}
	if caseFirst != "upper" && caseFirst != "lower" {
		caseFirst = "false"
		if b, _ := tag.Base(); b.String() == "da" || b.String() == "mt" {
			caseFirst = "upper" // CLDR's default for these (ICU has it; x/text's tag has not)
		}
	}
	key := tag.String() + "\t" + sens + "\t" + caseFirst + "\t" + strconv.FormatBool(numeric) + strconv.FormatBool(punct)
	p, ok := collatorPools.Load(key)
	if !ok {
		t := tag
		ext := ""
		if caseFirst == "upper" || caseFirst == "lower" {
			ext += "-kf-" + caseFirst
		}
		if ext != "" {
			if t2, err := language.Parse(tag.String() + "-u" + ext); err == nil {
				t = t2
			}
		}
		var opts []collate.Option
		opts = append(opts, collate.OptionsFromTag(t))
		switch sens {
		case "base":
			opts = append(opts, collate.IgnoreCase, collate.IgnoreDiacritics)
		case "accent":
			opts = append(opts, collate.IgnoreCase)
		}
		if numeric {
			opts = append(opts, collate.Numeric)
		}
		upper := caseFirst == "upper" && (sens == "variant" || sens == "case")
		p, _ = collatorPools.LoadOrStore(key, &sync.Pool{New: func() any {
			c := &collators{full: collate.New(t, opts...)}
			if upper {
				// x/text has no upper-first: order by everything but case,
				// then by case reversed (upper before lower)
				c.noCase = collate.New(t, append(opts, collate.IgnoreCase)...)
			}
			return c
		}})
	}
	pool := p.(*sync.Pool)
	c := pool.Get().(*collators)
	if sens == "case" {
		// x/text's IgnoreDiacritics keeps accents apart: compare the
		// strings with their combining marks removed instead
		pair[0], pair[1] = stripMarks(pair[0]), stripMarks(pair[1])
	}
	if punct {
		// what ICU's "shifted" ignores by default: spaces and punctuation
		// (x/text's ka-shifted makes every string equal)
		for i, s := range pair {
			pair[i] = strings.Map(func(r rune) rune {
				if unicode.IsPunct(r) || unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
	}
	r := 0
	if c.noCase != nil {
		r = c.noCase.CompareString(pair[0], pair[1])
		if r == 0 {
			r = c.full.CompareString(pair[0], pair[1])
			if strings.EqualFold(pair[0], pair[1]) {
				r = -r
			}
		}
	} else {
		r = c.full.CompareString(pair[0], pair[1])
	}
	pool.Put(c)
	switch {
	case r < 0:
		return []byte("-1"), nil
	case r > 0:
		return []byte("1"), nil
	}
	return []byte("0"), nil
}
