// Package m2m authenticates a netsuite.Client with OAuth 2.0 client
// credentials, NetSuite's machine-to-machine flow
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162686838198.html):
// the Client signs a short JWT, the client assertion, with the private key
// of a certificate mapped to an integration record, an entity and a role,
// exchanges it at the account's token endpoint for a bearer token valid 60
// minutes, and sends that token with every request. NetSuite stops
// accepting new Token-Based Authentication integrations in 2027.1 and
// names OAuth 2.0 the preferred method.
//
// It is a package of its own, beside tba, so that a program that uses
// Token-Based Authentication does not build the JWT and token code, and
// because it is the client credentials grant only: the authorization code
// grant needs a browser.
//
//	key, err := m2m.ParsePrivateKey(pemBytes) // PKCS#8, PKCS#1 or SEC 1
//	if err != nil {
//		return err
//	}
//	auth, err := m2m.New(m2m.Config{
//		ClientID:      clientID,      // the integration record's
//		CertificateID: certificateID, // the M2M mapping's
//		Key:           key,
//	})
//	if err != nil {
//		return err
//	}
//	client, err := netsuite.NewClient(netsuite.WithAccount(account), netsuite.WithAuthenticator(auth))
//
// The key may be any crypto.Signer (a key in a KMS): RSA of 3072 or 4096
// bits, signed PS256, or EC on P-256, P-384 or P-521, signed ES256, ES384
// or ES512. NetSuite no longer accepts RS256.
package m2m
