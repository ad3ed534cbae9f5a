package hostfns

import (
	"encoding/json"
	"io"
	"sync"
	"time"
)

// auditLog writes one JSON line per use or refusal of a capability.
type auditLog struct {
	mu sync.Mutex
	w  io.Writer
}

type auditRecord struct {
	Time       time.Time `json:"time"`
	Module     string    `json:"module"`
	Capability string    `json:"capability"`
	Value      string    `json:"value"`
	Allowed    bool      `json:"allowed"`
	Error      string    `json:"error,omitempty"`
}

// audit records that m used (err == nil) or was refused capability for
// value. Failures that are not refusals (a missing file) count as allowed:
// the check passed.
func (m *Module) audit(capability, value string, err error) {
	a := m.h.audit
	if a == nil {
		return
	}
	rec := auditRecord{Time: time.Now().UTC(), Module: m.code, Capability: capability, Value: value, Allowed: !isDenial(err)}
	if err != nil {
		rec.Error = err.Error()
	}
	line, _ := json.Marshal(rec)
	line = append(line, '\n')
	a.mu.Lock()
	a.w.Write(line) // an audit sink that fails cannot fail the module's call
	a.mu.Unlock()
}
