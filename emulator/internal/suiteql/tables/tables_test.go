package tables_test

import (
	"testing"
)

// Every column of every table can be selected, alone and all together.
func TestEveryColumnSelects(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	seedDemo(e)
	for _, name := range e.schema.Tables() {
		tb := e.table(name)
		var all []string
		for _, c := range tb.Columns {
			all = append(all, c.Name)
			if c.Display != nil {
				all = append(all, "DF("+c.Name+")")
			}
			if c.Compound != nil {
				all = append(all, "CF("+c.Name+")")
			}
		}
		e.query(name, all, "")
		e.rows("SELECT count(*) FROM (" + tb.Source(nil) + ")")
	}
}
