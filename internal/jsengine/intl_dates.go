package jsengine

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
)

// Intl.DateTimeFormat's locale data (prelude/76-intl-dates.js): CLDR 48's
// gregorian calendar, day periods, time zone names and metazones for the
// locales listed in intldata/gen_dates.js, which made intldata/dates.txt.gz
// (see its header to regenerate). The table is unpacked on first use; each
// locale's JSON stays text until the prelude asks for it.
//
// "intl.dates" receives "?tag\ntag..." (the requested locales, canonical,
// without extensions) and answers "index\tresolved\tdataTag" for the first one
// with data, or the default locale's (index -1); or "!dataTag" and answers that
// locale's JSON.

//go:embed intldata/dates.txt.gz
var datesTable []byte

type datesShared struct {
	CLDR        string                     `json:"cldr"`
	Known       []string                   `json:"known"`
	Parents     map[string]*string         `json:"parents"`
	Rules       map[string]json.RawMessage `json:"dayPeriodRules"`
	Digits      map[string]string          `json:"digits"`
	Zones       []string                   `json:"zones"`
	RawMZ       map[string][][3]any        `json:"metazones"`
	Golden      map[string]string          `json:"golden"`
	TimeData    map[string]string          `json:"timeData"`
	Regions     map[string]string          `json:"regions"`
	CanonZone   map[string]string          `json:"canonZone"`
	ZoneCountry map[string]string          `json:"zoneCountry"`

	known   map[string]bool
	zoneCI  map[string]string // lower-case name -> name
	mz      map[string][]mzPeriod
	locales map[string][]byte
}

type mzPeriod struct {
	name     string
	from, to int64 // ms; to 0 = unbounded; from defaults to 1970, as in ICU
}

var datesData = sync.OnceValue(func() *datesShared {
	d := &datesShared{locales: map[string][]byte{}}
	zr, err := gzip.NewReader(bytes.NewReader(datesTable))
	if err != nil {
		panic("intl: dates table: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 4<<20)
	first := true
	for sc.Scan() {
		line := sc.Bytes()
		if first {
			first = false
			if err := json.Unmarshal(line, d); err != nil {
				panic("intl: dates table: " + err.Error())
			}
			continue
		}
		tag, js, _ := bytes.Cut(line, []byte{'\t'})
		d.locales[string(tag)] = bytes.Clone(js)
	}
	if err := sc.Err(); err != nil {
		panic("intl: dates table: " + err.Error())
	}
	d.known = map[string]bool{}
	for _, k := range d.Known {
		d.known[k] = true
	}
	for t := range d.locales {
		d.known[t] = true
	}
	d.zoneCI = map[string]string{}
	for _, z := range d.Zones {
		d.zoneCI[strings.ToLower(z)] = z
	}
	d.mz = map[string][]mzPeriod{}
	for z, ps := range d.RawMZ {
		for _, p := range ps {
			q := mzPeriod{}
			q.name, _ = p[0].(string)
			if f, ok := p[1].(float64); ok {
				q.from = int64(f)
			}
			if f, ok := p[2].(float64); ok {
				q.to = int64(f)
			}
			d.mz[z] = append(d.mz[z], q)
		}
	}
	d.RawMZ = nil
	return d
})

// zhAliases are the Chinese tags ICU knows by region alone.
var zhAliases = map[string]string{"zh-TW": "zh-Hant-TW", "zh-HK": "zh-Hant-HK", "zh-MO": "zh-Hant-MO", "zh-CN": "zh-Hans-CN", "zh-SG": "zh-Hans-SG"}

// resolveDates finds the tag node would resolve (the longest known prefix)
// and the locale whose data it uses (its nearest ancestor with data).
func resolveDates(tag string) (resolved, data string, ok bool) {
	d := datesData()
	t := tag
	for t != "" && !d.known[t] && zhAliases[t] == "" {
		i := strings.LastIndexByte(t, '-')
		if i < 0 {
			t = ""
			break
		}
		t = t[:i]
	}
	if t == "" {
		return "", "", false
	}
	resolved = t
	if a := zhAliases[t]; a != "" {
		t = a
	}
	if strings.HasPrefix(t, "zh-Hans") {
		t = "zh" + t[len("zh-Hans"):]
	}
	for steps := 0; t != "" && steps < 16; steps++ {
		if _, ok := d.locales[t]; ok {
			return resolved, t, true
		}
		if p, ok := d.Parents[t]; ok && p != nil {
			t = *p
			continue
		}
		i := strings.LastIndexByte(t, '-')
		if i < 0 {
			break
		}
		t = t[:i]
	}
	return "", "", false
}

func intlDates(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	if len(arg) > 4096 {
		return nil, rangeError("Incorrect locale information provided")
	}
	d := datesData()
	if len(arg) > 0 && arg[0] == '!' {
		js, ok := d.locales[string(arg[1:])]
		if !ok {
			return nil, rangeError("no locale data")
		}
		return js, nil
	}
	if len(arg) > 0 && arg[0] == '?' {
		for i, t := range strings.Split(string(arg[1:]), "\n") {
			if t == "" || len(t) > 128 {
				continue
			}
			if r, data, ok := resolveDates(t); ok {
				return []byte(strconv.Itoa(i) + "\t" + r + "\t" + data), nil
			}
		}
		return []byte("-1\ten-US\ten"), nil
	}
	if string(arg) == "shared" { // day period rules, digits, CLDR version
		b, _ := json.Marshal(map[string]any{"cldr": d.CLDR, "rules": d.Rules, "digits": d.Digits, "timeData": d.TimeData, "regions": d.Regions})
		return b, nil
	}
	return nil, rangeError("malformed locale request")
}

// metazoneAt names the CLDR metazone zone is in at ms ("" if none), and
// whether zone is that metazone's golden (reference) zone.
func metazoneAt(zone string, ms int64) (string, bool) {
	d := datesData()
	for _, p := range d.mz[zone] {
		if ms >= p.from && (p.to == 0 || ms < p.to) {
			return p.name, d.Golden[p.name] == zone
		}
	}
	return "", false
}

// zoneByFold finds an IANA name case-insensitively, as node accepts them,
// and answers CLDR's id for it, as node does ("Asia/Kolkata" is
// "Asia/Calcutta", "US/Eastern" "America/New_York").
func zoneByFold(name string) (string, bool) {
	d := datesData()
	z, ok := d.zoneCI[strings.ToLower(name)]
	if !ok {
		return "", false
	}
	if c, ok := d.CanonZone[z]; ok {
		if _, known := d.zoneCI[strings.ToLower(c)]; known {
			return c, true
		}
	}
	return z, true
}

// zoneCountry is the zone's country code, with "*" when it is the
// country's only or primary zone ("" when none).
func zoneCountry(zone string) string { return datesData().ZoneCountry[zone] }
