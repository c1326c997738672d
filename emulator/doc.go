// Package emulator is a NetSuite emulator: a local stand-in for a NetSuite
// account that answers the REST record API as NetSuite does, synchronously
// or as asynchronous jobs with idempotency keys, with
// Token-Based Authentication and OAuth 2.0 client credentials (M2M) checked
// as NetSuite checks them, roles and permissions, the account's concurrency limit, and injected faults. Tests,
// demos and users' own test suites run against it, in process or over
// loopback.
//
// # Usage
//
//	srv, err := emulator.NewServer(emulator.Options{}) // the demo account, on a free port
//	if err != nil { ... }
//	defer srv.Close()
//	creds, _ := srv.Credentials() // the demo integration's and token's credentials
//	signer, _ := tba.NewSigner(srv.AccountID().Realm(), creds)
//	client := &http.Client{Transport: &tba.Transport{Signer: signer}}
//	resp, err := client.Get(srv.URL() + "/services/rest/record/v1/customer?limit=5")
//
// With Options.NoListener the server opens no socket: HTTPClient returns a
// client whose transport calls the handler directly.
//
// For OAuth 2.0, sign an assertion with DemoM2MPrivateKeyPEM (ES256, kid
// DemoCertificateID, iss DemoClientID), post it to
// /services/rest/auth/oauth2/v1/token, and send the access token it answers
// as "Authorization: Bearer <token>" (see the README).
//
// # Fidelity
//
// Every behaviour cites its source, and every assumption is listed, in
// FIDELITY.md beside this file. A refused login answers NetSuite's generic
// 401 INVALID_LOGIN; the real reason is in the login audit trail at
// /_emulator/audit.
//
// # Control plane
//
// Emulator-only endpoints live under /_emulator/ (README.md beside this file
// lists them): health, reset, the login audit trail, the clock (set, freeze,
// advance), governance (concurrency limit, latency, faults), and account
// changes at run time (features, role permissions, integration state, token
// revocation, users), so that a test can produce every misconfiguration of
// the setup guide.
package emulator
