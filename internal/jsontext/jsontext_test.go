package jsontext

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendString checks AppendString against encoding/json, with and
// without HTML escaping.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" backslash \\ <html> & ' \x00 \x1f \b \f \n \r \t \x7f",
		"\u2028\u2029 é 日本 \xff\xfe invalid \xc3", "emoji 😀", "\xed\xa0\x80 surrogate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{true, false} {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
			if got := AppendString([]byte("x"), s, html); !bytes.Equal(got, append([]byte("x"), want...)) {
				t.Fatalf("AppendString(%q, %v) = %q; want x%q", s, html, got, want)
			}
		}
	})
}
