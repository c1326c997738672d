package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// submit sends an asynchronous request, with an idempotency key when key is
// not "", and returns the status, header and body.
func submit(t *testing.T, c *http.Client, method, url, key string, body any) (int, http.Header, []byte) {
	t.Helper()
	h := http.Header{"Prefer": {"respond-async"}}
	if key != "" {
		// Oracle's sample writes the name in this case.
		h["X-NetSuite-idempotency-key"] = []string{key}
	}
	return doWith(t, c, method, url, h, body)
}

// clockClient is signedClient signing at the emulator's clock, so that the
// login takes its timestamps whatever the clock is set to.
func clockClient(t *testing.T, s *Server) *http.Client {
	return signedClient(t, s, func(sg *tba.Signer) { sg.Now = func() time.Time { return s.Clock().Now } })
}

// getJSON GETs url, wants 200 and decodes the body into v.
func getJSON(t *testing.T, c *http.Client, url string, v any) {
	t.Helper()
	code, _, body := do(t, c, "GET", url, nil)
	if code != 200 {
		t.Fatalf("GET %s: %d %s", url, code, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v in %s", url, err, body)
	}
}

// awaitJob polls the job at url until it completes, and returns its body.
func awaitJob(t *testing.T, c *http.Client, url string) jobBody {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var j jobBody
		getJSON(t, c, url, &j)
		if j.Completed {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s not completed after 10s: %+v", url, j)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// taskOf follows a completed job to its one task, as a client does: the
// job's task link, the list's item, and returns the task's body.
func taskOf(t *testing.T, c *http.Client, j jobBody) taskBody {
	t.Helper()
	var list taskList
	getJSON(t, c, j.Task.Links[0].Href, &list)
	if list.Count != 1 || list.TotalResults != 1 || list.HasMore || len(list.Items) != 1 {
		t.Fatalf("task list: %+v", list)
	}
	var task taskBody
	getJSON(t, c, list.Items[0].Links[0].Href, &task)
	return task
}

// TestAsyncCreate: a create with Prefer: respond-async is answered 202 with
// the job's absolute Location, is pending while it waits, succeeds, and its
// task's result is the synchronous answer: 204 with the new record's
// Location.
func TestAsyncCreate(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{NoSeed: true, Latency: 2 * time.Second})
	if err := s.SetClock(at, true); err != nil {
		t.Fatal(err)
	}
	c := clockClient(t, s)

	code, h, body := submit(t, c, "POST", s.URL()+currencyPath, "", newCurrency("ASY"))
	if code != 202 || len(body) != 0 || h.Get("Preference-Applied") != "respond-async" {
		t.Fatalf("submit: %d %v %s", code, h, body)
	}
	loc := h.Get("Location")
	if !strings.HasPrefix(loc, s.URL()+"/services/rest/async/v1/job/") {
		t.Fatalf("Location %q, want an absolute job URL", loc)
	}
	// The job's work waits the latency it read when it started (2 s, so
	// that the checks below run before it ends, even on a loaded
	// machine); reads of the job now answer at once.
	g := s.Governance()
	g.Latency = 0
	if err := s.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	var pending jobBody
	getJSON(t, c, loc, &pending)
	id := strings.TrimPrefix(loc, s.URL()+"/services/rest/async/v1/job/")
	if pending.Completed || pending.Progress != "pending" || pending.ID != id ||
		pending.Links[0] != (asyncLink{"self", loc}) || pending.Task.Links[0] != (asyncLink{"self", loc + "/task"}) {
		t.Errorf("pending job: %+v", pending)
	}
	if code, _, body := do(t, c, "GET", loc+"/task/1/result", nil); code != 404 {
		t.Errorf("result before the end: %d %s, want 404", code, body)
	}
	if code, _, _ := do(t, c, "GET", s.URL()+currencyPath+"/eid:ASY", nil); code != 404 {
		t.Errorf("the record exists before the job's work: %d", code)
	}

	done := awaitJob(t, c, loc)
	if done.Progress != "succeeded" || done.ID != id {
		t.Errorf("done job: %+v", done)
	}
	task := taskOf(t, c, done)
	if !task.Completed || task.Progress != "succeeded" || task.ID != "1" ||
		task.StartTime != "2026-03-08T09:00:00Z" || task.EndTime != "2026-03-08T09:00:00Z" ||
		task.Links[0] != (asyncLink{"related", loc + "/task/1/result"}) || task.Links[1] != (asyncLink{"self", loc + "/task/1"}) {
		t.Errorf("task: %+v", task)
	}
	code, h, body = do(t, c, "GET", task.Links[0].Href, nil)
	if code != 204 || len(body) != 0 || !strings.HasPrefix(h.Get("Location"), s.URL()+currencyPath+"/") {
		t.Fatalf("result: %d %v %s, want 204 with the record's Location", code, h, body)
	}
	var rec map[string]any
	getJSON(t, c, h.Get("Location"), &rec)
	if rec["externalId"] != "ASY" || rec["symbol"] != "ASY" {
		t.Errorf("the record the job made: %v", rec)
	}
	// The trailing slash of Oracle's task list URL.
	var list taskList
	getJSON(t, c, loc+"/task/", &list)
	if list.Items[0].ID != "1" {
		t.Errorf("task list with a slash: %+v", list)
	}
}

// TestAsyncFailures: a job whose request NetSuite refuses fails, and its
// result is the error the synchronous request gets, with its status.
func TestAsyncFailures(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, nil)
	for _, tt := range []struct {
		name, method, path string
		body               any
		status             int
		code, detail       string
	}{
		{"missing mandatory field", "POST", "/services/rest/record/v1/customer", map[string]any{"companyName": "No Subsidiary"},
			400, "USER_ERROR", "Error while accessing a resource. Please enter value(s) for: Primary Subsidiary."},
		{"unknown record type", "POST", "/services/rest/record/v1/nosuchtype", map[string]any{}, 404, "NONEXISTENT_ID", "Record type 'nosuchtype' does not exist."},
		{"missing record", "DELETE", currencyPath + "/999", nil, 404, "NONEXISTENT_ID", "The record instance does not exist. Provide a valid record instance ID."},
		{"read-only field", "POST", currencyPath, map[string]any{"name": "X", "symbol": "XRO", "exchangeRate": 1, "id": "5"}, 400, "USER_ERROR", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantCode, _, want := do(t, c, tt.method, s.URL()+tt.path, tt.body)
			code, h, body := submit(t, c, tt.method, s.URL()+tt.path, "", tt.body)
			if code != 202 {
				t.Fatalf("submit: %d %s", code, body)
			}
			j := awaitJob(t, c, h.Get("Location"))
			task := taskOf(t, c, j)
			if j.Progress != "failed" || task.Progress != "failed" || !task.Completed {
				t.Errorf("job %+v, task %+v, want failed", j, task)
			}
			code, rh, got := do(t, c, "GET", task.Links[0].Href, nil)
			var e errorBody
			if err := json.Unmarshal(got, &e); err != nil || code != tt.status || e.Status != tt.status || e.Details[0].Code != tt.code ||
				(tt.detail != "" && e.Details[0].Detail != tt.detail) || rh.Get("Content-Type") != errorContentType {
				t.Errorf("result: %d %s %s, want %d %s %q", code, rh.Get("Content-Type"), got, tt.status, tt.code, tt.detail)
			}
			// The synchronous request's answer, but for the error ID a 500
			// would have.
			if wantCode != code || string(want) != string(got) {
				t.Errorf("result %d %s, the synchronous answer %d %s", code, got, wantCode, want)
			}
		})
	}
	if n := countCurrencies(t, s); n != 0 {
		t.Errorf("%d currencies after failed jobs", n)
	}
}

// TestAsyncRead: a GET can be asynchronous too; its result is the record.
func TestAsyncRead(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, nil)
	id := s.MustCreateRecord("currency", newCurrency("RD"))
	_, _, want := do(t, c, "GET", s.URL()+currencyPath+"/"+id, nil)
	code, h, body := submit(t, c, "GET", s.URL()+currencyPath+"/"+id, "", nil)
	if code != 202 {
		t.Fatalf("submit: %d %s", code, body)
	}
	task := taskOf(t, c, awaitJob(t, c, h.Get("Location")))
	code, rh, got := do(t, c, "GET", task.Links[0].Href, nil)
	if code != 200 || string(got) != string(want) || rh.Get("Content-Type") != "application/vnd.oracle.resource+json; type=singular" {
		t.Errorf("result: %d %v %s, want %s", code, rh, got, want)
	}
}

// TestIdempotencyKey: a repeat of a key answers Oracle's 400 Conflict with
// the first job's Location and is not carried out, whatever its body; a
// key on a synchronous request is ignored.
func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, nil)
	code, h, body := submit(t, c, "POST", s.URL()+currencyPath, "cac827ea-3543-4cda-add2-bae634326c27", newCurrency("K1"))
	if code != 202 {
		t.Fatalf("submit: %d %s", code, body)
	}
	first := h.Get("Location")
	awaitJob(t, c, first)
	want := `{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.10","title":"Conflict","status":400,` +
		`"o:errorDetails":[{"detail":"A request with the same idempotency key is already submitted. See the \"Location\" header for a link to the previously submitted job","o:errorCode":"IDEMPOTENCY_ERROR"}]}`
	for _, name := range []string{"X-NetSuite-Idempotency-Key", "x-netsuite-idempotency-key"} {
		h := http.Header{"Prefer": {"respond-async"}, name: {"cac827ea-3543-4cda-add2-bae634326c27"}}
		code, h, body := doWith(t, c, "POST", s.URL()+currencyPath, h, newCurrency("K2"))
		if code != 400 || string(body) != want || h.Get("Location") != first ||
			h.Get("Preference-Applied") != "respond-async" || h.Get("Content-Type") != "application/json" {
			t.Errorf("repeat with %s: %d %v %s, want 400 Conflict with Location %s", name, code, h, body, first)
		}
	}
	// The key names the job whatever the request: another record type or
	// method is refused too.
	if code, _, _ := submit(t, c, "DELETE", s.URL()+currencyPath+"/1", "cac827ea-3543-4cda-add2-bae634326c27", nil); code != 400 {
		t.Errorf("repeat as a DELETE: %d, want 400", code)
	}
	if code, _, body := do(t, c, "GET", s.URL()+currencyPath+"/eid:K2", nil); code != 404 {
		t.Errorf("the repeat was carried out: %d %s", code, body)
	}
	// Synchronous requests ignore the key.
	for i := range 2 {
		h := http.Header{"X-NetSuite-Idempotency-Key": {"sync-key"}}
		if code, _, body := doWith(t, c, "POST", s.URL()+currencyPath, h, newCurrency(fmt.Sprintf("S%d", i))); code != 204 {
			t.Errorf("synchronous create %d with a key: %d %s", i, code, body)
		}
	}
	code, h, body = submit(t, c, "POST", s.URL()+currencyPath, "sync-key", newCurrency("S3"))
	if code != 202 {
		t.Fatalf("a key used only synchronously: %d %s, want 202", code, body)
	}
	awaitJob(t, c, h.Get("Location")) // its record is counted below
	if n := countCurrencies(t, s); n != 4 {
		t.Errorf("%d currencies, want 4", n)
	}
}

// TestIdempotencyKeyFindsTheLostJob: when the 202 is lost (drop-after,
// 500-after) the job was made; the repeat with the key points at it, and
// there is one record.
func TestIdempotencyKeyFindsTheLostJob(t *testing.T) {
	t.Parallel()
	for _, faults := range []Faults{{RateDropAfter: 1}, {Rate500After: 1}} {
		t.Run(faults.String(), func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t, Options{NoSeed: true, Faults: faults})
			c := signedClient(t, s, nil)
			req, _ := http.NewRequest("POST", s.URL()+currencyPath, strings.NewReader(`{"name":"Lost","symbol":"LST","exchangeRate":1,"externalId":"LST"}`))
			req.Header.Set("Prefer", "respond-async")
			req.Header.Set("X-NetSuite-Idempotency-Key", "lost-1")
			resp, err := c.Do(req)
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 500 {
					t.Fatalf("submit: %d %s, want the answer lost", resp.StatusCode, b)
				}
			} else if !errors.Is(err, io.EOF) {
				t.Fatalf("submit: %v", err)
			}
			setFaults(t, s, "")
			code, h, body := submit(t, c, "POST", s.URL()+currencyPath, "lost-1", newCurrency("LST"))
			if code != 400 || h.Get("Location") == "" {
				t.Fatalf("repeat: %d %v %s", code, h, body)
			}
			if j := awaitJob(t, c, h.Get("Location")); j.Progress != "succeeded" {
				t.Errorf("the lost job: %+v", j)
			}
			if n := countCurrencies(t, s); n != 1 {
				t.Errorf("%d currencies, want 1", n)
			}
		})
	}
}

// TestIdempotencyKeyExpires: a key is remembered for 24 hours of the
// emulator's clock, and its job as long.
func TestIdempotencyKeyExpires(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Options{NoSeed: true})
	if err := s.SetClock(at, true); err != nil {
		t.Fatal(err)
	}
	c := clockClient(t, s)
	_, h, _ := submit(t, c, "POST", s.URL()+currencyPath, "day-key", newCurrency("D1"))
	first := h.Get("Location")
	awaitJob(t, c, first)

	if err := s.AdvanceClock(jobTTL - time.Second); err != nil {
		t.Fatal(err)
	}
	if code, h, _ := submit(t, c, "POST", s.URL()+currencyPath, "day-key", newCurrency("D2")); code != 400 || h.Get("Location") != first {
		t.Errorf("a second before the day ends: %d %s, want 400 with %s", code, h.Get("Location"), first)
	}
	if err := s.AdvanceClock(time.Second); err != nil {
		t.Fatal(err)
	}
	if code, _, body := do(t, c, "GET", first, nil); code != 404 {
		t.Errorf("the job a day later: %d %s, want 404", code, body)
	}
	code, h, _ := submit(t, c, "POST", s.URL()+currencyPath, "day-key", newCurrency("D2"))
	if code != 202 || h.Get("Location") == first {
		t.Fatalf("the key a day later: %d %s, want a new job", code, h.Get("Location"))
	}
	awaitJob(t, c, h.Get("Location"))
	if n := countCurrencies(t, s); n != 2 {
		t.Errorf("%d currencies, want 2", n)
	}
}

// TestAsyncUnknownJobs: a job that does not exist, a task other than the
// job's one, a job of another user, and a method other than GET answer
// NetSuite's envelope.
func TestAsyncUnknownJobs(t *testing.T) {
	t.Parallel()
	acct := account.Demo()
	acct.Users = append(acct.Users, account.User{ID: "6", Name: "Other User", Email: "other@example.com", Roles: []string{account.DemoRole}})
	other := tba.Credentials{
		ConsumerKey: account.DemoConsumerKey, ConsumerSecret: account.DemoConsumerSecret,
		TokenID: strings.Repeat("ab", 32), TokenSecret: tba.Secret(strings.Repeat("cd", 32)),
	}
	acct.Tokens = append(acct.Tokens, account.AccessToken{
		Name: "other token", TokenID: other.TokenID, TokenSecret: other.TokenSecret,
		Integration: account.DemoIntegration, User: "other@example.com", Role: account.DemoRole,
	})
	yaml, err := account.Marshal(acct)
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, Options{NoSeed: true, AccountYAML: yaml})
	c := signedClient(t, s, nil)
	signer, err := tba.NewSigner(s.AccountID().Realm(), other)
	if err != nil {
		t.Fatal(err)
	}
	otherClient := &http.Client{Transport: &tba.Transport{Base: s.HTTPClient().Transport, Signer: signer}}

	_, h, _ := submit(t, c, "POST", s.URL()+currencyPath, "mine", newCurrency("MINE"))
	loc := h.Get("Location")
	awaitJob(t, c, loc)
	jobs := s.URL() + asyncPath
	for _, tt := range []struct {
		name   string
		c      *http.Client
		method string
		url    string
		status int
		code   string
	}{
		{"no such job", c, "GET", jobs + "987654", 404, "NONEXISTENT_ID"},
		{"no such job's task list", c, "GET", jobs + "987654/task", 404, "NONEXISTENT_ID"},
		{"no such job's result", c, "GET", jobs + "987654/task/1/result", 404, "NONEXISTENT_ID"},
		{"no such task", c, "GET", loc + "/task/2", 404, "NONEXISTENT_ID"},
		{"no such task's result", c, "GET", loc + "/task/2/result", 404, "NONEXISTENT_ID"},
		{"another user's job", otherClient, "GET", loc, 404, "NONEXISTENT_ID"},
		{"another user's result", otherClient, "GET", loc + "/task/1/result", 404, "NONEXISTENT_ID"},
		{"DELETE", c, "DELETE", loc, 405, "METHOD_NOT_ALLOWED"},
		{"POST", c, "POST", loc + "/task", 405, "METHOD_NOT_ALLOWED"},
	} {
		code, h, body := do(t, tt.c, tt.method, tt.url, nil)
		var e errorBody
		if err := json.Unmarshal(body, &e); err != nil || code != tt.status || e.Details[0].Code != tt.code || h.Get("Content-Type") != errorContentType {
			t.Errorf("%s: %d %s, want %d %s", tt.name, code, body, tt.status, tt.code)
		}
	}
	// The key is the account's: the other user's repeat is refused, and
	// points at a job it cannot read.
	if code, h, _ := submit(t, otherClient, "POST", s.URL()+currencyPath, "mine", newCurrency("THEIRS")); code != 400 || h.Get("Location") != loc {
		t.Errorf("another user's repeat of the key: %d %s", code, h.Get("Location"))
	}
	if code, _, body := do(t, otherClient, "GET", loc, nil); code != 404 {
		t.Errorf("another user's job: %d %s", code, body)
	}
}

// TestResetForgetsJobs: after a reset the jobs and keys are gone.
func TestResetForgetsJobs(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, nil)
	_, h, _ := submit(t, c, "POST", s.URL()+currencyPath, "reset-key", newCurrency("R1"))
	awaitJob(t, c, h.Get("Location"))
	if err := s.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := do(t, c, "GET", h.Get("Location"), nil); code != 404 {
		t.Errorf("a job after the reset: %d, want 404", code)
	}
	code, h2, _ := submit(t, c, "POST", s.URL()+currencyPath, "reset-key", newCurrency("R1"))
	if code != 202 || h2.Get("Location") == h.Get("Location") {
		t.Errorf("the key after the reset: %d %s, want a new job", code, h2.Get("Location"))
	}
}

// TestJobsAreBounded: completed jobs go with their keys once expired or
// past the bound, oldest first; a job not completed holds the ones after
// it.
func TestJobsAreBounded(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)
	js := newJobs()
	js.max = 3
	var all []*job
	for i := range 5 {
		j, _ := js.submit("me", fmt.Sprintf("k%d", i), at)
		all = append(all, j)
	}
	held := func() []string {
		var ids []string
		for _, j := range js.queue {
			ids = append(ids, j.id+"/"+j.key)
		}
		if len(js.byID) != len(ids) || len(js.byKey) != len(ids) {
			t.Errorf("maps hold %d and %d jobs, the queue %d", len(js.byID), len(js.byKey), len(ids))
		}
		return ids
	}
	// None completed: all held, past the bound.
	js.expire(at)
	if got := strings.Join(held(), " "); got != "1/k0 2/k1 3/k2 4/k3 5/k4" {
		t.Errorf("pending jobs: %s", got)
	}
	// The first pending holds the others.
	for _, j := range all[1:] {
		js.finish(j, newAnswer(), at)
	}
	js.expire(at)
	if got := strings.Join(held(), " "); got != "1/k0 2/k1 3/k2 4/k3 5/k4" {
		t.Errorf("behind a pending job: %s", got)
	}
	js.finish(all[0], newAnswer(), at)
	js.expire(at)
	if got := strings.Join(held(), " "); got != "3/k2 4/k3 5/k4" {
		t.Errorf("past the bound of 3: %s", got)
	}
	if _, earlier := js.submit("me", "k0", at); earlier != nil {
		t.Errorf("the key of a forgotten job names job %s", earlier.id)
	}
	js.expire(at.Add(jobTTL))
	if got := strings.Join(held(), " "); got != "6/k0" {
		t.Errorf("a day later: %s", got)
	}
	for range 6 {
		js.wg.Done() // the jobs were never run
	}
	js.close()
}
