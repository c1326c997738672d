package account

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

func TestDemoRoundTrip(t *testing.T) {
	t.Parallel()
	data, err := Marshal(Demo())
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(data)
	if err != nil {
		t.Fatalf("Load(Marshal(Demo())): %v\n%s", err, data)
	}
	if diff := cmp.Diff(Demo(), got, accountCmp...); diff != "" {
		t.Errorf("round trip (-demo +loaded):\n%s", diff)
	}
	again, err := Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Errorf("Marshal is not stable:\n%s\n---\n%s", data, again)
	}
	// The file is the user's: secrets in clear text.
	for _, s := range []string{DemoConsumerSecret.Reveal(), DemoTokenSecret.Reveal()} {
		if !bytes.Contains(data, []byte(s)) {
			t.Errorf("Marshal did not write secret %s…", s[:8])
		}
	}
}

// A round trip keeps state that only the control plane sets.
func TestRoundTripState(t *testing.T) {
	t.Parallel()
	a := Demo()
	mustDo(t, a.SetIntegrationState(DemoIntegration, Blocked))
	mustDo(t, a.SetIntegrationTBA(DemoIntegration, false))
	mustDo(t, a.RevokeToken(DemoTokenID))
	mustDo(t, a.SetUserInactive(DemoUserEmail, true))
	mustDo(t, a.SetFeature(FeatureSOAPWebServices, false))
	mustDo(t, a.SetRecordPermission(DemoRole, "customer", None))
	mustDo(t, a.SetIntegrationClientCredentials(DemoIntegration, false))
	mustDo(t, a.SetIntegrationScopes(DemoIntegration, []Scope{ScopeSuiteAnalytics}))
	mustDo(t, a.RevokeM2MMapping(DemoCertificateID))
	a.Roles[0].Administrator = true
	a.M2MMappings[0].ValidUntil = time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	data, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(data)
	if err != nil {
		t.Fatalf("Load: %v\n%s", err, data)
	}
	if diff := cmp.Diff(a, got, accountCmp...); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// base is a small valid account file; the tests below change one line of it.
const base = `accountId: 1234567_SB1
timezone: America/Los_Angeles
features: [TOKEN_BASED_AUTHENTICATION, REST_WEB_SERVICES]
integrations:
  - name: app
    consumerKey: ck
    consumerSecret: cs
roles:
  - id: "1001"
    name: Integration Role
    permissions: {REST_WEB_SERVICES: Full, LOGIN_USING_ACCESS_TOKENS: Full}
    records: {customer: Full}
users:
  - id: "5"
    name: Ada
    email: ada@example.com
    roles: [Integration Role]
tokens:
  - tokenId: tk
    tokenSecret: ts
    integration: app
    user: ada@example.com
    role: Integration Role
`

func TestLoadDefaultsAndNormalizes(t *testing.T) {
	t.Parallel()
	data := strings.NewReplacer(
		"1234567_SB1", "1234567-sb1",
		"REST_WEB_SERVICES]", "rest_web_services]",
		"{customer: Full}", "{SalesOrder: full, CUSTOMER: view}",
	).Replace(base)
	a, err := Load([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID.String() != "1234567_SB1" || a.DateFormat != DefaultDateFormat || a.ConcurrencyLimit != DefaultConcurrencyLimit {
		t.Errorf("ID, date format, limit = %s, %s, %d", a.ID, a.DateFormat, a.ConcurrencyLimit)
	}
	if !a.FeatureEnabled(FeatureRESTWebServices) || a.FeatureEnabled(FeatureSOAPWebServices) {
		t.Errorf("features = %v", a.Features)
	}
	in, _ := a.Integration("app")
	if in.State != Enabled || !in.TokenBasedAuthentication {
		t.Errorf("integration defaults = %+v", in)
	}
	role, _ := a.Role("Integration Role")
	if diff := cmp.Diff(map[string]Level{"salesOrder": Full, "customer": View}, role.Records); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if a.Location == nil || a.Location.String() != "America/Los_Angeles" {
		t.Errorf("Location = %v", a.Location)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		old, new string // replace old by new in base; old "" means the file is new
		want     string
	}{
		{
			name: "unknown top-level key",
			old:  "timezone:", new: "timezon:",
			want: `account: line 2: timezon: unknown key "timezon"; known keys here: accountId, timezone, dateFormat, concurrencyLimit, features, integrations, roles, users, tokens, m2mMappings, customLists, customFields, customRecordTypes, restlets, seed`,
		},
		{
			name: "unknown nested key",
			old:  "    permissions:", new: "    permisions:",
			want: `account: line 11: roles[0].permisions: unknown key "permisions"; known keys here: id, name, webServicesOnly, administrator, permissions, records`,
		},
		{
			name: "duplicate key",
			old:  "    consumerSecret: cs\n", new: "    consumerSecret: cs\n    name: other\n",
			want: `account: line 8: integrations[0].name: duplicate key "name" (first on line 5)`,
		},
		{
			name: "undefined role",
			old:  "    role: Integration Role", new: "    role: Integration",
			want: `account: line 23: tokens[0].role: role "Integration" is not defined; defined roles: "Integration Role"`,
		},
		{
			name: "undefined user",
			old:  "    user: ada@example.com", new: "    user: bob@example.com",
			want: `account: line 22: tokens[0].user: user "bob@example.com" is not defined; defined users: "ada@example.com"`,
		},
		{
			name: "undefined integration",
			old:  "    integration: app", new: "    integration: ap",
			want: `account: line 21: tokens[0].integration: integration "ap" is not defined; defined integrations: "app"`,
		},
		{
			name: "undefined user role",
			old:  "    roles: [Integration Role]", new: "    roles: [Integration Role, Admin]",
			want: `account: line 17: users[0].roles[1]: role "Admin" is not defined; defined roles: "Integration Role"`,
		},
		{
			name: "unknown feature",
			old:  "REST_WEB_SERVICES]", new: "REST_WEBSERVICES]",
			want: `account: line 3: features[1]: unknown feature "REST_WEBSERVICES"; known features: "TOKEN_BASED_AUTHENTICATION", "REST_WEB_SERVICES", "SOAP_WEB_SERVICES", "SUITEANALYTICS_WORKBOOK", "SERVER_SUITESCRIPT", "CLIENT_SUITESCRIPT", "OAUTH2"`,
		},
		{
			name: "unknown permission",
			old:  "{REST_WEB_SERVICES: Full,", new: "{REST_WEB_SERVICE: Full,",
			want: `account: line 11: roles[0].permissions.REST_WEB_SERVICE: unknown permission "REST_WEB_SERVICE"; known permissions: "REST_WEB_SERVICES", "WEB_SERVICES", "LOGIN_USING_ACCESS_TOKENS", "USER_ACCESS_TOKENS", "ACCESS_TOKEN_MANAGEMENT", "SET_UP_COMPANY", "SUITEANALYTICS_WORKBOOK", "LOGIN_USING_OAUTH2_ACCESS_TOKENS"`,
		},
		{
			name: "bad level",
			old:  "{customer: Full}", new: "{customer: Admin}",
			want: `account: line 12: roles[0].records.customer: unknown level "Admin"; use None, View, Create, Edit or Full`,
		},
		{
			name: "unknown record type",
			old:  "{customer: Full}", new: "{custmer: Full}",
			want: `account: line 12: roles[0].records.custmer: unknown record type "custmer"; use a standard record type such as customer or salesOrder, or the script ID of one of the account's custom record types`,
		},
		{
			name: "bad time zone",
			old:  "America/Los_Angeles", new: "Pacific Time",
			want: `account: line 2: timezone: unknown time zone "Pacific Time"; use an IANA name such as America/Los_Angeles or UTC`,
		},
		{
			name: "missing time zone",
			old:  "timezone: America/Los_Angeles\n", new: "",
			want: `account: timezone: missing; set the account's time zone as an IANA name, such as America/Los_Angeles`,
		},
		{
			name: "bad account ID",
			old:  "1234567_SB1", new: "https://1234567-sb1.app.netsuite.com",
			want: `account: line 1: accountId: invalid account ID "https://1234567-sb1.app.netsuite.com": it looks like a URL or host name, not an account ID; the account ID in it is 1234567_SB1; expected the ID NetSuite shows at Setup > Company > Company Information, such as 1234567, 1234567_SB1 or TSTDRV1234567`,
		},
		{
			name: "bad date format",
			old:  "timezone: America/Los_Angeles\n", new: "timezone: America/Los_Angeles\ndateFormat: MM-DD-YY\n",
			want: `account: line 3: dateFormat: unsupported date format "MM-DD-YY"; use one of M/D/YYYY, D/M/YYYY, D-Mon-YYYY, D.M.YYYY, DD/MM/YYYY, DD-MONTH-YYYY, MM/DD/YYYY, DD.MM.YYYY, DD-Mon-YYYY, D-MONTH-YYYY, YYYY/MM/DD, YYYY-MM-DD, YYYY/M/D, YYYY-M-D`,
		},
		{
			name: "zero concurrency limit",
			old:  "timezone: America/Los_Angeles\n", new: "timezone: America/Los_Angeles\nconcurrencyLimit: 0\n",
			want: `account: line 3: concurrencyLimit: 0; the limit must be at least 1 (NetSuite's floor is 5)`,
		},
		{
			name: "bad integration state",
			old:  "    consumerSecret: cs\n", new: "    consumerSecret: cs\n    state: Disabled\n",
			want: `account: line 8: integrations[0].state: unknown state "Disabled"; use Enabled or Blocked`,
		},
		{
			name: "missing secret",
			old:  "    tokenSecret: ts\n", new: "",
			want: `account: line 19: tokens[0].tokenSecret: missing`,
		},
		{
			name: "duplicate email",
			old:  "tokens:\n", new: "  - {id: \"6\", name: Bob, email: ADA@example.com, roles: []}\ntokens:\n",
			want: `account: line 18: users[1].email: "ADA@example.com" is also the email of users[0]; emails must be unique`,
		},
		{
			name: "custom field prefix",
			old:  "tokens:\n", new: "customFields:\n  - {scriptId: custevent_x, type: text}\ntokens:\n",
			want: `account: line 19: customFields[0].scriptId: "custevent_x": a custom field's script ID starts with custentity_, custbody_, custcol_, custitem_ or custrecord_`,
		},
		{
			name: "select without record type",
			old:  "tokens:\n", new: "customFields:\n  - {scriptId: custentity_x, type: select}\ntokens:\n",
			want: `account: line 19: customFields[0].recordType: missing; a select field lists the records of a record type, such as customer`,
		},
		{
			name: "applies to wrong family",
			old:  "tokens:\n", new: "customFields:\n  - {scriptId: custentity_x, type: text, appliesTo: [salesOrder]}\ntokens:\n",
			want: `account: line 19: customFields[0].appliesTo[0]: a custentity_ field cannot apply to "salesOrder"; it can apply to contact, customer, employee, vendor`,
		},
		{
			name: "custom record field prefix",
			old:  "tokens:\n", new: "customRecordTypes:\n  - scriptId: customrecord_zone\n    name: Zone\n    fields: [{scriptId: custentity_code, type: text}]\ntokens:\n",
			want: `account: line 21: customRecordTypes[0].fields[0].scriptId: "custentity_code": the fields of a custom record type start with custrecord_`,
		},
		{
			name: "duplicate custom record field",
			old:  "tokens:\n", new: "customRecordTypes:\n  - scriptId: customrecord_zone\n    name: Zone\n    fields: [{scriptId: custrecord_a, type: text}, {scriptId: custrecord_a, type: text}]\ntokens:\n",
			want: `account: line 21: customRecordTypes[0].fields[1].scriptId: "custrecord_a" is also the script ID of customRecordTypes[0].fields[0]`,
		},
		{
			name: "wrong YAML type",
			old:  "features: [TOKEN_BASED_AUTHENTICATION, REST_WEB_SERVICES]", new: "features: TOKEN_BASED_AUTHENTICATION",
			want: "account: line 3: cannot unmarshal !!str `TOKEN_B...` into []string",
		},
		{name: "empty file", old: base, new: "", want: `account: the account file is empty`},
		{name: "not a mapping", old: base, new: "- a\n- b\n", want: `account: line 1: the account file must be a mapping with keys such as accountId, timezone and roles`},
		{name: "two documents", old: base, new: base + "---\naccountId: 1\n", want: `account: line 24: a second YAML document; the account file holds one`},
		{name: "bad YAML", old: base, new: "accountId: [\n", want: `account: line 1: did not find expected node content`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := strings.Replace(base, tt.old, tt.new, 1)
			if data == base && tt.old != tt.new {
				t.Fatalf("the test's old text %q is not in base", tt.old)
			}
			_, err := Load([]byte(data))
			if err == nil {
				t.Fatalf("Load succeeded; want %s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Load error:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Load reports every problem at once, each a *FieldError.
func TestLoadReportsAllProblems(t *testing.T) {
	t.Parallel()
	data := strings.NewReplacer("    role: Integration Role", "    role: Nope", "    user: ada@example.com", "    user: nobody@example.com").Replace(base)
	_, err := Load([]byte(data))
	if err == nil {
		t.Fatal("Load succeeded")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "tokens[0].user") || !strings.Contains(lines[1], "tokens[0].role") {
		t.Errorf("errors = %q", lines)
	}
	errs := unjoin(err)
	for _, e := range errs {
		if fe, ok := e.(*FieldError); !ok || fe.Line == 0 {
			t.Errorf("%v: not a *FieldError with a line", e)
		}
	}
}

// A state NetSuite can reach is a valid file: the login fails at run time.
func TestLoadAcceptsStates(t *testing.T) {
	t.Parallel()
	data := strings.NewReplacer(
		"    consumerSecret: cs\n", "    consumerSecret: cs\n    state: blocked\n    tokenBasedAuthentication: false\n",
		"    roles: [Integration Role]", "    inactive: true\n    roles: []",
		"    role: Integration Role", "    role: Integration Role\n    revoked: true",
	).Replace(base)
	a, err := Load([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	in, _ := a.Integration("app")
	u, _ := a.User("ada@example.com")
	tok, _ := a.Token("tk")
	if in.State != Blocked || in.TokenBasedAuthentication || !u.Inactive || len(u.Roles) != 0 || !tok.Revoked {
		t.Errorf("states not loaded: %+v %+v %+v", in, u, tok)
	}
}

func TestValidateCodeBuiltAccount(t *testing.T) {
	t.Parallel()
	a := Demo()
	a.Location = nil
	a.Features[Feature("TELEPORTATION")] = true
	a.Roles[0].Records["nope"] = Full
	a.CustomFields = append(a.CustomFields, CustomField{ScriptID: "custentity_x", Type: catalog.CustomText, RecordType: "customer"})
	err := a.Validate()
	if err == nil {
		t.Fatal("Validate succeeded")
	}
	want := []string{
		`account: timezone: Location is not the time zone "America/Los_Angeles"; set it with time.LoadLocation`,
		`account: features: unknown feature "TELEPORTATION"; known features: "TOKEN_BASED_AUTHENTICATION", "REST_WEB_SERVICES", "SOAP_WEB_SERVICES", "SUITEANALYTICS_WORKBOOK", "SERVER_SUITESCRIPT", "CLIENT_SUITESCRIPT", "OAUTH2"`,
		`account: roles[0].records.nope: unknown record type "nope"; use a standard record type such as customer or salesOrder, or the script ID of one of the account's custom record types`,
		`account: customFields[4].recordType: only select fields have a record type`,
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("Validate (-want +got):\n%s", diff)
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
