package testutil

import (
	"fmt"
	"os"
	"time"
)

// UniqueSleep is an argument for sleep(1) of about secs seconds that no
// other process uses, so Sleepers can find what a test started even after
// it changed its session, group or parent.
func UniqueSleep(secs int) string {
	return fmt.Sprintf("%d.%d%03d", secs, os.Getpid(), time.Now().UnixNano()%1000)
}
