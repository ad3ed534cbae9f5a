package hostfns

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/corets/corets-wasm/caps"
	"github.com/corets/corets-wasm/jsengine"
)

// maxRedirects bounds one fetch's redirect chain, as browsers do.
const maxRedirects = 10

type fetchReq struct {
	URL      string      `json:"url"`
	Method   string      `json:"method"`
	Headers  [][2]string `json:"headers"`
	Redirect string      `json:"redirect"`
}

type fetchReply struct {
	Status     int         `json:"status"`
	StatusText string      `json:"statusText"`
	Headers    [][2]string `json:"headers"`
	URL        string      `json:"url"`
	Redirected bool        `json:"redirected"`
}

// hopHeaders are set by the transport, never by a module.
var hopHeaders = map[string]bool{
	"host": true, "connection": true, "content-length": true, "transfer-encoding": true,
	"upgrade": true, "te": true, "trailer": true, "keep-alive": true, "proxy-connection": true,
	"proxy-authorization": true,
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
	out, err := m.fetch(ctx, c.Run(), r, body)
	m.audit("net", r.URL, err)
	return out, err
}

func (m *Module) fetch(ctx context.Context, run uint64, r fetchReq, body []byte) ([]byte, error) {
	u, err := url.Parse(r.URL)
	if err != nil || !u.IsAbs() {
		return nil, typeError("fetch: invalid URL %q", r.URL)
	}
	if err := m.net.CheckURL(u); err != nil {
		return nil, err
	}
	if err := m.startRequest(run); err != nil {
		return nil, err
	}
	if m.life.Err() != nil {
		return nil, errors.New("fetch: the module is unloading")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(m.life, cancel)
	defer stop()

	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, typeError("fetch: %v", err)
	}
	if len(body) == 0 {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	for _, h := range r.Headers {
		if !hopHeaders[h[0]] {
			req.Header.Add(h[0], h[1])
		}
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "corets-wasm")
	}
	client := *m.client
	redirected := false
	client.CheckRedirect = func(next *http.Request, via []*http.Request) error {
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
		if err := m.startRequest(run); err != nil {
			return err
		}
		m.audit("net", next.URL.String(), nil)
		redirected = true
		return nil
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fetchError(r.URL, err)
	}
	defer resp.Body.Close()
	limit := m.limits.FetchBytes
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fetchError(r.URL, err)
	}
	if int64(len(data)) > limit {
		return nil, quotaError("net", fmt.Sprintf("the response from %q is larger than %d bytes", r.URL, limit), "limits.fetch_bytes")
	}
	reply := fetchReply{Status: resp.StatusCode, StatusText: http.StatusText(resp.StatusCode),
		URL: resp.Request.URL.String(), Redirected: redirected}
	for k, vs := range resp.Header {
		for _, v := range vs {
			reply.Headers = append(reply.Headers, [2]string{k, v})
		}
	}
	return frame(reply, data)
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
