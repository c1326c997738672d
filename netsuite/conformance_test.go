package netsuite_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The conformance suite runs the same cases against the emulator (always) and,
// with -integration, against the NetSuite account the NETSUITE_* environment
// variables name (the pattern of litestream's RunWithReplicaClient):
//
//	NETSUITE_ACCOUNT_ID=1234567_SB1 NETSUITE_CONSUMER_KEY=... NETSUITE_CONSUMER_SECRET=... \
//	NETSUITE_TOKEN_ID=... NETSUITE_TOKEN_SECRET=... NETSUITE_TIMEZONE=America/Los_Angeles \
//	go test ./netsuite/ -run Conformance -integration
//
// NETSUITE_BASE_URL, when set, points the client elsewhere, such as at an
// emulator started with `nsconnect emulator`. Use a sandbox: the cases
// create customers and sales orders with external IDs that start with
// NSCT-, and delete them when they end.
var integration = flag.Bool("integration", false, "also run the conformance tests against the NetSuite account in the NETSUITE_* environment variables")

// A target is what a conformance case runs against.
type target struct {
	*netsuite.Client
	// Emulator is the emulator, with the demo account and its seed data;
	// nil against NetSuite.
	Emulator *emulator.Server
}

// RunWithClient runs fn against the emulator, in process, and with
// -integration against NetSuite too, each as a subtest. Without
// -integration the cases run in parallel, each on an emulator of its own;
// with it, one after the other, so that they do not see each other's
// records in the account.
func RunWithClient(t *testing.T, fn func(t *testing.T, c *target)) {
	t.Helper()
	if !*integration {
		t.Parallel()
	}
	t.Run("emulator", func(t *testing.T) {
		srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
		fn(t, &target{Client: emulatortest.NewClient(t, srv), Emulator: srv})
	})
	t.Run("netsuite", func(t *testing.T) {
		if !*integration {
			t.Skip("skipping the real account; run with -integration and the NETSUITE_* variables")
		}
		fn(t, &target{Client: netsuiteClient(t)})
	})
}

// netsuiteClient builds a Client from the NETSUITE_* variables, or skips
// the test naming the ones missing. It never logs their values.
func netsuiteClient(t *testing.T) *netsuite.Client {
	t.Helper()
	names := []string{"NETSUITE_ACCOUNT_ID", "NETSUITE_CONSUMER_KEY", "NETSUITE_CONSUMER_SECRET", "NETSUITE_TOKEN_ID", "NETSUITE_TOKEN_SECRET", "NETSUITE_TIMEZONE"}
	env := make(map[string]string)
	var missing []string
	for _, n := range names {
		v := strings.TrimSpace(os.Getenv(n))
		if v == "" {
			missing = append(missing, n)
		}
		env[n] = v
	}
	if len(missing) > 0 {
		t.Skipf("skipping: -integration needs the environment variables %s; missing: %s", strings.Join(names, ", "), strings.Join(missing, ", "))
	}
	account, err := tba.ParseAccountID(env["NETSUITE_ACCOUNT_ID"])
	if err != nil {
		t.Fatalf("NETSUITE_ACCOUNT_ID: %v", err)
	}
	loc, err := time.LoadLocation(env["NETSUITE_TIMEZONE"])
	if err != nil {
		t.Fatalf("NETSUITE_TIMEZONE: %v", err)
	}
	opts := []netsuite.Option{
		netsuite.WithAccount(account),
		netsuite.WithCredentials(tba.Credentials{
			ConsumerKey: env["NETSUITE_CONSUMER_KEY"], ConsumerSecret: tba.Secret(env["NETSUITE_CONSUMER_SECRET"]),
			TokenID: env["NETSUITE_TOKEN_ID"], TokenSecret: tba.Secret(env["NETSUITE_TOKEN_SECRET"]),
		}),
		netsuite.WithTimezone(loc),
	}
	if base := os.Getenv("NETSUITE_BASE_URL"); base != "" {
		opts = append(opts, netsuite.WithBaseURL(base))
	}
	c, err := netsuite.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var uniqueSeq atomic.Int64

// uniqueID returns an external ID no other run uses: NSCT-, the time and
// a counter (letters, digits and -, as NetSuite allows).
func uniqueID() string {
	return fmt.Sprintf("NSCT-%s-%d", strconv.FormatInt(time.Now().UnixNano(), 36), uniqueSeq.Add(1))
}

// cleanup deletes a record when the test ends; a record already gone is
// fine.
func cleanup(t *testing.T, c *target, recordType, id string) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := c.Records.Delete(ctx, recordType, id); err != nil && !netsuite.IsNotFound(err) {
			t.Errorf("cleanup: deleting %s %s: %v", recordType, id, err)
		}
	})
}

// aCustomer returns the ID and the subsidiary ID of an existing customer.
func aCustomer(t *testing.T, c *target) (id, subsidiary string) {
	t.Helper()
	items, _, err := c.Records.List(t.Context(), "customer", &netsuite.ListOptions{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		t.Skip("the account has no customer")
	}
	rec, _, err := c.Records.Get(t.Context(), "customer", items[0].ID, &netsuite.GetOptions{Fields: []string{"subsidiary"}})
	if err != nil {
		t.Fatal(err)
	}
	return items[0].ID, rec.RefID("subsidiary")
}

// newCustomer returns a body for a new customer with an external ID.
func newCustomer(t *testing.T, c *target, externalID string) netsuite.Record {
	_, sub := aCustomer(t, c)
	body := netsuite.Record{"companyName": "Conformance " + externalID, "externalId": externalID}
	if sub != "" {
		body["subsidiary"] = map[string]any{"id": sub}
	}
	return body
}

// twoItems returns two items that sales order lines can use.
func twoItems(t *testing.T, c *target) []string {
	t.Helper()
	var ids []string
	for _, typ := range []string{"inventoryItem", "serviceSaleItem", "nonInventorySaleItem"} {
		items, _, err := c.Records.List(t.Context(), typ, &netsuite.ListOptions{Limit: 2})
		if err != nil {
			t.Logf("listing %s: %v", typ, err)
			continue
		}
		for _, it := range items {
			ids = append(ids, it.ID)
		}
		if len(ids) >= 2 {
			return ids[:2]
		}
	}
	t.Skip("the account has fewer than two sale items")
	return nil
}

func line(item string, quantity float64) map[string]any {
	return map[string]any{"item": map[string]any{"id": item}, "quantity": quantity, "rate": 10}
}

// newSalesOrder creates a sales order with two lines and returns its ID.
func newSalesOrder(t *testing.T, c *target) string {
	t.Helper()
	customer, _ := aCustomer(t, c)
	items := twoItems(t, c)
	body := netsuite.Record{
		"externalId": uniqueID(),
		"entity":     map[string]any{"id": customer},
		"memo":       "conformance",
		"item":       map[string]any{"items": []any{line(items[0], 1), line(items[1], 2)}},
	}
	res, _, err := c.Records.Create(t.Context(), "salesOrder", body, nil)
	if err != nil {
		t.Fatal(err)
	}
	cleanup(t, c, "salesOrder", res.ID)
	return res.ID
}

func lines(t *testing.T, c *target, recordType, id, sublist string) []netsuite.Record {
	t.Helper()
	rec, _, err := c.Records.Get(t.Context(), recordType, id, &netsuite.GetOptions{ExpandSubResources: true})
	if err != nil {
		t.Fatal(err)
	}
	return rec.Lines(sublist)
}

func TestConformanceCustomerByInternalID(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		eid := uniqueID()
		res, resp, err := c.Records.Create(ctx, "customer", newCustomer(t, c, eid), nil)
		if err != nil {
			t.Fatal(err)
		}
		cleanup(t, c, "customer", res.ID)
		if resp.StatusCode != 204 || res.ID == "" || res.Dropped != nil {
			t.Fatalf("create: status %d, result %+v", resp.StatusCode, res)
		}

		rec, _, err := c.Records.Get(ctx, "customer", res.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rec.ID() != res.ID || rec.ExternalID() != eid || rec["companyName"] != "Conformance "+eid {
			t.Errorf("got %v", rec)
		}
		if _, err := rec.Time("dateCreated"); err != nil {
			t.Errorf("dateCreated: %v", err)
		}

		// Set a field, then clear it with null.
		if _, _, err := c.Records.Update(ctx, "customer", res.ID, netsuite.Record{"comments": "first"}, nil); err != nil {
			t.Fatal(err)
		}
		rec, _, err = c.Records.Get(ctx, "customer", res.ID, &netsuite.GetOptions{Fields: []string{"comments", "companyName"}})
		if err != nil {
			t.Fatal(err)
		}
		if rec["comments"] != "first" || rec["companyName"] != "Conformance "+eid {
			t.Errorf("after update: %v", rec)
		}
		up, _, err := c.Records.Update(ctx, "customer", res.ID, netsuite.Record{"comments": nil}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if up.ID != res.ID {
			t.Errorf("update ID %q, want %q", up.ID, res.ID)
		}
		rec, _, err = c.Records.Get(ctx, "customer", res.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if v, ok := rec["comments"]; ok && v != nil && v != "" {
			t.Errorf("comments after null: %v", v)
		}

		if _, err := c.Records.Delete(ctx, "customer", res.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.Records.Get(ctx, "customer", res.ID, nil); !netsuite.IsNotFound(err) {
			t.Errorf("get after delete: %v, want not found", err)
		}
	})
}

func TestConformanceCustomerByExternalID(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		eid := uniqueID()
		res, _, err := c.Records.Create(ctx, "customer", newCustomer(t, c, eid), nil)
		if err != nil {
			t.Fatal(err)
		}
		cleanup(t, c, "customer", res.ID)
		id := netsuite.ExternalID(eid)

		rec, _, err := c.Records.Get(ctx, "customer", id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rec.ID() != res.ID {
			t.Errorf("get by %s: ID %q, want %q", id, rec.ID(), res.ID)
		}
		up, _, err := c.Records.Update(ctx, "customer", id, netsuite.Record{"phone": "555-0100"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if up.ID != res.ID {
			t.Errorf("update by %s: ID %q, want %q", id, up.ID, res.ID)
		}
		rec, _, err = c.Records.Get(ctx, "customer", id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rec["phone"] != "555-0100" {
			t.Errorf("phone %v", rec["phone"])
		}
		if _, err := c.Records.Delete(ctx, "customer", id); err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.Records.Get(ctx, "customer", id, nil); !netsuite.IsNotFound(err) {
			t.Errorf("get after delete: %v, want not found", err)
		}
	})
}

func TestConformanceUpsert(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		eid := uniqueID()
		body := newCustomer(t, c, eid)
		delete(body, "externalId") // the URL names it

		// Create.
		created, _, err := c.Records.Upsert(ctx, "customer", eid, body, nil)
		if err != nil {
			t.Fatal(err)
		}
		cleanup(t, c, "customer", netsuite.ExternalID(eid))
		rec, _, err := c.Records.Get(ctx, "customer", netsuite.ExternalID(eid), nil)
		if err != nil {
			t.Fatal(err)
		}
		if created.ID == "" || rec.ID() != created.ID || rec.ExternalID() != eid {
			t.Errorf("upsert created %+v, got %v", created, rec)
		}

		// Update the same record.
		updated, _, err := c.Records.Upsert(ctx, "customer", netsuite.ExternalID(eid), netsuite.Record{"companyName": "Upserted " + eid}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if updated.ID != created.ID {
			t.Errorf("upsert updated %q, want %q", updated.ID, created.ID)
		}
		rec, _, err = c.Records.Get(ctx, "customer", created.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rec["companyName"] != "Upserted "+eid {
			t.Errorf("companyName %v", rec["companyName"])
		}
	})
}

// TestConformanceIdempotencyKey: a create with an idempotency key runs as
// an asynchronous job and returns the record's ID; the same key again
// returns the same record and makes none; a keyed update applies.
func TestConformanceIdempotencyKey(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		eid := uniqueID()
		body := newCustomer(t, c, eid)
		opts := &netsuite.WriteOptions{IdempotencyKey: "nsct-" + eid}
		res, resp, err := c.Records.Create(ctx, "customer", body, opts)
		if err != nil {
			t.Fatal(err)
		}
		cleanup(t, c, "customer", res.ID)
		if resp.StatusCode != 204 || res.ID == "" {
			t.Fatalf("create: status %d, result %+v", resp.StatusCode, res)
		}
		again, _, err := c.Records.Create(ctx, "customer", body, opts)
		if err != nil || again.ID != res.ID {
			t.Fatalf("the same key again: %+v, %v; want ID %s", again, err, res.ID)
		}
		items, _, err := c.Records.List(ctx, "customer", &netsuite.ListOptions{Q: `externalId IS "` + eid + `"`})
		if err != nil || len(items) != 1 {
			t.Errorf("customers with external ID %s: %v, %v; want 1", eid, items, err)
		}
		up, _, err := c.Records.Update(ctx, "customer", res.ID, netsuite.Record{"phone": "555-0101"}, &netsuite.WriteOptions{IdempotencyKey: "nsct-up-" + eid})
		if err != nil || up.ID != res.ID {
			t.Fatalf("keyed update: %+v, %v", up, err)
		}
		rec, _, err := c.Records.Get(ctx, "customer", res.ID, nil)
		if err != nil || rec["phone"] != "555-0101" {
			t.Errorf("after the keyed update: %v, %v", rec["phone"], err)
		}
	})
}

func TestConformanceSalesOrderLines(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		id := newSalesOrder(t, c)
		got := lines(t, c, "salesOrder", id, "item")
		if len(got) != 2 {
			t.Fatalf("%d lines after create, want 2", len(got))
		}
		items := []string{got[0].RefID("item"), got[1].RefID("item")}

		// Overwrite: a line with an existing line's key updates it.
		first := netsuite.Record{"line": got[0]["line"], "quantity": 5}
		if _, _, err := c.Records.Update(ctx, "salesOrder", id, netsuite.Record{"item": map[string]any{"items": []any{first}}}, nil); err != nil {
			t.Fatal(err)
		}
		got = lines(t, c, "salesOrder", id, "item")
		if len(got) != 2 || got[0]["quantity"] != float64(5) {
			t.Fatalf("after overwrite: %d lines, first quantity %v; want 2 lines, 5", len(got), got[0]["quantity"])
		}

		// Append: the same line, key and all, is added as a new line.
		again := got[0].Clone()
		again["quantity"] = 7
		if _, _, err := c.Records.Update(ctx, "salesOrder", id, netsuite.Record{"item": map[string]any{"items": []any{map[string]any(again)}}},
			&netsuite.WriteOptions{Mode: netsuite.ModeAppend, IgnoreReadOnly: netsuite.Ptr(true)}); err != nil {
			t.Fatal(err)
		}
		got = lines(t, c, "salesOrder", id, "item")
		if len(got) != 3 {
			t.Fatalf("%d lines after append, want 3", len(got))
		}
		if got[0]["quantity"] != float64(5) || got[2]["quantity"] != float64(7) {
			t.Errorf("quantities after append: %v, %v; want 5, 7", got[0]["quantity"], got[2]["quantity"])
		}

		// Replace: the lines of the body are all the order has.
		if _, _, err := c.Records.Update(ctx, "salesOrder", id, netsuite.Record{"item": map[string]any{"items": []any{line(items[1], 4)}}},
			&netsuite.WriteOptions{Mode: netsuite.ModeReplace}); err != nil {
			t.Fatal(err)
		}
		got = lines(t, c, "salesOrder", id, "item")
		if len(got) != 1 || got[0].RefID("item") != items[1] || got[0]["quantity"] != float64(4) {
			t.Fatalf("after replace: %v; want one line of item %s, quantity 4", got, items[1])
		}
	})
}

// The typical use: read a record, change one thing, send it all back.
func TestConformanceSendBackWhole(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		id := newSalesOrder(t, c)
		for _, expand := range []bool{false, true} {
			t.Run(fmt.Sprintf("expandSubResources=%v", expand), func(t *testing.T) {
				rec, _, err := c.Records.Get(ctx, "salesOrder", id, &netsuite.GetOptions{ExpandSubResources: expand})
				if err != nil {
					t.Fatal(err)
				}
				memo := fmt.Sprintf("changed, expand %v", expand)
				rec["memo"] = memo
				before := rec.Clone()

				// Sent as it is, NetSuite refuses the read-only fields.
				_, _, err = c.Records.Update(ctx, "salesOrder", id, rec, &netsuite.WriteOptions{IgnoreReadOnly: netsuite.Ptr(false)})
				var apiErr *netsuite.Error
				if !errors.As(err, &apiErr) || len(apiErr.Details) == 0 || apiErr.Details[0].Code == "" {
					t.Fatalf("update with read-only fields: %v; want a *netsuite.Error with a code", err)
				}
				t.Logf("without IgnoreReadOnly: %v", err)

				res, _, err := c.Records.Update(ctx, "salesOrder", id, rec, &netsuite.WriteOptions{IgnoreReadOnly: netsuite.Ptr(true)})
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range []string{"links", "id", "total"} {
					if !slices.Contains(res.Dropped, f) {
						t.Errorf("Dropped %v lacks %s", res.Dropped, f)
					}
				}
				t.Logf("dropped: %v", res.Dropped)
				if diff := cmp.Diff(before, rec); diff != "" {
					t.Errorf("Update changed the caller's record (-before +after):\n%s", diff)
				}

				after, _, err := c.Records.Get(ctx, "salesOrder", id, &netsuite.GetOptions{ExpandSubResources: true})
				if err != nil {
					t.Fatal(err)
				}
				if after["memo"] != memo {
					t.Errorf("memo %v, want %q", after["memo"], memo)
				}
				if n := len(after.Lines("item")); n != 2 {
					t.Errorf("%d lines after sending the order back, want 2", n)
				}
			})
		}
	})
}

func TestConformanceList(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		first, resp, err := c.Records.List(ctx, "customer", &netsuite.ListOptions{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		total := resp.TotalResults
		if c.Emulator != nil && total != 50 {
			t.Errorf("%d customers, want the 50 demo customers", total)
		}
		if len(first) != min(5, total) || resp.HasMore != (total > 5) {
			t.Errorf("first page: %d items, hasMore %v, of %d", len(first), resp.HasMore, total)
		}

		// Every customer, 7 at a time.
		seen := make(map[string]bool)
		for it, err := range c.Records.ListIter(ctx, "customer", &netsuite.ListOptions{Limit: 7}) {
			if err != nil {
				t.Fatal(err)
			}
			if seen[it.ID] {
				t.Errorf("customer %s twice", it.ID)
			}
			seen[it.ID] = true
		}
		if len(seen) != total {
			t.Errorf("ListIter gave %d customers, want %d", len(seen), total)
		}

		// A q filter: only matching records.
		rec, _, err := c.Records.Get(ctx, "customer", first[0].ID, &netsuite.GetOptions{Fields: []string{"companyName"}})
		if err != nil {
			t.Fatal(err)
		}
		name, _ := rec["companyName"].(string)
		if name == "" {
			t.Skipf("customer %s has no companyName", first[0].ID)
		}
		q := fmt.Sprintf("companyName IS %q", name)
		var matched []string
		for it, err := range c.Records.ListIter(ctx, "customer", &netsuite.ListOptions{Q: q}) {
			if err != nil {
				t.Fatal(err)
			}
			matched = append(matched, it.ID)
		}
		if !slices.Contains(matched, first[0].ID) || len(matched) >= total && total > 1 {
			t.Errorf("q %s: %v", q, matched)
		}
		for _, id := range matched {
			r, _, err := c.Records.Get(ctx, "customer", id, &netsuite.GetOptions{Fields: []string{"companyName"}})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.EqualFold(fmt.Sprint(r["companyName"]), name) {
				t.Errorf("q %s matched %s, %v", q, id, r["companyName"])
			}
		}
	})
}

func TestConformanceNotFound(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		for _, id := range []string{"999999999", netsuite.ExternalID(uniqueID())} {
			rec, resp, err := c.Records.Get(t.Context(), "customer", id, nil)
			if !netsuite.IsNotFound(err) || rec != nil || resp == nil || resp.StatusCode != 404 {
				t.Errorf("get %s: %v, %v; want not found", id, rec, err)
			}
			t.Logf("get %s: %v", id, err)
		}
	})
}

func TestConformanceMetadata(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		ctx := t.Context()
		names, _, err := c.Metadata.List(ctx, &netsuite.MetadataOptions{Select: []string{"customer", "salesOrder"}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(names, "customer") || !slices.Contains(names, "salesOrder") {
			t.Errorf("select customer,salesOrder: %v", names)
		}
		all, _, err := c.Metadata.List(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(all, "customer") || len(all) < len(names) {
			t.Errorf("%d record types: %v", len(all), all)
		}

		schema, _, err := c.Metadata.Schema(ctx, "customer")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(schema.Schema, "json-schema.org") || len(schema.Raw) == 0 {
			t.Errorf("$schema %q, %d bytes", schema.Schema, len(schema.Raw))
		}
		if p := schema.Properties["companyName"]; p == nil || p.Type != "string" {
			t.Errorf("companyName: %+v", p)
		}
		if p := schema.Properties["subsidiary"]; p == nil || !strings.Contains(p.Ref, "metadata-catalog/subsidiary") {
			t.Errorf("subsidiary: %+v", p)
		}
		if p := schema.Properties["dateCreated"]; p == nil || p.Format != "date-time" {
			t.Errorf("dateCreated: %+v", p)
		}
	})
}

// TestConformanceRestlet: a script the account does not have is NetSuite's
// SSS_INVALID_SCRIPTLET_ID with 400 (the emulator's assumption for a status
// Oracle does not give), in any Content-Type; on the emulator, its demo echo
// RESTlet answers what it was sent.
func TestConformanceRestlet(t *testing.T) {
	RunWithClient(t, func(t *testing.T, c *target) {
		for _, ct := range []string{netsuite.RestletJSON, netsuite.RestletXML, netsuite.RestletText} {
			_, err := c.Restlets.Call(t.Context(), netsuite.RestletRequest{Script: "customscript_nsct_no_such_script", Deploy: "1", ContentType: ct})
			var e *netsuite.Error
			if !errors.As(err, &e) || e.Status != 400 || !netsuite.HasCode(err, netsuite.CodeInvalidScriptletID) {
				t.Errorf("%s: %v, want 400 %s", ct, err, netsuite.CodeInvalidScriptletID)
			}
		}
		if c.Emulator == nil {
			return
		}
		resp, err := c.Restlets.Call(t.Context(), netsuite.RestletRequest{
			Script: "customscript_nsconnect_echo", Deploy: "customdeploy_nsconnect_echo", Method: "PUT",
			Params: map[string][]string{"q": {"a b+c&d"}}, Body: []byte(`{"x":[1,"y"]}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		var echo struct {
			Method string
			Query  map[string]string
			Body   any
		}
		if err := resp.Decode(&echo); err != nil {
			t.Fatal(err)
		}
		want := struct {
			Method string
			Query  map[string]string
			Body   any
		}{"PUT", map[string]string{"q": "a b+c&d"}, map[string]any{"x": []any{1.0, "y"}}}
		if diff := cmp.Diff(want, echo); diff != "" {
			t.Errorf("echo (-want +got):\n%s", diff)
		}
	})
}
