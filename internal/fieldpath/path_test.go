package fieldpath

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSet(t *testing.T) {
	t.Parallel()
	body := map[string]any{"memo": "kept"}
	for _, a := range []struct{ path, value string }{
		{"subsidiary.id", "1"},
		{"item[0].item.id", "12"},
		{"item[0].quantity", "2"},
		{"item[1].item.id", `"eid:WIDGET"`},
		{"companyName", "Acme Inc"},
		{"phone", "0123"},
		{"isPerson", "false"},
		{"custbody_note", "null"},
	} {
		p, err := Parse(a.path)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Set(body, Guess(p, a.value)); err != nil {
			t.Fatalf("%s: %v", a.path, err)
		}
	}
	want := `{"companyName":"Acme Inc","custbody_note":null,"isPerson":false,"item":{"items":[{"item":{"id":"12"},"quantity":2},{"item":{"id":"eid:WIDGET"}}]},"memo":"kept","phone":"0123","subsidiary":{"id":"1"}}`
	got, _ := json.Marshal(body)
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", ".a", "a.", "a..b", "a[", "a[x]", "a[-1]", "a[01]", "a[0]b", "a[1][2]", "a b", "a-b", "[0]", "a[0]]"} {
		if p, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", bad, p)
		}
	}
}

func TestSetConflicts(t *testing.T) {
	t.Parallel()
	body := map[string]any{"memo": "text", "item": map[string]any{"items": "oops"}}
	for _, path := range []string{"memo.id", "item[0].item"} {
		p, _ := Parse(path)
		if err := p.Set(body, 1); err == nil {
			t.Errorf("%s: no error", path)
		}
	}
}

func FuzzPath(f *testing.F) {
	for _, s := range []string{"a", "a.b", "item[0].item.id", "x_1.y[10]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(p.String())
		if err != nil || !cmp.Equal(p, again) {
			t.Fatalf("%q parsed to %v, whose string %q gives %v, %v", s, p, p.String(), again, err)
		}
		body := map[string]any{}
		if err := p.Set(body, "v"); err != nil {
			t.Fatalf("%q: applying to an empty body: %v", s, err)
		}
		// The value lands where the path says, in the REST form.
		var cur any = body
		for i, part := range p {
			m, _ := cur.(map[string]any)
			if part.Name != "" {
				cur = m[part.Name]
				if i+1 < len(p) && p[i+1].Name == "" {
					cur = cur.(map[string]any)["items"]
				}
				continue
			}
			cur = cur.([]any)[part.Index]
		}
		if cur != "v" {
			t.Fatalf("%q: the value is not at the path: %v", s, body)
		}
	})
}

func TestOverlaps(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want bool
	}{
		{"companyName", "companyName", true},
		{"subsidiary", "subsidiary.id", true},
		{"subsidiary.id", "subsidiary", true},
		{"subsidiary.id", "subsidiary.externalId", false},
		{"item[0].item.id", "item[0].quantity", false},
		{"item[0]", "item[0].quantity", true},
		{"item[0].quantity", "item[1].quantity", false},
		{"item", "item[1].quantity", true},
		{"companyName", "companyname", false},
	}
	for _, tt := range tests {
		a, _ := Parse(tt.a)
		b, _ := Parse(tt.b)
		if got := a.Overlaps(b); got != tt.want {
			t.Errorf("%s overlaps %s = %v; want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
