package filter

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// openDB opens a private in-memory database with a records table shaped as
// the store's, on one pinned connection (an in-memory database lives and dies
// with its connection).
func openDB(tb testing.TB) *sql.Conn {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:x?mode=memory")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		conn.Close()
		db.Close()
	})
	if _, err := conn.ExecContext(context.Background(), `
CREATE TABLE records (
	family        TEXT    NOT NULL,
	id            INTEGER NOT NULL,
	type          TEXT    NOT NULL,
	external_id   TEXT,
	body          TEXT    NOT NULL,
	date_created  TEXT    NOT NULL,
	last_modified TEXT    NOT NULL
);
CREATE UNIQUE INDEX records_type_id ON records (type, id);`); err != nil {
		tb.Fatal(err)
	}
	return conn
}

// testColumn reads a field as the store keeps it: the internal ID in the id
// column, the rest in the JSON body.
func testColumn(field string) string {
	if field == "id" {
		return "id"
	}
	return JSONColumn("body", field)
}

// storedRecord is a record as the store keeps it and as the list endpoint
// reads it back for Match.
type storedRecord struct {
	id   int64
	body map[string]any // before encoding
	rec  Record         // decoded by encoding/json, plus "id"
}

func insert(tb testing.TB, conn *sql.Conn, recordType string, id int64, body map[string]any) storedRecord {
	tb.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(),
		`INSERT INTO records (family, id, type, body, date_created, last_modified) VALUES ('x', ?, ?, ?, '', '')`,
		id, recordType, string(raw)); err != nil {
		tb.Fatal(err)
	}
	var rec Record
	if err := json.Unmarshal(raw, &rec); err != nil {
		tb.Fatal(err)
	}
	rec["id"] = float64(id) // as the list endpoint does
	return storedRecord{id: id, body: body, rec: rec}
}

// goIDs returns the IDs of the records Match accepts, ascending.
func goIDs(f *Filter, recs []storedRecord) []int64 {
	ids := []int64{}
	for _, r := range recs {
		if f.Match(r.rec) {
			ids = append(ids, r.id)
		}
	}
	return ids
}

// sqlIDs returns the IDs of the records of recordType that f.SQL selects,
// ascending.
func sqlIDs(tb testing.TB, conn *sql.Conn, recordType string, f *Filter) []int64 {
	tb.Helper()
	expr, args := f.SQL(testColumn)
	rows, err := conn.QueryContext(context.Background(),
		`SELECT id FROM records WHERE type = ? AND `+expr+` ORDER BY id`,
		append([]any{recordType}, args...)...)
	if err != nil {
		tb.Fatalf("%s\nSQL %s %#v: %v", f.Expr(), expr, args, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

func TestSQLForms(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	const (
		company  = `json_extract(body, '$."companyName"')`
		fcompany = `ns_fold(json_extract(body, '$."companyName"'))`
		email    = `json_extract(body, '$."email"')`
		modified = `json_extract(body, '$."lastModifiedDate"')`
		credit   = `json_extract(body, '$."creditLimit"')`
	)
	tests := []struct {
		q     string
		loc   *time.Location
		want  string
		wargs []any
	}{
		{`companyName IS "ÄRGER"`, nil, fcompany + ` = ?`, []any{"ärger"}},
		{`companyName IS ""`, nil, `0`, nil},
		{`companyName IS_NOT Acme`, nil, `(NOT coalesce(` + fcompany + ` = ?, 0))`, []any{"acme"}},
		{`companyName START_WITH "Straße"`, nil, `(` + fcompany + ` >= ? AND ` + fcompany + ` < ?)`, []any{"straße", "straße\xff"}},
		{`companyName START_WITH ""`, nil, fcompany + ` > ?`, []any{""}},
		{`email CONTAIN "@Example"`, nil, `(typeof(` + email + `) = 'text' AND instr(ns_fold(` + email + `), ?) > 0)`, []any{"@example"}},
		{`email END_WITH .COM`, nil, `(typeof(` + email + `) = 'text' AND substr(CAST(ns_fold(` + email + `) AS BLOB), ?) = ?)`, []any{int64(-4), []byte(".com")}},
		{`companyName EMPTY`, nil, `coalesce(` + company + `, '') = ''`, nil},
		{`companyName EMPTY_NOT`, nil, `(NOT coalesce(coalesce(` + company + `, '') = '', 0))`, nil},
		{`isInactive EMPTY`, nil, `0`, nil},
		{`isInactive EMPTY_NOT`, nil, `1`, nil},
		{`isInactive IS TRUE`, nil, `json_extract(body, '$."isInactive"') = 1`, nil},
		{`isInactive IS false`, nil, `json_extract(body, '$."isInactive"') IS NOT 1`, nil},
		{`id BETWEEN_NOT [1, 42]`, nil, `(NOT coalesce(id BETWEEN ? AND ?, 0))`, []any{1.0, 42.0}},
		{`id ANY_OF [1, 2, 3]`, nil, `id IN (?, ?, ?)`, []any{1.0, 2.0, 3.0}},
		{`creditLimit GREATER_OR_EQUAL 1000 OR creditLimit LESS_OR_EQUAL 10`, nil, `(` + credit + ` >= ? OR ` + credit + ` <= ?)`, []any{1000.0, 10.0}},
		{`subsidiary ANY_OF [1, 007]`, nil, `json_extract(body, '$."subsidiary"') IN (?, ?)`, []any{"1", "7"}},
		{`subsidiary EQUAL_NOT -0`, nil, `(NOT coalesce(json_extract(body, '$."subsidiary"') = ?, 0))`, []any{"0"}},
		{`emailPreference IS Pdf`, nil, `ns_fold(json_extract(body, '$."emailPreference"')) = ?`, []any{"pdf"}},
		{`emailPreference ANY_OF [PDF, "", html]`, nil, `ns_fold(json_extract(body, '$."emailPreference"')) IN (?, ?)`, []any{"pdf", "html"}},
		{`emailPreference ANY_OF_NOT ""`, nil, `1`, nil},
		{`startDate BEFORE "3/8/2026"`, la, `(json_extract(body, '$."startDate"') > '' AND json_extract(body, '$."startDate"') < ?)`, []any{"2026-03-08"}},
		{`startDate ON_OR_AFTER "3/8/2026"`, la, `json_extract(body, '$."startDate"') >= ?`, []any{"2026-03-08"}},
		// 2026-03-08 is 23 hours long in Los Angeles (DST starts).
		{`lastModifiedDate ON "3/8/2026"`, la, `(` + modified + ` >= ? AND ` + modified + ` < ? AND length(` + modified + `) = 20)`, []any{"2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z"}},
		{`lastModifiedDate ON_OR_AFTER "3/8/2026"`, la, `(` + modified + ` >= ? AND length(` + modified + `) = 20)`, []any{"2026-03-08T08:00:00Z"}},
		{`lastModifiedDate AFTER "3/8/2026"`, la, `(` + modified + ` >= ? AND length(` + modified + `) = 20)`, []any{"2026-03-09T07:00:00Z"}},
		{`lastModifiedDate BEFORE "3/8/2026"`, la, `(` + modified + ` < ? AND length(` + modified + `) = 20)`, []any{"2026-03-08T08:00:00Z"}},
		{`lastModifiedDate ON_OR_BEFORE_NOT "3/8/2026"`, la, `(NOT coalesce((` + modified + ` < ? AND length(` + modified + `) = 20), 0))`, []any{"2026-03-09T07:00:00Z"}},
		// The end of the last day is past every stored datetime.
		{`lastModifiedDate ON_OR_BEFORE "12/31/9999"`, la, `(` + modified + ` < ? AND length(` + modified + `) = 20)`, []any{":"}},
		{`email IS a AND (id EQUAL 1 OR id EQUAL 2) AND isInactive IS true`, nil,
			`(ns_fold(` + email + `) = ? AND (id = ? OR id = ?) AND json_extract(body, '$."isInactive"') = 1)`, []any{"a", 1.0, 2.0}},
	}
	rt := recordType(t, "customer")
	for _, tt := range tests {
		f := mustCompile(t, tt.q, rt, Options{Location: tt.loc})
		expr, args := f.SQL(testColumn)
		if expr != tt.want {
			t.Errorf("%s: SQL =\n  %s\nwant\n  %s", tt.q, expr, tt.want)
		}
		if diff := cmp.Diff(tt.wargs, args); diff != "" {
			t.Errorf("%s: args mismatch (-want +got):\n%s", tt.q, diff)
		}
	}
}

// TestSQLIndexPlans checks that SQLite answers the hot cases from expression
// indexes of the form the store creates.
func TestSQLIndexPlans(t *testing.T) {
	t.Parallel()
	conn := openDB(t)
	ctx := context.Background()
	for _, ddl := range []string{
		`CREATE INDEX records_company ON records (type, ` + FoldFunc + `(` + JSONColumn("body", "companyName") + `))`,
		`CREATE INDEX records_modified ON records (type, ` + JSONColumn("body", "lastModifiedDate") + `)`,
		`CREATE INDEX records_start ON records (type, ` + JSONColumn("body", "startDate") + `)`,
	} {
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
	}
	rt := recordType(t, "customer")
	for i := range 50 {
		insert(t, conn, "customer", int64(i+1), map[string]any{
			"companyName":      fmt.Sprintf("Company %d", i),
			"lastModifiedDate": time.Date(2026, 3, 1+i%20, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
		})
	}
	la := mustLoad(t, "America/Los_Angeles")
	tests := []struct {
		q, plan string
	}{
		{`companyName IS "Company 7"`, "USING INDEX records_company (type=? AND <expr>=?)"},
		{`companyName START_WITH "company 1"`, "USING INDEX records_company (type=? AND <expr>>? AND <expr><?)"},
		{`lastModifiedDate ON_OR_AFTER "3/8/2026"`, "USING INDEX records_modified (type=? AND <expr>>?)"},
		{`lastModifiedDate ON "3/8/2026"`, "USING INDEX records_modified (type=? AND <expr>>? AND <expr><?)"},
		{`lastModifiedDate BEFORE "3/8/2026"`, "USING INDEX records_modified (type=? AND <expr><?)"},
		{`startDate ON "3/8/2026"`, "USING INDEX records_start (type=? AND <expr>=?)"},
	}
	for _, tt := range tests {
		f := mustCompile(t, tt.q, rt, Options{Location: la})
		expr, args := f.SQL(testColumn)
		rows, err := conn.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT id FROM records WHERE type = ? AND `+expr,
			append([]any{"customer"}, args...)...)
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if got := strings.Join(plan, "; "); !strings.Contains(got, tt.plan) {
			t.Errorf("%s: plan %q, want it to contain %q\n(SQL %s)", tt.q, got, tt.plan, expr)
		}
	}
}

func TestJSONColumn(t *testing.T) {
	t.Parallel()
	conn := openDB(t)
	ctx := context.Background()
	keys := []string{"companyName", `a"b`, `a\b`, `a\"b`, "it's", "a.b", "a[0]", "$", "*", "sp ace", "é", "😀",
		"tab\there", "nul\x00", "del\x7f", `"`, `\`, "'", "''", "-- x", "');DROP TABLE records;--"}
	body := map[string]any{}
	for i, k := range keys {
		body[k] = i
	}
	insert(t, conn, "t", 1, body)
	if got, want := JSONColumn("body", "companyName"), `json_extract(body, '$."companyName"')`; got != want {
		t.Errorf("JSONColumn = %s, want %s", got, want)
	}
	for i, k := range keys {
		var got sql.NullInt64
		col := JSONColumn("body", k)
		if err := conn.QueryRowContext(ctx, `SELECT `+col+` FROM records`).Scan(&got); err != nil {
			t.Errorf("%q: %s: %v", k, col, err)
			continue
		}
		if !got.Valid || got.Int64 != int64(i) {
			t.Errorf("%q: %s = %v, want %d", k, col, got, i)
		}
	}
}

func TestFoldFunc(t *testing.T) {
	t.Parallel()
	conn := openDB(t)
	ctx := context.Background()
	for _, s := range []string{"", "abc", "ÄRGER", "ÉCOLE", "Straße", "İstanbul", "ǅ", "\u212a", "ΣΑΣ", "A\x00B", "\uFFFD", "ẞ"} {
		var got string
		if err := conn.QueryRowContext(ctx, `SELECT `+FoldFunc+`(?)`, s).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := strings.ToLower(s); got != want {
			t.Errorf("%s(%q) = %q, want %q", FoldFunc, s, got, want)
		}
	}
	var typ string
	var null sql.NullString
	if err := conn.QueryRowContext(ctx,
		`SELECT typeof(`+FoldFunc+`(5)) || typeof(`+FoldFunc+`(1.5)) || typeof(`+FoldFunc+`(x'41')), `+FoldFunc+`(NULL)`).Scan(&typ, &null); err != nil {
		t.Fatal(err)
	}
	if typ != "integerrealblob" || null.Valid {
		t.Errorf("types %s, NULL -> %v; want integerrealblob and NULL", typ, null)
	}
	var blob []byte
	if err := conn.QueryRowContext(ctx, `SELECT `+FoldFunc+`(x'41ff')`).Scan(&blob); err != nil || string(blob) != "A\xff" {
		t.Errorf("blob -> %q, %v; want it unchanged", blob, err)
	}
}

// TestSQLNumbersReadBack checks what numberSQL relies on: a float64 written
// into a JSON body by encoding/json reads back through json_extract as a value
// equal to it, for magnitudes below 2^53 (beyond, encoding/json writes some as
// integers that are not the float64, such as 1253079200616370400 for
// 1.2530792006163704e+18, which SQLite reads exactly and Match rounds).
func TestSQLNumbersReadBack(t *testing.T) {
	t.Parallel()
	conn := openDB(t)
	rng := rand.New(rand.NewPCG(1, 2))
	stmt, err := conn.PrepareContext(context.Background(), `SELECT json_extract(?, '$.v') = ?`)
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	for i := range 20000 {
		var x float64
		switch i % 3 {
		case 0:
			x = math.Float64frombits(rng.Uint64())
		case 1:
			x = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-25))
		case 2:
			x = float64(rng.Int64N(1<<53)) / math.Pow(10, float64(rng.IntN(8)))
		}
		if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) >= 1<<53 {
			continue
		}
		raw, err := json.Marshal(map[string]any{"v": x})
		if err != nil {
			t.Fatal(err)
		}
		var eq bool
		if err := stmt.QueryRowContext(context.Background(), string(raw), x).Scan(&eq); err != nil {
			t.Fatal(err)
		}
		if !eq {
			t.Errorf("json_extract(%s) != %v", raw, x)
		}
	}
}

// Value pools for the differential tests: mixed case, non-ASCII (including
// runes whose lower case is longer, or not an inverse of upper case), LIKE
// wildcards, quotes, NUL, U+FFFD.
var strPool = []string{
	"", "Acme", "acme", "ACME Corp", "acme corp", "Ärger", "ärger", "ÄRGER", "École", "ÉCOLE", "école",
	"straße", "STRASSE", "Straße", "ẞ", "ǅemal", "ǆemal", "İstanbul", "istanbul", "ΣΊΣΥΦΟΣ", "σίσυφος",
	"\u212aelvin", "kelvin", "x\x00y", "X\x00Y", "a%b_c", "a%", "it's", `say "hi"`, `back\slash`,
	"😀 emoji", " spaced ", "ﬀ", "ff", "\uFFFD", "z", "ZZ", "Ab", "aB", "b",
}

var (
	numPool = []float64{0, math.Copysign(0, -1), 1, -1, 1.5, -2.25, 1000, 0.1, 0.2, 0.30000000000000004, 1e-7,
		123456789.125, 1e21, -1e21, 9007199254740992, 4.5e15, 42, -42, 10, 999.999}
	intPool = []float64{0, 1, -1, 5, 10, 42, -42, 1000, 9007199254740992, 123456789}
)

// baseDays are around the DST changes of Los Angeles (2026-03-08,
// 2026-11-01) and Sydney (2026-04-05, 2026-10-04), year ends, a leap day and
// the ends of the calendar.
var baseDays = []Day{
	{2026, 3, 8}, {2026, 11, 1}, {2026, 4, 5}, {2026, 10, 4}, {2025, 12, 31}, {2024, 2, 29},
	{1000, 1, 1}, {1, 1, 1}, {9999, 12, 31},
}

type diffGen struct {
	rng    *rand.Rand
	locs   []*time.Location
	fields []*catalog.Field
	nIDs   int
	floats []float64 // random fractions stored, for literals to hit
}

// float returns a random number below the records service's bound (1e15)
// with many significant digits, and remembers it.
func (g *diffGen) float() float64 {
	x := g.rng.NormFloat64() * math.Pow(10, float64(g.pick(24)-9))
	if math.Abs(x) >= 1e15 {
		x = math.Mod(x, 1e15)
	}
	g.floats = append(g.floats, x)
	return x
}

func (g *diffGen) pick(n int) int { return g.rng.IntN(n) }

func (g *diffGen) day() Day {
	d := baseDays[g.pick(len(baseDays))]
	t := time.Date(d.Year, d.Month, d.Day+g.pick(3)-1, 0, 0, 0, 0, time.UTC)
	if t.Year() < 1 || t.Year() > 9999 {
		return d
	}
	return DayOf(t)
}

// mixCase changes the case of some runes.
func (g *diffGen) mixCase(s string) string {
	if g.pick(3) > 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch g.pick(3) {
		case 0:
			r = unicode.ToUpper(r)
		case 1:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (g *diffGen) str() string {
	s := g.mixCase(strPool[g.pick(len(strPool))])
	if g.pick(5) == 0 {
		s += g.mixCase(strPool[g.pick(len(strPool))])
	}
	return s
}

// part is a piece of a pool string: a prefix, a suffix or a middle, so that
// CONTAIN, START_WITH and END_WITH find something.
func (g *diffGen) part() string {
	r := []rune(g.str())
	i := g.pick(len(r) + 1)
	j := i + g.pick(len(r)-i+1)
	switch g.pick(3) {
	case 0:
		i = 0
	case 1:
		j = len(r)
	}
	return string(r[i:j])
}

// storedValue returns a value as the store keeps field f, or (nil, false)
// for a missing key.
func (g *diffGen) storedValue(f *catalog.Field, class Class) (any, bool) {
	switch g.pick(10) {
	case 0:
		return nil, false
	case 1:
		return nil, true
	}
	switch class {
	case ClassString:
		return g.str(), true
	case ClassNumber:
		if f.Type == "integer" {
			return intPool[g.pick(len(intPool))], true
		}
		if g.pick(4) == 0 {
			return g.float(), true
		}
		return numPool[g.pick(len(numPool))], true
	case ClassBoolean:
		return g.pick(2) == 0, true
	case ClassReference:
		if g.pick(10) == 0 {
			return "", true
		}
		return strconv.Itoa(1 + g.pick(6)), true
	case ClassEnum:
		switch g.pick(6) {
		case 0:
			return "", true
		case 1:
			return g.str(), true
		}
		return f.Enum[g.pick(len(f.Enum))], true
	case ClassDate:
		if g.pick(20) == 0 {
			return "", true
		}
		if f.Kind == catalog.KindDate {
			return g.day().String(), true
		}
		return g.instant(), true
	}
	panic(class)
}

// instant returns a stored datetime near the bounds of a day in one of the
// zones, or one that Match cannot read (a year of five digits or below zero).
func (g *diffGen) instant() string {
	if g.pick(30) == 0 {
		return []string{"10000-01-01T04:00:00Z", "-0001-12-31T23:00:00Z", "10000-01-01T00:00:00Z"}[g.pick(3)]
	}
	start, end := g.day().Range(g.locs[g.pick(len(g.locs))])
	t := start
	if g.pick(2) == 0 {
		t = end
	}
	offsets := []time.Duration{0, 0, time.Second, -time.Second, time.Hour, -time.Hour, 12 * time.Hour, -25 * time.Hour}
	return t.Add(offsets[g.pick(len(offsets))]).UTC().Format(time.RFC3339)
}

// literal returns a `q` value for a field of class c, near the stored values.
func (g *diffGen) literal(class Class, field string, format DateFormat) string {
	switch class {
	case ClassString:
		switch g.pick(8) {
		case 0:
			return []string{"\xff", "a\xffb", ""}[g.pick(3)]
		case 1, 2, 3:
			return g.mixCase(g.part())
		}
		return g.str()
	case ClassNumber:
		if field == "id" {
			return strconv.Itoa(g.pick(g.nIDs+3) - 1)
		}
		switch g.pick(6) {
		case 0:
			return []string{"1e3", "-0", ".5", "+1", "1000.0", "2E2", "0.1", "-2.25", "1e+21", "9007199254740993"}[g.pick(10)]
		}
		x := numPool[g.pick(len(numPool))]
		if len(g.floats) > 0 && g.pick(4) == 0 {
			x = g.floats[g.pick(len(g.floats))]
		}
		if g.pick(4) == 0 {
			x += float64(g.pick(3) - 1)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case ClassBoolean:
		return []string{"true", "false", "TRUE", "False"}[g.pick(4)]
	case ClassReference:
		return []string{"0", "-1", "007", "1", "2", "3", "4", "5", "6", "7"}[g.pick(10)]
	case ClassEnum:
		if g.pick(4) == 0 {
			return []string{"", "zz", "ärger", "ÉCOLE"}[g.pick(4)]
		}
		if g.pick(3) == 0 {
			return g.str()
		}
		var f *catalog.Field
		for _, x := range g.fields {
			if x.Name == field {
				f = x
			}
		}
		return g.mixCase(f.Enum[g.pick(len(f.Enum))])
	case ClassDate:
		return format.Format(g.day())
	}
	panic(class)
}

func (g *diffGen) cond(format DateFormat) *Cond {
	f := g.fields[g.pick(len(g.fields))]
	class, _ := ClassOf(f)
	ops := OperatorsFor(class)
	c := &Cond{Field: f.Name, Op: ops[g.pick(len(ops))]}
	n := 0
	switch c.Op.Arity() {
	case ArityOne:
		n = 1
	case ArityTwo:
		n = 2
	case ArityMany:
		n = 1 + g.pick(3)
	}
	for range n {
		c.Values = append(c.Values, g.literal(class, f.Name, format))
	}
	return c
}

// expr returns a random expression; and says whether it is a term of an And
// (which holds no And), or of an Or.
func (g *diffGen) expr(depth int, parent string, format DateFormat) Expr {
	if depth == 0 || g.pick(2) == 0 {
		return g.cond(format)
	}
	terms := make([]Expr, 2+g.pick(2))
	kind := "and"
	if parent == "and" || (parent == "" && g.pick(2) == 0) {
		kind = "or"
	}
	for i := range terms {
		terms[i] = g.expr(depth-1, kind, format)
	}
	if kind == "and" {
		return &And{Terms: terms}
	}
	return &Or{Terms: terms}
}

// pickFields returns "id" and up to three filterable fields of each class
// (date and datetime apart), chosen with rng.
func pickFields(rng *rand.Rand, rt *catalog.RecordType) []*catalog.Field {
	buckets := map[string][]*catalog.Field{}
	var keys []string
	idField, _ := rt.Field("id")
	out := []*catalog.Field{idField}
	for _, name := range rt.Filterable {
		f, _ := rt.Field(name)
		class, ok := ClassOf(f)
		if !ok || name == "id" || (class == ClassEnum && len(f.Enum) == 0) {
			continue
		}
		k := fmt.Sprint(class, f.Kind)
		if _, seen := buckets[k]; !seen {
			keys = append(keys, k)
		}
		buckets[k] = append(buckets[k], f)
	}
	for _, k := range keys {
		b := buckets[k]
		rng.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		out = append(out, b[:min(3, len(b))]...)
	}
	return out
}

// TestSQLMatchesGo is the differential test: for random records stored as
// the emulator stores them and random filters over the customer and sales
// order types, SQL selects exactly the records Match accepts.
func TestSQLMatchesGo(t *testing.T) {
	t.Parallel()
	const (
		nRecords = 150
		nFilters = 2000
	)
	locs := []*time.Location{time.UTC, mustLoad(t, "America/Los_Angeles"), mustLoad(t, "Australia/Sydney")}
	formats := []DateFormat{FormatMDY, FormatISO, FormatDMonYYYY, FormatDDMMYYYYDot}
	for seed, typeName := range []string{"customer", "salesOrder"} {
		t.Run(typeName, func(t *testing.T) {
			t.Parallel()
			conn := openDB(t)
			rng := rand.New(rand.NewPCG(2026, uint64(seed)))
			rt := recordType(t, typeName)
			g := &diffGen{rng: rng, locs: locs, fields: pickFields(rng, rt), nIDs: nRecords}
			var recs []storedRecord
			for id := range int64(nRecords) {
				body := map[string]any{}
				for _, f := range g.fields {
					if f.Name == "id" {
						continue
					}
					class, _ := ClassOf(f)
					if v, ok := g.storedValue(f, class); ok {
						body[f.Name] = v
					}
				}
				recs = append(recs, insert(t, conn, typeName, id+1, body))
			}

			var partial int
			opsSeen := map[Operator]int{} // conditions alone with a partial result
			for i := range nFilters {
				format := formats[g.pick(len(formats))]
				opts := Options{DateFormat: format, Location: locs[g.pick(len(locs))]}
				e := g.expr(3, "", format)
				f, err := Compile(e, rt, opts)
				if err != nil {
					t.Fatalf("Compile(%s): %v", e, err)
				}
				want := goIDs(f, recs)
				if got := sqlIDs(t, conn, typeName, f); !slices.Equal(want, got) {
					expr, args := f.SQL(testColumn)
					t.Fatalf("#%d: %s (zone %s, format %s)\nSQL %s\nargs %#v\nids (-Match +SQL):\n%s\n%s",
						i, e, opts.Location, format, expr, args, cmp.Diff(want, got), describe(want, got, recs, f))
				}
				if len(want) > 0 && len(want) < len(recs) {
					partial++
					if c, ok := e.(*Cond); ok {
						opsSeen[c.Op]++
					}
				}
			}
			t.Logf("%d records, %d filters, %d with a result neither empty nor everything", nRecords, nFilters, partial)
			if partial < nFilters/3 {
				t.Errorf("only %d of %d filters select some but not all records", partial, nFilters)
			}
			for _, op := range Operators() {
				if opsSeen[op] == 0 {
					t.Errorf("operator %s never tested alone with a result neither empty nor everything", op)
				}
			}
		})
	}
}

// describe shows the records on which Match and SQL disagree.
func describe(want, got []int64, recs []storedRecord, f *Filter) string {
	var b strings.Builder
	for _, r := range recs {
		if slices.Contains(want, r.id) != slices.Contains(got, r.id) {
			raw, _ := json.Marshal(r.body)
			fmt.Fprintf(&b, "record %d (Match %v): %s\n", r.id, f.Match(r.rec), raw)
		}
	}
	return b.String()
}
