package wasmhost

import (
	"encoding/binary"
	"fmt"
)

// Compile moves a module's active data segments out of it (splitData), and
// Instantiate writes them itself: an instance started from an Image skips
// them, since the image replaces the memory they would initialise. Copying
// them into fresh pages only to unmap those pages again was about a fifth of
// a new instance's time.

// dataSegment is an active data segment taken out of a module.
type dataSegment struct {
	offset uint32
	data   []byte
}

const (
	sectionData      = 11
	sectionDataCount = 12
)

// splitData returns wasm without its active data segments, and the segments. ok is false, and wasm is to
// be used as it is, when the module has a form this does not handle: an
// offset that is not an i32.const, or a malformed section (left for wazero's
// validation to report). Active segments are dropped once instantiated, so
// a module cannot tell they were never there.
func splitData(wasm []byte) (out []byte, segs []dataSegment, ok bool) {
	if len(wasm) < 8 {
		return wasm, nil, false
	}
	type section struct {
		id   byte
		body []byte
	}
	var sections []section
	kept := -1 // segments left in the data section
	for pos := 8; pos < len(wasm); {
		id := wasm[pos]
		size, n := binary.Uvarint(wasm[pos+1:])
		if n <= 0 || size > uint64(len(wasm)-pos-1-n) {
			return wasm, nil, false
		}
		body := wasm[pos+1+n : pos+1+n+int(size)]
		pos += 1 + n + int(size)
		if id == sectionData {
			var err error
			body, segs, kept, err = splitSection(body)
			if err != nil || len(segs) == 0 {
				return wasm, nil, false
			}
		}
		sections = append(sections, section{id, body})
	}
	if segs == nil {
		return wasm, nil, false
	}
	out = append(out, wasm[:8]...)
	for _, s := range sections {
		if s.id == sectionDataCount {
			s.body = binary.AppendUvarint(nil, uint64(kept))
		}
		out = append(out, s.id)
		out = binary.AppendUvarint(out, uint64(len(s.body)))
		out = append(out, s.body...)
	}
	return out, segs, true
}

// splitSection rewrites the data section's body: active segments leave it
// (a segment wazero keeps costs each instance 24 bytes, and its offset is
// evaluated at each instantiation), passive ones stay. kept is how many
// stay. Removing segments renumbers the passive ones, which only
// memory.init and data.drop name; Compile falls back to the module as it
// is if that makes it invalid.
func splitSection(body []byte) (out []byte, segs []dataSegment, kept int, err error) {
	r := reader{b: body}
	count := r.uvarint()
	var passive []byte
	for i := uint64(0); i < count && r.err == nil; i++ {
		start := r.pos
		flags := r.uvarint()
		switch flags {
		case 1:
			size := r.uvarint()
			r.skip(size)
			passive = append(passive, body[start:r.pos]...)
			kept++
			continue
		case 2:
			if r.uvarint() != 0 {
				return nil, nil, 0, fmt.Errorf("segment %d: memory other than 0", i)
			}
		case 0:
		default:
			return nil, nil, 0, fmt.Errorf("segment %d: flags %d", i, flags)
		}
		if r.byte() != 0x41 { // i32.const
			return nil, nil, 0, fmt.Errorf("segment %d: offset is not an i32.const", i)
		}
		offset := r.varint32()
		if r.byte() != 0x0b { // end
			return nil, nil, 0, fmt.Errorf("segment %d: offset expression too long", i)
		}
		data := r.skip(r.uvarint())
		segs = append(segs, dataSegment{offset: uint32(offset), data: data})
	}
	if r.err != nil || r.pos != len(body) {
		return nil, nil, 0, fmt.Errorf("malformed data section")
	}
	out = binary.AppendUvarint(nil, uint64(kept))
	return append(out, passive...), segs, kept, nil
}

// reader reads LEB128 values; its first error sticks.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) fail() { r.err, r.pos = fmt.Errorf("truncated"), len(r.b) }

func (r *reader) byte() byte {
	if r.err != nil || r.pos >= len(r.b) {
		r.fail()
		return 0
	}
	r.pos++
	return r.b[r.pos-1]
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.pos:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.pos += n
	return v
}

// varint32 reads a signed LEB128 i32.
func (r *reader) varint32() int32 {
	var v int64
	var shift uint
	for i := 0; i < 5; i++ {
		c := r.byte()
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return int32(v)
		}
	}
	r.fail()
	return 0
}

func (r *reader) skip(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)-r.pos) {
		r.fail()
		return nil
	}
	b := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return b
}
