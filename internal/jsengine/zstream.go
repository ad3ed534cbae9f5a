package jsengine

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"strconv"
	"sync"
)

// The host side of CompressionStream and DecompressionStream
// (prelude/72-compression.js): Go's compress/flate, gzip and zlib behind one
// synchronous host function, "zstream". Each stream's state lives here, in
// the instance's table, under a number the guest holds; it is freed when the
// stream closes, errors or is cancelled, and all of it when the instance
// closes.
//
// The argument is an operation byte, a little-endian uint32 stream id (0 for
// "n") and the operation's payload:
//
//	'n' new: mode ('c' compress, 'd' decompress) and format ('g' gzip,
//	    'z' deflate (zlib), 'r' deflate-raw); returns the id (4 bytes)
//	'w' write: the input chunk
//	'm' more: none; the output a write or end left pending
//	'e' end: none; the end of the input
//	'f' free: none
//
// 'w', 'm' and 'e' return a status byte and output bytes. Status zstrNeed
// means the input was consumed, zstrMore that output is pending (call 'm'),
// zstrDone that the stream ended.
//
// Bounds: a reply holds at most zstreamChunk output bytes; a decompressor's
// whole output is capped at the instance's memory limit (more could never be
// held by the guest; a decompression bomb ends there with a RangeError); at
// most maxZStreams streams are live per instance (a compressor holds about
// 1 MiB of Go memory); a compressor's work per call is checked against the
// call's deadline every zstreamChunk bytes of input.

const (
	zstreamChunk = 16 << 10 // node's zlib chunkSize
	maxZStreams  = 32
)

const (
	zstrNeed byte = iota
	zstrMore
	zstrDone
)

var errBadZStream = errors.New("malformed zstream request")

// zlibError carries zlib's code (Z_DATA_ERROR, ...), which the prelude turns
// into node's error: an Error with errno and code.
type zlibError struct{ code, msg string }

func (e zlibError) Error() string  { return e.msg }
func (e zlibError) JSName() string { return e.code }

var (
	errZData   = zlibError{"Z_DATA_ERROR", "invalid compressed data"}
	errZHeader = zlibError{"Z_DATA_ERROR", "incorrect header check"}
	errZCheck  = zlibError{"Z_DATA_ERROR", "incorrect data check"}
	errZEOF    = zlibError{"Z_BUF_ERROR", "unexpected end of file"}
	errZDict   = zlibError{"Z_NEED_DICT", "Missing dictionary"}
)

// zlibErrorOf maps Go's decompression errors to zlib's.
func zlibErrorOf(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errZEOF
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, zlib.ErrHeader):
		return errZHeader
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrChecksum):
		return errZCheck
	case errors.Is(err, zlib.ErrDictionary):
		return errZDict
	case errors.As(err, &corrupt):
		return errZData
	}
	var ze zlibError
	if errors.As(err, &ze) {
		return ze
	}
	return err
}

// zstream is one stream's state.
type zstream interface {
	write(ctx context.Context, p []byte) (byte, []byte, error)
	more(ctx context.Context) (byte, []byte, error)
	end(ctx context.Context) (byte, []byte, error)
	close()
}

// zTable is an instance's streams. Host functions run under the
// instance's lock, and shutdown after it, but the table is locked anyway:
// it is cheap and keeps close safe from any goroutine.
type zTable struct {
	mu   sync.Mutex
	next uint32
	live map[uint32]zstream
}

func (t *zTable) add(z zstream) (uint32, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.live) >= maxZStreams {
		return 0, false
	}
	if t.live == nil {
		t.live = map[uint32]zstream{}
	}
	t.next++
	t.live[t.next] = z
	return t.next, true
}

func (t *zTable) get(id uint32) zstream {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.live[id]
}

func (t *zTable) free(id uint32) {
	t.mu.Lock()
	z := t.live[id]
	delete(t.live, id)
	t.mu.Unlock()
	if z != nil {
		z.close()
	}
}

// closeAll frees every stream; the instance is closing.
func (t *zTable) closeAll() {
	t.mu.Lock()
	live := t.live
	t.live = nil
	t.mu.Unlock()
	for _, z := range live {
		z.close()
	}
}

// count is the number of live streams (tests).
func (t *zTable) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.live)
}

func zstreamFunc(ctx context.Context, c *Caller, arg []byte) ([]byte, error) {
	if len(arg) < 5 {
		return nil, errBadZStream
	}
	op, id, payload := arg[0], binary.LittleEndian.Uint32(arg[1:5]), arg[5:]
	t := &c.inst.zs
	if op == 'n' {
		if len(payload) != 2 {
			return nil, errBadZStream
		}
		var z zstream
		switch payload[0] {
		case 'c':
			if cz := newCompressor(payload[1]); cz != nil {
				z = cz
			}
		case 'd':
			if dz := newDecompressor(payload[1], int64(c.inst.cfg.MemoryLimit)); dz != nil {
				z = dz
			}
		}
		if z == nil {
			return nil, errBadZStream
		}
		id, ok := t.add(z)
		if !ok {
			z.close()
			return nil, rangeError("too many open compression streams (limit " + strconv.Itoa(maxZStreams) + "): close or cancel the ones in use")
		}
		return binary.LittleEndian.AppendUint32(nil, id), nil
	}
	if op == 'f' {
		t.free(id)
		return nil, nil
	}
	z := t.get(id)
	if z == nil {
		return nil, errors.New("compression stream " + strconv.FormatUint(uint64(id), 10) + " is closed")
	}
	var (
		st  byte
		out []byte
		err error
	)
	switch op {
	case 'w':
		st, out, err = z.write(ctx, payload)
	case 'm':
		st, out, err = z.more(ctx)
	case 'e':
		st, out, err = z.end(ctx)
	default:
		return nil, errBadZStream
	}
	if err != nil || st == zstrDone {
		t.free(id)
	}
	if err != nil {
		return nil, err
	}
	return append([]byte{st}, out...), nil
}

// ---- compression ----

// compressor writes into buf; each call returns what the writer produced.
// Its output is bounded by its input (plus a few bytes a block), which the
// guest held, so it is returned whole rather than in chunks.
type compressor struct {
	buf bytes.Buffer
	w   interface {
		io.Writer
		Close() error
	}
	ended bool
}

func newCompressor(format byte) *compressor {
	z := &compressor{}
	switch format {
	case 'g':
		g, _ := gzip.NewWriterLevel(&z.buf, gzip.DefaultCompression)
		g.OS = 3 // Unix, as node's zlib writes it
		z.w = g
	case 'z':
		z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.DefaultCompression)
	case 'r':
		z.w, _ = flate.NewWriter(&z.buf, flate.DefaultCompression)
	default:
		return nil
	}
	return z
}

func (z *compressor) write(ctx context.Context, p []byte) (byte, []byte, error) {
	if z.ended {
		return 0, nil, errBadZStream
	}
	for len(p) > 0 {
		if err := ctx.Err(); err != nil {
			return 0, nil, errZStreamDeadline
		}
		n := min(len(p), zstreamChunk)
		z.w.Write(p[:n]) // a bytes.Buffer does not fail
		p = p[n:]
	}
	return zstrNeed, z.take(), nil
}

func (z *compressor) more(context.Context) (byte, []byte, error) {
	return zstrNeed, nil, nil
}

func (z *compressor) end(context.Context) (byte, []byte, error) {
	if z.ended {
		return 0, nil, errBadZStream
	}
	z.ended = true
	z.w.Close()
	return zstrDone, z.take(), nil
}

func (z *compressor) take() []byte {
	out := bytes.Clone(z.buf.Bytes())
	z.buf.Reset()
	return out
}

func (z *compressor) close() {}

var errZStreamDeadline = errors.New("compression stream: the call's deadline passed")

// ---- decompression ----

// Go's decompressors pull their input from an io.Reader and an error from
// it is final, so each decompressor runs on a goroutine of its own, which
// the host calls drive one step at a time: a call hands it input (or asks
// for more output) and waits until it needs input again, has a chunk of
// output, or ends. Between calls it is parked on a channel; close ends it.
type decompressor struct {
	format byte
	limit  int64 // total output allowed
	total  int64

	feed    chan []byte // input; nil is the end of it
	cont    chan struct{}
	replies chan zreply
	quit    chan struct{}
	done    chan struct{}
	once    sync.Once

	state byte // what the last reply said; zstrDone also after an error
	ended bool // the end of input was fed

	// owned by the goroutine
	in    []byte
	inEOF bool
	out   []byte
}

type zreply struct {
	st  byte
	out []byte
	err error
}

var errZQuit = errors.New("closed")

func newDecompressor(format byte, limit int64) *decompressor {
	switch format {
	case 'g', 'z', 'r':
	default:
		return nil
	}
	z := &decompressor{format: format, limit: limit, feed: make(chan []byte), cont: make(chan struct{}),
		replies: make(chan zreply), quit: make(chan struct{}), done: make(chan struct{}), state: zstrNeed}
	go z.run()
	return z
}

// Read and ReadByte are the decompressor's source (io.ByteReader too, so
// gzip and flate read no further than they need): when the input runs
// out, it hands the output so far to the waiting call and parks until the
// next input.
func (z *decompressor) Read(p []byte) (int, error) {
	if err := z.fill(); err != nil {
		return 0, err
	}
	n := copy(p, z.in)
	z.in = z.in[n:]
	return n, nil
}

func (z *decompressor) ReadByte() (byte, error) {
	if err := z.fill(); err != nil {
		return 0, err
	}
	b := z.in[0]
	z.in = z.in[1:]
	return b, nil
}

func (z *decompressor) fill() error {
	for len(z.in) == 0 {
		if z.inEOF {
			return io.EOF
		}
		out := z.out
		z.out = nil
		select {
		case z.replies <- zreply{st: zstrNeed, out: out}:
		case <-z.quit:
			return errZQuit
		}
		select {
		case in := <-z.feed:
			z.in, z.inEOF = in, in == nil
		case <-z.quit:
			return errZQuit
		}
	}
	return nil
}

// peek returns the next input byte without taking it, waiting for input
// if need be; io.EOF at the end of the input.
func (z *decompressor) peek() (byte, error) {
	if err := z.fill(); err != nil {
		return 0, err
	}
	return z.in[0], nil
}

func (z *decompressor) run() {
	defer close(z.done)
	// The first input arrives before anything is read.
	select {
	case in := <-z.feed:
		z.in, z.inEOF = in, in == nil
	case <-z.quit:
		return
	}
	err := z.decode()
	if err == errZQuit {
		return
	}
	rep := zreply{st: zstrDone, out: z.out}
	if err != nil {
		rep = zreply{err: zlibErrorOf(err)}
	}
	select {
	case z.replies <- rep:
	case <-z.quit:
	}
}

// decode runs the whole stream. Like zlib, a gzip stream may hold several
// members, and what follows the last must be another member; deflate and
// deflate-raw end at their stream's end, ignoring what follows.
func (z *decompressor) decode() error {
	switch z.format {
	case 'r':
		return z.copy(flate.NewReader(z))
	case 'z':
		r, err := zlib.NewReader(z)
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		return z.copy(r)
	}
	var r *gzip.Reader
	for members := 0; ; members++ {
		b, err := z.peek()
		switch {
		case err == io.EOF && members == 0:
			return io.ErrUnexpectedEOF // no input is a truncated stream
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		case b != 0x1f:
			return gzip.ErrHeader
		}
		if r == nil {
			r, err = gzip.NewReader(z)
		} else {
			err = r.Reset(z)
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		r.Multistream(false)
		if err := z.copy(r); err != nil {
			return err
		}
	}
}

func (z *decompressor) copy(r io.Reader) error {
	buf := make([]byte, 16<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if err := z.emit(buf[:n]); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// emit adds output; a full chunk goes to the waiting call, and the
// goroutine parks until the guest asks for more.
func (z *decompressor) emit(p []byte) error {
	z.total += int64(len(p))
	if z.total > z.limit {
		return rangeError("DecompressionStream: the output passed " + strconv.FormatInt(z.limit, 10) + " bytes, the module's memory limit (limits.memory)")
	}
	z.out = append(z.out, p...)
	for len(z.out) >= zstreamChunk {
		chunk := z.out[:zstreamChunk:zstreamChunk]
		z.out = bytes.Clone(z.out[zstreamChunk:])
		select {
		case z.replies <- zreply{st: zstrMore, out: chunk}:
		case <-z.quit:
			return errZQuit
		}
		select {
		case <-z.cont:
		case <-z.quit:
			return errZQuit
		}
	}
	return nil
}

func (z *decompressor) write(ctx context.Context, p []byte) (byte, []byte, error) {
	if z.state != zstrNeed || z.ended {
		return 0, nil, errBadZStream
	}
	// p aliases guest memory, valid only during this call
	return z.step(ctx, z.feed, bytes.Clone(p))
}

func (z *decompressor) more(ctx context.Context) (byte, []byte, error) {
	if z.state != zstrMore {
		return 0, nil, errBadZStream
	}
	return z.step(ctx, nil, nil)
}

func (z *decompressor) end(ctx context.Context) (byte, []byte, error) {
	if z.state != zstrNeed || z.ended {
		return 0, nil, errBadZStream
	}
	z.ended = true
	return z.step(ctx, z.feed, nil)
}

// step wakes the goroutine, with input on feed or (feed nil) to continue
// its output, and waits for its reply.
func (z *decompressor) step(ctx context.Context, feed chan []byte, in []byte) (byte, []byte, error) {
	if feed != nil {
		select {
		case feed <- in:
		case <-ctx.Done():
			return 0, nil, errZStreamDeadline
		}
	} else {
		select {
		case z.cont <- struct{}{}:
		case <-ctx.Done():
			return 0, nil, errZStreamDeadline
		}
	}
	select {
	case r := <-z.replies:
		if r.err != nil {
			z.state = zstrDone
			return 0, nil, r.err
		}
		z.state = r.st
		return r.st, r.out, nil
	case <-ctx.Done():
		return 0, nil, errZStreamDeadline
	}
}

func (z *decompressor) close() {
	z.once.Do(func() { close(z.quit) })
	<-z.done
}
