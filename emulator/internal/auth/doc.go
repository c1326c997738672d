// Package auth enforces Token-Based Authentication and OAuth 2.0 client
// credentials (M2M) in the emulator as NetSuite does
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html):
// it checks each request's OAuth 1.0a or Bearer Authorization header against
// the account (package account), issues the access tokens of the token
// endpoint (IssueToken), refuses with the reason NetSuite's Login Audit Trail
// would show, and keeps that trail.
//
// The OAuth 2.0 checks, their order and their reasons are in IssueToken and
// authenticateBearer (oauth2.go), each step numbered, and in the emulator's
// FIDELITY.md, "OAuth 2.0 client credentials (M2M)". The client assertion is
// read by this package's own JWS code (jws.go), standard library only.
//
// # Usage
//
//	a := auth.New(acct, clock.Now, nil)
//	p, err := a.Authenticate(r, auth.REST)
//	if err != nil {
//		// any refusal: 401 INVALID_LOGIN; auth.ReasonOf(err) is the audit reason
//	}
//	if err := auth.Require(p, "customer", auth.MethodLevel(r.Method)); err != nil {
//		// 403 INSUFFICIENT_PERMISSION
//	}
//	entries := a.Trail().List(auth.Failure, 100) // newest first
//
// This package writes no HTTP response: the HTTP layer answers every refusal
// with NetSuite's generic 401 INVALID_LOGIN body
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html:
// the client never learns the reason).
//
// # The checks, in order
//
// Authenticate stops at the first check that fails. NetSuite documents the
// reasons (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html)
// but not the order in which it checks them; the order below follows what each
// check needs, and is otherwise an assumption.
//
//  1. The Authorization header parses (tba.ParseAuthorization):
//     MissingTokenPassportRequiredFields, parameter_rejected,
//     UnknownAlgorithm, VersionRejected, nonce_rejected. Nothing else can be
//     read without it.
//  2. The realm is the account ID exactly, in upper case
//     (netsuite-upload-org/netsuite-upload#38, fylein/netsuite-sdk-py#29,
//     netsuitephp/netsuite-php#121: a lower-case realm gives "Invalid login
//     attempt"): InvalidRealm. The realm names the account, so it comes before
//     anything of the account.
//  3. The Token-Based Authentication feature is enabled: FeatureDisabled.
//     Assumption: an account-wide switch refuses every token login before
//     the credentials are looked at.
//  4. An integration record has the consumer key: consumer_key_unknown; it
//     is not Blocked: consumer_key_refused; its Token-Based Authentication box
//     is checked: consumer_key_refused (Assumption: NetSuite documents no
//     reason for this case). The integration holds the consumer secret that
//     step 8 needs.
//  5. The token exists, is not revoked, and belongs to that integration:
//     token_rejected. The token holds the token secret, the user and the
//     role.
//  6. The token's user is not locked: temporary_locked. Assumption: a locked
//     user is refused before the signature is checked, so that a lock also
//     stops correctly signed requests.
//  7. The timestamp is within ±5 minutes of the emulator's clock:
//     InvalidTimestamp. Assumption: before the signature, as the cheaper
//     check.
//  8. The signature matches (tba.Authorization.Verify over tba.RequestURL of
//     the request's scheme, Host header and request URI, so that a client
//     that signed http://127.0.0.1:PORT/... is verified against exactly
//     that): InvalidSignature. It needs both secrets, hence after 4 and 5.
//  9. The user has not sent this nonce with this timestamp before:
//     NonceUsed. After the signature, so that only authentic requests use up
//     a nonce and a forged request cannot burn a client's next nonce
//     (inference; the rule is per user, "already been used by this user").
//     A pair is remembered only while its timestamp is within ±5 minutes of
//     the emulator's clock, after which step 7 refuses it anyway: moving the
//     clock forward past the window forgets the pairs, and memory stays
//     bounded by the requests of one window.
//  10. The user is active and still has the token's role, and the role has
//     Log in using Access Tokens or User Access Tokens at Full and, for REST,
//     REST Web Services at Full
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html),
//     and for a RESTlet a role that is not Web Services Only
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4254801119.html):
//     permission_denied. Access Token Management alone does not allow a token
//     login; for SOAP, SOAP Web Services (WEB_SERVICES) at Full.
//     Assumption: checked on authentic requests only.
//  11. The service's feature is enabled (REST Web Services for REST, Server
//     SuiteScript for a RESTlet, SOAP Web Services for SOAP): FeatureDisabled.
//     Assumption: NetSuite's FeatureDisabled is documented for the
//     Token-Based Authentication feature; the emulator uses it for the
//     service's feature too.
//
// SOAP logs in with a TokenPassport in the SOAP header (AuthenticatePassport):
// step 1 is then that the passport has every field and a nonce of 6 to 64
// letters and digits; the passport's account is the realm of step 2, and its
// signature (tba.Passport.Verify) step 8. Every other step is the same.
//
// Every attempt, refused or not, is added to the Trail with its time, user,
// role, integration, masked token ID, IP, status, reason and detail. Neither
// the trail nor an error ever holds the consumer secret or the token secret.
// The trail keeps the last DefaultTrailCapacity (10,000) attempts, about
// 3 MB. Assumption: the sources give no limit for NetSuite's Login Audit
// Trail; the emulator keeps what a test can look at, in bounded memory.
//
// # Lockout
//
// After MaxFailedLogins (5) failed logins in a row, a user is locked for
// LockoutDuration (30 minutes): temporary_locked
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
// A failed login counts toward the user's lock only once the token has resolved
// the user (steps 6 to 11); a temporary_locked refusal itself does not count.
//
// Assumption: a successful login resets the count, as NetSuite's password lockout counts "five
// consecutive attempts"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N250541.html).
//
// Assumption: the count is not reset when the lock expires, so one more failure locks the user
// again at once, as Oracle describes for SuiteAnalytics Connect
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0907011905.html).
//
// Assumption: every failure from step 7 on counts, whatever its reason;
// NetSuite documents only the password case.
//
// # Permissions
//
// PermissionLevel and Require check a principal's record permissions, and MethodLevel maps an HTTP
// method to the level it needs (View, Create, Edit, Full; Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N326341.html). The role is
// the one read at login, so a request sees one consistent role.
package auth
