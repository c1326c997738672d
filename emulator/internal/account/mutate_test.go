package account

import (
	"errors"
	"sync"
	"testing"
)

func TestMutations(t *testing.T) {
	t.Parallel()
	a := Demo()

	mustDo(t, a.SetFeature(FeatureTokenBasedAuthentication, false))
	if a.FeatureEnabled(FeatureTokenBasedAuthentication) {
		t.Error("SetFeature(false) did not disable")
	}
	mustDo(t, a.SetFeature(FeatureTokenBasedAuthentication, true))
	if !a.FeatureEnabled(FeatureTokenBasedAuthentication) {
		t.Error("SetFeature(true) did not enable")
	}

	mustDo(t, a.SetPermission(DemoRole, PermRESTWebServices, View))
	if r, _ := a.Role(DemoRole); r.Permission(PermRESTWebServices) != View {
		t.Errorf("SetPermission: level %s", r.Permission(PermRESTWebServices))
	}
	mustDo(t, a.SetPermission(DemoRole, PermRESTWebServices, None))
	if r, _ := a.Role(DemoRole); len(r.Permissions) != 3 {
		t.Errorf("SetPermission(None) left %v", r.Permissions)
	}

	mustDo(t, a.SetRecordPermission(DemoRole, "SALESORDER", View))
	r, _ := a.Role(DemoRole)
	if r.Records["salesOrder"] != View || r.RecordLevel("salesorder") != View {
		t.Errorf("SetRecordPermission: %v", r.Records)
	}
	mustDo(t, a.SetRecordPermission(DemoRole, "customrecord_SHIPPING_zone", None))
	if r, _ := a.Role(DemoRole); r.RecordLevel("customrecord_shipping_zone") != None {
		t.Error("SetRecordPermission(None) on a custom record type did not remove it")
	}

	mustDo(t, a.SetIntegrationState(DemoIntegration, Blocked))
	mustDo(t, a.SetIntegrationTBA(DemoIntegration, false))
	if in, _ := a.IntegrationByKey(DemoConsumerKey); in.State != Blocked || in.TokenBasedAuthentication {
		t.Errorf("integration = %+v", in)
	}

	mustDo(t, a.RevokeToken(DemoTokenID))
	mustDo(t, a.RevokeToken(DemoTokenID))
	if tok, _ := a.Token(DemoTokenID); !tok.Revoked {
		t.Error("RevokeToken did not revoke")
	}

	mustDo(t, a.SetUserInactive(DemoUserEmail, true))
	mustDo(t, a.RemoveUserRole(DemoUserEmail, DemoRole))
	if u, _ := a.User(DemoUserEmail); !u.Inactive || u.HasRole(DemoRole) {
		t.Errorf("user = %+v", u)
	}
	mustDo(t, a.AddUserRole(DemoUserEmail, DemoRole))
	mustDo(t, a.AddUserRole(DemoUserEmail, DemoRole))
	if u, _ := a.User(DemoUserEmail); len(u.Roles) != 1 {
		t.Errorf("AddUserRole twice: roles %v", u.Roles)
	}
	if err := a.Validate(); err != nil {
		t.Errorf("mutated account does not validate: %v", err)
	}
}

func TestMutationErrors(t *testing.T) {
	t.Parallel()
	a := Demo()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"feature", a.SetFeature("X", true), `account: unknown feature "X"; known features: "TOKEN_BASED_AUTHENTICATION", "REST_WEB_SERVICES", "SOAP_WEB_SERVICES", "SUITEANALYTICS_WORKBOOK", "SERVER_SUITESCRIPT", "CLIENT_SUITESCRIPT", "OAUTH2"`},
		{"permission", a.SetPermission(DemoRole, "X", Full), `account: unknown permission "X"; known permissions: "REST_WEB_SERVICES", "WEB_SERVICES", "LOGIN_USING_ACCESS_TOKENS", "USER_ACCESS_TOKENS", "ACCESS_TOKEN_MANAGEMENT", "SET_UP_COMPANY", "SUITEANALYTICS_WORKBOOK", "LOGIN_USING_OAUTH2_ACCESS_TOKENS"`},
		{"level", a.SetPermission(DemoRole, PermRESTWebServices, Level(7)), `account: invalid level Level(7)`},
		{"role", a.SetPermission("Admin", PermRESTWebServices, Full), `account: role "Admin" is not defined; defined roles: "nsconnect Integration"`},
		{"record type", a.SetRecordPermission(DemoRole, "widget", Full), `account: unknown record type "widget"`},
		{"state", a.SetIntegrationState(DemoIntegration, "Paused"), `account: unknown integration state "Paused"; use Enabled or Blocked`},
		{"integration", a.SetIntegrationTBA("x", true), `account: integration "x" is not defined; defined integrations: "nsconnect demo"`},
		{"token", a.RevokeToken("0123456789abcdef"), `account: token "0123…cdef" is not defined; defined tokens: "a848…4903"`},
		{"user", a.SetUserInactive("x@example.com", true), `account: user "x@example.com" is not defined; defined users: "nsconnect.integration@example.com"`},
		{"user role", a.AddUserRole(DemoUserEmail, "Admin"), `account: role "Admin" is not defined; defined roles: "nsconnect Integration"`},
	}
	for _, tt := range tests {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("%s: error\n got %v\nwant %s", tt.name, tt.err, tt.want)
		}
	}
	var nf *NotFoundError
	if err := a.RemoveUserRole("x@example.com", DemoRole); !errors.As(err, &nf) || nf.What != "user" {
		t.Errorf("RemoveUserRole error = %#v", err)
	}
}

// A copy returned by a lookup does not change when the account does.
func TestLookupsAreSnapshots(t *testing.T) {
	t.Parallel()
	a := Demo()
	role, _ := a.Role(DemoRole)
	user, _ := a.User(DemoUserEmail)
	mustDo(t, a.SetRecordPermission(DemoRole, "customer", View))
	mustDo(t, a.SetPermission(DemoRole, PermRESTWebServices, None))
	mustDo(t, a.RemoveUserRole(DemoUserEmail, DemoRole))
	if role.RecordLevel("customer") != Full || role.Permission(PermRESTWebServices) != Full {
		t.Errorf("old role copy changed: %v %v", role.Records["customer"], role.Permissions)
	}
	if !user.HasRole(DemoRole) {
		t.Error("old user copy changed")
	}
}

// Mutations and lookups run together safely (run with -race).
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	a := Demo()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				on := (i+j)%2 == 0
				_ = a.SetFeature(FeatureRESTWebServices, on)
				level := Full
				if on {
					level = View
				}
				_ = a.SetRecordPermission(DemoRole, "customer", level)
				_ = a.SetIntegrationTBA(DemoIntegration, on)
				if on {
					_ = a.RemoveUserRole(DemoUserEmail, DemoRole)
				} else {
					_ = a.AddUserRole(DemoUserEmail, DemoRole)
				}
			}
		})
		wg.Go(func() {
			for range 50 {
				a.FeatureEnabled(FeatureRESTWebServices)
				if r, ok := a.Role(DemoRole); ok {
					_ = r.RecordLevel("customer")
				}
				if u, ok := a.User(DemoUserEmail); ok {
					_ = u.HasRole(DemoRole)
				}
				_, _ = a.IntegrationByKey(DemoConsumerKey)
				_, _ = a.Token(DemoTokenID)
				_, _ = Marshal(a)
				_ = a.Clone()
			}
		})
	}
	wg.Wait()
}
