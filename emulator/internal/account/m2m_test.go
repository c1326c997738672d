package account

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// m2mBase is base with an M2M mapping of the demo key.
var m2mBase = strings.Replace(base, "    consumerSecret: cs\n", "    consumerSecret: cs\n    clientCredentials: true\n    scopes: [rest_webservices, RESTLETS]\n", 1) +
	"m2mMappings:\n  - certificateId: cert1\n    integration: app\n    user: ada@example.com\n    role: Integration Role\n    certificate: |\n" +
	indent(demoM2MPublicKeyPEM, "      ")

func indent(s, prefix string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		b.WriteString(prefix + line)
	}
	return b.String()
}

func pemOf(t *testing.T, typ string, der []byte) string {
	t.Helper()
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func TestLoadM2M(t *testing.T) {
	t.Parallel()
	a, err := Load([]byte(m2mBase))
	if err != nil {
		t.Fatal(err)
	}
	in, _ := a.IntegrationByClientID("ck")
	if !in.ClientCredentials || !in.HasScope(ScopeRESTWebServices) || !in.HasScope(ScopeRESTlets) || in.HasScope(ScopeSuiteAnalytics) {
		t.Errorf("integration = %+v", in)
	}
	m, ok := a.M2MMapping("cert1")
	if !ok || m.Integration != "app" || m.User != "ada@example.com" || m.Role != "Integration Role" || m.Revoked {
		t.Fatalf("mapping = %+v, %v", m, ok)
	}
	if key, why := m.Valid(time.Now()); key == nil {
		t.Errorf("the mapping is not valid: %s", why)
	}
	// Defaults: no grant, no scopes.
	b, err := Load([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if in, _ := b.Integration("app"); in.ClientCredentials || len(in.Scopes) != 0 || len(b.M2MMappings) != 0 {
		t.Errorf("defaults = %+v, %d mappings", in, len(b.M2MMappings))
	}
}

func TestLoadM2MErrors(t *testing.T) {
	t.Parallel()
	rsa2048, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der2048, _ := x509.MarshalPKIXPublicKey(rsa2048.Public())
	p224, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	derP224, _ := x509.MarshalPKIXPublicKey(p224.Public())
	privDER, _ := x509.MarshalPKCS8PrivateKey(p224)
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown scope", "RESTLETS]", "restlet]", `account: line 9: integrations[0].scopes[1]: unknown scope "restlet"; known scopes: "rest_webservices", "restlets", "suite_analytics"`},
		{"scope twice", "RESTLETS]", "rest_webservices]", `account: line 9: integrations[0].scopes[1]: rest_webservices is listed twice`},
		{"no certificate ID", "  - certificateId: cert1\n", "  - certificateId: \"\"\n", `account: line 27: m2mMappings[0].certificateId: missing; set the Certificate ID NetSuite shows for the mapping (the kid of the assertions)`},
		{"undefined integration", "    integration: app\n    user: ada@example.com\n    role: Integration Role\n    certificate", "    integration: nope\n    user: ada@example.com\n    role: Integration Role\n    certificate", `account: line 28: m2mMappings[0].integration: integration "nope" is not defined; defined integrations: "app"`},
		{"undefined user", "    user: ada@example.com\n    role: Integration Role\n    certificate", "    user: bob@example.com\n    role: Integration Role\n    certificate", `account: line 29: m2mMappings[0].user: user "bob@example.com" is not defined; defined users: "ada@example.com"`},
		{"undefined role", "    role: Integration Role\n    certificate", "    role: Nope\n    certificate", `account: line 30: m2mMappings[0].role: role "Nope" is not defined; defined roles: "Integration Role"`},
		{"not PEM", indent(demoM2MPublicKeyPEM, "      "), "      hello\n", `account: line 31: m2mMappings[0].certificate: not PEM; paste the certificate (-----BEGIN CERTIFICATE-----) or the public key (-----BEGIN PUBLIC KEY-----)`},
		{"RSA 2048", indent(demoM2MPublicKeyPEM, "      "), indent(pemOf(t, "PUBLIC KEY", der2048), "      "), `account: line 31: m2mMappings[0].certificate: an RSA key of 2048 bits; NetSuite takes 3072 or 4096 bits`},
		{"P-224", indent(demoM2MPublicKeyPEM, "      "), indent(pemOf(t, "PUBLIC KEY", derP224), "      "), `account: line 31: m2mMappings[0].certificate: an EC key on P-224; NetSuite takes P-256, P-384 or P-521`},
		{"private key", indent(demoM2MPublicKeyPEM, "      "), indent(pemOf(t, "PRIVATE KEY", privDER), "      "), `account: line 31: m2mMappings[0].certificate: a PRIVATE KEY: give the certificate or public key, never the private key`},
		{"two blocks", indent(demoM2MPublicKeyPEM, "      "), indent(demoM2MPublicKeyPEM+demoM2MPublicKeyPEM, "      "), `account: line 31: m2mMappings[0].certificate: more than one PEM block; give one certificate or public key`},
		{"unknown key", "  - certificateId: cert1\n", "  - certificateId: cert1\n    kid: x\n", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := strings.Replace(m2mBase, tt.old, tt.new, 1)
			if data == m2mBase {
				t.Fatalf("the test's old text %q is not in the file", tt.old)
			}
			_, err := Load([]byte(data))
			if err == nil {
				t.Fatal("Load succeeded")
			}
			if tt.want == "" {
				if !strings.Contains(err.Error(), `m2mMappings[0].kid: unknown key "kid"; known keys here: certificateId, integration, user, role, certificate, validUntil, revoked`) {
					t.Errorf("Load error: %v", err)
				}
				return
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Load error:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
	dup := m2mBase + m2mBase[strings.Index(m2mBase, "  - certificateId"):]
	if _, err := Load([]byte(dup)); err == nil || !strings.Contains(err.Error(), `m2mMappings[1].certificateId: "cert1" is also the certificate ID of m2mMappings[0]`) {
		t.Errorf("duplicate certificate ID: %v", err)
	}
}

// A mapping's validity: ValidUntil, the certificate's own dates, revocation.
func TestM2MMappingValid(t *testing.T) {
	t.Parallel()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "t"}, NotBefore: start, NotAfter: start.AddDate(1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	m := M2MMapping{Certificate: pemOf(t, "CERTIFICATE", der)}
	for _, tt := range []struct {
		at    time.Time
		until time.Time
		ok    bool
	}{
		{start.AddDate(0, 6, 0), time.Time{}, true},
		{start.Add(-time.Hour), time.Time{}, false},
		{start.AddDate(1, 0, 1), time.Time{}, false},
		{start.AddDate(0, 6, 0), start.AddDate(0, 3, 0), false},
	} {
		m.ValidUntil = tt.until
		if key, why := m.Valid(tt.at); (key != nil) != tt.ok {
			t.Errorf("at %s until %s: valid %v (%s), want %v", tt.at, tt.until, key != nil, why, tt.ok)
		}
	}
	m.ValidUntil, m.Revoked = time.Time{}, true
	if key, why := m.Valid(start.AddDate(0, 6, 0)); key != nil || why != "the mapping is revoked" {
		t.Errorf("revoked: %v %s", key, why)
	}
}

func TestM2MMutations(t *testing.T) {
	t.Parallel()
	a := Demo()
	mustDo(t, a.SetIntegrationClientCredentials(DemoIntegration, false))
	mustDo(t, a.SetIntegrationScopes(DemoIntegration, []Scope{ScopeSuiteAnalytics, ScopeRESTlets, ScopeRESTlets}))
	in, _ := a.Integration(DemoIntegration)
	if in.ClientCredentials || !cmp.Equal(in.Scopes, []Scope{ScopeRESTlets, ScopeSuiteAnalytics}) {
		t.Errorf("integration = %+v", in)
	}
	if err := a.SetIntegrationScopes(DemoIntegration, []Scope{"x"}); err == nil {
		t.Error("unknown scope accepted")
	}
	if err := a.SetIntegrationClientCredentials("nope", true); err == nil {
		t.Error("unknown integration accepted")
	}
	id, err := a.AddM2MMapping(M2MMapping{Integration: DemoIntegration, User: DemoUserEmail, Role: DemoRole, Certificate: demoM2MPublicKeyPEM})
	if err != nil || len(id) != 43 {
		t.Fatalf("AddM2MMapping = %q, %v", id, err)
	}
	if _, err := a.AddM2MMapping(M2MMapping{CertificateID: id, Integration: DemoIntegration, User: DemoUserEmail, Role: DemoRole, Certificate: demoM2MPublicKeyPEM}); err == nil || !strings.Contains(err.Error(), "certificate IDs must be unique") {
		t.Errorf("duplicate ID: %v", err)
	}
	if _, err := a.AddM2MMapping(M2MMapping{Integration: DemoIntegration, User: "x@example.com", Role: DemoRole}); err == nil ||
		!strings.Contains(err.Error(), "mapping.user") || !strings.Contains(err.Error(), "mapping.certificate: missing") {
		t.Errorf("bad mapping: %v", err)
	}
	before, _ := a.M2MMapping(id)
	mustDo(t, a.RevokeM2MMapping(id))
	if m, _ := a.M2MMapping(id); !m.Revoked || before.Revoked {
		t.Errorf("revoked = %v, the copy taken before = %v", m.Revoked, before.Revoked)
	}
	if err := a.RevokeM2MMapping("nope"); err == nil || !strings.Contains(err.Error(), `M2M mapping "nope" is not defined`) {
		t.Errorf("unknown mapping: %v", err)
	}
}
