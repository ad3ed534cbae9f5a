package hostfns

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/jsengine"
)

// maxDirEntries bounds one fileList result.
const maxDirEntries = 10_000

func (m *Module) files(capability, path string) (*caps.FS, error) {
	if m.fs == nil {
		return nil, &caps.DeniedError{Capability: capability, Value: path, Reason: "the runtime has no app root"}
	}
	// The runtime's own files are refused by caps.FS itself, by identity
	// at access time (Config.Reserved): a name check here would miss a
	// link, a relative store path or an aliased root.
	return m.fs, nil
}

// fileRead serves core.fileRead (text) and core.fileReadBytes (binary).
func fileRead(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	path := string(arg)
	data, err := m.readFile(path)
	m.audit("read", path, err)
	return data, err
}

func (m *Module) readFile(path string) ([]byte, error) {
	fs, err := m.files("read", path)
	if err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(path, m.limits.ReadBytes)
	if errors.Is(err, caps.ErrTooLarge) {
		return nil, quotaError("read", fmt.Sprintf("%q is larger than %d bytes", path, m.limits.ReadBytes), "limits.read_bytes")
	}
	if err != nil {
		return nil, guestError("read", path, err)
	}
	if data == nil {
		data = []byte{} // an empty file is "", not undefined
	}
	return data, nil
}

// fileWrite receives a frame: {"path": ...} and the bytes to write.
func fileWrite(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	var req struct{ Path string }
	body, err := unframe(arg, &req)
	if err != nil {
		return nil, err
	}
	err = m.writeFile(req.Path, body)
	m.audit("write", req.Path, err)
	return nil, err
}

func (m *Module) writeFile(path string, data []byte) error {
	fs, err := m.files("write", path)
	if err != nil {
		return err
	}
	if int64(len(data)) > m.limits.WriteBytes {
		return quotaError("write", fmt.Sprintf("writing %d bytes to %q is more than %d", len(data), path, m.limits.WriteBytes), "limits.write_bytes")
	}
	if err := fs.WriteFile(path, data); err != nil {
		return guestError("write", path, err)
	}
	return nil
}

type fileInfo struct {
	Name        string  `json:"name"`
	Size        int64   `json:"size"`
	IsDirectory bool    `json:"isDirectory"`
	IsFile      bool    `json:"isFile"`
	Modified    float64 `json:"modified"` // ms since the epoch, like Date.now()
}

func toInfo(fi caps.FileInfo) fileInfo {
	return fileInfo{Name: fi.Name, Size: fi.Size, IsDirectory: fi.IsDir, IsFile: fi.Mode.IsRegular(),
		Modified: float64(fi.ModTime.UnixNano() / int64(time.Millisecond))}
}

func fileList(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	path := string(arg)
	out, err := func() ([]byte, error) {
		fs, err := m.files("read", path)
		if err != nil {
			return nil, err
		}
		list, err := fs.ReadDir(path, maxDirEntries)
		if err != nil {
			return nil, guestError("list", path, err)
		}
		infos := make([]fileInfo, 0, len(list))
		for _, fi := range list {
			if strings.HasPrefix(fi.Name, caps.TempPrefix) {
				continue // a write in progress, or one a crash interrupted
			}
			infos = append(infos, toInfo(fi))
		}
		return json.Marshal(infos)
	}()
	m.audit("read", path, err)
	return out, err
}

// fileStat answers undefined (null in JS) for a missing path, so a module
// can test for existence without catching.
func fileStat(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	path := string(arg)
	out, err := func() ([]byte, error) {
		fs, err := m.files("read", path)
		if err != nil {
			return nil, err
		}
		fi, err := fs.Stat(path)
		if err != nil {
			e := guestError("stat", path, err)
			if je, ok := e.(*jsError); ok && je.name == "NotFound" {
				return nil, nil
			}
			return nil, e
		}
		return json.Marshal(toInfo(fi))
	}()
	m.audit("read", path, err)
	return out, err
}

func fileDelete(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	path := string(arg)
	err := func() error {
		fs, err := m.files("write", path)
		if err != nil {
			return err
		}
		if err := fs.Remove(path); err != nil {
			return guestError("delete", path, err)
		}
		return nil
	}()
	m.audit("write", path, err)
	return nil, err
}

func fileMkdir(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	path := string(arg)
	err := func() error {
		fs, err := m.files("write", path)
		if err != nil {
			return err
		}
		if err := fs.MkdirAll(path); err != nil {
			return guestError("mkdir", path, err)
		}
		return nil
	}()
	m.audit("write", path, err)
	return nil, err
}

// unframe splits a request frame (see core.js): a 4-byte little-endian
// length, that much JSON decoded into head, then the body.
func unframe(arg []byte, head any) ([]byte, error) {
	if len(arg) < 4 {
		return nil, typeError("malformed request: %d bytes", len(arg))
	}
	n := binary.LittleEndian.Uint32(arg)
	if uint64(n) > uint64(len(arg)-4) {
		return nil, typeError("malformed request: header of %d bytes in %d", n, len(arg))
	}
	h := arg[4 : 4+n]
	if !utf8.Valid(h) {
		return nil, typeError("malformed request header")
	}
	if err := json.Unmarshal(h, head); err != nil {
		return nil, typeError("malformed request header: %v", err)
	}
	return arg[4+n:], nil
}

// frame builds a reply frame.
func frame(head any, body []byte) ([]byte, error) {
	h, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 4, 4+len(h)+len(body))
	binary.LittleEndian.PutUint32(out, uint32(len(h)))
	out = append(out, h...)
	return append(out, body...), nil
}
