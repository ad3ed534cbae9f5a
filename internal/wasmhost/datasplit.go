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

const sectionData = 11

// splitData returns wasm with every active data segment emptied (its offset
// kept, its bytes gone) and the segments it held. ok is false, and wasm is to
// be used as it is, when the module has a form this does not handle: an
// offset that is not an i32.const, or a malformed section (left for wazero's
// validation to report). Emptying an active segment changes nothing else a
// module can observe: active segments are dropped once instantiated.
func splitData(wasm []byte) (out []byte, segs []dataSegment, ok bool) {
	if len(wasm) < 8 {
		return wasm, nil, false
	}
	for pos := 8; pos < len(wasm); {
		id := wasm[pos]
		size, n := binary.Uvarint(wasm[pos+1:])
		if n <= 0 || size > uint64(len(wasm)-pos-1-n) {
			return wasm, nil, false
		}
		body := wasm[pos+1+n : pos+1+n+int(size)]
		end := pos + 1 + n + int(size)
		if id != sectionData {
			pos = end
			continue
		}
		newBody, segs, err := splitSection(body)
		if err != nil || len(segs) == 0 {
			return wasm, nil, false
		}
		out = append(out, wasm[:pos]...)
		out = append(out, sectionData)
		out = binary.AppendUvarint(out, uint64(len(newBody)))
		out = append(out, newBody...)
		out = append(out, wasm[end:]...)
		return out, segs, true
	}
	return wasm, nil, false
}

// splitSection rewrites the data section's body.
func splitSection(body []byte) ([]byte, []dataSegment, error) {
	r := reader{b: body}
	count := r.uvarint()
	out := binary.AppendUvarint(nil, count)
	var segs []dataSegment
	for i := uint64(0); i < count && r.err == nil; i++ {
		start := r.pos
		flags := r.uvarint()
		switch flags {
		case 1: // passive: kept as it is
			size := r.uvarint()
			r.skip(size)
			out = append(out, body[start:r.pos]...)
			continue
		case 2:
			if r.uvarint() != 0 {
				return nil, nil, fmt.Errorf("segment %d: memory other than 0", i)
			}
		case 0:
		default:
			return nil, nil, fmt.Errorf("segment %d: flags %d", i, flags)
		}
		if r.byte() != 0x41 { // i32.const
			return nil, nil, fmt.Errorf("segment %d: offset is not an i32.const", i)
		}
		offset := r.varint32()
		if r.byte() != 0x0b { // end
			return nil, nil, fmt.Errorf("segment %d: offset expression too long", i)
		}
		exprEnd := r.pos
		size := r.uvarint()
		data := r.skip(size)
		if r.err != nil {
			break
		}
		out = append(out, body[start:exprEnd]...)
		out = append(out, 0) // no bytes
		segs = append(segs, dataSegment{offset: uint32(offset), data: data})
	}
	if r.err != nil || r.pos != len(body) {
		return nil, nil, fmt.Errorf("malformed data section")
	}
	return out, segs, nil
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
