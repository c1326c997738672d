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

// The Login Audit Trail's reasons for a refused OAuth 2.0 token request or
// bearer token that the doctor ranks or names (Oracle, "RESTlets and REST
// Web Services Error Messages in the Login Audit Trail",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_158324637123.html).
// FeatureDisabled is shared with TBA.
const (
	ReasonMissingKey           = "MissingKey"
	ReasonSignatureValidation  = "SignatureValidation"
	ReasonInvalidIssuer        = "InvalidIssuer"
	ReasonClientIDMismatch     = "ClientIdMismatch"
	ReasonEntityOrRoleDisabled = "EntityOrRoleDisabled"
	ReasonInvalidIntegration   = "InvalidIntegration"
	ReasonIntegrationBlocked   = "IntegrationBlocked"
	ReasonScopeMismatched      = "ScopeMismatched"
	ReasonTokenExpired         = "TokenExpired"
	ReasonTokenNotAcceptable   = "TokenNotAcceptable"
)

// m2mReasons are the OAuth 2.0 reasons in words, with their step and fix.
// Oracle's page names them with a line each; the steps are those of the
// setup (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162686838198.html).
var m2mReasons = map[string]reasonInfo{
	ReasonMissingKey: {StepMapping,
		"the certificate ID (kid) names no valid M2M mapping: a typo, a revoked mapping, or an expired certificate",
		whereMapping + "; a revoked or expired mapping cannot be used again: map a new certificate and set its certificate ID"},
	"MissingKeyId": {StepMapping,
		"the assertion's header has no kid",
		"set the certificate ID; " + whereMapping},
	ReasonSignatureValidation: {StepMapping,
		"the assertion's signature does not verify with the mapped certificate: the private key is not the certificate's",
		whereKey},
	"UnsupportedAlgo": {StepMapping,
		"the assertion is signed with an algorithm NetSuite does not take (it takes PS256, PS384, PS512, ES256, ES384 and ES512, not RS256)",
		"use an RSA key of 3072 or 4096 bits or an EC key on P-256, P-384 or P-521"},
	ReasonInvalidIssuer: {StepIntegration,
		"no integration record has the client ID (iss)",
		whereClientID},
	ReasonClientIDMismatch: {StepIntegration,
		"the client ID is another integration record's than the one the mapping is for",
		"set the client ID of the mapping's integration record, or map the certificate to this one; " + whereMapping},
	ReasonEntityOrRoleDisabled: {StepRole,
		"the mapping's entity or role cannot log in: the role lacks Log in using OAuth 2.0 Access Tokens or REST Web Services (Full), or the user is inactive or no longer has the role",
		whereOAuthRole + "; Lists > Employees > Employees > the mapping's entity: active, with the role on the Access subtab"},
	ReasonInvalidIntegration: {StepIntegration,
		"the integration record does not allow the client credentials grant: its OAuth 2.0 Client Credentials (Machine to Machine) Grant box is not checked",
		whereGrant},
	ReasonIntegrationBlocked: {StepIntegration,
		"the integration record is Blocked",
		whereGrant},
	ReasonScopeMismatched: {StepIntegration,
		"the scopes do not match: the assertion asks for a scope the integration record does not grant, or the token lacks rest_webservices, which the REST API needs",
		whereGrant + "; ask only for scopes the record grants"},
	"InvalidScope": {StepRole,
		"NetSuite's page names InvalidScope without a description; the role or the integration record lacks what the service needs",
		whereOAuthRole + "; " + whereGrant},
	ReasonFeatureDisabled: {StepFeatures,
		"a feature is off: OAuth 2.0, or REST Web Services",
		whereOAuth + ", and SuiteTalk (Web Services) > REST Web Services"},
	ReasonTokenExpired: {StepSettings,
		"the client assertion had expired by NetSuite's clock: this machine's clock is behind NetSuite's",
		"set this machine's clock right, by NTP"},
	ReasonTokenNotAcceptable: {StepSettings,
		"the client assertion was dated in the future by NetSuite's clock: this machine's clock is ahead of NetSuite's",
		"set this machine's clock right, by NTP"},
	"TokenValidityTooBroad": {StepSettings,
		"the assertion is valid for too long (exp too far after iat)",
		"sign assertions valid for a few minutes"},
	"TokenRejected": {StepMapping,
		"the assertion or the access token is refused: not a JWT, an aud that is not the token endpoint, a jti sent before, or an access token that is unknown or whose mapping was revoked",
		whereMapping},
	"AccessTokenExpired": {StepSettings,
		"the access token is past its 60 minutes",
		"get a new access token"},
}

// describeM2M returns an OAuth 2.0 reason's words, step and fix.
func describeM2M(reason string) reasonInfo {
	if info, ok := m2mReasons[reason]; ok {
		return info
	}
	return describe(reason)
}
