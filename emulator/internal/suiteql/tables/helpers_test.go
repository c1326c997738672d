package tables_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
	"github.com/nsconnect/nsconnect/emulator/internal/sqltest"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
	_ "github.com/nsconnect/nsconnect/emulator/internal/suiteql/oracle" // sq_date, sq_datetime
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/tables"
)

const zone = "America/Los_Angeles"

// env is a store, the record service over it and the account's tables.
type env struct {
	t      testing.TB
	st     *store.Store
	svc    *records.Service
	schema *tables.Schema
	now    time.Time
}

// testCatalog is the default catalog with custom fields of every kind of
// target and a custom record type.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err = c.WithCustom([]catalog.CustomField{
		{ScriptID: "custentity_tier", Label: "Tier", Type: catalog.CustomText},
		{ScriptID: "custentity_region", Label: "Region", Type: catalog.CustomSelect, RecordType: "customrecord_region"},
		{ScriptID: "custbody_rush", Label: "Rush", Type: catalog.CustomCheckbox},
		{ScriptID: "custbody_due", Label: "Due", Type: catalog.CustomDate},
		{ScriptID: "custcol_note", Label: "Line Note", Type: catalog.CustomText},
		{ScriptID: "custcol_gift", Label: "Gift", Type: catalog.CustomCheckbox},
		{ScriptID: "custitem_hazmat", Label: "Hazmat", Type: catalog.CustomCheckbox},
	}, []catalog.CustomRecordType{{
		ScriptID: "customrecord_region",
		Name:     "Region",
		Fields: []catalog.CustomField{
			{ScriptID: "custrecord_code", Label: "Code", Type: catalog.CustomText},
			{ScriptID: "custrecord_rate", Label: "Rate", Type: catalog.CustomDecimal},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newEnv(t testing.TB) *env {
	t.Helper()
	st, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	cat := testCatalog(t)
	e := &env{t: t, st: st, now: time.Date(2026, 3, 15, 17, 30, 0, 0, time.UTC)}
	e.svc = records.New(records.Config{Catalog: cat, Store: st, Now: func() time.Time { return e.now },
		Location: loc, DateFormat: filter.FormatMDY})
	e.schema = tables.New(cat, zone, tables.Options{CustomLists: []tables.CustomList{
		{ScriptID: "customlist_size", Name: "Size", Values: []string{"Small", "Large"}},
	}})
	return e
}

// create creates a record through the record service and returns its id.
func (e *env) create(typ, body string) string {
	e.t.Helper()
	id, err := e.svc.Create(context.Background(), typ, []byte(body))
	if err != nil {
		e.t.Fatalf("creating %s %s: %v", typ, body, err)
	}
	return id
}

// serve sends one request to the record service.
func (e *env) serve(method, path, body string) {
	e.t.Helper()
	_, err := e.svc.Serve(context.Background(), &records.Request{BaseURL: "http://localhost", Method: method, Path: path, Body: []byte(body)})
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
}

// table returns the table named name.
func (e *env) table(name string) *suiteql.Table {
	e.t.Helper()
	tb, ok := e.schema.Table(name)
	if !ok {
		e.t.Fatalf("no table %s", name)
	}
	return tb
}

// query runs SELECT <exprs> FROM (Source(cols)) AS t WHERE <where> and
// returns the rows, each value as fmt's %v of what the driver gives
// (<nil> for NULL). exprs may use DF(col) and CF(col), replaced by the
// column's Display and Compound of "t"."col".
func (e *env) query(name string, exprs []string, where string, args ...any) [][]string {
	e.t.Helper()
	tb := e.table(name)
	var cols []string
	var sel []string
	for _, x := range exprs {
		fn, col, ok := strings.Cut(x, "(")
		if ok {
			col = strings.TrimSuffix(col, ")")
		} else {
			col, fn = x, ""
		}
		c, found := tb.Column(col)
		if !found {
			e.t.Fatalf("%s has no column %s", name, col)
		}
		v := `"t"."` + col + `"`
		row := func(other string) string {
			if !contains(cols, other) {
				cols = append(cols, other)
			}
			return `"t"."` + other + `"`
		}
		switch {
		case fn == "DF" && c.Display != nil:
			v = c.Display(v, row)
		case fn == "CF" && c.Compound != nil:
			v = c.Compound(v, row)
		}
		sel = append(sel, v)
		if !contains(cols, col) {
			cols = append(cols, col)
		}
	}
	for _, w := range strings.Fields(where) {
		w = strings.Trim(w, `()"`)
		if c, ok := tb.Column(w); ok && !contains(cols, c.Name) {
			cols = append(cols, c.Name)
		}
	}
	q := "SELECT " + strings.Join(sel, ", ") + " FROM (" + tb.Source(cols) + ") AS t"
	if where != "" {
		q += " WHERE " + where
	}
	return e.rows(q, args...)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// rows runs q on the store's readers.
func (e *env) rows(q string, args ...any) [][]string {
	e.t.Helper()
	rows, err := e.st.QueryContext(context.Background(), q, args...)
	if err != nil {
		e.t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	return scan(e.t, rows)
}

func scan(t testing.TB, rows *sql.Rows) [][]string {
	t.Helper()
	values, err := sqltest.Values(rows)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, vals := range values {
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = fmt.Sprint(v)
		}
		out = append(out, row)
	}
	return out
}

// fmtAny is how query shows a value.
func fmtAny(v any) string { return fmt.Sprint(v) }

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
