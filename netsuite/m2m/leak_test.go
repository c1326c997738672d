// Tests that the token and the assertion reach no one but NetSuite: not
// the host a redirect names, not a print of the token.
package m2m

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nsconnect/nsconnect/netsuite"
)

// A redirect to another host must not carry the bearer token: net/http
// strips Authorization on a cross-host redirect, but the m2m transport sits
// under the http.Client's redirect logic and sets it again on every hop.
func TestBearerNotSentAcrossRedirect(t *testing.T) {
	key := testKey(t, "ec256.pem")
	var leaked atomic.Value
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{}`)
	}))
	defer evil.Close()
	ts := newTokenServer(t, key, "ES256")
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			ts.serve(w, r)
			return
		}
		http.Redirect(w, r, evil.URL+"/steal", http.StatusFound)
	})
	c := ts.client(t, newAuth(t, key, nil))
	get(t.Context(), c)
	if got, _ := leaked.Load().(string); got != "" {
		t.Errorf("the other host got Authorization %q: the bearer token, good for an hour on every endpoint, left NetSuite", got)
	}
}

// The token exchange must not post the signed client assertion to another
// host when the token endpoint answers 307 or 308.
func TestAssertionNotPostedAcrossRedirect(t *testing.T) {
	key := testKey(t, "ec256.pem")
	var leaked atomic.Value
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		leaked.Store(r.PostForm.Get("client_assertion"))
		w.WriteHeader(http.StatusBadRequest)
	}))
	defer evil.Close()
	ts := newTokenServer(t, key, "ES256")
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+"/steal", http.StatusTemporaryRedirect)
	})
	c := ts.client(t, newAuth(t, key, nil))
	get(t.Context(), c)
	if got, _ := leaked.Load().(string); got != "" {
		t.Errorf("the other host got the client assertion (%d bytes), which it can exchange for a token until its exp", len(got))
	}
}

// A Token's value is "never printed", yet fmt prints unexported fields.
func TestTokenNotPrinted(t *testing.T) {
	key := testKey(t, "ec256.pem")
	ts := newTokenServer(t, key, "ES256")
	a := newAuth(t, key, nil)
	c := ts.client(t, a)
	src := a.Source(netsuite.AuthSetup{BaseURL: c.BaseURL(), Retry: netsuite.DefaultRetryPolicy()})
	tok, err := src.Token(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("token", "token", tok)
	for _, s := range []string{fmt.Sprintf("%v", tok), fmt.Sprintf("%+v", *tok), fmt.Sprintf("%#v", tok), logged.String()} {
		if strings.Contains(s, "token-1") {
			t.Errorf("fmt shows the access token: %s", s)
		}
	}
}
