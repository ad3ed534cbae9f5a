package hostfns

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/jsengine"
)

// maxRedirects bounds one fetch's redirect chain, as browsers do.
const maxRedirects = 10

type fetchReq struct {
	URL      string      `json:"url"`
	Method   string      `json:"method"`
	Headers  [][2]string `json:"headers"`
	Redirect string      `json:"redirect"`
	Upload   uint32      `json:"upload,omitempty"` // a streamed body's pipe (net_upload.go), core.fetch.open only
}

type fetchReply struct {
	Status     int         `json:"status"`
	StatusText string      `json:"statusText"`
	Headers    [][2]string `json:"headers"`
	URL        string      `json:"url"`
	Redirected bool        `json:"redirected"`
	Body       uint32      `json:"body,omitempty"` // a streamed body's id (net_stream.go)
}

// hopHeaders are set by the transport, never by a module: a module's own
// are dropped, whatever their case (Host would pick another virtual host
// behind a granted address, Connection and Upgrade would turn the request
// into another protocol, Content-Length and Transfer-Encoding would frame it
// differently from the body). Names are compared lower-cased.
var hopHeaders = map[string]bool{
	"host": true, "connection": true, "content-length": true, "transfer-encoding": true,
	"upgrade": true, "te": true, "trailer": true, "keep-alive": true, "proxy-connection": true,
	"proxy-authorization": true, "proxy-authenticate": true, "http2-settings": true, "expect": true,
}

// fetchMethods are the methods fetch sends; CONNECT and TRACE are not among
// them, nor is any name a server might read as another.
var fetchMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "OPTIONS": true,
}

// checkRequest validates what the guest sent, in Go: the JS glue checks the
// same for its callers' sake, but Extism plugins and forged host calls reach
// this handler without it. It returns the method upper-cased and the headers
// to send, lower-cased, trimmed, hop-by-hop ones dropped.
func checkRequest(r fetchReq, body []byte) (string, [][2]string, error) {
	// Case is folded only after the name is known to be ASCII: Unicode
	// folding maps U+017F to "S" and U+212A to "k".
	method := r.Method
	if method == "" {
		method = "GET"
	}
	if validHeaderName(method) {
		method = strings.ToUpper(method)
	}
	if !fetchMethods[method] {
		return "", nil, typeError("fetch %q: unsupported method %q (use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS)", r.URL, r.Method)
	}
	if len(body) > 0 && (method == "GET" || method == "HEAD") {
		return "", nil, typeError("fetch %q: a %s request cannot have a body", r.URL, method)
	}
	switch r.Redirect {
	case "", "follow", "manual", "error":
	default:
		return "", nil, typeError("fetch %q: redirect must be follow, manual or error, not %q", r.URL, r.Redirect)
	}
	out := make([][2]string, 0, len(r.Headers))
	for _, h := range r.Headers {
		if !validHeaderName(h[0]) {
			return "", nil, typeError("fetch %q: invalid header name %q", r.URL, h[0])
		}
		name := strings.ToLower(h[0])
		value := strings.Trim(h[1], " \t\r\n")
		if i := strings.IndexFunc(value, func(c rune) bool { return c < ' ' && c != '\t' || c == 0x7f }); i >= 0 {
			return "", nil, typeError("fetch %q: header %q has a control character (%q) in its value", r.URL, name, value[i])
		}
		if !hopHeaders[name] {
			out = append(out, [2]string{name, value})
		}
	}
	return method, out, nil
}

// validHeaderName reports whether s is an HTTP token (RFC 9110, 5.1).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// fetch performs one HTTP request for core's fetch. It runs on its own
// goroutine (an asynchronous host function) under ctx, which ends at the
// calling run's deadline. Every URL, the first and each redirect's, is
// checked against permissions.net; the dialer checks the resolved address.
func fetch(ctx context.Context, m *Module, c *jsengine.Caller, arg []byte) ([]byte, error) {
	var r fetchReq
	body, err := unframe(arg, &r)
	if err != nil {
		return nil, err
	}
	out, err := m.fetch(ctx, m.requestCounter(c), r, body)
	m.audit("net", r.URL, err)
	return out, err
}

// requestCounter counts a call's requests against limits.fetch_requests,
// including what the call's timers and callbacks do after it returned
// (jsengine's Caller.Charge).
func (m *Module) requestCounter(c *jsengine.Caller) func() error {
	limit := int64(m.limits.FetchRequests)
	return func() error {
		if !c.Charge("fetch_requests", 1, limit) {
			return tooManyRequests(limit)
		}
		return nil
	}
}

// releaseFetch gives back what a fetch reply held of the module's buffer
// budget once the engine has handed it to the guest (HostFunc.Release).
func releaseFetch(c *jsengine.Caller, data []byte) {
	if m, ok := c.Data().(*Module); ok && m != nil {
		m.unhold(int64(cap(data)))
	}
}

func tooManyRequests(limit int64) error {
	return quotaError("net", fmt.Sprintf("more than %d network requests in one call (its timers and callbacks included)", limit), "limits.fetch_requests")
}

// fetch makes the request. count charges one request against the call's
// budget (the first request and each redirect). The reply it returns holds
// cap(reply) bytes of the module's buffer budget until the caller releases
// them with unhold.
func (m *Module) fetch(ctx context.Context, count func() error, r fetchReq, body []byte) ([]byte, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(m.life, cancel)
	defer stop()
	req, client, redirected, unhold, err := m.newRequest(ctx, count, r, body)
	if err != nil {
		return nil, err
	}
	defer unhold()
	resp, err := client.Do(req)
	if err != nil {
		return nil, fetchError(r.URL, err)
	}
	defer resp.Body.Close()
	head, err := replyHead(resp, *redirected, 0)
	if err != nil {
		return nil, err
	}
	return m.readReply(r.URL, head, resp.Body, resp.ContentLength)
}

// newRequest checks a fetch (its URL against permissions.net, its method
// and headers, one request against the call's budget) and builds the
// request under ctx, with a client that checks every redirect the same
// way. The request body is held against the module's buffer budget until
// unhold is called. *redirected is set once a redirect was followed.
func (m *Module) newRequest(ctx context.Context, count func() error, r fetchReq, body []byte) (req *http.Request, client *http.Client, redirected *bool, unhold func(), err error) {
	u, err := url.Parse(r.URL)
	if err != nil || !u.IsAbs() {
		return nil, nil, nil, nil, typeError("fetch: invalid URL %q", r.URL)
	}
	method, headers, err := checkRequest(r, body)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if err := m.net.CheckURL(u); err != nil {
		return nil, nil, nil, nil, err
	}
	if err := count(); err != nil {
		return nil, nil, nil, nil, err
	}
	// The request body is held in host memory until the request is done:
	// it counts against the same budget as responses, so requests in
	// flight cannot hold many copies of a guest's buffer either.
	unhold = func() {}
	if n := int64(len(body)); n > 0 {
		if !m.hold(n) {
			return nil, nil, nil, nil, quotaError("net", fmt.Sprintf("the request body for %q (%d bytes) would pass the %d bytes the host buffers for this module's fetches at once (the larger of limits.memory and limits.fetch_bytes, and 1 MiB for headers); send fewer at a time", r.URL, n, m.fetchBuffer()), "limits.memory")
		}
		unhold = func() { m.unhold(n) }
	}
	if m.life.Err() != nil {
		unhold()
		return nil, nil, nil, nil, errors.New("fetch: the module is unloading")
	}
	req, err = http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		unhold()
		return nil, nil, nil, nil, typeError("fetch: %v", err)
	}
	if len(body) == 0 {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	for _, h := range headers {
		req.Header.Add(h[0], h[1])
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "corets-wasm")
	}
	c := *m.client
	redirected = new(bool)
	c.CheckRedirect = func(next *http.Request, via []*http.Request) error {
		if r.Redirect == "error" {
			return &jsError{name: "TypeError", msg: fmt.Sprintf("fetch %q: redirected while redirect is \"error\"", r.URL)}
		}
		if r.Redirect == "manual" {
			return http.ErrUseLastResponse
		}
		if len(via) > maxRedirects {
			return &jsError{name: "TypeError", msg: fmt.Sprintf("fetch %q: more than %d redirects", r.URL, maxRedirects)}
		}
		if err := m.net.CheckURL(next.URL); err != nil {
			m.audit("net", next.URL.String(), err)
			return err
		}
		if err := count(); err != nil {
			return err
		}
		m.audit("net", next.URL.String(), nil)
		*redirected = true
		return nil
	}
	return req, &c, redirected, unhold, nil
}

// replyHead is the JSON head of a fetch reply; body is the id of a
// streamed body (0: none, or the body follows the head).
func replyHead(resp *http.Response, redirected bool, body uint32) ([]byte, error) {
	reply := fetchReply{Status: resp.StatusCode, StatusText: http.StatusText(resp.StatusCode),
		URL: resp.Request.URL.String(), Redirected: redirected, Body: body}
	for k, vs := range resp.Header {
		for _, v := range vs {
			reply.Headers = append(reply.Headers, [2]string{k, v})
		}
	}
	return json.Marshal(reply)
}

// readReply reads a response body into a reply frame (header, then body),
// holding every byte of the frame's capacity against the module's buffer
// budget before it is allocated: the responses of all a module's fetches in
// flight, read or waiting for the guest to take them, stay within
// fetchBuffer, however many run at once. A body past limits.fetch_bytes, or
// one that would pass the budget, fails the fetch with QuotaExceeded.
func (m *Module) readReply(rawURL string, head []byte, body io.Reader, length int64) ([]byte, error) {
	return m.readReplyUpTo(rawURL, head, body, length, m.limits.FetchBytes)
}

// readReplyUpTo is readReply with limit bytes left of limits.fetch_bytes.
func (m *Module) readReplyUpTo(rawURL string, head []byte, body io.Reader, length, limit int64) ([]byte, error) {
	all := m.limits.FetchBytes
	start := int64(4 + len(head))
	want := int64(32 << 10) // unknown length: grow from 32 KiB
	if length >= 0 {
		want = length + 1 // +1 to see the end without growing
	}
	want = start + min(want, limit+1)
	if !m.hold(want) {
		return nil, m.overBudget(rawURL)
	}
	out := make([]byte, start, want)
	binary.LittleEndian.PutUint32(out, uint32(len(head)))
	copy(out[4:], head)
	for {
		if len(out) == cap(out) {
			if int64(len(out))-start > limit {
				m.unhold(int64(cap(out)))
				return nil, quotaError("net", fmt.Sprintf("the response from %q is larger than %d bytes", rawURL, all), "limits.fetch_bytes")
			}
			// The old buffer is garbage once copied: only the growth is
			// held, so one reply of fetch_bytes fits its budget.
			grown := start + min(2*(int64(cap(out))-start), limit+1)
			if !m.hold(grown - int64(cap(out))) {
				m.unhold(int64(cap(out)))
				return nil, m.overBudget(rawURL)
			}
			next := make([]byte, len(out), grown)
			copy(next, out)
			out = next
		}
		n, err := body.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			m.unhold(int64(cap(out)))
			return nil, fetchError(rawURL, err)
		}
	}
	if int64(len(out))-start > limit {
		m.unhold(int64(cap(out)))
		return nil, quotaError("net", fmt.Sprintf("the response from %q is larger than %d bytes", rawURL, all), "limits.fetch_bytes")
	}
	return out, nil
}

func (m *Module) overBudget(rawURL string) error {
	return quotaError("net", fmt.Sprintf("the response from %q would pass the %d bytes the host buffers for this module's fetches at once (the larger of limits.memory and limits.fetch_bytes, and 1 MiB for headers); fetch fewer at a time", rawURL, m.fetchBuffer()), "limits.memory")
}

// fetchError unwraps what net/http adds, so a refusal reaches the module
// as the PermissionDenied it is and a timeout says so.
func fetchError(rawURL string, err error) error {
	var denied *caps.DeniedError
	if errors.As(err, &denied) {
		return denied
	}
	var je *jsError
	if errors.As(err, &je) {
		return je
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &jsError{name: "TimeoutError", err: err, msg: fmt.Sprintf("fetch %q: the call's deadline passed", rawURL)}
	}
	if errors.Is(err, context.Canceled) {
		return &jsError{name: "AbortError", err: err, msg: fmt.Sprintf("fetch %q: canceled", rawURL)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &jsError{name: "TypeError", err: err, msg: fmt.Sprintf("fetch %q failed: %v", rawURL, err)}
}
