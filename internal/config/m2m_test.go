package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// m2mKeys is where package m2m keeps its test keys and certificates.
const m2mKeys = "../../netsuite/m2m/testdata/"

// privateCopy copies the test key name into a file only its owner can
// read, as a private key file should be, and returns its path.
func privateCopy(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(m2mKeys + name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// m2mEnv is an M2M connection in the environment, without TBA credentials.
func m2mEnv(t *testing.T, m map[string]string) map[string]string {
	out := map[string]string{
		"NETSUITE_ACCOUNT_ID":       "3333333",
		"NETSUITE_TIMEZONE":         "America/New_York",
		"NETSUITE_AUTH":             "m2m",
		"NETSUITE_CLIENT_ID":        "client-1",
		"NETSUITE_CERTIFICATE_ID":   "cert-1",
		"NETSUITE_PRIVATE_KEY_FILE": privateCopy(t, "ec256.pem"),
	}
	for k, v := range m {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func TestM2MConnection(t *testing.T) {
	t.Parallel()
	conn, err := Load(Options{LookupEnv: envOf(m2mEnv(t, map[string]string{
		"NETSUITE_CERTIFICATE_FILE": m2mKeys + "ec256-cert.pem",
		"NETSUITE_SCOPES":           "rest_webservices, restlets",
	}))})
	if err != nil {
		t.Fatal(err)
	}
	if conn.Auth != AuthM2M || conn.M2M.ClientID != "client-1" || conn.M2M.CertificateID != "cert-1" || conn.M2M.Key == nil ||
		conn.M2M.Certificate == nil || strings.Join(conn.M2M.Scopes, " ") != "rest_webservices restlets" {
		t.Errorf("M2M = %+v", conn.M2M)
	}
	if len(conn.Warnings) != 0 {
		t.Errorf("warnings %q", conn.Warnings)
	}
	want := `account_id=3333333 auth=m2m client_id=client-1 certificate_id=cert-1 private_key_file=` + conn.M2M.PrivateKeyFile + ` certificate_file=` + m2mKeys + `ec256-cert.pem scopes=rest_webservices,restlets timezone=America/New_York ignore_readonly=false base_url=https://3333333.suitetalk.api.netsuite.com concurrency=5`
	if conn.String() != want {
		t.Errorf("String:\n got %s\nwant %s", conn, want)
	}
	key, err := os.ReadFile(m2mKeys + "ec256.pem")
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Split(string(key), "\n")[1]
	for _, shown := range []string{conn.String(), strings.Join(conn.Warnings, "")} {
		if strings.Contains(shown, body) {
			t.Errorf("the key's contents are shown: %s", shown)
		}
	}
	p := conn.Profile()
	if p.Auth != "m2m" || p.PrivateKeyFile != conn.M2M.PrivateKeyFile || p.Scopes != "rest_webservices,restlets" || p.ConsumerKey != "" {
		t.Errorf("Profile() = %+v", p)
	}
}

func TestM2MValidation(t *testing.T) {
	t.Parallel()
	unreadable := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(unreadable, []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		env   map[string]string
		flags Flags
		want  []string // the errors, or the warnings when ok
		ok    bool
	}{
		{
			name: "TBA fields not required, M2M ones are",
			env:  m2mEnv(t, map[string]string{"NETSUITE_CLIENT_ID": "", "NETSUITE_CERTIFICATE_ID": "", "NETSUITE_PRIVATE_KEY_FILE": ""}),
			want: []string{
				"client ID is not set, and auth m2m needs it: pass --client-id, set NETSUITE_CLIENT_ID,",
				"certificate ID is not set, and auth m2m needs it: pass --certificate-id, set NETSUITE_CERTIFICATE_ID,",
				"private key file is not set, and auth m2m needs it: pass --private-key-file, set NETSUITE_PRIVATE_KEY_FILE,",
			},
		},
		{
			name: "unknown method",
			env:  m2mEnv(t, map[string]string{"NETSUITE_AUTH": "oauth"}),
			want: []string{`NETSUITE_AUTH: not an authentication method; use tba (Token-Based Authentication) or m2m`},
		},
		{
			name:  "method from a flag",
			env:   m2mEnv(t, map[string]string{"NETSUITE_AUTH": ""}),
			flags: Flags{Auth: "M2M"},
			ok:    true,
		},
		{
			name: "no key file",
			env:  m2mEnv(t, map[string]string{"NETSUITE_PRIVATE_KEY_FILE": "/nonexistent/key.pem"}),
			want: []string{"NETSUITE_PRIVATE_KEY_FILE: there is no file /nonexistent/key.pem; the PEM private key of the certificate"},
		},
		{
			name: "RSA 2048",
			env:  m2mEnv(t, map[string]string{"NETSUITE_PRIVATE_KEY_FILE": m2mKeys + "rsa2048.pem"}),
			want: []string{"NETSUITE_PRIVATE_KEY_FILE: " + m2mKeys + "rsa2048.pem: the private key is an RSA key of 2048 bits: NetSuite accepts RSA keys of 3072 or 4096 bits"},
		},
		{
			name: "encrypted",
			env:  m2mEnv(t, map[string]string{"NETSUITE_PRIVATE_KEY_FILE": m2mKeys + "ec256-encrypted.pem"}),
			want: []string{"NETSUITE_PRIVATE_KEY_FILE: " + m2mKeys + "ec256-encrypted.pem: the private key is encrypted with a passphrase"},
		},
		{
			name:  "certificate of another key",
			flags: Flags{CertificateFile: m2mKeys + "ec521-cert.pem"},
			env:   m2mEnv(t, nil),
			want:  []string{"--certificate-file: " + m2mKeys + "ec521-cert.pem: the certificate is not the private key's"},
		},
		{
			name: "a key where the certificate goes",
			env:  m2mEnv(t, map[string]string{"NETSUITE_CERTIFICATE_FILE": m2mKeys + "ec256.pem"}),
			want: []string{"NETSUITE_CERTIFICATE_FILE: " + m2mKeys + "ec256.pem: no PEM block BEGIN CERTIFICATE"},
		},
		{
			name: "certificate longer than two years",
			env:  m2mEnv(t, map[string]string{"NETSUITE_CERTIFICATE_FILE": m2mKeys + "ec256-cert-3y.pem"}),
			ok:   true,
			want: []string{"more than two years: NetSuite shortens it to two years from the upload"},
		},
		{
			name: "key file readable by others",
			env:  m2mEnv(t, map[string]string{"NETSUITE_PRIVATE_KEY_FILE": m2mKeys + "ec256.pem"}),
			ok:   true,
			want: []string{"private key file " + m2mKeys + "ec256.pem is readable by other users (mode 0644): run chmod 600"},
		},
		{
			name: "scopes",
			env:  m2mEnv(t, map[string]string{"NETSUITE_SCOPES": "rest_webservices,soap"}),
			want: []string{`NETSUITE_SCOPES: unknown scope "soap"; want some of restlets, rest_webservices, suite_analytics`},
		},
	}
	if os.Geteuid() != 0 { // root reads any file
		tests = append(tests, struct {
			name  string
			env   map[string]string
			flags Flags
			want  []string
			ok    bool
		}{name: "unreadable key file", env: m2mEnv(t, map[string]string{"NETSUITE_PRIVATE_KEY_FILE": unreadable}), want: []string{"NETSUITE_PRIVATE_KEY_FILE: cannot read " + unreadable + ": permission denied"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := Load(Options{Flags: tt.flags, LookupEnv: envOf(tt.env)})
			got := connErrors(err)
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				got = conn.Warnings
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %q, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d:\n got %s\nwant it to contain %s", i, got[i], w)
				}
			}
		})
	}
}

// FuzzParseScopes checks that the scope list parser never panics, and that
// a list it accepts is of known scopes, each once, and reads back the same.
func FuzzParseScopes(f *testing.F) {
	for _, seed := range []string{"rest_webservices", "restlets, rest_webservices", ",,suite_analytics,", "rest_webservices,rest_webservices", " ", "soap"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		scopes, err := ParseScopes(s)
		if err != nil {
			return
		}
		again, err := ParseScopes(strings.Join(scopes, ","))
		if err != nil || strings.Join(again, ",") != strings.Join(scopes, ",") {
			t.Fatalf("%q gave %q, which reads back as %q, %v", s, scopes, again, err)
		}
	})
}
