//go:build linux

package hostfns

// WithoutNamespaces makes programs start as if the kernel refused PID
// namespaces (the fallback), until the returned function is called.
func WithoutNamespaces() (restore func()) {
	old := noNamespaces.Swap(true)
	return func() { noNamespaces.Store(old) }
}

// NamespacesRefused reports whether the kernel refused a PID namespace.
func NamespacesRefused() bool { return noNamespaces.Load() }
