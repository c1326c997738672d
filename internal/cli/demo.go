package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

// DemoOptions are the inputs of nsconnect demo.
type DemoOptions struct {
	IO *IOStreams
}

func newDemoCmd(f *Factory, runF func(context.Context, *DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "demo",
		Short: "Take a short tour against the built-in NetSuite emulator",
		Long: `Start the NetSuite emulator in this process, connect to it over HTTP with
Token-Based Authentication exactly as nsconnect connects to NetSuite, and walk
through the record actions: server time, create a customer and a sales order,
read it back in the account timezone, append and replace lines, filter a list,
drop a read-only field, and delete. Nothing leaves this machine.

At the end it shows how to run the same commands against a real account.`,
		Example: `  go run ./cmd/nsconnect demo`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return demoRun(cmd.Context(), opts)
		},
	}
}

// tour prints the demo's steps and stops at the first error.
type tour struct {
	w    io.Writer
	step int
	err  error
}

func (t *tour) section(title string) {
	t.step++
	fmt.Fprintf(t.w, "\n%d. %s\n", t.step, title)
}

func (t *tour) say(format string, args ...any) {
	fmt.Fprintf(t.w, "   "+format+"\n", args...)
}

func demoRun(ctx context.Context, opts *DemoOptions) error {
	w := opts.IO.Out
	srv, err := emulator.NewServer(emulator.Options{})
	if err != nil {
		return err
	}
	defer srv.Close()
	client, err := emulatortest.Client(srv)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(srv.Timezone())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "nsconnect demo: a NetSuite emulator for account %s is listening on %s.\n", srv.AccountID(), srv.URL())
	fmt.Fprintf(w, "Every request below is signed with Token-Based Authentication (HMAC-SHA256, realm %s),\n", srv.AccountID().Realm())
	fmt.Fprintf(w, "exactly as it would be for NetSuite. Account timezone: %s.\n", loc)
	t := &tour{w: w}
	if err := demoTour(ctx, t, client, loc); err != nil {
		return fmt.Errorf("the demo stopped at step %d: %w", t.step, err)
	}
	next, err := demoNextSteps(ctx, client)
	if err != nil {
		return err
	}
	fmt.Fprint(w, next)
	return nil
}

// demoNextSteps returns the demo's closing lines: the commands to run next,
// with a customer of the demo data, so that they find it against the
// emulator as they would find yours against NetSuite.
func demoNextSteps(ctx context.Context, c *netsuite.Client) (string, error) {
	first, _, err := c.Records.List(ctx, "customer", &netsuite.ListOptions{Limit: 1})
	if err != nil {
		return "", err
	}
	if len(first) == 0 {
		return "", fmt.Errorf("the demo data has no customer")
	}
	cust, _, err := c.Records.Get(ctx, "customer", first[0].ID, nil)
	if err != nil {
		return "", err
	}
	get := "nsconnect record get customer " + first[0].ID
	if eid, _ := cust["externalId"].(string); eid != "" {
		get = fmt.Sprintf("%-37s # or eid:%s", get, eid)
	}
	name, _ := cust["companyName"].(string)
	word, _, _ := strings.Cut(strings.Trim(name, `"' `), " ")
	word = strings.NewReplacer(`"`, "", `'`, "").Replace(word)
	return fmt.Sprintf(`
Done. To run the same commands against your NetSuite account:

   nsconnect config init                 # account ID, base URL, credentials, time zone; then a connection test
   %s
   nsconnect record list customer --q 'companyName START_WITH "%s"'

They find the same records in this demo's data: run the emulator, and connect to it in one step
from another terminal:

   nsconnect emulator --listen 127.0.0.1:8080
   nsconnect config init --from-emulator http://127.0.0.1:8080 --profile emulator
`, get, word), nil
}

func demoTour(ctx context.Context, t *tour, c *netsuite.Client, loc *time.Location) error {
	r := c.Records

	t.section("Server time (GET /services/rest/system/v1/serverTime)")
	now, _, err := c.ServerTime(ctx)
	if err != nil {
		return err
	}
	t.say("NetSuite says it is %s (UTC), %s in the account timezone.", nstime.FormatUTC(now), nstime.FormatDateTime(now.Truncate(time.Second), loc))

	t.section("Create a customer (POST /record/v1/customer)")
	stamp := now.Format("150405")
	customer, _, err := r.Create(ctx, "customer", netsuite.Record{
		"companyName": "Demo Garden Supply " + stamp,
		"externalId":  "DEMO-" + stamp,
		"email":       "orders@demo-garden.example",
		"subsidiary":  map[string]any{"id": "1"},
	}, nil)
	if err != nil {
		return err
	}
	t.say("Created customer %s (external ID DEMO-%s): NetSuite answers 204 with the new record in Location.", customer.ID, stamp)

	t.section("Create a sales order with two lines")
	items, _, err := r.List(ctx, "inventoryItem", &netsuite.ListOptions{Limit: 3})
	if err != nil {
		return err
	}
	if len(items) < 3 {
		return fmt.Errorf("the demo data has %d inventory items, want 3", len(items))
	}
	line := func(item string, qty int, rate float64) map[string]any {
		return map[string]any{"item": map[string]any{"id": item}, "quantity": qty, "rate": rate}
	}
	order, _, err := r.Create(ctx, "salesOrder", netsuite.Record{
		"entity": map[string]any{"id": customer.ID},
		"memo":   "Spring restock",
		"item":   map[string]any{"items": []any{line(items[0].ID, 2, 129.00), line(items[1].ID, 5, 18.50)}},
	}, nil)
	if err != nil {
		return err
	}
	t.say("Created sales order %s.", order.ID)

	t.section("Read it back, with datetimes in the account timezone")
	so, err := demoShowOrder(ctx, t, r, order.ID, loc)
	if err != nil {
		return err
	}

	t.section("Update: append a line (PATCH, mode append)")
	if _, _, err := r.Update(ctx, "salesOrder", order.ID, netsuite.Record{
		"item": map[string]any{"items": []any{line(items[2].ID, 1, 64.00)}},
	}, &netsuite.WriteOptions{Mode: netsuite.ModeAppend}); err != nil {
		return err
	}
	if so, err = demoShowOrder(ctx, t, r, order.ID, loc); err != nil {
		return err
	}

	t.section("Update: replace all lines (PATCH ?replace=item)")
	if _, _, err := r.Update(ctx, "salesOrder", order.ID, netsuite.Record{
		"item": map[string]any{"items": []any{line(items[0].ID, 10, 120.00)}},
	}, &netsuite.WriteOptions{Mode: netsuite.ModeReplace}); err != nil {
		return err
	}
	if so, err = demoShowOrder(ctx, t, r, order.ID, loc); err != nil {
		return err
	}

	t.section(`List with a filter (GET /record/v1/customer?q=companyName START_WITH "Demo Garden")`)
	n := 0
	for item, err := range r.ListIter(ctx, "customer", &netsuite.ListOptions{Q: `companyName START_WITH "Demo Garden"`}) {
		if err != nil {
			return err
		}
		n++
		t.say("customer %s", item.ID)
	}
	t.say("%d match. Date literals in q are days in the account's date format, e.g. dateCreated ON_OR_AFTER %s.", n, nstime.QDate(now, loc, nstime.FormatMDY))

	t.section("Ignore read-only fields: change the memo and send the whole order back")
	so["memo"] = "Spring restock, confirmed"
	yes := true
	res, _, err := r.Update(ctx, "salesOrder", order.ID, so, &netsuite.WriteOptions{IgnoreReadOnly: &yes})
	if err != nil {
		return err
	}
	t.say("Updated. Dropped before sending, as NetSuite would refuse them: %s", strings.Join(res.Dropped, ", "))
	no := false
	if _, _, err := r.Update(ctx, "salesOrder", order.ID, so, &netsuite.WriteOptions{IgnoreReadOnly: &no}); err != nil {
		t.say("Without it, NetSuite refuses the same body: %v", err)
	} else {
		t.say("Without it, the same body was accepted too.")
	}

	t.section("Delete (DELETE /record/v1/salesOrder and customer)")
	for _, x := range []struct{ typ, id string }{{"salesOrder", order.ID}, {"customer", customer.ID}} {
		if _, err := r.Delete(ctx, x.typ, x.id); err != nil {
			return err
		}
	}
	_, _, err = r.Get(ctx, "customer", customer.ID, nil)
	if !netsuite.IsNotFound(err) {
		return fmt.Errorf("the customer is still there after delete: %v", err)
	}
	t.say("Deleted both; reading the customer again gives %v", err)
	return nil
}

// demoShowOrder reads a sales order with its lines and prints them.
func demoShowOrder(ctx context.Context, t *tour, r *netsuite.RecordsService, id string, loc *time.Location) (netsuite.Record, error) {
	so, _, err := r.Get(ctx, "salesOrder", id, &netsuite.GetOptions{ExpandSubResources: true})
	if err != nil {
		return nil, err
	}
	// Transactions call it createdDate, entities dateCreated (the schemas).
	created, err := so.Time("createdDate")
	if err != nil {
		return nil, err
	}
	t.say("%s for %s, total %v, created %s in the account timezone (%s on the wire)", so["tranId"], refName(so["entity"]), so["total"],
		nstime.FormatDateTime(created, loc), so["createdDate"])
	item, _ := so["item"].(map[string]any)
	lines, _ := item["items"].([]any)
	for _, l := range lines {
		line, _ := l.(map[string]any)
		t.say("  line %v: %v × %s at %v = %v", line["line"], line["quantity"], refName(line["item"]), line["rate"], line["amount"])
	}
	return so, nil
}

func refName(v any) string {
	m, _ := v.(map[string]any)
	if name, ok := m["refName"].(string); ok {
		return name
	}
	return fmt.Sprint(m["id"])
}
