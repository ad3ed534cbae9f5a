package hostfns

// OpenBodies is the number of fetch bodies the module has open.
func (m *Module) OpenBodies() int { return m.bodies.count() }
