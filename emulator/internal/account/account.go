package account

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// An Account is the emulated NetSuite account: what Setup shows of it (ID,
// time zone, date format, enabled features), its integration records, roles,
// users and access tokens, its custom lists, custom fields and custom record
// types, its concurrency limit and the options of its seed data.
//
// # Concurrency
//
// The exported fields may be set and read directly only while the account is
// being built (by Load, Demo, Clone or a test) and before it is shared. Once
// it is shared, for example with an emulator server and an auth.Authenticator,
// read it only through its lookup methods (FeatureEnabled, IntegrationByKey,
// Token, User, Role, ...) and change it only through its mutation methods
// (SetFeature, SetPermission, RevokeToken, ...): those are safe for concurrent
// use, and a change is seen by the next lookup. ID, Timezone, Location and
// DateFormat never change once the account is built, so they may be read
// directly at any time.
//
// Lookups return copies. The maps and slices inside a returned Role or User
// are shared with the account but never modified in place: every mutation
// replaces them (copy-on-write), so a copy stays valid and unchanged however
// long it is kept.
type Account struct {
	// ID is the account ID in canonical form, such as 1234567_SB1; it is also
	// the OAuth realm (netsuite-upload-org/netsuite-upload#38,
	// fylein/netsuite-sdk-py#29, netsuitephp/netsuite-php#121).
	ID tba.Account
	// Timezone is the account's time zone as an IANA name, such as
	// America/Los_Angeles.
	Timezone string
	// Location is Timezone loaded; Load and Demo set it.
	Location *time.Location
	// DateFormat is the account's Date Format preference (Setup > Company >
	// General Preferences), used for dates in SuiteQL results and q filters
	// (salto-io/salto's NetSuite adapter, airbytehq/airbyte
	// source_netsuite/constraints.py). The formats are package filter's; see
	// filter.DateFormats.
	DateFormat filter.DateFormat
	// Features are the enabled features (Setup > Company > Enable Features).
	// A feature is enabled when it maps to true; a disabled feature has no
	// entry.
	Features map[Feature]bool
	// Integrations are the integration records (Setup > Integration > Manage
	// Integrations).
	Integrations []Integration
	// Roles are the roles (Setup > Users/Roles > Manage Roles).
	Roles []Role
	// Users are the employees who can log in.
	Users []User
	// Tokens are the access tokens (Setup > Users/Roles > Access Tokens).
	Tokens []AccessToken
	// M2MMappings are the OAuth 2.0 client credentials mappings (Setup >
	// Integration > Manage Authentication > OAuth 2.0 Client Credentials
	// (M2M) Setup).
	M2MMappings []M2MMapping
	// CustomLists are the custom lists (Customization > Lists, Records, &
	// Fields > Lists): the values a select field can list when its
	// RecordType names one.
	CustomLists []CustomList
	// CustomFields are the custom entity, transaction body, transaction line
	// and item fields.
	CustomFields []CustomField
	// CustomRecordTypes are the custom record types.
	CustomRecordTypes []CustomRecordType
	// SavedSearches are the saved searches SOAP web services can run.
	SavedSearches []SavedSearch
	// Restlets are the RESTlet scripts and their deployments. They never
	// change once the account is built, so they may be read directly.
	Restlets []Restlet
	// ConcurrencyLimit is the account's concurrency limit: the number of web
	// services requests it serves at once
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_156224824287.html).
	// 5 is NetSuite's floor and the default.
	ConcurrencyLimit int
	// Seed holds the options of the generated seed data.
	Seed Seed

	mu sync.RWMutex
}

// DefaultConcurrencyLimit is the concurrency limit of an account file that sets
// none: 5, the base of the smallest service tier and of every development
// account
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_156224824287.html).
const DefaultConcurrencyLimit = 5

// DefaultDateFormat is the date format of an account file that sets none: NetSuite's default, "The
// default date format is M/D/YYYY" (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html).
const DefaultDateFormat = filter.FormatMDY

// A Feature is a NetSuite feature that an administrator enables at Setup >
// Company > Enable Features. Its value is the name used in account files.
type Feature string

// The features the emulator knows. The comment of each gives its label on the
// Enable Features page.
const (
	// FeatureTokenBasedAuthentication is "Token-Based Authentication"
	// (SuiteCloud subtab, Manage Authentication). Without it every TBA login
	// fails with FeatureDisabled
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
	FeatureTokenBasedAuthentication Feature = "TOKEN_BASED_AUTHENTICATION"
	// FeatureRESTWebServices is "REST Web Services" (SuiteCloud subtab,
	// SuiteTalk (Web Services));
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html.
	FeatureRESTWebServices Feature = "REST_WEB_SERVICES"
	// FeatureSOAPWebServices is "SOAP Web Services" (SuiteCloud subtab,
	// SuiteTalk (Web Services));
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html.
	FeatureSOAPWebServices Feature = "SOAP_WEB_SERVICES"
	// FeatureSuiteAnalyticsWorkbook is "SuiteAnalytics Workbook" (Analytics
	// subtab), needed for SuiteQL and datasets;
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html.
	FeatureSuiteAnalyticsWorkbook Feature = "SUITEANALYTICS_WORKBOOK"
	// FeatureServerSuiteScript is "Server SuiteScript" (SuiteCloud subtab,
	// SuiteScript), needed for RESTlets. Assumption: label as on the Enable
	// Features page; no source read covers SuiteScript features.
	FeatureServerSuiteScript Feature = "SERVER_SUITESCRIPT"
	// FeatureClientSuiteScript is "Client SuiteScript" (SuiteCloud subtab,
	// SuiteScript). Assumption: as for FeatureServerSuiteScript.
	FeatureClientSuiteScript Feature = "CLIENT_SUITESCRIPT"
	// FeatureOAuth2 is "OAuth 2.0" (SuiteCloud subtab, Manage
	// Authentication). Without it every OAuth 2.0 token request and bearer
	// login fails with FeatureDisabled (Oracle,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157771482304.html,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_158324637123.html).
	FeatureOAuth2 Feature = "OAUTH2"
)

// Features returns every feature the emulator knows, in a fixed order.
func Features() []Feature {
	return []Feature{
		FeatureTokenBasedAuthentication,
		FeatureRESTWebServices,
		FeatureSOAPWebServices,
		FeatureSuiteAnalyticsWorkbook,
		FeatureServerSuiteScript,
		FeatureClientSuiteScript,
		FeatureOAuth2,
	}
}

// Label returns the feature's label on the Enable Features page.
func (f Feature) Label() string {
	switch f {
	case FeatureTokenBasedAuthentication:
		return "Token-Based Authentication"
	case FeatureRESTWebServices:
		return "REST Web Services"
	case FeatureSOAPWebServices:
		return "SOAP Web Services"
	case FeatureSuiteAnalyticsWorkbook:
		return "SuiteAnalytics Workbook"
	case FeatureServerSuiteScript:
		return "Server SuiteScript"
	case FeatureClientSuiteScript:
		return "Client SuiteScript"
	case FeatureOAuth2:
		return "OAuth 2.0"
	}
	return string(f)
}

func (f Feature) known() bool { return slices.Contains(Features(), f) }

// A Level is the access level of a permission: None, View, Create, Edit or Full, each allowing what
// the one before it allows and more. Oracle, "Access Levels for Permissions"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N326341.html): View reads
// existing records; Create also creates; Edit also edits; Full also deletes.
type Level int

// The permission levels, in increasing order.
const (
	None Level = iota
	View
	Create
	Edit
	Full
)

var levelNames = [...]string{"None", "View", "Create", "Edit", "Full"}

// String returns the level's name as NetSuite shows it.
func (l Level) String() string {
	if l >= None && int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// ParseLevel reads a level name, ignoring case.
func ParseLevel(s string) (Level, error) {
	for i, name := range levelNames {
		if strings.EqualFold(s, name) {
			return Level(i), nil
		}
	}
	return None, fmt.Errorf("unknown level %q; use None, View, Create, Edit or Full", s)
}

func (l Level) valid() bool { return l >= None && l <= Full }

// A Permission is a role permission that is not about one record type: the
// Setup and Reports permissions that web services logins need. Its value is
// the name used in account files.
type Permission string

// The permissions the emulator knows. The comment of each gives its label on
// the role form (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_4248124361.html).
const (
	// PermRESTWebServices is "REST Web Services" (Setup subtab); REST needs
	// it at Full.
	PermRESTWebServices Permission = "REST_WEB_SERVICES"
	// PermWebServices is "SOAP Web Services" (Setup subtab), which SOAP
	// needs.
	PermWebServices Permission = "WEB_SERVICES"
	// PermLogInUsingAccessTokens is "Log in using Access Tokens" (Setup
	// subtab): the user can log in with tokens but cannot create them.
	PermLogInUsingAccessTokens Permission = "LOGIN_USING_ACCESS_TOKENS"
	// PermUserAccessTokens is "User Access Tokens" (Setup subtab): the user
	// can create their own tokens and log in with them.
	PermUserAccessTokens Permission = "USER_ACCESS_TOKENS"
	// PermAccessTokenManagement is "Access Token Management" (Setup subtab):
	// the user can manage other users' tokens but cannot log in with tokens.
	PermAccessTokenManagement Permission = "ACCESS_TOKEN_MANAGEMENT"
	// PermSetUpCompany is "Set Up Company" (Setup subtab), needed to see the Company URLs subtab
	// (Oracle https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1498251763.html).
	PermSetUpCompany Permission = "SET_UP_COMPANY"
	// PermSuiteAnalyticsWorkbook is "SuiteAnalytics Workbook" (Reports
	// subtab); SuiteQL needs it at Edit.
	PermSuiteAnalyticsWorkbook Permission = "SUITEANALYTICS_WORKBOOK"
	// PermLogInUsingOAuth2AccessTokens is "Log in using OAuth 2.0 Access
	// Tokens" (Setup subtab): "Access REST web services, RESTlets, and
	// SuiteAnalytics Connect using OAuth 2.0 access tokens" (Oracle,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157771510070.html).
	// An OAuth 2.0 login needs it at Full.
	PermLogInUsingOAuth2AccessTokens Permission = "LOGIN_USING_OAUTH2_ACCESS_TOKENS"
)

// Permissions returns every permission the emulator knows, in a fixed order.
func Permissions() []Permission {
	return []Permission{
		PermRESTWebServices,
		PermWebServices,
		PermLogInUsingAccessTokens,
		PermUserAccessTokens,
		PermAccessTokenManagement,
		PermSetUpCompany,
		PermSuiteAnalyticsWorkbook,
		PermLogInUsingOAuth2AccessTokens,
	}
}

// Label returns the permission's label on the role form.
func (p Permission) Label() string {
	switch p {
	case PermRESTWebServices:
		return "REST Web Services"
	case PermWebServices:
		return "SOAP Web Services"
	case PermLogInUsingAccessTokens:
		return "Log in using Access Tokens"
	case PermUserAccessTokens:
		return "User Access Tokens"
	case PermAccessTokenManagement:
		return "Access Token Management"
	case PermSetUpCompany:
		return "Set Up Company"
	case PermSuiteAnalyticsWorkbook:
		return "SuiteAnalytics Workbook"
	case PermLogInUsingOAuth2AccessTokens:
		return "Log in using OAuth 2.0 Access Tokens"
	}
	return string(p)
}

func (p Permission) known() bool { return slices.Contains(Permissions(), p) }

// IntegrationState is the State field of an integration record.
type IntegrationState string

// The states of an integration record. A Blocked integration's logins fail with
// consumer_key_refused
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
const (
	Enabled IntegrationState = "Enabled"
	Blocked IntegrationState = "Blocked"
)

// An Integration is an integration record: an application that logs in with
// its consumer key and secret (TBA) or with OAuth 2.0.
type Integration struct {
	// Name is the record's name; access tokens and M2M mappings refer to it
	// by name.
	Name string
	// ConsumerKey identifies the integration in the Authorization header.
	// It is also the OAuth 2.0 client ID, the iss of an M2M assertion: the
	// record shows one value as "Consumer Key / Client ID" (Assumption,
	// from third-party setup guides; see the emulator's FIDELITY.md).
	ConsumerKey string
	// ConsumerSecret signs requests, with the token secret.
	ConsumerSecret tba.Secret
	// State is Enabled or Blocked.
	State IntegrationState
	// TokenBasedAuthentication is the Token-Based Authentication box of the
	// record's Authentication subtab.
	TokenBasedAuthentication bool
	// ClientCredentials is the "Client Credentials (Machine to Machine)
	// Grant" box of the OAuth 2.0 section of the Authentication subtab
	// (Oracle,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157771733782.html).
	ClientCredentials bool
	// Scopes are the OAuth 2.0 scope boxes checked on the record: an M2M
	// assertion may ask for these only.
	Scopes []Scope
}

// ClientID returns the integration's OAuth 2.0 client ID: its consumer key.
func (in Integration) ClientID() string { return in.ConsumerKey }

// HasScope reports whether the integration record grants scope s.
func (in Integration) HasScope(s Scope) bool { return slices.Contains(in.Scopes, s) }

// A Role is a role and its permissions.
type Role struct {
	// ID is the role's internal ID, such as 1001.
	ID string
	// Name is the role's name; users and tokens refer to it by name.
	Name string
	// WebServicesOnly is the Web Services Only Role box. Such roles do not work
	// with RESTlets
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html).
	WebServicesOnly bool
	// Administrator marks NetSuite's standard Administrator role, which
	// alone may read the account's governance limits ("The governanceLimits
	// operation returns results only if you are logged in as an
	// administrator", Oracle,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0625010817.html).
	Administrator bool
	// Permissions holds the levels of the Setup and Reports permissions; a
	// permission that is not there is at None.
	Permissions map[Permission]Level
	// Records holds the level of each record type the role may use, keyed
	// by record type name as the REST API spells it (customer, salesOrder,
	// customrecord_x); a record type that is not there is at None.
	//
	// Simplification: NetSuite's record permissions do not map one to one to
	// record types (one Items permission covers every item type, for
	// example); the emulator keys them by record type.
	Records map[string]Level
}

// Permission returns the role's level of p.
func (r Role) Permission(p Permission) Level { return r.Permissions[p] }

// RecordLevel returns the role's level on a record type, whose name is matched
// ignoring case as NetSuite does
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html).
func (r Role) RecordLevel(recordType string) Level {
	if l, ok := r.Records[recordType]; ok {
		return l
	}
	for name, l := range r.Records {
		if strings.EqualFold(name, recordType) {
			return l
		}
	}
	return None
}

// A User is an employee who can log in.
type User struct {
	// ID is the employee's internal ID, such as 5.
	ID string
	// Name is the employee's name.
	Name string
	// Email is the employee's login email; access tokens refer to the user
	// by email.
	Email string
	// Inactive is the employee record's Inactive box. An inactive user's logins
	// fail with permission_denied
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
	Inactive bool
	// Roles are the names of the roles given to the user (Access subtab).
	Roles []string
}

// HasRole reports whether the user has the named role.
func (u User) HasRole(name string) bool { return slices.Contains(u.Roles, name) }

// An AccessToken is an access token: the user and role that an integration
// logs in as.
type AccessToken struct {
	// Name is the token's name.
	Name string
	// TokenID identifies the token in the Authorization header.
	TokenID string
	// TokenSecret signs requests, with the consumer secret.
	TokenSecret tba.Secret
	// Integration is the name of the integration record the token belongs to.
	Integration string
	// User is the email of the user the token logs in as.
	User string
	// Role is the name of the role the token logs in with.
	Role string
	// Revoked is set once the token is revoked; a revoked token's logins fail
	// with token_rejected
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
	Revoked bool
}

// A CustomField is a custom field of the account. Its script ID prefix says
// what it can apply to: custentity_ (entities), custbody_ (transaction
// bodies), custcol_ (transaction item lines), custitem_ (items) and, inside a
// CustomRecordType, custrecord_.
type CustomField struct {
	// ScriptID is the field's script ID, such as custentity_loyalty_tier.
	ScriptID string
	// Label is the field's label.
	Label string
	// Type is the field type (text, integer, decimal, checkbox, date,
	// datetime or select).
	Type catalog.CustomFieldType
	// RecordType is the record type a select field lists, or the script ID
	// of one of the account's CustomLists; only for select.
	RecordType string
	// AppliesTo are the record types the field applies to (the Applies To
	// subtab); empty means every record type its prefix allows. Not used for
	// custrecord_ fields.
	AppliesTo []string
}

// A CustomRecordType is a custom record type of the account.
type CustomRecordType struct {
	// ScriptID is the type's script ID, such as customrecord_shipping_zone;
	// it is the record type name in REST URLs.
	ScriptID string
	// Name is the type's name.
	Name string
	// Fields are its fields; their script IDs start with custrecord_.
	Fields []CustomField
}

// A CustomList is a custom list of the account: a named, ordered set of
// values that custom fields can list. Oracle, "Custom List"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3772071.html)
// and "Custom Lists as XML Definitions"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156632180681.html).
// SuiteQL reads a list as a table named by its script ID, customlist_x or
// customlist<N> for lists without one (github.com/futuri-pro/tap-suiteql
// @4887f58 tap_suiteql/streams.py).
type CustomList struct {
	// ScriptID is the list's script ID in lower case, such as
	// customlist_region.
	ScriptID string
	// Name is the list's name; Load sets it to ScriptID when the file gives
	// none.
	Name string
	// Values are the list's values, in the list's order. The value at index
	// i has internal ID i+1.
	//
	// Assumption: a list's internal IDs are 1..n in the order the values
	// were entered, as they are in a list created that way and never
	// reordered; NetSuite keeps an ID when a value is moved or removed.
	Values []string
}

// ValueID returns the internal ID of the list's value v, matched ignoring
// case, and whether the list has it.
func (l CustomList) ValueID(v string) (int, bool) {
	for i, s := range l.Values {
		if strings.EqualFold(s, v) {
			return i + 1, true
		}
	}
	return 0, false
}

// Seed holds the options of the generated seed data; the data itself is
// generated elsewhere from them.
type Seed struct {
	// Records is about how many records the seed data has in all; 0, or
	// anything up to the demo size, gives the demo company (emulator/internal/
	// seed), and more scales it up.
	Records int
	// RandomSeed seeds the generator, so that the same options give the same
	// data.
	RandomSeed int64
}

// FeatureEnabled reports whether feature f is enabled.
func (a *Account) FeatureEnabled(f Feature) bool {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.Features[f]
}

// IntegrationByKey returns the integration record with the given consumer
// key.
func (a *Account) IntegrationByKey(consumerKey string) (Integration, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, in := range a.Integrations {
		if in.ConsumerKey == consumerKey {
			return in, true
		}
	}
	return Integration{}, false
}

// Integration returns the integration record with the given name.
func (a *Account) Integration(name string) (Integration, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if i := a.integrationIndex(name); i >= 0 {
		return a.Integrations[i], true
	}
	return Integration{}, false
}

// Token returns the access token with the given token ID.
func (a *Account) Token(tokenID string) (AccessToken, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if i := a.tokenIndex(tokenID); i >= 0 {
		return a.Tokens[i], true
	}
	return AccessToken{}, false
}

// User returns the user with the given email, matched ignoring case.
func (a *Account) User(email string) (User, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if i := a.userIndex(email); i >= 0 {
		return a.Users[i], true
	}
	return User{}, false
}

// CustomField returns the custom entity, transaction body, transaction line
// or item field with the given script ID, matched ignoring case.
func (a *Account) CustomField(scriptID string) (CustomField, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, f := range a.CustomFields {
		if strings.EqualFold(f.ScriptID, scriptID) {
			return f, true
		}
	}
	return CustomField{}, false
}

// Role returns the role with the given name.
func (a *Account) Role(name string) (Role, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if i := a.roleIndex(name); i >= 0 {
		return a.Roles[i], true
	}
	return Role{}, false
}

func (a *Account) integrationIndex(name string) int {
	return slices.IndexFunc(a.Integrations, func(in Integration) bool { return in.Name == name })
}

func (a *Account) tokenIndex(id string) int {
	return slices.IndexFunc(a.Tokens, func(t AccessToken) bool { return t.TokenID == id })
}

func (a *Account) userIndex(email string) int {
	return slices.IndexFunc(a.Users, func(u User) bool { return strings.EqualFold(u.Email, email) })
}

func (a *Account) roleIndex(name string) int {
	return slices.IndexFunc(a.Roles, func(r Role) bool { return r.Name == name })
}

// Clone returns a deep copy of a, safe to change on its own: for example to
// reset the emulator to the account it started with.
func (a *Account) Clone() *Account {
	a.mu.RLock()
	defer a.mu.RUnlock()
	c := &Account{
		ID:                a.ID,
		Timezone:          a.Timezone,
		Location:          a.Location,
		DateFormat:        a.DateFormat,
		Features:          maps.Clone(a.Features),
		Integrations:      slices.Clone(a.Integrations),
		Roles:             slices.Clone(a.Roles),
		Users:             slices.Clone(a.Users),
		Tokens:            slices.Clone(a.Tokens),
		M2MMappings:       slices.Clone(a.M2MMappings),
		CustomLists:       slices.Clone(a.CustomLists),
		CustomFields:      cloneFields(a.CustomFields),
		CustomRecordTypes: slices.Clone(a.CustomRecordTypes),
		SavedSearches:     slices.Clone(a.SavedSearches),
		Restlets:          slices.Clone(a.Restlets), // never changed in place
		ConcurrencyLimit:  a.ConcurrencyLimit,
		Seed:              a.Seed,
	}
	for i := range c.Roles {
		c.Roles[i].Permissions = maps.Clone(c.Roles[i].Permissions)
		c.Roles[i].Records = maps.Clone(c.Roles[i].Records)
	}
	for i := range c.Users {
		c.Users[i].Roles = slices.Clone(c.Users[i].Roles)
	}
	for i := range c.Integrations {
		c.Integrations[i].Scopes = slices.Clone(c.Integrations[i].Scopes)
	}
	for i := range c.CustomLists {
		c.CustomLists[i].Values = slices.Clone(c.CustomLists[i].Values)
	}
	for i := range c.SavedSearches {
		c.SavedSearches[i].Columns = slices.Clone(c.SavedSearches[i].Columns)
		c.SavedSearches[i].Sort = slices.Clone(c.SavedSearches[i].Sort)
	}
	for i := range c.CustomRecordTypes {
		c.CustomRecordTypes[i].Fields = cloneFields(c.CustomRecordTypes[i].Fields)
	}
	return c
}

func cloneFields(fs []CustomField) []CustomField {
	c := slices.Clone(fs)
	for i := range c {
		c[i].AppliesTo = slices.Clone(c[i].AppliesTo)
	}
	return c
}

// CatalogCustom returns the account's custom fields and custom record types
// in the form catalog.Catalog.WithCustom takes:
//
//	cat, err := base.WithCustom(acct.CatalogCustom())
//
// The catalog applies a field to every record type its prefix allows; it does
// not read AppliesTo.
func (a *Account) CatalogCustom() ([]catalog.CustomField, []catalog.CustomRecordType) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.catalogCustomLocked()
}

func catalogField(f CustomField) catalog.CustomField {
	return catalog.CustomField{ScriptID: f.ScriptID, Label: f.Label, Type: f.Type, RecordType: f.RecordType, AppliesTo: f.AppliesTo}
}
