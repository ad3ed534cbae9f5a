//go:build windows

package hostfns

// TreeSizes lists, for each running program of m, how many processes its
// job holds (1 when jobs could not be nested) and whether it has a job.
func TreeSizes(m *Module) (sizes []int, nested []bool) {
	m.procs.mu.Lock()
	defer m.procs.mu.Unlock()
	for _, p := range m.procs.running {
		sizes = append(sizes, len(p.tree.members()))
		nested = append(nested, p.tree.job != 0)
	}
	return sizes, nested
}
