package store_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/store"
)

// FuzzRedactURL: whatever the URL around it, a password in the user
// information or in a password parameter is not in RedactURL's result.
func FuzzRedactURL(f *testing.F) {
	f.Add("postgres", "s3cret", "db.example.com:5432", "sslmode=require")
	f.Add("u@x", "p:a/s?s#w%rd", "[::1]:5432", "password=other&x=1")
	f.Add("", "pw-only", "h", "")
	f.Fuzz(func(t *testing.T, user, pw, host, query string) {
		if len(pw) < 4 {
			return // too short to tell from the rest of the URL
		}
		u := &url.URL{Scheme: "postgres", Host: host, Path: "/db", RawQuery: query}
		bare := u.String()
		u.User = url.UserPassword(user, pw)
		withUser := u.String()
		q := u.Query()
		q.Set("password", pw)
		u.User, u.RawQuery = nil, q.Encode()
		for _, raw := range []string{withUser, u.String()} {
			got := store.RedactURL(raw)
			for _, form := range []string{pw, url.QueryEscape(pw), strings.TrimPrefix(url.UserPassword("", pw).String(), ":")} {
				if strings.Contains(got, form) && !strings.Contains(bare, form) && !strings.Contains(user, form) && !strings.Contains("xxxxx", form) {
					t.Fatalf("RedactURL(%q) = %q shows the password %q", raw, got, pw)
				}
			}
		}
	})
}
