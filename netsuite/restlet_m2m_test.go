package netsuite_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/m2m"
)

// TestRestletBearer: a Client authenticated with OAuth 2.0 M2M calls a
// RESTlet through the same transport as every other call: with the
// restlets scope the emulator's echo answers; without it the call is
// refused before it is sent, naming the scope to add.
func TestRestletBearer(t *testing.T) {
	t.Parallel()
	srv, err := emulator.NewServer(emulator.Options{NoListener: true, NoSeed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	key, err := m2m.ParsePrivateKey(emulator.DemoM2MPrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	client := func(scopes ...string) *netsuite.Client {
		auth, err := m2m.New(m2m.Config{ClientID: emulator.DemoClientID, CertificateID: emulator.DemoCertificateID, Key: key, Scopes: scopes})
		if err != nil {
			t.Fatal(err)
		}
		c, err := netsuite.NewClient(netsuite.WithAccount(srv.AccountID()), netsuite.WithAuthenticator(auth),
			netsuite.WithBaseURL(srv.URL()), netsuite.WithHTTPClient(srv.HTTPClient()))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	echo := netsuite.RestletRequest{Script: "customscript_nsconnect_echo", Deploy: "customdeploy_nsconnect_echo", Method: "POST", Body: []byte(`{"a":1}`)}

	resp, err := client(m2m.ScopeRESTlets).Restlets.Call(t.Context(), echo)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(resp.Body); got != `{"method":"POST","query":{},"body":{"a":1}}` {
		t.Errorf("echo %s", got)
	}

	// Without the scope the client knows NetSuite would refuse the token
	// (ScopeMismatched, a 401 that names no cause: the emulator's own
	// tests pin that answer), so it sends nothing and says what to add.
	before, err := srv.Audit(emulator.AuditStatus("Failure"), 10)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client(m2m.ScopeRESTWebServices).Restlets.Call(t.Context(), echo)
	var e *netsuite.Error
	if err == nil || errors.As(err, &e) || netsuite.IsAuth(err) || !strings.Contains(err.Error(), "needs the OAuth 2.0 scope restlets") ||
		!strings.Contains(err.Error(), "NETSUITE_SCOPES=rest_webservices,restlets") || errors.Is(err, netsuite.ErrOutcomeUnknown) {
		t.Errorf("without the restlets scope: %v", err)
	}
	if after, err := srv.Audit(emulator.AuditStatus("Failure"), 10); err != nil || len(after) != len(before) {
		t.Errorf("without the restlets scope, %d refused logins, want %d: the call was sent (%v)", len(after), len(before), err)
	}
}
