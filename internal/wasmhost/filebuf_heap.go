package wasmhost

// heapFileBuf is allocFileBuf's portable form, on Go's heap.
func heapFileBuf(n int) ([]byte, func()) {
	return make([]byte, n), func() {}
}
