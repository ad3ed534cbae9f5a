package hostfns_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
)

// A response's Set-Cookie headers stay apart (getSetCookie, iteration), and
// a request sends each one; a data: URL needs no net grant.
func TestFetchSetCookieAndDataURL(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Set-Cookie", "a=1; Path=/")
		w.Header().Add("Set-Cookie", "b=2, c=3")
		w.Header().Set("X-Sent", strings.Join(r.Header.Values("Set-Cookie"), "|"))
	}))
	defer srv.Close()
	hostport := strings.TrimPrefix(srv.URL, "http://")
	e := newEnv(t, hostfns.Config{Resolver: loopbackResolver{}})
	m := e.module(fmt.Sprintf("code: net\npermissions:\n  net: [\"%s\"]\n", hostport))
	got := m.mustRun(fmt.Sprintf(`
		const h = new Headers(); h.append("set-cookie", "x=1"); h.append("set-cookie", "y=2");
		const r = await fetch("%s/", { headers: h });
		return [r.headers.getSetCookie(), [...r.headers].filter(([k]) => k === "set-cookie").length, r.headers.get("x-sent")]`, srv.URL))
	if got != `[["a=1; Path=/","b=2, c=3"],2,"x=1|y=2"]` {
		t.Fatalf("set-cookie: %s", got)
	}
	none := e.module("code: nonet\n")
	got = none.mustRun(`const r = await fetch("data:text/plain;base64,aGk="); return [r.status, await r.text(), r.headers.get("content-type")]`)
	if got != `[200,"hi","text/plain"]` {
		t.Fatalf("data: URL without a grant: %s", got)
	}
}
