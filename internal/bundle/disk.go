package bundle

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/internal/cachefile"
)

// A disk cache file is a header line with the format and the HMAC-SHA256
// (under the cache directory's key, cachefile.Key) of the file's name and
// the rest, then the record (encodeRecord). Its name is the sha256 of the module
// directory, code, entry and options. Anything that can write the directory
// but does not hold the key cannot make a file that passes: such a file is
// removed, logged, and the bundle built again. A file that passes is still
// used only if it was made for this module and options and its inputs are
// unchanged (matches, fresh).
const bundleFileMagic = "corets-bundle-cache 3"

// bundleSealContext names what a seal is for.
const bundleSealContext = "corets-wasm bundle cache 3"

// maxBundleCacheFile bounds what is read back: the inputs' 64 MiB, the
// code and the source map that holds them again.
const maxBundleCacheFile = 8 * MaxInputBytes

// bundleCacheFile names the cache file of a module directory, code, entry
// and options (id).
func bundleCacheFile(cacheDir, id string) string {
	sum := sha256.Sum256([]byte(id))
	return filepath.Join(cacheDir, hex.EncodeToString(sum[:])+".bundle")
}

func sealBundle(key []byte, file string, body []byte) []byte {
	return cachefile.Seal(key, []byte(bundleSealContext), []byte(filepath.Base(file)), body)
}

// readRecord reads and verifies a cache file. A missing file is nil; a
// file that fails verification is removed and logged (with the code of the
// module it was read for, if any), and nil.
func (c *Cache) readRecord(file string, key []byte, module string) *bundleRecord {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := readFile(f, maxBundleCacheFile+1)
	if err != nil {
		return nil
	}
	if err := checkBundleFile(data, file, key); err != nil {
		log := c.logger()
		if module != "" {
			log = log.With("module", module)
		}
		log.Warn("discarded a bundle cache file that failed verification; the bundle will be built again",
			"file", file, "err", err)
		os.Remove(file)
		return nil
	}
	_, body, _ := bytes.Cut(data, []byte("\n"))
	rec, err := decodeRecord(body)
	if err != nil {
		return nil
	}
	return rec
}

// diskRecord is a record's JSON on disk: everything but the code and the
// source map, which follow it as they are. Decoding megabytes of code out
// of a JSON string cost a warm run of a big bundle more than reading it.
type diskRecord struct {
	*bundleRecord
	CodeBytes int `json:"codeBytes"`
	MapBytes  int `json:"mapBytes"`
}

// encodeRecord is the record's JSON (without code and source map) on one
// line, then the code, then the source map.
func encodeRecord(rec *bundleRecord) ([]byte, error) {
	meta, err := json.Marshal(diskRecord{rec, len(rec.Code), len(rec.SourceMap)})
	if err != nil {
		return nil, err
	}
	body := make([]byte, 0, len(meta)+1+len(rec.Code)+len(rec.SourceMap))
	body = append(append(body, meta...), '\n')
	return append(append(body, rec.Code...), rec.SourceMap...), nil
}

func decodeRecord(body []byte) (*bundleRecord, error) {
	meta, rest, ok := bytes.Cut(body, []byte("\n")) // JSON escapes every newline in its strings
	if !ok {
		return nil, errors.New("no record")
	}
	d := diskRecord{bundleRecord: new(bundleRecord)}
	if err := json.Unmarshal(meta, &d); err != nil {
		return nil, err
	}
	if d.CodeBytes < 0 || d.MapBytes < 0 || d.CodeBytes+d.MapBytes != len(rest) {
		return nil, errors.New("the code and source map are not the lengths recorded")
	}
	d.Code, d.SourceMap = string(rest[:d.CodeBytes]), string(rest[d.CodeBytes:])
	return d.bundleRecord, nil
}

func checkBundleFile(data []byte, file string, key []byte) error {
	if len(data) > maxBundleCacheFile {
		return fmt.Errorf("larger than %d bytes", maxBundleCacheFile)
	}
	head, body, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return errors.New("no header line")
	}
	mac, ok := bytes.CutPrefix(head, []byte(bundleFileMagic+" "))
	if !ok {
		return errors.New("not a " + bundleFileMagic + " file")
	}
	got := make([]byte, hex.DecodedLen(len(mac)))
	if _, err := hex.Decode(got, mac); err != nil || !hmac.Equal(got, sealBundle(key, file, body)) {
		return errors.New("its seal does not match")
	}
	return nil
}

// writeBundleRecord writes the sealed record to a temporary file and
// renames it into place, so a reader never sees half a file.
func writeBundleRecord(dir, file string, key []byte, rec *bundleRecord) error {
	body, err := encodeRecord(rec)
	if err != nil {
		return err
	}
	head := fmt.Sprintf("%s %x\n", bundleFileMagic, sealBundle(key, file, body))
	return cachefile.Write(dir, file, append([]byte(head), body...))
}

// diskFile is the cache file for id and the key that seals it; "" and nil
// when the cache has no directory or its key cannot be had (the bundle is
// then kept in memory only).
func (c *Cache) diskFile(id string) (string, []byte) {
	if c.dir == "" {
		return "", nil
	}
	k, err := cachefile.Key(c.dir)
	if err != nil {
		if !errors.Is(err, fs.ErrPermission) {
			c.logger().Warn("bundling without the disk cache", "dir", c.dir, "err", err)
		}
		return "", nil
	}
	return bundleCacheFile(c.dir, id), k
}

// readFile reads f whole (up to max bytes) into a buffer of its size:
// io.ReadAll's doubling cost a big bundle's record several copies.
func readFile(f *os.File, max int64) ([]byte, error) {
	r := io.LimitReader(f, max)
	size := int64(0)
	if fi, err := f.Stat(); err == nil {
		size = min(fi.Size(), max)
	}
	buf := make([]byte, size+1) // +1: the end is seen without growing
	n, err := io.ReadFull(r, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return buf[:n], nil
	}
	if err != nil {
		return nil, err
	}
	rest, err := io.ReadAll(r) // the file grew since Stat
	return append(buf, rest...), err
}
