package connector

import (
	"net/http"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// clientAt returns a client of srv whose requests are signed at the
// emulator's clock, which the tests set and freeze far from the real time:
// the client signs as usual, and a transport under it signs again with
// oauth_timestamp from srv.Clock(), so that the emulator's five-minute
// window accepts it.
func clientAt(t *testing.T, srv *emulator.Server, opts ...netsuite.Option) *netsuite.Client {
	t.Helper()
	hc := &http.Client{Transport: signedTransport(t, srv)}
	return emulatortest.NewClient(t, srv, append([]netsuite.Option{netsuite.WithHTTPClient(hc)}, opts...)...)
}

// signedTransport is the transport clientAt's client sends through: it
// signs at the emulator's clock.
func signedTransport(t *testing.T, srv *emulator.Server) http.RoundTripper {
	t.Helper()
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	signer, err := tba.NewSigner(conn.AccountID.Realm(), conn.Credentials)
	if err != nil {
		t.Fatal(err)
	}
	signer.Now = func() time.Time { return srv.Clock().Now }
	return &tba.Transport{Base: srv.HTTPClient().Transport, Signer: signer}
}
