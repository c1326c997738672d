package records

import (
	"net/http"
	"testing"
)

// Every code the emulator answers with takes its status from the one table.
func TestNewErrorStatuses(t *testing.T) {
	t.Parallel()
	want := map[string]int{
		CodeInvalidLogin: 401, CodeInsufficientPermission: 403, CodeNonexistentID: 404,
		CodeNonexistentField: 400, CodeInvalidContent: 400, CodeInvalidRequest: 400, CodeInvalidParameter: 400,
		CodeUserError: 400, CodeInvalidID: 400, CodeConcurrencyLimitExceeded: 429, CodeUnexpectedError: 500, CodeMethodNotAllowed: http.StatusMethodNotAllowed,
		// CodeIdempotencyError is status 400 although its title is Conflict (Oracle,
		// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_164494900632.html).
		CodeIdempotencyError: 400,
	}
	for code, status := range want {
		if e := NewError(code, "d"); e.Status != status || e.Code != code || e.Detail != "d" {
			t.Errorf("NewError(%s) = %+v, want status %d", code, e, status)
		}
	}
	if len(statuses) != len(want) {
		t.Errorf("the table has %d codes; this test knows %d", len(statuses), len(want))
	}
	defer func() {
		if recover() == nil {
			t.Error("a code without a status did not panic")
		}
	}()
	NewError("NO_SUCH_CODE", "d")
}
