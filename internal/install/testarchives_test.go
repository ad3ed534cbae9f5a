package install

// Archive writers for tests, hostile ones included.
import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// tarEntry is one entry of a test archive. typ is the tar type flag ('0'
// when zero); size, when set, is a claimed size with no data after it (the
// archive ends there); zeros, when set, is a body of that many zero bytes.
type tarEntry struct {
	name, body, link string
	typ              byte
	mode             int64
	size, zeros      int64
}

func writeTarGz(t testing.TB, path string, entries []tarEntry) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	truncated := false
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Linkname: e.link, Mode: e.mode, Format: tar.FormatPAX}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.body)) + e.zeros
		}
		if e.size > 0 {
			h.Size = e.size
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if e.size > 0 {
			truncated = true
			break
		}
		io.WriteString(tw, e.body)
		if e.zeros > 0 {
			if _, err := io.CopyN(tw, zeroReader{}, e.zeros); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !truncated {
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	gz.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// zipEntry is one entry of a test zip. zeros adds that many zero bytes;
// lie makes the central directory claim the file is 10 bytes.
type zipEntry struct {
	name, body string
	mode       fs.FileMode
	zeros      int64
	lie        bool
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func writeZip(t testing.TB, path string, entries []zipEntry) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.body == "" && e.zeros == 0 {
			h.Method = zip.Store
		}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		if e.lie {
			var raw bytes.Buffer
			fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
			crc := crc32.NewIEEE()
			io.CopyN(io.MultiWriter(fw, crc), zeroReader{}, e.zeros)
			fw.Close()
			h.UncompressedSize64 = 10
			h.CompressedSize64 = uint64(raw.Len())
			h.CRC32 = crc.Sum32()
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(raw.Bytes())
			continue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.body)
		if e.zeros > 0 {
			io.CopyN(w, zeroReader{}, e.zeros)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeZipBomb writes a zip holding one honest entry of n MiB of zeros
// that takes a few hundred KiB: the same deflated MiB repeated (each copy
// refers only to itself, so the copies can follow one another).
func writeZipBomb(t testing.TB, path string, extra []zipEntry, n int) {
	t.Helper()
	var seg, end bytes.Buffer
	fw, _ := flate.NewWriter(&seg, flate.BestCompression)
	io.CopyN(fw, zeroReader{}, 1<<20)
	fw.Flush() // ends with a sync block, not a final one
	fw, _ = flate.NewWriter(&end, flate.BestCompression)
	fw.Close() // an empty final block
	raw := append(bytes.Repeat(seg.Bytes(), n), end.Bytes()...)
	crc := crc32.NewIEEE()
	io.CopyN(crc, zeroReader{}, int64(n)<<20)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range extra {
		w, _ := zw.Create(e.name)
		io.WriteString(w, e.body)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "zeros", Method: zip.Deflate,
		CRC32: crc.Sum32(), CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(n) << 20})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The bomb really inflates to what it says.
func TestZipBombFixture(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "bomb.zip")
	writeZipBomb(t, p, nil, 20)
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, rc)
	if err != nil || n != 20<<20 {
		t.Fatalf("inflated %d bytes, %v", n, err)
	}
	if fi, _ := os.Stat(p); fi.Size() > 1<<20 {
		t.Fatalf("the bomb takes %d bytes", fi.Size())
	}
}
