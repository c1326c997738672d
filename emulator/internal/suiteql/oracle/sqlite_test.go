package oracle

import (
	"errors"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator/internal/sqltest"
)

// TestThroughSQLite runs every registered function in SQLite, so that
// registration, arities and NULL handling are proven.
func TestThroughSQLite(t *testing.T) {
	t.Parallel()
	db := sqltest.Open(t)
	d := "20152.0" // 2025-03-05
	tests := []struct {
		expr string
		want any
	}{
		{"sq_date('2025-03-05')", 20152.0},
		{"sq_datetime('2024-03-10T09:30:00Z', 'America/Los_Angeles')", day(2024, 3, 10, 1, 30, 0)},
		{"sq_to_char_date(" + d + ", 'YYYY-MM-DD Dy')", "2025-03-05 Wed"},
		{"sq_to_char_date(NULL, 'YYYY')", nil},
		{"sq_to_char_date(" + d + ", NULL)", nil},
		{"sq_to_date('2025-03-05', 'YYYY-MM-DD')", 20152.0},
		{"sq_to_date('24', 'YY', " + d + ")", day(2024, 3, 1, 0, 0, 0)},
		{"sq_to_date(NULL, 'YYYY-MM-DD')", nil},
		{"sq_to_timestamp('2024-01-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')", day(2024, 1, 1, 0, 0, 0)},
		{"sq_implicit_date('3/5/2025', 'M/D/YYYY')", 20152.0},
		{"sq_add_months(" + d + ", 1)", day(2025, 4, 5, 0, 0, 0)},
		{"sq_add_months(NULL, 1)", nil},
		{"sq_last_day(" + d + ")", day(2025, 3, 31, 0, 0, 0)},
		{"sq_months_between(sq_date('2025-05-05'), " + d + ")", int64(2)},
		{"sq_next_day(" + d + ", 'FRIDAY')", day(2025, 3, 7, 0, 0, 0)},
		{"sq_trunc_date(" + d + " + 0.7)", 20152.0},
		{"sq_trunc_date(" + d + ", 'MM')", day(2025, 3, 1, 0, 0, 0)},
		{"sq_round_date(" + d + " + 0.7)", 20153.0},
		{"sq_round_date(" + d + ", 'YYYY')", day(2025, 1, 1, 0, 0, 0)},
		{"sq_sys_extract_utc(" + d + ", 'UTC')", 20152.0},
		{"sq_tz_offset('America/Los_Angeles', 1700000000)", "-08:00"},
		{"sq_relative_range('TM', 'START', " + d + ")", day(2025, 3, 1, 0, 0, 0)},
		{"sq_relative_range('TM', 'END', " + d + ")", day(2025, 3, 31, 23, 59, 59)},
		{"sq_to_char_num(0.5)", ".5"},
		{"sq_to_char_num(-0.25)", "-.25"},
		{"sq_to_char_num(10)", "10"},
		{"sq_to_char_num(1234.5, '9,999.00')", " 1,234.50"},
		{"sq_to_char_num(NULL)", nil},
		{"sq_to_number('12.50')", 12.5},
		{"sq_to_number('12')", int64(12)},
		{"sq_to_number('1,234.5', '9,999.9')", 1234.5},
		{"sq_to_number(NULL)", nil},
		{"sq_round_num(2.675, 2)", 2.68},
		{"sq_round_num(-2.5)", int64(-3)},
		{"sq_round_num(1250, -2)", int64(1300)},
		{"sq_round_num(7)", int64(7)},
		{"sq_trunc_num(15.79, 1)", 15.7},
		{"sq_trunc_num(-15.79)", int64(-15)},
		{"sq_trunc_num(15.79, -1)", int64(10)},
		{"sq_mod(11, 4)", int64(3)},
		{"sq_mod(-11, 4)", int64(-3)},
		{"sq_mod(11, 0)", int64(11)},
		{"sq_remainder(11, 4)", int64(-1)},
		{"sq_sign(-4.2)", int64(-1)},
		{"sq_ceil(15.2)", int64(16)},
		{"sq_floor(-15.2)", int64(-16)},
		{"sq_power(3, 2)", int64(9)},
		{"sq_sqrt(26)", 5.0990195135927845},
		{"sq_exp(0)", 1.0},
		{"sq_ln(1)", 0.0},
		{"sq_log(10, 100)", int64(2)},
		{"sq_sin(0)", 0.0},
		{"sq_cos(0)", 1.0},
		{"sq_tan(0)", 0.0},
		{"sq_asin(1)", 1.5707963267948966},
		{"sq_acos(1)", 0.0},
		{"sq_atan(0)", 0.0},
		{"sq_atan2(1, 1)", 0.7853981633974483},
		{"sq_sinh(0)", 0.0},
		{"sq_cosh(0)", 1.0},
		{"sq_tanh(0)", 0.0},
		{"sq_bitand(6, 3)", int64(2)},
		{"sq_bitand(NULL, 3)", nil},
		{"sq_instr('CORPORATE FLOOR', 'OR', 3, 2)", int64(14)}, // Oracle's example
		{"sq_instr('CORPORATE FLOOR', 'OR', -3, 2)", int64(2)}, // Oracle's example
		{"sq_instr('abc', 'z')", int64(0)},
		{"sq_substr('ABCDEFG', 3, 4)", "CDEF"},  // Oracle's example
		{"sq_substr('ABCDEFG', -5, 4)", "CDEF"}, // Oracle's example
		{"sq_substr('ABCDEFG', 0, 2)", "AB"},
		{"sq_substr('ABCDEFG', 2, 0)", nil},
		{"sq_substr('ABCDEFG', 9)", nil},
		{"sq_substr('héllo', 2, 3)", "éll"},
		{"sq_lpad('Page 1', 15, '*.')", "*.*.*.*.*Page 1"}, // Oracle's example
		{"sq_rpad('MORRISON', 12, 'ab')", "MORRISONabab"},  // Oracle's example
		{"sq_lpad('abc', 2)", "ab"},
		{"sq_lpad('abc', 5)", "  abc"},
		{"sq_initcap('the soap')", "The Soap"}, // Oracle's example
		{"sq_initcap('o''NEIL-smith x1y')", "O'Neil-Smith X1y"},
		{"sq_translate('SQL*Plus User''s Guide', ' */''', '___')", "SQL_Plus_Users_Guide"}, // Oracle's example
		{"sq_ltrim('<=====>BROWNING<=====>', '<>=')", "BROWNING<=====>"},                   // Oracle's example
		{"sq_rtrim('<=====>BROWNING<=====>', '<>=')", "<=====>BROWNING"},                   // Oracle's example
		{"sq_ltrim('   x ')", "x "},
		{"sq_ltrim('xxx', 'x')", nil},
		{"sq_chr(10)", "\n"},
		{"sq_ascii('A')", int64(65)},
		{"sq_ascii('é')", int64(0xC3A9)},
		{"sq_like('WH-100', 'WH-%')", int64(1)},
		{"sq_like('wh-100', 'WH-%')", int64(0)},
		{"sq_like('a_b', 'a\\_b', '\\')", int64(1)},
		{"sq_like('axb', 'a\\_b', '\\')", int64(0)},
		{"sq_like('axb', 'a_b')", int64(1)},
		{"sq_like('a\nb', 'a%')", int64(1)},
		{"sq_like(NULL, 'a%')", nil},
		{"sq_regexp_like('Steven', '^Ste(v|ph)en$')", int64(1)}, // Oracle's example
		{"sq_regexp_like('STEVEN', '^ste(v|ph)en$', 'i')", int64(1)},
		{"sq_regexp_like('abc1', '[[:digit:]]$')", int64(1)},
		{"sq_regexp_like('a\nb', 'a.b')", int64(0)},
		{"sq_regexp_like('a\nb', 'a.b', 'n')", int64(1)},
		{"sq_regexp_like('x\nab', '^ab', 'm')", int64(1)},
		{"sq_regexp_like('abc', 'a b c', 'x')", int64(1)},
		{"sq_regexp_count('123123123123', '123', 3, 'i')", int64(3)},                            // Oracle's example
		{"sq_regexp_instr('500 Oracle Parkway, Redwood Shores, CA', '[^ ]+', 1, 6)", int64(37)}, // Oracle's example
		{"sq_regexp_instr('500 Oracle Parkway', '[s|r|p][[:alpha:]]{6}', 3, 1, 1, 'i')", int64(19)},
		{"sq_regexp_substr('500 Oracle Parkway, Redwood Shores, CA', ',[^,]+,')", ", Redwood Shores,"}, // Oracle's example
		{"sq_regexp_substr('1234567890', '(123)(4(56)(78))', 1, 1, 'i', 4)", "78"},                     // Oracle's example
		{"sq_regexp_substr('abc', 'z')", nil},
		{"sq_regexp_replace('500   Oracle     Parkway,    Redwood  Shores, CA', '( ){2,}', ' ')", "500 Oracle Parkway, Redwood Shores, CA"}, // Oracle's example
		{"sq_regexp_replace('555.123.4567', '([[:digit:]]{3})\\.([[:digit:]]{3})\\.([[:digit:]]{4})', '(\\1) \\2-\\3')", "(555) 123-4567"},  // Oracle's example
		{"sq_regexp_replace('aaa', 'a', 'b', 1, 2)", "aba"},
		{"sq_regexp_replace('aaa', 'a')", nil},
		{"sq_regexp_replace('a$b', '\\$', '$')", "a$b"},
	}
	for _, tt := range tests {
		var got any
		if err := db.QueryRow("SELECT " + tt.expr).Scan(&got); err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		if f, ok := tt.want.(float64); ok {
			if g, ok := got.(float64); ok && (g == f || (g-f < 1e-9 && f-g < 1e-9)) {
				continue
			}
		}
		if got != tt.want {
			t.Errorf("%s = %#v; want %#v", tt.expr, got, tt.want)
		}
	}
}

func TestThroughSQLiteErrors(t *testing.T) {
	t.Parallel()
	db := sqltest.Open(t)
	tests := []struct{ expr, want string }{
		{"sq_to_date('2024-13-01', 'YYYY-MM-DD')", "ORA-01843"},
		{"sq_to_number('abc')", "ORA-01722: invalid number"},
		{"sq_substr('abc')", "sq_substr: 1 arguments given; expected SUBSTR(string, position[, length])"},
		{"sq_instr('a', 'b', 1, 1, 1)", "expected INSTR(string, substring[, position[, occurrence]])"},
		{"sq_relative_range('XYZ', 'START', 0)", `unknown date range "XYZ"`},
		{"sq_relative_range('TM', 'MIDDLE', 0)", `range type "MIDDLE"`},
		{"sq_like('a', 'a\\', '\\')", "ORA-01424"},
		{"sq_sqrt(-1)", "ORA-01428"},
		{"sq_lpad('x', 1000000000)", "ORA-01489"}, // no gigabyte allocated for it
		{"sq_rpad('x', 32768)", "ORA-01489"},
		{"sq_rpad('x', 20000, 'éé')", "ORA-01489"}, // 32,767 bytes, not characters
		{"sq_regexp_replace(sq_rpad('a', 30000, 'a'), 'a', 'bbb')", "ORA-01489"},
		{"sq_regexp_like('a', '(a')", "ORA-12725"},
		{"sq_tz_offset('Nowhere/City', 0)", "ORA-01882"},
		{"sq_implicit_date('2025-03-05', 'M/D/YYYY')", `Unparseable date: "2025-03-05"`},
	}
	for _, tt := range tests {
		var got any
		err := db.QueryRow("SELECT " + tt.expr).Scan(&got)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.expr, err, tt.want)
		}
	}
}

func TestAggregates(t *testing.T) {
	t.Parallel()
	db := sqltest.Open(t)
	if _, err := db.Exec(`CREATE TABLE t(g INTEGER, x REAL);
		INSERT INTO t VALUES (1, 1), (1, 2), (1, 3), (1, 4), (1, NULL), (2, 5), (3, NULL)`); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT g, sq_median(x), sq_variance(x), sq_stddev(x) FROM t GROUP BY g ORDER BY g`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type row struct{ med, v, sd any }
	want := []row{{2.5, 1.6666666666666667, 1.2909944487358056}, {int64(5), int64(0), 0.0}, {nil, nil, nil}}
	i := 0
	for rows.Next() {
		var g int
		var r row
		if err := rows.Scan(&g, &r.med, &r.v, &r.sd); err != nil {
			t.Fatal(err)
		}
		if r != want[i] {
			t.Errorf("group %d = %#v; want %#v", g, r, want[i])
		}
		i++
	}
	// As a window function.
	var med any
	if err := db.QueryRow(`SELECT sq_median(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t WHERE x = 4`).Scan(&med); err != nil || med != int64(4) {
		t.Errorf("window median = %v, %v", med, err)
	}
}

func TestQueryError(t *testing.T) {
	for _, tc := range []struct {
		err  string
		want string
		ok   bool
	}{
		{"ORA-01722: invalid number (1)", "ORA-01722: invalid number", true},
		{`Unparseable date: "13/45/2024" (the account's date format is M/D/YYYY) (1)`, `Unparseable date: "13/45/2024" (the account's date format is M/D/YYYY)`, true},
		{`BUILTIN.RELATIVE_RANGES: unknown date range "XX" (1)`, `BUILTIN.RELATIVE_RANGES: unknown date range "XX"`, true},
		{"no such column: t1.x (1)", "", false},
	} {
		got, ok := QueryError(errors.New(tc.err))
		if got != tc.want || ok != tc.ok {
			t.Errorf("QueryError(%q) = %q, %v; want %q, %v", tc.err, got, ok, tc.want, tc.ok)
		}
	}
}
