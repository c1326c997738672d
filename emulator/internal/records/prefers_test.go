package records

import (
	"net/http"
	"testing"
)

func TestPrefers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		values []string
		name   string
		want   bool
	}{
		{[]string{"transient"}, "transient", true},
		{[]string{"Transient"}, "transient", true},
		{[]string{" respond-async "}, "respond-async", true},
		{[]string{"transient, respond-async"}, "respond-async", true},
		{[]string{"respond-async; foo=bar"}, "respond-async", true},
		{[]string{"wait=10", "respond-async"}, "respond-async", true},
		{[]string{`batch-processing="parallel", respond-async`}, "respond-async", true},
		{[]string{"respond-async"}, "transient", false},
		{[]string{"transient=respond-async"}, "respond-async", false},
		{[]string{"respond-asynchronously"}, "respond-async", false},
		{nil, "transient", false},
	} {
		h := http.Header{"Prefer": tt.values}
		if got := Prefers(h, tt.name); got != tt.want {
			t.Errorf("Prefers(%q, %q) = %v, want %v", tt.values, tt.name, got, tt.want)
		}
	}
}
