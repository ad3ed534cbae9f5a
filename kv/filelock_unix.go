//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package kv

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes flock's lock on f without waiting. bbolt then takes the
// same lock through the same open file, which holds it already.
func tryLock(f *os.File, exclusive bool) (bool, error) {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	for {
		err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, unix.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, unix.EINTR):
			continue
		}
		return false, err
	}
}
