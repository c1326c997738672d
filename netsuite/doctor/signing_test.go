package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The example the doctor signs at run time is Oracle's, as the tba
// package's known-answer vectors have it (TV-1).
func TestOracleExampleIsTheVector(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../tba/testdata/tba-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Credentials struct{ ConsumerKey, ConsumerSecret, TokenID, TokenSecret, Nonce, Timestamp string }
		REST        []struct{ ID, Realm, Method, URL, Header string }
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.REST) == 0 || v.REST[0].ID != "TV-1" {
		t.Fatalf("the vector file has no TV-1 first: %+v", v.REST)
	}
	tv, c, ex := v.REST[0], v.Credentials, oracleExample
	ts, _ := strconv.ParseInt(c.Timestamp, 10, 64)
	if ex.realm != tv.Realm || ex.method != tv.Method || ex.url != tv.URL || ex.header != tv.Header ||
		ex.consumerKey != c.ConsumerKey || ex.consumerSecret != c.ConsumerSecret || ex.token != c.TokenID ||
		ex.tokenSecret != c.TokenSecret || ex.nonce != c.Nonce || ex.timestamp != ts {
		t.Errorf("the doctor's example differs from TV-1:\n%+v\n%+v %+v", ex, tv, c)
	}
	if got, err := signExample(); err != nil || got != ex.header {
		t.Errorf("signing the example: %v\n got %s\nwant %s", err, got, ex.header)
	}
}

// A signer that does not give Oracle's header fails the signing check.
func TestSigningCheckFails(t *testing.T) {
	saved := signExample
	t.Cleanup(func() { signExample = saved })
	for _, tt := range []struct {
		sign func() (string, error)
		want string
	}{
		{func() (string, error) { return "OAuth nonsense", nil }, "differs from Oracle's"},
		{func() (string, error) { return "", errors.New("broken") }, "cannot sign Oracle's example: broken"},
	} {
		signExample = tt.sign
		r := Run(context.Background(), Config{})
		if c := r.Check("signing"); c == nil || c.Status != Fail || !strings.Contains(c.Reason, tt.want) {
			t.Errorf("signing check: %+v, want a failure saying %q", c, tt.want)
		}
	}
}
