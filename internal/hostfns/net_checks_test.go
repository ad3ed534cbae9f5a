package hostfns

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/manifest"
)

// The request checks of the JS glue (methods, header names and values,
// hop-by-hop headers in any case, redirect modes, a body on GET) hold in Go,
// for what reaches the handler without the glue: an Extism plugin's fetch
// (Serve) and a forged call of the JS host import (fetch with raw bytes).
// Before they lived only in core.js, and both paths sent TRACE, CONNECT,
// Upgrade and Proxy-Authorization to the server as the module wrote them.
func TestFetchChecksInGo(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []string // what the server received: method and headers
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		var hs []string
		for k := range r.Header {
			if k != "User-Agent" && k != "Accept-Encoding" && k != "Content-Length" {
				hs = append(hs, k+"="+r.Header.Get(k))
			}
		}
		seen = append(seen, fmt.Sprintf("%s host=%s %v", r.Method, r.Host, hs))
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	h, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.Bind(&manifest.Manifest{Code: "forged", Permissions: manifest.Permissions{Net: []string{host}},
		Limits: manifest.Limits{FetchRequests: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()

	cases := []struct {
		name, method, redirect, body string
		headers                      [][2]string
		want                         string // TypeError text, or what the server saw
	}{
		{name: "TRACE", method: "TRACE", want: `TypeError: fetch "URL": unsupported method "TRACE"`},
		{name: "CONNECT", method: "CONNECT", want: `TypeError: fetch "URL": unsupported method "CONNECT"`},
		{name: "method with a space", method: "GET /admin HTTP/1.1\r\nX:", want: `TypeError: fetch "URL": unsupported method`},
		{name: "lower-case method", method: "patch", want: "PATCH host=" + host + " []"},
		{name: "method folding to POST", method: "po\u017ft", want: `TypeError: fetch "URL": unsupported method`},
		{name: "name folding to keep-alive", method: "GET", headers: [][2]string{{"\u212aeep-Alive", "1"}}, want: `TypeError: fetch "URL": invalid header name`},
		{name: "hop-by-hop headers in any case", method: "GET", headers: [][2]string{
			{"Connection", "Upgrade"}, {"UPGRADE", "websocket"}, {"Host", "internal.example"}, {"Proxy-Authorization", "Basic eA=="},
			{"Transfer-Encoding", "chunked"}, {"TE", "trailers"}, {"Keep-Alive", "1"}, {"Expect", "100-continue"}, {"X-Ok", "  kept  "},
		}, want: "GET host=" + host + " [X-Ok=kept]"},
		{name: "header name with a space", method: "GET", headers: [][2]string{{"X Bad", "v"}}, want: `TypeError: fetch "URL": invalid header name "X Bad"`},
		{name: "empty header name", method: "GET", headers: [][2]string{{"", "v"}}, want: `TypeError: fetch "URL": invalid header name ""`},
		{name: "CRLF in a value", method: "GET", headers: [][2]string{{"X-A", "a\r\nX-Injected: 1"}}, want: `TypeError: fetch "URL": header "x-a" has a control character`},
		{name: "NUL in a value", method: "GET", headers: [][2]string{{"X-A", "a\x00b"}}, want: `TypeError: fetch "URL": header "x-a" has a control character`},
		{name: "unknown redirect mode", method: "GET", redirect: "sometimes", want: `TypeError: fetch "URL": redirect must be follow, manual or error, not "sometimes"`},
		{name: "GET with a body", method: "GET", body: "x", want: `TypeError: fetch "URL": a GET request cannot have a body`},
	}
	for _, c := range cases {
		want := strings.ReplaceAll(c.want, "URL", srv.URL+"/")
		// a forged call of the JS host import
		t.Run("import/"+c.name, func(t *testing.T) {
			head, _ := json.Marshal(fetchReq{URL: srv.URL + "/", Method: c.method, Headers: c.headers, Redirect: c.redirect})
			out, err := fetch(context.Background(), m, &jsengine.Caller{}, frameOf(string(head), []byte(c.body)))
			if err == nil {
				m.unhold(int64(cap(out)))
			}
			checkForged(t, err, want, &mu, &seen)
		})
		// an Extism plugin
		t.Run("extism/"+c.name, func(t *testing.T) {
			var body *string
			if c.body != "" {
				body = &c.body
			}
			req, _ := json.Marshal(wasmReq{URL: srv.URL + "/", Method: c.method, Headers: c.headers, Redirect: c.redirect, Body: body})
			var ans struct {
				Error *struct{ Name, Message string }
			}
			json.Unmarshal(m.Serve(context.Background(), "fetch", req), &ans)
			var err error
			if ans.Error != nil {
				err = &jsError{name: ans.Error.Name, msg: ans.Error.Message}
			}
			checkForged(t, err, want, &mu, &seen)
		})
	}
	if b := m.buffered.Load(); b != 0 {
		t.Errorf("the module still holds %d bytes of replies", b)
	}
}

func checkForged(t *testing.T, err error, want string, mu *sync.Mutex, seen *[]string) {
	t.Helper()
	mu.Lock()
	got := *seen
	*seen = nil
	mu.Unlock()
	if strings.HasPrefix(want, "TypeError") {
		var je *jsError
		if !errors.As(err, &je) || !strings.HasPrefix(je.name+": "+je.msg, want) {
			t.Fatalf("got error %v (server saw %q)\nwant %s", err, got, want)
		}
		if len(got) > 0 {
			t.Fatalf("refused, yet the server saw %q", got)
		}
		return
	}
	if err != nil || len(got) != 1 || got[0] != want {
		t.Fatalf("error %v, server saw %q\nwant it to see %q", err, got, want)
	}
}

// FuzzCheckRequest: whatever a guest sends, what checkRequest passes on is
// one of fetch's methods and headers that are tokens with clean values,
// none of them hop-by-hop.
func FuzzCheckRequest(f *testing.F) {
	f.Add("GET", "x-a", "b", "follow", "")
	f.Add("trace", "Connection", "Upgrade", "", "")
	f.Add("post", "HOST", "evil", "manual", "body")
	f.Add("GET", "X-A", "a\r\nb", "error", "")
	f.Add("G\u0130T", "x\u212a", "v", "", "")
	f.Fuzz(func(t *testing.T, method, name, value, redirect, body string) {
		m, hs, err := checkRequest(fetchReq{URL: "http://a.test/", Method: method, Headers: [][2]string{{name, value}}, Redirect: redirect}, []byte(body))
		if err != nil {
			var je *jsError
			if !errors.As(err, &je) || je.name != "TypeError" {
				t.Fatalf("error %v is not a TypeError", err)
			}
			return
		}
		if !fetchMethods[m] || strings.ToUpper(method) != m && method != "" {
			t.Fatalf("method %q passed as %q", method, m)
		}
		for _, h := range hs {
			if !validHeaderName(h[0]) || h[0] != strings.ToLower(name) || hopHeaders[h[0]] || !validHeaderName(name) {
				t.Fatalf("header %q passed", h[0])
			}
			if strings.ContainsAny(h[1], "\x00\r\n") || strings.TrimSpace(h[1]) != h[1] && strings.Trim(h[1], " \t") != h[1] {
				t.Fatalf("value %q passed", h[1])
			}
		}
	})
}
