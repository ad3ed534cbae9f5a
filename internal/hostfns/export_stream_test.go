package hostfns

// OpenBodies is the number of fetch bodies the module has open.
func (m *Module) OpenBodies() int { return m.bodies.count() }

// OpenUploads is the number of request bodies being streamed.
func (m *Module) OpenUploads() int {
	m.uploads.mu.Lock()
	defer m.uploads.mu.Unlock()
	return len(m.uploads.open)
}
