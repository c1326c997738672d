package doctor

import (
	"net/url"
	"strconv"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// oracleExample is Oracle's worked example of a signed REST web services
// request: its inputs ("Input Parameters for the Example") and the
// Authorization header they give, on
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html
// and https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html
// (vector TV-1 of netsuite/tba/testdata/tba-vectors.json; a test checks that
// the two agree).
var oracleExample = struct {
	realm, method, url                              string
	consumerKey, consumerSecret, token, tokenSecret string
	nonce                                           string
	timestamp                                       int64
	header                                          string
}{
	realm:          "123456",
	method:         "GET",
	url:            "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40",
	consumerKey:    "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4",
	consumerSecret: "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5",
	token:          "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc",
	tokenSecret:    "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295",
	nonce:          "fjaLirsIcCGVZWzBX0pg",
	timestamp:      1508242306,
	header: `OAuth realm="123456", oauth_token="2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc", ` +
		`oauth_consumer_key="ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4", oauth_nonce="fjaLirsIcCGVZWzBX0pg", ` +
		`oauth_timestamp="1508242306", oauth_signature_method="HMAC-SHA256", oauth_version="1.0", ` +
		`oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"`,
}

// signExample signs Oracle's example with the signer this build uses.
var signExample = func() (string, error) {
	ex := oracleExample
	s, err := tba.NewSigner(ex.realm, tba.Credentials{
		ConsumerKey: ex.consumerKey, ConsumerSecret: tba.Secret(ex.consumerSecret),
		TokenID: ex.token, TokenSecret: tba.Secret(ex.tokenSecret),
	})
	if err != nil {
		return "", err
	}
	s.Now = func() time.Time { return time.Unix(ex.timestamp, 0) }
	s.Nonce = func() string { return ex.nonce }
	u, err := url.Parse(ex.url)
	if err != nil {
		return "", err
	}
	return s.AuthorizationHeader(ex.method, u, nil), nil
}

// checkSigning signs Oracle's published example and compares the header
// with Oracle's, byte for byte: a signer that passes sends what NetSuite
// verifies, so a refused login is not the signing code's fault.
func (r *run) checkSigning() {
	c := Check{ID: "signing", Title: "signing", Step: StepSettings}
	got, err := signExample()
	switch {
	case err != nil:
		c.Status, c.Reason = Fail, "the signer cannot sign Oracle's example: "+err.Error()
	case got != oracleExample.header:
		c.Status, c.Reason = Fail, "the signer's header for Oracle's example differs from Oracle's: this build signs wrongly, and NetSuite would refuse every login (InvalidSignature)"
		c.Fix = "report it with the output of this check; rebuild from a released version"
	default:
		c.Status, c.Reason = OK, "HMAC-SHA256 over Oracle's published example gives Oracle's header byte for byte (timestamp "+strconv.FormatInt(oracleExample.timestamp, 10)+")"
	}
	r.add(c)
}
