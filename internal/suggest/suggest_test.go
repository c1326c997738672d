package suggest

import "testing"

func TestClosest(t *testing.T) {
	t.Parallel()
	words := []string{"companyName", "email", "subsidiary", "customer", "salesOrder"}
	tests := []struct{ in, want string }{
		{"compnyName", "companyName"},
		{"COMPANYNAME", "companyName"},
		{"emial", "email"},
		{"custmer", "customer"},
		{"salesorder", "salesOrder"},
		{"zzz", ""},
		{"", ""},
		{"totally unrelated and long", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.in, words); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"flaw", "lawn", 2}} {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
