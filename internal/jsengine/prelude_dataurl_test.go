package jsengine

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// prelude/84-data-url.js: the data: URL processor that fetch uses (through
// the private host object; hostfns/testdata/node/fetch_data.js compares
// fetch of data: URLs with node). Here an extension exposes it directly.
func TestPreludeDataURL(t *testing.T) {
	e, err := New(context.Background(), Config{Extensions: []Extension{{Name: "dataurl-glue.js", Source: `(host) => {
		globalThis.dataURLRaw = (u) => host.dataURL(u);
		globalThis.dataURL = (u) => { const d = host.dataURL(u); return d === null ? null : [d.type, Array.from(d.bytes)]; };
	}`}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close(context.Background()) })
	cases := []struct{ url, want string }{
		{`data:,A%20B`, `["text/plain;charset=US-ASCII",[65,32,66]]`},
		{`data:text/plain;base64,SGk=`, `["text/plain",[72,105]]`},
		{`data:;base64,/w`, `["text/plain;charset=US-ASCII",[255]]`},
		{`data:Text/HTML;Charset="utf-8";charset=x;q="a\\\"b",`, `["text/html;charset=utf-8;q=\"a\\\\\\\"b\"",[]]`},
		{`data:a/b;p="unterminated,x`, `["a/b;p=unterminated",[120]]`},
		{`data:a/b;=x;p;k=;v="",`, `["a/b;v=\"\"",[]]`},
		{`data:a/b;base64;x=y,QQ`, `["a/b;x=y",[81,81]]`},
		{`data:a/b ;  BASE64,QQ`, `["a/b",[65]]`},
		{`data:a/(b),x`, `["text/plain;charset=US-ASCII",[120]]`},
		{`data:,%e9%zz%4%`, `["text/plain;charset=US-ASCII",[233,37,122,122,37,52,37]]`},
		{`data:,é`, `["text/plain;charset=US-ASCII",[195,169]]`},
		// failures: no comma, bad base64 (MIME results checked against node's util.MIMEType)
		{`data:text/plain`, `null`},
		{`data:;base64,A`, `null`},
		{`data:;base64,QQ=x`, `null`},
		{`data:;base64,Q===`, `null`},
		{`data:;base64,@@@@`, `null`},
	}
	for _, c := range cases {
		q, _ := json.Marshal(c.url)
		in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "dataurl", Output: func(string, string) {}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := in.Eval(context.Background(), "dataURL("+string(q)+")")
		in.Close()
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if got := string(res.Value); got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.url, got, c.want)
		}
	}
	// A large URL decodes in linear time, charged to the instance.
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "dataurl", Timeout: 10 * time.Second, Output: func(string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	res, err := in.Eval(context.Background(), `[dataURLRaw("data:;base64," + "QUJD".repeat(1 << 18)).bytes.length, dataURLRaw("data:," + "%41".repeat(1 << 18)).bytes.length]`)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Value); got != "[786432,262144]" {
		t.Errorf("large: %s", got)
	}
}
