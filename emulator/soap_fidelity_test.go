package emulator

import (
	"net/http"
	"strings"
	"testing"
)

// TestSOAPAmbiguousAuthentication: a tokenPassport beside an Authorization
// header is NetSuite's "Ambiguous authentication" fault, whatever the
// header holds.
func TestSOAPAmbiguousAuthentication(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	for _, authz := range []string{"Bearer eyJhbGciOiJub25lIn0.e30.", `OAuth realm="1234567_SB1"`} {
		req, err := http.NewRequest("POST", s.URL()+soapPath, strings.NewReader(envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", "getServerTime")
		req.Header.Set("Authorization", authz)
		code, _, body := roundTrip(t, s.HTTPClient(), req)
		fc, msg := faultCode(t, code, body)
		if fc != "USER_ERROR" || msg != "Ambiguous authentication" || !strings.Contains(string(body), "invalidCredentialsFault") {
			t.Errorf("Authorization %q with a tokenPassport: %s %q, want invalidCredentialsFault USER_ERROR \"Ambiguous authentication\"\n%s", authz, fc, msg, body)
		}
	}
}

// TestSOAPSearchRefusesJoins: a join (or any element but basic) in a
// <Record>Search fails with INVALID_SEARCH naming it, rather than run
// without its criteria.
func TestSOAPSearchRefusesJoins(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	for _, rec := range []string{
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch">` +
			`<listRel:salesRepJoin xsi:type="platformCommon:EmployeeSearchBasic"><platformCommon:email operator="is" xsi:type="platformCore:SearchStringField"><platformCore:searchValue>nobody@example.invalid</platformCore:searchValue></platformCommon:email></listRel:salesRepJoin>` +
			`</platformMsgs:searchRecord>`,
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"><listRel:basic/>` +
			`<listRel:salesRepJoin/></platformMsgs:searchRecord>`,
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchScriptId="customsearch_nsconnect_customers"><listRel:salesRepJoin/></platformMsgs:searchRecord>`,
	} {
		a := soapSearchOnce(t, s, pageSizeHeader(5), rec)
		if statusCode(a) != "INVALID_SEARCH" || !strings.Contains(a.Body.Result.Status.Details[0].Message, "salesRepJoin") {
			t.Errorf("%s: status %+v, want INVALID_SEARCH naming salesRepJoin", rec, a.Body.Result.Status)
		}
	}
}
