package records

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBodyText: text NetSuite cannot store (not UTF-8, NUL, too long) is
// refused wherever it is in a body, before anything is stored, with the
// o:errorPath of the string at fault; text it can store goes in unchanged.
func TestBodyText(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	e.create("salesOrder", `{"entity":"1","item":{"items":[{"item":"1","amount":1}]}}`)
	const sub = `,"subsidiary":"1"}`
	bad := func(path string) Error { return *errBadBody().atPath(path) }
	tests := []struct {
		name string
		r    req
		want Error
	}{
		{
			name: "invalid UTF-8 in a value",
			r:    req{method: "POST", path: "customer", body: `{"companyName":"A` + "\xff" + `B"` + sub},
			want: bad("companyName"),
		},
		{
			name: "invalid UTF-8 in a key",
			r:    req{method: "POST", path: "customer", body: `{"comp` + "\xc3" + `any":"A"` + sub},
			want: bad("comp\uFFFDany"),
		},
		{
			name: "invalid UTF-8 in a line",
			r:    req{method: "PATCH", path: "customer/1", body: `{"addressBook":{"items":[{"label":"x"},{"label":"` + "\xed\xa0\x80" + `"}]}}`},
			want: bad("addressBook.items[1].label"),
		},
		{
			name: "invalid UTF-8 in an unknown field",
			r:    req{method: "PATCH", path: "customer/1", body: `{"nope":{"deeper":["ok","` + "\x80" + `"]}}`},
			want: bad("nope.deeper[1]"),
		},
		{
			name: "lone high surrogate",
			r:    req{method: "PATCH", path: "customer/1", body: `{"comments":"x\ud800"}`},
			want: bad("comments"),
		},
		{
			name: "high surrogate before a letter",
			r:    req{method: "PATCH", path: "customer/1", body: `{"comments":"\ud800\u0041"}`},
			want: bad("comments"),
		},
		{
			name: "lone low surrogate",
			r:    req{method: "PATCH", path: "salesOrder/1", body: `{"billingAddress":{"addr1":"\uDC00"}}`},
			want: bad("billingAddress.addr1"),
		},
		{
			name: "lone surrogate in a key",
			r:    req{method: "PATCH", path: "customer/1", body: `{"\ud83d":1}`},
			want: bad("\uFFFD"),
		},
		{
			name: "NUL in a value",
			r:    req{method: "POST", path: "customer", body: `{"companyName":"A\u0000B"` + sub},
			want: *errInvalidValue("companyName", "companyName", "A\uFFFDB"),
		},
		{
			name: "NUL in a line value",
			r:    req{method: "PATCH", path: "salesOrder/1", body: `{"item":{"items":[{"item":"1","amount":1,"custcol_note":"\u0000"}]}}`},
			want: *errInvalidValue("item.items[0].custcol_note", "custcol_note", "\uFFFD"),
		},
		{
			name: "NUL in a key",
			r:    req{method: "PATCH", path: "customer/1", body: `{"a\u0000b":1}`},
			want: bad("a\uFFFDb"),
		},
		{
			name: "NUL in an ignored field",
			r:    req{method: "PATCH", path: "customer/1", header: header(headerNameValidation, "Ignore"), body: `{"nope":"\u0000"}`},
			want: *errInvalidValue("nope", "nope", "\uFFFD"),
		},
		{
			name: "text longer than any field",
			r:    req{method: "PATCH", path: "customer/1", body: `{"comments":"` + strings.Repeat("x", maxTextBytes+1) + `"}`},
			want: *errTooLong("comments", "comments", maxTextBytes),
		},
		{
			name: "key longer than any field",
			r:    req{method: "PATCH", path: "customer/1", body: `{"` + strings.Repeat("k", maxTextBytes+1) + `":1}`},
			want: bad(strings.Repeat("k", maxDisplay) + "…"),
		},
		{
			name: "external ID of 301 bytes",
			r:    req{method: "POST", path: "customer", body: `{"companyName":"A","externalId":"` + strings.Repeat("x", 301) + `"` + sub},
			want: *errTooLong("externalId", "externalId", maxExternalID),
		},
		{
			name: "external ID of 100,000 characters",
			r:    req{method: "PATCH", path: "customer/1", body: `{"externalId":"` + strings.Repeat("x", 100000) + `"}`},
			want: *errTooLong("externalId", "externalId", maxExternalID),
		},
		{
			name: "external ID of 151 two-byte characters counts bytes",
			r:    req{method: "PATCH", path: "customer/1", body: `{"externalId":"` + strings.Repeat("é", 151) + `"}`},
			want: *errTooLong("externalId", "externalId", maxExternalID),
		},
		{
			name: "too long whatever the value validation says",
			r:    req{method: "PATCH", path: "customer/1", header: header(headerValueValidation, "Ignore"), body: `{"externalId":"` + strings.Repeat("x", 301) + `"}`},
			want: *errTooLong("externalId", "externalId", maxExternalID),
		},
		{
			name: "custom text field over Free-Form Text",
			r:    req{method: "PATCH", path: "customer/1", body: `{"custentity_tier":"` + strings.Repeat("g", 301) + `"}`},
			want: *errTooLong("custentity_tier", "custentity_tier", maxFreeFormText),
		},
		{
			name: "custom line field over Free-Form Text",
			r:    req{method: "PATCH", path: "salesOrder/1", body: `{"item":{"items":[{"item":"1","amount":1,"custcol_note":"` + strings.Repeat("n", 301) + `"}]}}`},
			want: *errTooLong("item.items[0].custcol_note", "custcol_note", maxFreeFormText),
		},
		{
			name: "custom record field over Free-Form Text",
			r:    req{method: "POST", path: "customrecord_region", body: `{"name":"W","custrecord_code":"` + strings.Repeat("c", 301) + `"}`},
			want: *errTooLong("custrecord_code", "custrecord_code", maxFreeFormText),
		},
		{
			name: "untyped number out of range",
			r:    req{method: "PATCH", path: "inventoryItem/1", body: `{"price":{"items":[{"quantity":[1,{"value":1e400}]}]}}`},
			want: *errInvalidValue("price.items[0].quantity", "quantity", "1e400"),
		},
		{
			name: "untyped number over 1e15",
			r:    req{method: "PATCH", path: "inventoryItem/1", body: `{"price":{"items":[{"quantity":[99999999999999999999]}]}}`},
			want: *errInvalidValue("price.items[0].quantity", "quantity", "99999999999999999999"),
		},
		{
			name: "query parameter not UTF-8",
			r:    req{path: "customer", query: "q=companyName%20IS%20%FF"},
			want: *errParam("q", "Invalid value for the query parameter q: the text is not UTF-8 or holds a NUL character."),
		},
		{
			name: "query parameter with NUL",
			r:    req{path: "customer/1", query: "fields=companyName%00"},
			want: *errParam("fields", "Invalid value for the query parameter fields: the text is not UTF-8 or holds a NUL character."),
		},
		{
			name: "query parameter name not UTF-8",
			r:    req{path: "customer", query: "%FE=1"},
			want: *errParam("\uFFFD", "Invalid value for the query parameter \uFFFD: the text is not UTF-8 or holds a NUL character."),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := e.st.Count(context.Background(), "customer")
			got := e.fail(tt.r)
			errDiff(t, got, tt.want)
			if got.Status != 400 {
				t.Errorf("status %d", got.Status)
			}
			if after, _ := e.st.Count(context.Background(), "customer"); after != before {
				t.Errorf("%d customers after the refusal, %d before", after, before)
			}
		})
	}
	if s := e.stored("customer", "1"); s["externalId"] != "CUST-1" || s["comments"] != nil || s["custentity_tier"] != nil {
		t.Errorf("a refused write changed customer 1: %v", s)
	}

	// What NetSuite stores goes in unchanged, at each limit.
	okBodies := []struct{ path, body, field, want string }{
		{"customer/1", `{"comments":"\ud83d\ude00 \\ud800 \\u0000 é"}`, "comments", "😀 \\ud800 \\u0000 é"},
		{"customer/1", `{"comments":"` + strings.Repeat("x", maxTextBytes) + `"}`, "comments", strings.Repeat("x", maxTextBytes)},
		{"customer/1", `{"externalId":"` + strings.Repeat("é", 150) + `"}`, "externalId", strings.Repeat("é", 150)},
		{"customer/1", `{"custentity_tier":"` + strings.Repeat("g", 300) + `"}`, "custentity_tier", strings.Repeat("g", 300)},
		{"customer/1", `{"companyName":"\ufffd is a character"}`, "companyName", "\ufffd is a character"},
	}
	for _, b := range okBodies {
		e.ok(req{method: "PATCH", path: b.path, body: b.body})
		if got := e.stored("customer", "1")[b.field]; got != b.want {
			t.Errorf("PATCH %.60s: stored %.60q, want %.60q", b.body, got, b.want)
		}
	}
}

// TestDisplayText: what error messages repeat of a value.
func TestDisplayText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"abc":                           "abc",
		"a\x00b":                        "a\uFFFDb",
		"a\xffb":                        "a\uFFFDb",
		strings.Repeat("é", maxDisplay): strings.Repeat("é", maxDisplay),
		strings.Repeat("é", 101):        strings.Repeat("é", maxDisplay) + "…",
	} {
		if got := displayText(in); got != want || !utf8.ValidString(got) {
			t.Errorf("displayText(%.20q) = %.20q, want %.20q", in, got, want)
		}
	}
}
