package records

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

// FuzzPath feeds arbitrary paths to the router: Resolve and Serve must not
// panic, and every error they return is an *Error.
func FuzzPath(f *testing.F) {
	for _, p := range []string{
		"customer", "customer/1", "customer/eid:CUST-1/addressBook/1/addressBookAddress",
		"salesorder/1/item/1", "metadata-catalog", "metadata-catalog/customer", "metadata-catalog/a,b",
		"customer/%zz", "customer//1", "/", "", "customer/-1", "customer/1/!transform/invoice",
		"customrecord_region/eid:%E2%9C%93", "customer/99999999999999999999", "customer/1/subsidiary",
		"department/1/subsidiary", "customer/1/a/b/c/d",
	} {
		f.Add(p)
	}
	e := newEnv(f)
	e.seed()
	e.create("salesOrder", `{"entity":"1","item":{"items":[{"item":"1","amount":1}]},"billingAddress":{"addr1":"x"}}`)
	f.Fuzz(func(t *testing.T, path string) {
		check := func(what string, err error) {
			if err == nil {
				return
			}
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("%s(%q): %T %v, want *Error", what, path, err, err)
			}
			if re.Status < 400 || re.Code == "" || re.Detail == "" {
				t.Fatalf("%s(%q): incomplete error %+v", what, path, re)
			}
		}
		_, err := e.s.Resolve(path)
		check("Resolve", err)
		_, err = e.s.Serve(context.Background(), &Request{BaseURL: testBase, Method: http.MethodGet, Path: path})
		check("Serve", err)
	})
}
