package m2m

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParsePrivateKey(t *testing.T) {
	p224, err := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(p224)
	if err != nil {
		t.Fatal(err)
	}
	p224PEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	cert := readTestdata(t, "ec256-cert.pem")
	tests := []struct {
		name    string
		data    []byte
		alg     string
		wantErr string
	}{
		{"EC P-256 PKCS#8", readTestdata(t, "ec256.pem"), "ES256", ""},
		{"EC P-384 SEC 1 after EC PARAMETERS", readTestdata(t, "ec384-sec1.pem"), "ES384", ""},
		{"EC P-521 PKCS#8", readTestdata(t, "ec521.pem"), "ES512", ""},
		{"RSA 3072 PKCS#1", readTestdata(t, "rsa3072-pkcs1.pem"), "PS256", ""},
		{"RSA 4096 PKCS#8", readTestdata(t, "rsa4096.pem"), "PS256", ""},
		{"certificate before the key", append(append([]byte{}, cert...), readTestdata(t, "ec256.pem")...), "ES256", ""},
		{"RSA 2048", readTestdata(t, "rsa2048.pem"), "", "an RSA key of 2048 bits: NetSuite accepts RSA keys of 3072 or 4096 bits"},
		{"EC P-224", p224PEM, "", "curve P-224"},
		{"encrypted", readTestdata(t, "ec256-encrypted.pem"), "", "encrypted with a passphrase"},
		{"certificate only", cert, "", "only CERTIFICATE"},
		{"empty", nil, "", "empty"},
		{"not PEM", []byte("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49"), "", "not PEM"},
		{"broken block", []byte("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "", "PRIVATE KEY block does not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, err := ParsePrivateKey(tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if alg, err := Algorithm(key.Public()); alg != tt.alg || err != nil {
				t.Errorf("Algorithm = %q, %v; want %q", alg, err, tt.alg)
			}
		})
	}
}

func FuzzParsePrivateKey(f *testing.F) {
	for _, name := range []string{"ec256.pem", "ec384-sec1.pem", "rsa3072-pkcs1.pem", "ec256-encrypted.pem", "ec256-cert.pem"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte("-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := ParsePrivateKey(data)
		if err != nil {
			if key != nil {
				t.Fatal("a key with an error")
			}
			return
		}
		if _, err := Algorithm(key.Public()); err != nil {
			t.Fatalf("ParsePrivateKey accepted a key Algorithm refuses: %v", err)
		}
	})
}

func FuzzParseCertificate(f *testing.F) {
	f.Add(readTestdata(f, "ec256-cert.pem"))
	f.Add(readTestdata(f, "ec256.pem"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cert, err := ParseCertificate(data)
		if (cert == nil) == (err == nil) {
			t.Fatalf("cert %v with err %v", cert != nil, err)
		}
	})
}

func TestCertificates(t *testing.T) {
	key, err := ParsePrivateKey(readTestdata(t, "ec256.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ParseCertificate(readTestdata(t, "ec256-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := ParseCertificate(readTestdata(t, "ec521-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	long, err := ParseCertificate(readTestdata(t, "ec256-cert-3y.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if err := MatchCertificate(cert, key); err != nil {
		t.Errorf("MatchCertificate(its own certificate) = %v", err)
	}
	if err := MatchCertificate(long, key); err != nil {
		t.Errorf("MatchCertificate(its own certificate) = %v", err)
	}
	if err := MatchCertificate(other, key); err == nil || !strings.Contains(err.Error(), "not the private key's") {
		t.Errorf("MatchCertificate(another key's certificate) = %v", err)
	}
	if _, err := ParseCertificate(readTestdata(t, "ec256.pem")); err == nil || !strings.Contains(err.Error(), "BEGIN CERTIFICATE") {
		t.Errorf("ParseCertificate(a key) = %v", err)
	}
	mid := cert.NotBefore.Add(time.Hour)
	for _, tt := range []struct {
		cert *x509.Certificate
		now  time.Time
		want Validity
	}{
		{cert, mid, ValidityOK},
		{cert, cert.NotBefore.Add(-time.Minute), NotYetValid},
		{cert, cert.NotAfter.Add(time.Minute), Expired},
		{long, mid, LongerThan2Years},
	} {
		if got := CheckValidity(tt.cert, tt.now); got != tt.want {
			t.Errorf("CheckValidity(%s to %s, at %s) = %q, want %q", tt.cert.NotBefore, tt.cert.NotAfter, tt.now, got, tt.want)
		}
	}
}
