package wasmhost

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/corets/corets-wasm/internal/cachefile"
)

// In direct mode wazero asks for its compiled file (sealedFiles.Get) only
// after it has decoded and validated the module, which takes about as long
// as reading and verifying that file. The file's name is a hash of the
// module and of this CPU's features, made inside wazero; so the name wazero
// asked for is kept beside the compiled files (the same <sha256 of the
// wasm>.files index as the private directory's mode), and the next process
// reads and verifies that file in the background while wazero validates.
// The index is only a hint: what Get returns is still a file verified
// against its seal, and only for the name wazero asks for.

// prefetch is a verification started before wazero asked for the file.
type prefetch struct {
	name string
	done chan verifiedFile
}

type verifiedFile struct {
	data []byte
	free func()
}

// prefetches holds the DiskCache's pending prefetch and the names wazero
// asked for during a compile.
type prefetches struct {
	mu      sync.Mutex
	pending *prefetch
	asked   []string
	onTake  func() // tests: called when Get takes a prefetch
}

// compileDirect runs compile (wazero's CompileModule) with the compiled
// file listed for wasm being verified meanwhile, and records the name
// wazero asked for if it was not the one listed.
func (c *DiskCache) compileDirect(wasm []byte, compile func() error) error {
	sum := sha256.Sum256(wasm)
	index := filepath.Join(c.shared, hex.EncodeToString(sum[:])+".files")
	listed := c.readIndex(index)
	c.pf.mu.Lock()
	c.pf.asked = nil
	if len(listed) == 1 {
		p := &prefetch{name: listed[0], done: make(chan verifiedFile, 1)}
		go func() {
			data, free := c.verified(p.name)
			p.done <- verifiedFile{data, free}
		}()
		c.pf.pending = p
	}
	c.pf.mu.Unlock()

	err := compile()

	c.pf.mu.Lock()
	p, asked := c.pf.pending, c.pf.asked
	c.pf.pending, c.pf.asked = nil, nil
	c.pf.mu.Unlock()
	if p != nil { // not asked for: wait, so that no goroutine outlives the compile
		if v := <-p.done; v.free != nil {
			v.free()
		}
	}
	if err == nil && len(asked) == 1 && !slices.Equal(asked, listed) {
		cachefile.Write(c.shared, index, []byte(strings.Join(asked, "\n")+"\n"))
	}
	return err
}

// take returns the verified file name if a prefetch of it is pending,
// waiting for it; ok is false if none is, and the caller reads the file
// itself.
func (pf *prefetches) take(name string) (v verifiedFile, ok bool) {
	pf.mu.Lock()
	pf.asked = append(pf.asked, name)
	p := pf.pending
	if p == nil || p.name != name {
		pf.mu.Unlock()
		return verifiedFile{}, false
	}
	pf.pending = nil
	onTake := pf.onTake
	pf.mu.Unlock()
	if onTake != nil {
		onTake()
	}
	return <-p.done, true
}
