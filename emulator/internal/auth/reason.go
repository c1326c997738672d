package auth

import (
	"errors"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The Login Audit Trail reasons that the tba package does not define: those
// that depend on the account rather than on the request alone (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
// Refusals found by the tba package keep its reasons: tba.InvalidSignature,
// tba.InvalidTimestamp, tba.NonceUsed, tba.UnknownAlgorithm,
// tba.VersionRejected, tba.ParameterRejected, tba.NonceRejected and
// tba.MissingTokenPassportRequiredFields.
const (
	// ConsumerKeyUnknown: no integration record has the consumer key.
	ConsumerKeyUnknown tba.Reason = "consumer_key_unknown"
	// ConsumerKeyRefused: the integration record is Blocked, or (Assumption)
	// its Token-Based Authentication box is not checked.
	ConsumerKeyRefused tba.Reason = "consumer_key_refused"
	// TokenRejected: the token was not found, is revoked, or belongs to
	// another integration record.
	TokenRejected tba.Reason = "token_rejected"
	// PermissionDenied: the user or role cannot log in: the user is
	// inactive or no longer has the token's role, or the role lacks the
	// permissions a token login needs.
	PermissionDenied tba.Reason = "permission_denied"
	// FeatureDisabled: the Token-Based Authentication feature is not
	// enabled, or (Assumption) the feature of the service called (REST Web
	// Services for REST) is not.
	FeatureDisabled tba.Reason = "FeatureDisabled"
	// TemporaryLocked: the user is locked for 30 minutes after 5 failed
	// logins in a row.
	TemporaryLocked tba.Reason = "temporary_locked"
	// InvalidRealm: the realm is not the account ID exactly as NetSuite shows
	// it (upper case). Assumption: NetSuite answers a lower-case or foreign
	// realm with "Invalid login attempt"
	// (netsuite-upload-org/netsuite-upload#38, fylein/netsuite-sdk-py#29,
	// netsuitephp/netsuite-php#121) but documents no audit reason for it (the
	// realm names the account, so the real service may record nothing); the
	// emulator records this one so the cause can be seen.
	InvalidRealm tba.Reason = "InvalidRealm"
)

// An Error is a refused login: the reason the Login Audit Trail shows and a
// detail that explains it. It never holds a secret. The HTTP layer answers
// every Error with the same generic 401 INVALID_LOGIN
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html),
// so the client never sees the reason.
type Error struct {
	Reason tba.Reason
	Detail string
	// OAuth is the OAuth 2.0 error code the client is answered with, for a
	// refusal at the token endpoint or of a bearer token (invalid_grant,
	// invalid_token, ...); "" for TBA.
	OAuth string
}

func (e *Error) Error() string {
	return "auth: invalid login attempt: " + string(e.Reason) + ": " + e.Detail
}

// ReasonOf returns the Login Audit Trail reason of err if it is or wraps an
// *Error or a *tba.Error, and "" if not.
func ReasonOf(err error) tba.Reason {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Reason
	}
	return tba.ReasonOf(err)
}
