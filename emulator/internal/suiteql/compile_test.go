package suiteql

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/sqltest"
	_ "github.com/nsconnect/nsconnect/emulator/internal/suiteql/oracle"
)

// fakeSchema is a small Schema over plain SQLite tables raw_<name>.
type fakeSchema map[string]*Table

func (f fakeSchema) Table(name string) (*Table, bool) {
	t, ok := f[name]
	return t, ok
}

type fakeCol struct {
	name     string
	kind     Kind
	expr     string // SQL over the raw table's column of the same name
	display  Renderer
	compound Renderer
}

func fakeTable(name string, cols ...fakeCol) *Table {
	t := &Table{Name: name}
	exprs := map[string]string{}
	for _, c := range cols {
		t.Columns = append(t.Columns, Column{Name: c.name, Kind: c.kind, Display: c.display, Compound: c.compound})
		e := c.expr
		if e == "" {
			e = `"` + c.name + `"`
		}
		exprs[c.name] = e
	}
	t.Source = func(names []string) string {
		var parts []string
		for _, n := range names {
			parts = append(parts, exprs[n]+` AS "`+n+`"`)
		}
		return "SELECT " + strings.Join(parts, ", ") + " FROM raw_" + name
	}
	return t
}

func testSchema() fakeSchema {
	entityName := func(v string, _ func(string) string) string {
		return "(SELECT entityid FROM raw_entity WHERE id = " + v + ")"
	}
	return fakeSchema{
		"transaction": fakeTable("transaction",
			fakeCol{name: "id", kind: KindInteger},
			fakeCol{name: "tranid", kind: KindText},
			fakeCol{name: "type", kind: KindText, display: func(v string, _ func(string) string) string {
				return "CASE " + v + " WHEN 'SalesOrd' THEN 'Sales Order' WHEN 'CustInvc' THEN 'Invoice' END"
			}},
			fakeCol{name: "trandate", kind: KindDate, expr: "sq_date(trandate)"},
			fakeCol{name: "entity", kind: KindInteger, display: entityName},
			fakeCol{name: "status", kind: KindText, compound: func(v string, row func(string) string) string { return "(" + row("type") + " || ':' || " + v + ")" }},
			fakeCol{name: "foreigntotal", kind: KindFloat},
			fakeCol{name: "memo", kind: KindText},
		),
		"transactionline": fakeTable("transactionline",
			fakeCol{name: "transaction", kind: KindInteger},
			fakeCol{name: "id", kind: KindInteger},
			fakeCol{name: "item", kind: KindInteger},
			fakeCol{name: "quantity", kind: KindFloat},
			fakeCol{name: "mainline", kind: KindBool},
		),
		"customer": fakeTable("customer",
			fakeCol{name: "id", kind: KindInteger},
			fakeCol{name: "entityid", kind: KindText},
			fakeCol{name: "email", kind: KindText},
			fakeCol{name: "salesrep", kind: KindInteger},
			fakeCol{name: "datecreated", kind: KindDateTime, expr: "sq_datetime(datecreated, 'America/Los_Angeles')"},
		),
		"entity": fakeTable("entity",
			fakeCol{name: "id", kind: KindInteger},
			fakeCol{name: "entityid", kind: KindText},
			fakeCol{name: "type", kind: KindText},
		),
		"item": fakeTable("item",
			fakeCol{name: "id", kind: KindInteger},
			fakeCol{name: "itemid", kind: KindText},
			fakeCol{name: "itemtype", kind: KindText},
			fakeCol{name: "isinactive", kind: KindBool},
		),
	}
}

const testData = `
CREATE TABLE raw_transaction (id INTEGER, tranid TEXT, type TEXT, trandate TEXT, entity INTEGER, status TEXT, foreigntotal REAL, memo TEXT);
INSERT INTO raw_transaction VALUES
 (1, 'SO1', 'SalesOrd', '2024-01-05', 10, 'B', 100.5, 'first'),
 (2, 'SO2', 'SalesOrd', '2024-02-10', 11, 'A', 50, NULL),
 (3, 'INV1', 'CustInvc', '2024-03-15', 10, 'A', 75, 'Third'),
 (4, 'INV2', 'CustInvc', '2024-04-20', 12, 'B', NULL, 'third'),
 (5, 'SO3', 'SalesOrd', '2024-05-25', NULL, 'C', 20, NULL);
CREATE TABLE raw_transactionline ("transaction" INTEGER, id INTEGER, item INTEGER, quantity REAL, mainline TEXT);
INSERT INTO raw_transactionline VALUES
 (1, 0, NULL, 1, 'T'), (1, 1, 100, -2, 'F'), (1, 2, 101, -3, 'F'),
 (2, 0, NULL, 1, 'T'), (2, 1, 100, -5, 'F'),
 (3, 0, NULL, 1, 'T');
CREATE TABLE raw_customer (id INTEGER, entityid TEXT, email TEXT, salesrep INTEGER, datecreated TEXT);
INSERT INTO raw_customer VALUES
 (10, 'Acme', 'a@acme.com', 20, '2024-01-01T08:00:00Z'),
 (11, 'Beta', NULL, NULL, '2024-01-02T08:00:00Z'),
 (12, 'gamma', 'g@test.com', 21, '2024-01-03T08:00:00Z');
CREATE TABLE raw_entity (id INTEGER, entityid TEXT, type TEXT);
INSERT INTO raw_entity VALUES (10, 'Acme', 'CustJob'), (11, 'Beta', 'CustJob'), (12, 'gamma', 'CustJob'), (20, 'Rep One', 'Employee');
CREATE TABLE raw_item (id INTEGER, itemid TEXT, itemtype TEXT, isinactive TEXT);
INSERT INTO raw_item VALUES (100, 'Widget', 'InvtPart', 'F'), (101, 'Gadget', 'NonInvtPart', 'F'), (102, 'Old', 'InvtPart', 'T');
`

func testEnv() Env {
	loc, _ := time.LoadLocation("America/Los_Angeles")
	return Env{
		Schema:     testSchema(),
		Now:        time.Date(2024, 6, 1, 19, 0, 0, 0, time.UTC), // 12:00 in Los Angeles
		Location:   loc,
		DateFormat: filter.FormatMDY,
	}
}

func openDB(t testing.TB) *sql.DB {
	t.Helper()
	db := sqltest.Open(t)
	if _, err := db.Exec(testData); err != nil {
		t.Fatal(err)
	}
	return db
}

// run compiles q and runs it, giving its rows as strings (NULL for nil).
func run(t *testing.T, db *sql.DB, q string, params ...any) ([]Result, [][]string, error) {
	t.Helper()
	st, err := Compile(q, params, testEnv())
	if err != nil {
		return nil, nil, err
	}
	rows, err := db.Query(st.SQL, st.Args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: %v\nSQL: %s", err, st.SQL)
	}
	defer rows.Close()
	values, err := sqltest.Values(rows)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: %v\nSQL: %s", err, st.SQL)
	}
	var out [][]string
	for _, vals := range values {
		row := make([]string, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
				row[i] = "NULL"
			case []byte:
				row[i] = string(x)
			default:
				row[i] = fmt.Sprint(x)
			}
		}
		out = append(out, row)
	}
	return st.Columns, out, nil
}

func rowsOf(s string) [][]string {
	if s == "" {
		return nil
	}
	var out [][]string
	for _, r := range strings.Split(s, ";") {
		out = append(out, strings.Split(strings.TrimSpace(r), "|"))
	}
	return out
}

func TestRun(t *testing.T) {
	db := openDB(t)
	tests := []struct {
		name   string
		q      string
		params []any
		want   string // rows separated by ;, values by |
	}{
		{"select", "SELECT id, tranid FROM transaction WHERE id <= 2 ORDER BY id", nil, "1|SO1;2|SO2"},
		{"case-insensitive names", `SELECT T.ID, "TRANSACTION".TranId FROM Transaction T, "TRANSACTION" WHERE t.id = "TRANSACTION".id AND T. id = 3`, nil, "3|INV1"},
		{"inner join", "SELECT t.tranid, c.entityid FROM transaction t INNER JOIN customer c ON c.id = t.entity ORDER BY t.id", nil, "SO1|Acme;SO2|Beta;INV1|Acme;INV2|gamma"},
		{"bare join", "SELECT t.tranid FROM transaction t JOIN customer c ON c.id = t.entity WHERE c.entityid = 'Beta'", nil, "SO2"},
		{"left join", "SELECT t.tranid, c.entityid FROM transaction t LEFT OUTER JOIN customer c ON c.id = t.entity WHERE t.id >= 4 ORDER BY t.id", nil, "INV2|gamma;SO3|NULL"},
		{"using", "SELECT tl.id, t.tranid FROM transaction t JOIN transactionline tl ON tl.transaction = t.id WHERE t.id = 2 ORDER BY 1", nil, "0|SO2;1|SO2"},
		{"oracle outer join", "SELECT c.entityid, e.entityid FROM customer c, entity e WHERE c.salesrep = e.id(+) ORDER BY c.id", nil, "Acme|Rep One;Beta|NULL;gamma|NULL"},
		{"oracle outer join reordered", "SELECT c.entityid, e.entityid FROM entity e, customer c WHERE c.salesrep = e.id(+) AND e.type(+) = 'Employee' ORDER BY c.id", nil, "Acme|Rep One;Beta|NULL;gamma|NULL"},
		{"rownum limit before order", "SELECT id FROM transaction WHERE ROWNUM <= 2 ORDER BY id DESC", nil, "2;1"},
		{"rownum less than", "SELECT id FROM transaction WHERE rownum < 3 AND id > 1", nil, "2;3"},
		{"rownum = 1", "SELECT id FROM transaction WHERE ROWNUM = 1", nil, "1"},
		{"rownum > 1 selects nothing", "SELECT id FROM transaction WHERE ROWNUM > 1", nil, ""},
		{"rownum count", "SELECT COUNT(*) FROM transaction WHERE ROWNUM <= 3", nil, "3"},
		{"rownum select list", "SELECT ROWNUM AS rn, id FROM (SELECT id FROM transaction ORDER BY id DESC) WHERE id < 5", nil, "1|4;2|3;3|2;4|1"},
		{"nested paging", "SELECT * FROM (SELECT a.*, ROWNUM rnum FROM (SELECT id, tranid FROM transaction ORDER BY tranid) a WHERE ROWNUM <= 4) WHERE rnum > 2", nil, "1|SO1|3;2|SO2|4"},
		{"rownum star after column", "SELECT * FROM (SELECT ROWNUM AS rownumber, * FROM (SELECT id FROM transaction ORDER BY id DESC)) WHERE rownumber BETWEEN 2 AND 3", nil, "2|4;3|3"},
		{"top", "SELECT TOP 2 id FROM transaction ORDER BY id DESC", nil, "5;4"},
		{"fetch offset", "SELECT id FROM transaction ORDER BY id OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY", nil, "2;3"},
		{"fetch first", "SELECT id FROM transaction ORDER BY id FETCH FIRST 1 ROW ONLY", nil, "1"},
		{"nulls last ascending", "SELECT id FROM transaction ORDER BY memo, id", nil, "3;1;4;2;5"},
		{"nulls first descending", "SELECT id FROM transaction ORDER BY memo DESC, id", nil, "2;5;4;1;3"},
		{"nulls first explicit", "SELECT id FROM transaction ORDER BY entity NULLS FIRST, id", nil, "5;1;3;2;4"},
		{"division", "SELECT 5/2, 4/2 FROM DUAL", nil, "2.5|2"},
		{"decimal arithmetic", "SELECT CASE WHEN 0.1 + 0.2 = 0.3 THEN 'exact' ELSE 'binary' END, 1.1 * 3 FROM DUAL", nil, "exact|3.3"},
		{"concat", "SELECT 'a' || NULL || 'b', CONCAT(NULL, NULL), tranid || '-' || id FROM transaction WHERE id = 1", nil, "ab|NULL|SO1-1"},
		{"empty string is null", "SELECT COUNT(*) FROM transaction WHERE memo = '' OR memo IS NULL", nil, "2"},
		{"decode null", "SELECT id, DECODE(memo, NULL, 'none', 'first', 'one', 'other') FROM transaction ORDER BY id", nil, "1|one;2|none;3|other;4|other;5|none"},
		{"nvl nvl2 coalesce", "SELECT NVL(memo, 'x'), NVL2(memo, 'y', 'n'), COALESCE(NULL, memo, 'z') FROM transaction WHERE id = 2", nil, "x|n|z"},
		{"case", "SELECT CASE WHEN foreigntotal > 60 THEN 'big' ELSE 'small' END, CASE type WHEN 'SalesOrd' THEN 1 ELSE 0 END FROM transaction WHERE id = 1", nil, "big|1"},
		{"implicit date", "SELECT id FROM transaction WHERE trandate >= '2/10/2024' AND trandate < '4/20/2024' ORDER BY id", nil, "2;3"},
		{"implicit date between and in", "SELECT id FROM transaction WHERE trandate BETWEEN '1/1/2024' AND '2/10/2024' OR trandate IN ('5/25/2024') ORDER BY id", nil, "1;2;5"},
		{"implicit date bind", "SELECT id FROM transaction WHERE trandate = ?", []any{"3/15/2024"}, "3"},
		{"date arithmetic", "SELECT id FROM transaction WHERE trandate > DATE '2024-05-01' - 30", nil, "4;5"},
		{"sysdate", "SELECT COUNT(*) FROM transaction WHERE trandate >= SYSDATE - 30", nil, "1"},
		{"number against text", "SELECT id FROM transaction WHERE id IN ('2', '3') ORDER BY id", nil, "2;3"},
		{"bind number", "SELECT tranid FROM transaction WHERE id = ?", []any{float64(4)}, "INV2"},
		{"bind bool", "SELECT itemid FROM item WHERE isinactive = ?", []any{true}, "Old"},
		{"group by having", "SELECT entity, COUNT(*), SUM(foreigntotal) FROM transaction GROUP BY entity HAVING COUNT(*) > 1", nil, "10|2|175.5"},
		{"grouped expressions", "SELECT UPPER(type) || '!', COUNT(*), BUILTIN.DF(type) FROM transaction t GROUP BY UPPER(type) || '!', type ORDER BY 2",
			nil, "CUSTINVC!|2|Invoice;SALESORD!|3|Sales Order"},
		{"correlated column in a grouped subquery", "SELECT t.id, (SELECT COUNT(*) + t.id FROM transactionline l WHERE l.transaction = t.id) FROM transaction t WHERE t.id = 1", nil, "1|4"},
		{"count distinct", "SELECT COUNT(DISTINCT type), COUNT(memo), AVG(foreigntotal) FROM transaction", nil, "2|3|61.375"},
		{"listagg", "SELECT type, LISTAGG(tranid, ',') WITHIN GROUP (ORDER BY tranid DESC) FROM transaction GROUP BY type ORDER BY type", nil, "CustInvc|INV2,INV1;SalesOrd|SO3,SO2,SO1"},
		{"union", "SELECT id FROM customer UNION SELECT entity FROM transaction WHERE entity IS NOT NULL ORDER BY 1", nil, "10;11;12"},
		{"union all", "SELECT 1 FROM DUAL UNION ALL SELECT 1 FROM DUAL", nil, "1;1"},
		{"minus", "SELECT id FROM entity MINUS SELECT id FROM customer", nil, "20"},
		{"intersect", "(SELECT id FROM entity) INTERSECT (SELECT salesrep FROM customer) ORDER BY id", nil, "20"},
		{"cte", "WITH big AS (SELECT id, foreigntotal FROM transaction WHERE foreigntotal > 50) SELECT COUNT(*) FROM big", nil, "2"},
		{"correlated subquery", "SELECT c.entityid, (SELECT COUNT(*) FROM transaction t WHERE t.entity = c.id) AS n FROM customer c ORDER BY c.id", nil, "Acme|2;Beta|1;gamma|1"},
		{"exists", "SELECT entityid FROM customer c WHERE EXISTS (SELECT 1 FROM transaction t WHERE t.entity = c.id AND t.type = 'CustInvc') ORDER BY 1", nil, "Acme;gamma"},
		{"in subquery", "SELECT itemid FROM item WHERE id IN (SELECT item FROM transactionline) ORDER BY itemid", nil, "Gadget;Widget"},
		{"not in", "SELECT itemid FROM item WHERE id NOT IN (100, 101)", nil, "Old"},
		{"any all", "SELECT id FROM transaction WHERE foreigntotal > ALL (SELECT foreigntotal FROM transaction WHERE type = 'CustInvc' AND foreigntotal IS NOT NULL) ORDER BY id", nil, "1"},
		{"derived table no alias", "SELECT COUNT(*) FROM (SELECT id FROM transaction WHERE type = 'SalesOrd')", nil, "3"},
		{"builtin df cf", "SELECT BUILTIN.DF(type), BUILTIN.DF(entity), BUILTIN.CF(status), BUILTIN.DF(tranid) FROM transaction WHERE id = 1", nil, "Sales Order|Acme|SalesOrd:B|SO1"},
		{"df through derived table", "SELECT BUILTIN.DF(x.entity) FROM (SELECT entity FROM transaction WHERE id = 2) x", nil, "Beta"},
		{"builtin result", "SELECT BUILTIN_RESULT.TYPE_STRING(id) FROM transaction WHERE id = 1", nil, "1"},
		{"greatest least", "SELECT GREATEST(1, 5, 3), LEAST(4, 2) FROM DUAL", nil, "5|2"},
		{"window", "SELECT id, ROW_NUMBER() OVER (PARTITION BY type ORDER BY id DESC) FROM transaction ORDER BY id", nil, "1|3;2|2;3|2;4|1;5|1"},
		{"keyword-like aliases", "SELECT id AS type, tranid date, memo if FROM transaction WHERE id = 1", nil, "1|SO1|first"},
		{"trailing semicolon and comments", "SELECT /* c */ id -- x\nFROM transaction WHERE id = 1;", nil, "1"},
		{"quoted alias order by", `SELECT id AS "MyId" FROM transaction WHERE id < 3 ORDER BY myid DESC`, nil, "2;1"},
		{"star and expr", "SELECT *, id * 2 AS dbl FROM entity WHERE id = 20", nil, "20|Rep One|Employee|40"},
		{"t star", "SELECT c.*, e.type FROM customer c JOIN entity e ON e.id = c.id WHERE c.id = 11", nil, "11|Beta|NULL|NULL|" + "19724" + "|CustJob"},
		{"extract", "SELECT EXTRACT(MONTH FROM trandate) FROM transaction WHERE id = 3", nil, "3"},
		{"to_char text compared with number", "SELECT COUNT(*) FROM transaction WHERE TO_CHAR(id) >= 2", nil, "4"},
		{"unary minus", "SELECT -quantity FROM transactionline WHERE transaction = 1 AND id = 1", nil, "2"},
		{"cross join", "SELECT COUNT(*) FROM item CROSS JOIN entity", nil, "12"},
		{"full join", "SELECT COUNT(*) FROM customer c FULL OUTER JOIN entity e ON e.id = c.id", nil, "4"},
		{"rollup", "SELECT type, COUNT(*) AS n, SUM(id) FROM transaction GROUP BY ROLLUP(type) ORDER BY type", nil, "CustInvc|2|7;SalesOrd|3|8;NULL|5|15"},
		{"rollup df", "SELECT BUILTIN.DF(type) AS t, COUNT(*) FROM transaction GROUP BY ROLLUP(BUILTIN.DF(type)) ORDER BY 1 DESC", nil, "NULL|5;Sales Order|3;Invoice|2"},
		{"like is case-sensitive", "SELECT id FROM transaction WHERE memo LIKE 't%' ORDER BY id", nil, "4"},
		{"not like escape", "SELECT COUNT(*) FROM transaction WHERE tranid NOT LIKE 'S!_%' ESCAPE '!'", nil, "5"},
		{"parenthesised join", "SELECT COUNT(*) FROM transaction t INNER JOIN (customer c INNER JOIN entity e ON e.id = c.id) ON c.id = t.entity", nil, "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, err := run(t, db, tt.q, tt.params...)
			if err != nil {
				if strings.Contains(err.Error(), "no such function: sq_") {
					t.Skipf("needs a function of package oracle not yet registered: %v", err)
				}
				t.Fatal(err)
			}
			if diff := cmp.Diff(rowsOf(tt.want), got); diff != "" {
				t.Errorf("%s\n(-want +got)\n%s", tt.q, diff)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	st, err := Compile(`SELECT id AS myID, tranid, COUNT(*) OVER (), trandate, 1/2 AS half, BUILTIN.DF(entity) e, ROWNUM, foreigntotal + 1 FROM transaction`, nil, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{"myid", KindInteger}, {"tranid", KindText}, {"expr1", KindInteger}, {"trandate", KindDate},
		{"half", KindFloat}, {"e", KindText}, {"rownum", KindInteger}, {"expr2", KindFloat},
	}
	if diff := cmp.Diff(want, st.Columns); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		q      string
		params []any
		code   ErrorCode
		msg    string // substring of the message
		pos    int    // -2: any
	}{
		{"SELECT id FROM location", nil, ErrUnknownTable, "Invalid search type: location.", 15},
		{"SELECT bundleable FROM item", nil, ErrUnknownColumn, "Search error occurred: Unknown identifier 'bundleable'. Available identifiers are: {item=item}.", 7},
		{"SELECT i.bundleable FROM item i, entity e", nil, ErrUnknownColumn, "Unknown identifier 'bundleable'. Available identifiers are: {i=item, e=entity}.", 7},
		{"SELECT x.id FROM item i", nil, ErrUnknownColumn, "Unknown identifier 'x.id'", 7},
		{"SELECT id FROM item, entity", nil, ErrUnknownColumn, "ambiguous", 7},
		{"SELECT type, id FROM transaction GROUP BY type", nil, ErrSyntax, "ORA-00979: not a GROUP BY expression: id", 13},
		{"SELECT type, COUNT(*) FROM transaction", nil, ErrSyntax, "ORA-00937", 7},
		{"SELECT type FROM transaction GROUP BY type HAVING id > 5", nil, ErrSyntax, "ORA-00979", 50},
		{"SELECT * FROM transaction GROUP BY type", nil, ErrSyntax, "ORA-00979", -2},
		{"SELECT CHARINDEX('a', itemid) FROM item", nil, ErrUnknownFunction, "CHARINDEX", 7},
		{"SELECT LEFT(itemid, 2) FROM item", nil, ErrSyntax, "", -2},
		{"SELECT SUBSTRING(itemid, 1, 2) FROM item", nil, ErrUnknownFunction, "SUBSTRING", 7},
		{"SELECT DATEDIFF(day, 1, 2) FROM item", nil, ErrUnknownFunction, "", 7},
		{"SELECT load_extension('x') FROM item", nil, ErrUnknownFunction, "LOAD_EXTENSION", 7},
		{"SELECT randomblob(10) FROM item", nil, ErrUnknownFunction, "", 7},
		{"SELECT sqlite_version() FROM DUAL", nil, ErrUnknownFunction, "", 7},
		{"SELECT * FROM sqlite_master", nil, ErrUnknownTable, "sqlite_master", 14},
		{"SELECT * FROM raw_item", nil, ErrUnknownTable, "", 14},
		{"PRAGMA table_info(item)", nil, ErrNotSelect, "", 0},
		{"ATTACH DATABASE 'x' AS y", nil, ErrNotSelect, "", 0},
		{"DELETE FROM item", nil, ErrNotSelect, "", 0},
		{"insert into item values (1)", nil, ErrNotSelect, "", 0},
		{"SELECT 1 FROM DUAL; DROP TABLE item", nil, ErrNotSelect, "", 20},
		{"SELECT id FROM item WHERE", nil, ErrSyntax, "position 25", 25},
		{"SELECT id, FROM item", nil, ErrSyntax, "position 11", 11},
		{"SELECT [id] FROM item", nil, ErrSyntax, "square brackets", 7},
		{"SELECT 'abc FROM item", nil, ErrSyntax, "unterminated", 7},
		{"SELECT id FROM item WHERE id = ?", nil, ErrParams, "", -1},
		{"SELECT id FROM item", []any{"x"}, ErrParams, "", -1},
		{"SELECT a1.id FROM item a1, item a2 WHERE a1.id (+) = a2.id", nil, ErrUnsupported, "right outer join", -2},
		{"SELECT a1.id FROM item a1 JOIN item a2 ON a1.id = a2.id, entity e WHERE e.id = a1.id(+)", nil, ErrUnsupported, "mixed", -2},
		{"SELECT id FROM item WHERE COUNT(*) > 1", nil, ErrSyntax, "aggregate", -2},
		{"SELECT id FROM item WHERE ROWNUM <= 2 OR id = 1", nil, ErrUnsupported, "ROWNUM", -2},
		{"SELECT (SELECT id, itemid FROM item) FROM DUAL", nil, ErrSyntax, "one column", -2},
		{"SELECT id FROM item UNION SELECT id, itemid FROM item", nil, ErrSyntax, "numbers of columns", -2},
		{"SELECT " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + " FROM DUAL", nil, ErrTooComplex, "", -2},
		{"SELECT 1" + strings.Repeat(" + 1", 1000) + " FROM DUAL", nil, ErrTooComplex, "", -2},
		{"SELECT BUILTIN.NOPE(id) FROM item", nil, ErrUnknownFunction, "", 7},
		{"SELECT id FROM item ORDER BY 3", nil, ErrSyntax, "out of range", -2},
	}
	for _, tt := range tests {
		_, err := Compile(tt.q, tt.params, testEnv())
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: got %v, want an *Error", tt.q, err)
			continue
		}
		if e.Code != tt.code && !(tt.code == ErrSyntax && tt.msg == "") {
			t.Errorf("%q: code %d, want %d (%s)", tt.q, e.Code, tt.code, e.Message)
		}
		if !strings.Contains(e.Message, tt.msg) && !strings.Contains(strings.ToLower(e.Message), strings.ToLower(tt.msg)) {
			t.Errorf("%q: message %q, want it to contain %q", tt.q, e.Message, tt.msg)
		}
		if tt.pos != -2 && e.Pos != tt.pos {
			t.Errorf("%q: pos %d, want %d (%s)", tt.q, e.Pos, tt.pos, e.Message)
		}
	}
}
