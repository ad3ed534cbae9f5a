package jsengine

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the IANA database in the binary: Windows and minimal systems have none
)

// Intl's time zones come from Go's: "intl.tz" receives "zone,epochMs" and
// answers "canonicalName\toffsetSeconds\tabbreviation\tmetazone\tgolden\tdst\tcountry\tusesDST"
// (intl_dates.go gives CLDR's zone id, metazone and country). An empty zone is the
// host's own (TZ, else /etc/localtime's link, else UTC), as node resolves it.
// Unknown zones are RangeErrors with node's message.

var tzCache sync.Map // name -> *time.Location; only valid names, so bounded by the database

func loadZone(name string) (*time.Location, string, bool) {
	switch strings.ToUpper(name) {
	case "UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "UCT", "ETC/UCT", "ETC/ZULU", "UNIVERSAL", "ETC/UNIVERSAL", "GREENWICH", "ETC/GREENWICH", "GMT0", "ETC/GMT0", "GMT+0", "GMT-0", "ETC/GMT+0", "ETC/GMT-0":
		if strings.EqualFold(name, "Z") {
			return nil, "", false
		}
		return time.UTC, "UTC", true
	}
	if name == "" || name == "Local" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") || len(name) > 64 {
		return nil, "", false
	}
	if z, ok := zoneByFold(name); ok {
		name = z // node accepts any case and answers the database's spelling
	}
	if l, ok := tzCache.Load(name); ok {
		return l.(*time.Location), name, true
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, "", false
	}
	tzCache.Store(name, l)
	return l, name, true
}

var hostZone = sync.OnceValue(func() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		if _, n, ok := loadZone(tz); ok {
			return n
		}
	}
	if t, err := os.Readlink("/etc/localtime"); err == nil {
		t = filepath.ToSlash(t)
		if i := strings.Index(t, "zoneinfo/"); i >= 0 {
			if _, n, ok := loadZone(t[i+len("zoneinfo/"):]); ok {
				return n
			}
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		if _, n, ok := loadZone(strings.TrimSpace(string(b))); ok {
			return n
		}
	}
	return "UTC"
})

func intlTZ(_ context.Context, _ *Caller, arg []byte) ([]byte, error) {
	zone, msText, ok := bytes.Cut(arg, []byte{','})
	if !ok {
		return nil, rangeError("malformed time zone request")
	}
	name := string(zone)
	if name == "" {
		name = hostZone()
	}
	loc, canon, ok := loadZone(name)
	if !ok {
		return nil, rangeError("Invalid time zone specified: " + name)
	}
	ms, err := strconv.ParseFloat(string(msText), 64)
	if err != nil {
		return nil, rangeError("malformed time zone request")
	}
	t := time.UnixMilli(int64(ms)).In(loc)
	abbr, off := t.Zone()
	// then the CLDR metazone, whether canon is its golden zone, and DST
	mz, golden := metazoneAt(canon, int64(ms))
	// daylight time as ICU sees it: an offset above the year's lower one
	// (Europe/Dublin's winter is standard time there, not negative DST);
	// usesDST: whether the offsets of January and July differ
	_, jan := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, loc).Zone()
	_, jul := time.Date(t.Year(), 7, 1, 0, 0, 0, 0, loc).Zone()
	dst := off > min(jan, jul)
	return []byte(canon + "\t" + strconv.Itoa(off) + "\t" + abbr + "\t" + mz + "\t" + strconv.FormatBool(golden) + "\t" + strconv.FormatBool(dst) + "\t" + zoneCountry(canon) + "\t" + strconv.FormatBool(jan != jul)), nil
}
