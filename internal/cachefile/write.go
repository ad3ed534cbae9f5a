package cachefile

import "os"

// Write writes data to a temporary file in dir (made 0700 if
// missing) and renames it to file, so a reader never sees half of it. The
// caches sealed with Seal (wazero's compiled code, the bundles) share it.
func Write(dir, file string, data []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
