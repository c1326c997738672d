// Package tba implements NetSuite Token-Based Authentication: OAuth 1.0a with
// HMAC-SHA256 and the account ID as realm, exactly as NetSuite computes it
// (Oracle Help Center
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html).
//
// # Signing
//
// A Signer signs requests; a Transport signs every request it sends:
//
//	account, err := tba.ParseAccountID("1234567_sb1") // any case
//	signer, err := tba.NewSigner(account.Realm(), tba.Credentials{
//		ConsumerKey: ck, ConsumerSecret: tba.Secret(cs),
//		TokenID: tk, TokenSecret: tba.Secret(ts),
//	})
//	client := &http.Client{Transport: &tba.Transport{Signer: signer}}
//	resp, err := client.Get("https://" + account.RESTHost() + "/services/rest/record/v1/customer/1")
//
// The signature base string is RFC 5849 §3.4.1: the upper-case method, the
// base URI (lower-case scheme and host, default port dropped), and every
// query and oauth_ parameter, form-decoded, percent-encoded with upper-case
// hex, sorted by name and then by value, duplicates kept. The realm is sent
// but not signed. A form-encoded body is signed; a JSON body never is, and no
// oauth_body_hash is sent.
//
// # Verifying
//
// ParseAuthorization, Authorization.Verify, CheckTimestamp and NonceCache
// are the server side, used by the NetSuite emulator. A refusal is an *Error
// whose Reason is the one NetSuite's Login Audit Trail shows.
//
// # SOAP
//
// NewPassport builds the TokenPassport of SOAP web services, whose base
// string is account&consumerKey&token&nonce&timestamp.
//
// # Secrets
//
// Consumer and token secrets are of type Secret, which prints, logs and
// marshals as [REDACTED]. A Signer never prints its credentials.
package tba
