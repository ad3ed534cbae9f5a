package jsengine

import "testing"

// prelude/60-url.js: the WHATWG URL parser, URL and URLSearchParams.
func TestPreludeURL(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "parts", code: `const u = new URL("https://user:pw@Example.COM:8443/a/./b/../c?x=1&y=2#frag");
			[u.protocol, u.username, u.password, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin]`,
			want: `["https:","user","pw","example.com","8443","/a/c","?x=1&y=2","#frag","https://example.com:8443"]`},
		{name: "relative", code: `[new URL("../d?q", "http://h/a/b/c").href, new URL("//other/x", "https://h/").href, new URL("?only", "http://h/p").href]`,
			want: `["http://h/a/d?q","https://other/x","http://h/p?only"]`},
		{name: "default port dropped", code: `[new URL("http://h:80/").port, new URL("https://h:443/").host, new URL("ws://h:81/").host]`,
			want: `["","h","h:81"]`},
		{name: "idna", code: `new URL("http://M\u00fcnchen.DE/").hostname`, want: `"xn--mnchen-3ya.de"`},
		{name: "ipv4 and ipv6", code: `[new URL("http://0x7f.1/").hostname, new URL("http://[::FFFF:127.0.0.1]/").hostname]`,
			want: `["127.0.0.1","[::ffff:7f00:1]"]`},
		{name: "percent-encoding", code: `const u = new URL("http://h/a b/\u00e9?q=a b#f g"); [u.pathname, u.search, u.hash]`,
			want: `["/a%20b/%C3%A9","?q=a%20b","#f%20g"]`},
		{name: "setters", code: `const u = new URL("http://h/p"); u.pathname = "/x y"; u.searchParams.set("k", "v w"); u.hash = "h"; u.port = "8080"; u.href`,
			want: `"http://h:8080/x%20y?k=v+w#h"`},
		{name: "opaque paths", code: `const u = new URL("mailto:someone@example.com"); [u.protocol, u.pathname, u.host]`,
			want: `["mailto:","someone@example.com",""]`},
		{name: "invalid", code: `try { new URL("no scheme") } catch (e) { [e.name, e.code, e.input] }`,
			want: `["TypeError","ERR_INVALID_URL","no scheme"]`},
		{name: "canParse and parse", code: `[URL.canParse("http://h"), URL.canParse("nope"), URL.canParse("/p", "http://h")]`,
			want: `[true,false,true]`},
		{name: "json and string", code: `const u = new URL("http://h/p"); [String(u), JSON.stringify({ u })]`,
			want: `["http://h/p","{\"u\":\"http://h/p\"}"]`},
		{name: "searchParams", code: `const p = new URLSearchParams("b=2&a=1&a=3&c=%20x+y"); p.append("d", "é&="); p.sort();
			[p.getAll("a"), p.get("c"), p.has("b"), p.toString(), [...p.keys()].length, p.size]`,
			want: `[["1","3"]," x y",true,"a=1&a=3&b=2&c=+x+y&d=%C3%A9%26%3D",5,5]`},
		{name: "searchParams from record and pairs", code: `[new URLSearchParams({ x: "1", y: "2" }).toString(), new URLSearchParams([["a", "b"], ["a", "c"]]).toString()]`,
			want: `["x=1&y=2","a=b&a=c"]`},
		{name: "searchParams delete", code: `const p = new URLSearchParams("a=1&a=2&b=3"); p.delete("a", "2"); const q = new URLSearchParams(p); q.delete("b"); [p.toString(), q.toString()]`,
			want: `["a=1&b=3","a=1"]`},
	})
}
