package account

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

func TestDemoValidates(t *testing.T) {
	t.Parallel()
	if err := Demo().Validate(); err != nil {
		t.Fatalf("Demo().Validate() = %v", err)
	}
}

func TestDemoCredentialsAreDocumentedHashes(t *testing.T) {
	t.Parallel()
	creds := DemoCredentials()
	for _, c := range []struct{ label, value string }{
		{"nsconnect demo consumer key", creds.ConsumerKey},
		{"nsconnect demo consumer secret", creds.ConsumerSecret.Reveal()},
		{"nsconnect demo token id", creds.TokenID},
		{"nsconnect demo token secret", creds.TokenSecret.Reveal()},
	} {
		sum := sha256.Sum256([]byte(c.label))
		if want := hex.EncodeToString(sum[:]); c.value != want {
			t.Errorf("%s = %s, want hex(sha256(%q)) = %s", c.label, c.value, c.label, want)
		}
	}
	if err := creds.Validate(); err != nil {
		t.Errorf("DemoCredentials().Validate() = %v", err)
	}
}

func TestDemoContents(t *testing.T) {
	t.Parallel()
	a := Demo()
	if got := a.ID.String(); got != "1234567_SB1" {
		t.Errorf("ID = %s", got)
	}
	if a.Location.String() != "America/Los_Angeles" || a.DateFormat != "M/D/YYYY" || a.ConcurrencyLimit != 5 {
		t.Errorf("settings = %s, %s, %d", a.Location, a.DateFormat, a.ConcurrencyLimit)
	}
	for _, f := range Features() {
		if !a.FeatureEnabled(f) {
			t.Errorf("feature %s disabled", f)
		}
	}
	in, ok := a.IntegrationByKey(DemoConsumerKey)
	if !ok || in.Name != "nsconnect demo" || in.State != Enabled || !in.TokenBasedAuthentication {
		t.Errorf("integration = %+v, %v", in, ok)
	}
	role, ok := a.Role("nsconnect Integration")
	if !ok || role.WebServicesOnly {
		t.Fatalf("role = %+v, %v", role, ok)
	}
	wantPerms := map[Permission]Level{PermRESTWebServices: Full, PermLogInUsingAccessTokens: Full, PermSuiteAnalyticsWorkbook: Edit, PermLogInUsingOAuth2AccessTokens: Full}
	if diff := cmp.Diff(wantPerms, role.Permissions); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	for _, rt := range append(StandardRecordTypes(), "customrecord_shipping_zone") {
		if l := role.RecordLevel(rt); l != Full {
			t.Errorf("level on %s = %s, want Full", rt, l)
		}
	}
	if l := role.RecordLevel("SALESORDER"); l != Full {
		t.Errorf("RecordLevel ignores case: got %s", l)
	}
	tok, ok := a.Token(DemoTokenID)
	if !ok || tok.Integration != DemoIntegration || tok.Role != DemoRole || tok.User != DemoUserEmail || tok.Revoked {
		t.Errorf("token = %+v, %v", tok, ok)
	}
	u, ok := a.User(strings.ToUpper(DemoUserEmail))
	if !ok || !u.HasRole(DemoRole) || u.Inactive {
		t.Errorf("user = %+v, %v", u, ok)
	}
	for _, id := range []string{"custentity_loyalty_tier", "custbody_source_system", "custcol_gift_wrap", "custitem_hazmat"} {
		if !slices.ContainsFunc(a.CustomFields, func(f CustomField) bool { return f.ScriptID == id }) {
			t.Errorf("custom field %s missing", id)
		}
	}
	// Each call is a new account.
	if Demo() == a || Demo().Features[FeatureRESTWebServices] != true {
		t.Error("Demo does not return a fresh account")
	}
}

// The demo's custom fields and record type reach the catalog as the record API
// will see them.
func TestDemoCustomInCatalog(t *testing.T) {
	t.Parallel()
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := base.WithCustom(Demo().CatalogCustom())
	if err != nil {
		t.Fatalf("WithCustom: %v", err)
	}
	has := func(rec, field string) bool {
		rt, ok := cat.Type(rec)
		if !ok {
			return false
		}
		_, ok = rt.Field(field)
		return ok
	}
	for _, c := range []struct{ rec, field string }{
		{"customer", "custentity_loyalty_tier"},
		{"salesOrder", "custbody_source_system"},
		{"inventoryItem", "custitem_hazmat"},
		{"customrecord_shipping_zone", "custrecord_zone_code"},
		{"customrecord_shipping_zone", "custrecord_zone_rate"},
	} {
		if !has(c.rec, c.field) {
			t.Errorf("%s.%s missing from the catalog", c.rec, c.field)
		}
	}
	rt, _ := cat.Type("salesOrder")
	items, ok := rt.Sublist("item")
	if !ok {
		t.Fatal("salesOrder has no item sublist")
	}
	if _, ok := items.Field("custcol_gift_wrap"); !ok {
		t.Error("salesOrder.item.custcol_gift_wrap missing")
	}
}

func TestLevels(t *testing.T) {
	t.Parallel()
	for i, name := range []string{"None", "View", "Create", "Edit", "Full"} {
		l, err := ParseLevel(strings.ToLower(name))
		if err != nil || l != Level(i) || l.String() != name {
			t.Errorf("ParseLevel(%q) = %v, %v", name, l, err)
		}
	}
	if _, err := ParseLevel("Admin"); err == nil || err.Error() != `unknown level "Admin"; use None, View, Create, Edit or Full` {
		t.Errorf("ParseLevel(Admin) error = %v", err)
	}
	if !(None < View && View < Create && Create < Edit && Edit < Full) {
		t.Error("levels are not ordered")
	}
	if got := Level(9).String(); got != "Level(9)" {
		t.Errorf("Level(9) = %s", got)
	}
}

func TestLabels(t *testing.T) {
	t.Parallel()
	for _, f := range Features() {
		if f.Label() == string(f) || f.Label() == "" {
			t.Errorf("feature %s has no label", f)
		}
	}
	for _, p := range Permissions() {
		if p.Label() == string(p) || p.Label() == "" {
			t.Errorf("permission %s has no label", p)
		}
	}
}

func TestCloneIsDeep(t *testing.T) {
	t.Parallel()
	a := Demo()
	c := a.Clone()
	if diff := cmp.Diff(a, c, accountCmp...); diff != "" {
		t.Fatalf("Clone differs (-orig +clone):\n%s", diff)
	}
	c.Roles[0].Records["customer"] = View
	c.Roles[0].Permissions[PermRESTWebServices] = None
	c.Users[0].Roles[0] = "x"
	c.Features[FeatureRESTWebServices] = false
	c.CustomRecordTypes[0].Fields[0].Label = "x"
	if diff := cmp.Diff(Demo(), a, accountCmp...); diff != "" {
		t.Errorf("changing the clone changed the original (-want +got):\n%s", diff)
	}
}

// accountCmp compares Accounts: time zones by name, account IDs by value.
var accountCmp = []cmp.Option{
	cmp.Comparer(func(x, y *time.Location) bool { return x.String() == y.String() }),
	cmp.Comparer(func(x, y tba.Account) bool { return x == y }),
	cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".mu" }, cmp.Ignore()),
}
