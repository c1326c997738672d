package tba

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const planted = "PLANTED-s3cr3t-value"

// leaks reports which of the outputs contain the planted secret.
func leaks(outputs map[string]string) []string {
	var found []string
	for name, out := range outputs {
		if strings.Contains(out, planted) || strings.Contains(out, PercentEncode(planted)) {
			found = append(found, name)
		}
	}
	return found
}

func TestLeakScanCanFail(t *testing.T) {
	t.Parallel()
	if got := leaks(map[string]string{"on purpose": "x " + planted + " y"}); len(got) != 1 {
		t.Fatal("the leak scan does not find a planted secret")
	}
}

// TestSecretsNeverPrint prints, logs and marshals every type that holds a
// secret in every way Go offers, and looks for the secret in the output.
func TestSecretsNeverPrint(t *testing.T) {
	t.Parallel()
	creds := Credentials{ConsumerKey: "ck-0123456789abcdef", ConsumerSecret: planted, TokenID: "tk-0123456789abcdef", TokenSecret: planted}
	signer, err := NewSigner("123456", creds)
	if err != nil {
		t.Fatal(err)
	}
	transport := &Transport{Signer: signer}
	values := map[string]any{
		"Secret":       Secret(planted),
		"Credentials":  creds,
		"*Credentials": &creds,
		"Signer":       signer,
		"Transport":    transport,
		"nested":       struct{ C Credentials }{creds},
	}
	outputs := map[string]string{}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
			outputs[name+" "+verb] = fmt.Sprintf(verb, v)
		}
		outputs[name+" Sprint"] = fmt.Sprint(v)
		if b, err := json.Marshal(v); err == nil {
			outputs[name+" json"] = string(b)
		}
		var text, js bytes.Buffer
		slog.New(slog.NewTextHandler(&text, nil)).Info("m", "v", v)
		slog.New(slog.NewJSONHandler(&js, nil)).Info("m", "v", v)
		outputs[name+" slog text"] = text.String()
		outputs[name+" slog json"] = js.String()
	}
	if found := leaks(outputs); len(found) > 0 {
		for _, name := range found {
			t.Errorf("%s leaks the secret: %s", name, outputs[name])
		}
	}
	if got := fmt.Sprint(Secret("")); got != "" {
		t.Errorf("an empty secret prints %q, want empty", got)
	}
	for name, v := range map[string]any{"signer": signer, "signer value": *signer, "credentials": creds} {
		if got := fmt.Sprintf("%v", v); !strings.Contains(got, "ck-0…cdef") || strings.Contains(got, creds.ConsumerKey) || strings.Contains(got, creds.TokenID) {
			t.Errorf("%s prints %q; want the consumer key and token ID masked", name, got)
		}
	}
	if b, _ := json.Marshal(creds); strings.Contains(string(b), creds.ConsumerKey) {
		t.Errorf("credentials marshal to %s; want the consumer key masked", b)
	}
	if Secret(planted).Reveal() != planted {
		t.Error("Reveal")
	}
}

func TestMask(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                 "",
		"short":            "*****",
		"ef40afdd8abaac11": "ef40…ac11",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}
