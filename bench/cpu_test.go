package main

import "testing"

// TestCPUScript checks the bench's pure-JS PBKDF2 and scrypt against
// node's crypto (values computed with crypto.pbkdf2Sync and
// crypto.scryptSync), in goja and modernc, so that the CPU rows time real
// key derivation even where node is not installed.
func TestCPUScript(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"cpuBench.pbkdf2(1)", "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"},
		{"cpuBench.pbkdf2(1000)", "632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3"},
		{"cpuBench.scrypt(16)", "f876178f94837d8721ec9d794a5e623283e9274a846dc0bfda4233a01d7ba68b3d4dbd1bb4b290e9c3b8564df6fe3a303d2d2efadf8be63690b734cb68bd4b9d"},
	}
	m, err := moderncEngine{}.scriptVM()
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]scriptVM{"goja": gojaEngine{}.scriptVM(), "modernc": m} {
		if _, err := s.eval(cpuJS); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, c := range cases {
			got, err := s.eval(c.expr)
			if err != nil || got != c.want {
				t.Errorf("%s: %s = %q, %v; want %s", name, c.expr, got, err, c.want)
			}
		}
		s.close()
	}
}
