package doctor

// The Login Audit Trail's reasons (its Detail column) for a refused
// Token-based Authentication login, in words, with the step where each is
// fixed and how. NetSuite's names come in mixed styles (InvalidSignature,
// token_rejected); the words say what each means. Source: Oracle, "Error
// Messages for RESTlets, SOAP Web Services, and REST Web Services"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html)
// and "Token-based Authentication and the Login Audit Trail"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941538.html).

// The reasons the doctor ranks or names.
const (
	ReasonInvalidSignature   = "InvalidSignature"
	ReasonInvalidTimestamp   = "InvalidTimestamp"
	ReasonConsumerKeyUnknown = "consumer_key_unknown"
	ReasonConsumerKeyRefused = "consumer_key_refused"
	ReasonTokenRejected      = "token_rejected"
	ReasonPermissionDenied   = "permission_denied"
	ReasonFeatureDisabled    = "FeatureDisabled"
	ReasonTemporaryLocked    = "temporary_locked"
	// ReasonInvalidRealm is a realm (account ID) that is not the account's.
	// The nsconnect emulator records it under this name; NetSuite documents
	// no reason for it, and the refused login may be recorded in the other
	// account's trail (the host follows the account ID).
	ReasonInvalidRealm = "InvalidRealm"
)

// auditTrailPath is where the Login Audit Trail is in NetSuite's UI.
const auditTrailPath = "Setup > Users/Roles > User Management > View Login Audit Trail"

type reasonInfo struct {
	step  Step
	words string
	fix   string
}

var reasons = map[string]reasonInfo{
	ReasonInvalidSignature: {StepIntegration,
		"the signature does not match: check the consumer secret and the token secret",
		"copy the consumer secret from the integration record and the token secret from the access token again (each is shown once: " +
			"Setup > Integration > Manage Integrations > the integration > Reset Credentials, and Setup > Users/Roles > Access Tokens > New, make new ones); " +
			"check that they are not swapped"},
	ReasonInvalidTimestamp: {StepSettings,
		"the request's timestamp is more than 5 minutes from NetSuite's clock: this machine's clock is off",
		"set this machine's clock right, by NTP"},
	ReasonConsumerKeyUnknown: {StepIntegration,
		"no integration record of this account has the consumer key: check the consumer key",
		"copy the consumer key of the integration record again (Setup > Integration > Manage Integrations); if the record is in another account " +
			"(a sandbox, production) or its credentials were reset, use that account's or the new key"},
	ReasonConsumerKeyRefused: {StepIntegration,
		"the integration record refuses logins: it is Blocked, or its Token-based Authentication box is not checked",
		"Setup > Integration > Manage Integrations > the integration > Edit: set State to Enabled and check Token-based Authentication (Authentication subtab)"},
	ReasonTokenRejected: {StepToken,
		"the access token is refused: the token ID is wrong, or the token is revoked or inactive, or it belongs to another integration record or another account",
		"Setup > Users/Roles > Access Tokens: find the token of this integration, user and role; if it is revoked or for another integration, create a new one (New) and use its token ID and secret"},
	ReasonPermissionDenied: {StepRole,
		"the user or the role may not log in with tokens: the role lacks Log in using Access Tokens (or User Access Tokens) or REST Web Services, or the user is inactive or no longer has the role",
		"Setup > Users/Roles > Manage Roles > the token's role > Permissions > Setup: give Log in using Access Tokens and REST Web Services at Full; " +
			"Lists > Employees > Employees > the user: active, with the role on the Access subtab"},
	ReasonFeatureDisabled: {StepFeatures,
		"a feature is off: Token-based Authentication, or REST Web Services",
		"Setup > Company > Enable Features > SuiteCloud: check Token-based Authentication (Manage Authentication) and REST Web Services (SuiteTalk (Web Services))"},
	ReasonTemporaryLocked: {StepUser,
		"the user is locked for 30 minutes after 5 refused logins in a row",
		"wait 30 minutes after fixing the cause of the refusals, or have an administrator unlock the user"},
	ReasonInvalidRealm: {StepSettings,
		"the realm is not this account's ID: the account ID names another account (a sandbox's ID used for production, or the reverse)",
		"set the account ID NetSuite shows at Setup > Company > Company Information (Account ID) of the account the integration and token are in"},
	"NonceUsed": {StepSettings,
		"the nonce and timestamp were used before by this user: a request was sent twice",
		"send each request with a new nonce"},
	"nonce_used": {StepSettings,
		"the nonce and timestamp were used before by this user: a request was sent twice",
		"send each request with a new nonce"},
	"nonce_rejected": {StepSettings,
		"the nonce is shorter than 6 characters",
		"send a nonce of 20 random characters"},
	"UnknownAlgorithm": {StepSettings,
		"the signature method is not HMAC-SHA256, the only one NetSuite accepts",
		"sign with HMAC-SHA256"},
	"VersionRejected": {StepSettings,
		"oauth_version is not 1.0",
		"send oauth_version=\"1.0\""},
	"parameter_rejected": {StepSettings,
		"an OAuth parameter was sent twice, empty or malformed",
		"send each OAuth parameter once, with a value"},
	"MissingTokenPassportRequiredFields": {StepSettings,
		"a required OAuth parameter is missing",
		"send realm, oauth_consumer_key, oauth_token, oauth_nonce, oauth_timestamp, oauth_signature_method and oauth_signature"},
}

// describe returns a reason's words, step and fix; an unknown reason is
// described by its name.
func describe(reason string) reasonInfo {
	if info, ok := reasons[reason]; ok {
		return info
	}
	return reasonInfo{StepUnknown, "the Login Audit Trail says " + reason, "look the reason up in " + auditTrailPath}
}
