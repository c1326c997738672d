package tables

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// quote returns s as an SQLite string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// jsonPath returns the JSON path of a top-level member as an SQLite string
// literal ('$."name"', quoted so that any name works).
func jsonPath(name string) string {
	p := filter.JSONColumn("", name) // json_extract(, '$."name"')
	return p[len("json_extract(, ") : len(p)-1]
}

// field returns the SQLite expression reading member name of the JSON in
// doc ("r.body", "l.value").
func field(doc, name string) string { return filter.JSONColumn(doc, name) }

// text is a text member: NULL when absent or empty (Oracle's ” is NULL).
func text(doc, name string) string { return "nullif(" + field(doc, name) + ", '')" }

// flag is a boolean member as 'T' or 'F' (absent is 'F').
func flag(doc, name string) string {
	return "CASE " + field(doc, name) + " WHEN 1 THEN 'T' ELSE 'F' END"
}

// ref is a reference member (an id string) as an INTEGER.
func ref(doc, name string) string { return "CAST(" + field(doc, name) + " AS INTEGER)" }

// date and dateTime are date and datetime members as days.
func date(doc, name string) string { return "sq_date(" + field(doc, name) + ")" }

func (b *builder) dateTime(expr string) string {
	return "sq_datetime(" + expr + ", " + quote(b.zone) + ")"
}

// caseOf returns CASE expr WHEN k THEN v ... ELSE otherwise END over the
// sorted keys of m; otherwise may be "" (NULL).
func caseOf(expr string, m map[string]string, otherwise string) string {
	if len(m) == 0 {
		if otherwise == "" {
			return "NULL"
		}
		return otherwise
	}
	keys := slices.Sorted(maps.Keys(m))
	var sb strings.Builder
	sb.WriteString("CASE ")
	sb.WriteString(expr)
	for _, k := range keys {
		sb.WriteString(" WHEN ")
		sb.WriteString(quote(k))
		sb.WriteString(" THEN ")
		sb.WriteString(quote(m[k]))
	}
	if otherwise != "" {
		sb.WriteString(" ELSE ")
		sb.WriteString(otherwise)
	}
	sb.WriteString(" END")
	return sb.String()
}

// labelDisplay returns a DF that maps values to labels, and shows a value
// without one as itself (as the record API shows an enum id without a known
// label).
func labelDisplay(labels map[string]string) func(string) string {
	return func(v string) string {
		t := "CAST(" + v + " AS TEXT)"
		return caseOf(t, labels, t)
	}
}

// enumLabels returns the labels of an enum field by id.
func enumLabels(f *catalog.Field) map[string]string {
	m := make(map[string]string, len(f.EnumLabels))
	for id, l := range f.EnumLabels {
		m[id] = l.Label
	}
	return m
}

// yesNo is BUILTIN.DF of a flag.
//
// Assumption: DF shows a checkbox as Yes or No, as NetSuite's saved
// searches and workbooks show checkbox columns.
func yesNo(v string) string { return "CASE " + v + " WHEN 'T' THEN 'Yes' WHEN 'F' THEN 'No' END" }

// numericIDs reports whether every id of an enum is a number.
func numericIDs(ids []string) bool {
	for _, id := range ids {
		if _, err := strconv.Atoi(id); err != nil {
			return false
		}
	}
	return len(ids) > 0
}

// bodyColumn returns the column of field f of the JSON object doc
// ("r.body", a line "l.value"), named name; nil for a field SuiteQL has no
// column for (sublists, subrecords, links, untyped values).
func (b *builder) bodyColumn(doc, name string, f *catalog.Field) *column {
	c := &column{name: name}
	switch f.Kind {
	case catalog.KindScalar:
		switch f.Type {
		case "boolean":
			c.kind, c.expr = suiteql.KindBool, flag(doc, f.Name)
		case "integer":
			c.kind, c.expr = suiteql.KindInteger, field(doc, f.Name)
		case "number":
			c.kind, c.expr = suiteql.KindFloat, field(doc, f.Name)
		default:
			c.kind, c.expr = suiteql.KindText, text(doc, f.Name)
		}
	case catalog.KindDate:
		c.kind, c.expr = suiteql.KindDate, date(doc, f.Name)
	case catalog.KindDateTime:
		c.kind, c.expr = suiteql.KindDateTime, b.dateTime(field(doc, f.Name))
	case catalog.KindReference:
		c.kind, c.expr, c.ref = suiteql.KindInteger, ref(doc, f.Name), f.Target
		if c.ref == "" {
			c.plain = true
		}
	case catalog.KindEnum:
		c.kind, c.expr = suiteql.KindText, text(doc, f.Name)
		if numericIDs(f.Enum) {
			c.kind, c.expr = suiteql.KindInteger, ref(doc, f.Name)
		}
		c.display = labelDisplay(enumLabels(f))
	case catalog.KindMultiSelect:
		// A multi-select is its ids joined by ", ", as the netsuite2 seeds
		// of fivetran/dbt_netsuite_source show item.subsidiary ("1, 3, 4").
		c.kind = suiteql.KindText
		c.expr = "(SELECT group_concat(sq_ms.value, ', ') FROM json_each(" + doc + ", " + jsonPath(f.Name) + ") AS sq_ms)"
		c.display = b.multiDisplay(f.Target)
	default:
		return nil
	}
	return c
}

// display returns the DF of a column: the referenced record's name, a
// flag's Yes or No, or nil (the value itself).
func (b *builder) display(c *column) func(string) string {
	switch {
	case c.ref != "":
		return b.refDisplay(c.ref)
	case c.kind == suiteql.KindBool:
		return yesNo
	}
	return nil
}

// refDisplay returns the DF of a reference to target (a SuiteQL table or a
// catalog record type): the name of the record with that id, computed as
// the record API computes a reference's refName; nil when the emulator
// keeps no records of target (the id is shown).
//
// Assumption: a reference to a record type the emulator does not keep
// (nexus, price level, customer status...) shows its id.
func (b *builder) refDisplay(target string) func(string) string {
	if strings.EqualFold(target, "accountingperiod") {
		return periodName
	}
	fam, ok := b.family(target)
	if !ok {
		return nil
	}
	name := b.nameExpr(fam, "sq_df")
	return func(v string) string {
		return "(SELECT " + name + " FROM records AS sq_df WHERE sq_df.family = " + quote(fam) + " AND sq_df.id = " + v + ")"
	}
}

// multiDisplay is the DF of a multi-select of target: the names of its
// records, joined by ", ".
func (b *builder) multiDisplay(target string) func(string) string {
	fam, ok := b.family(target)
	if !ok {
		return nil
	}
	name := b.nameExpr(fam, "sq_df")
	return func(v string) string {
		return "(SELECT group_concat(" + name + ", ', ') FROM json_each('[' || " + v + " || ']') AS sq_j JOIN records AS sq_df ON sq_df.family = " +
			quote(fam) + " AND sq_df.id = sq_j.value)"
	}
}

// tableFamilies are the ID families of the SuiteQL tables that name
// records.
var tableFamilies = map[string]string{
	"transaction": "transaction", "entity": "entity", "customer": "entity", "vendor": "entity",
	"employee": "entity", "contact": "entity", "partner": "entity", "job": "entity", "item": "item",
}

// family returns the ID family of the records a reference to target names,
// when the catalog has record types in it.
func (b *builder) family(target string) (string, bool) {
	fam, ok := tableFamilies[strings.ToLower(target)]
	if !ok {
		if rt, found := b.cat.Type(target); found {
			fam = string(rt.Family())
		} else {
			fam = string(b.cat.FamilyOf(target))
		}
	}
	return fam, len(b.families[fam]) > 0
}

// nameExpr returns the SQLite expression of a record's refName, for the
// records of family fam under alias a, as records.Service computes it: a
// transaction's label and " #" and tranId; else the first of its profile's
// RefName entries that is not empty; else its internal ID.
func (b *builder) nameExpr(fam, a string) string {
	byType := make(map[string]string)
	distinct := make(map[string]bool)
	for _, rt := range b.families[fam] {
		e := refNameExpr(rt.Profile, a)
		byType[rt.Name] = e
		distinct[e] = true
	}
	if len(distinct) == 1 {
		for e := range distinct {
			return e
		}
	}
	names := slices.Sorted(maps.Keys(byType))
	var sb strings.Builder
	sb.WriteString("CASE " + a + ".type")
	for _, n := range names {
		sb.WriteString(" WHEN " + quote(n) + " THEN " + byType[n])
	}
	sb.WriteString(" ELSE CAST(" + a + ".id AS TEXT) END")
	return sb.String()
}

// refNameExpr is a record's refName by its profile (records.Service's
// displayName): only text values count, each trimmed.
func refNameExpr(p *catalog.Profile, a string) string {
	doc := a + ".body"
	str := func(f string) string {
		return "iif(json_type(" + doc + ", " + jsonPath(f) + ") = 'text', trim(" + field(doc, f) + "), NULL)"
	}
	var parts []string
	if p.TranLabel != "" {
		parts = append(parts, quote(p.TranLabel+" #")+" || nullif(iif(json_type("+doc+", "+jsonPath("tranId")+") = 'text', "+field(doc, "tranId")+", NULL), '')")
	}
	for _, entry := range p.RefName {
		fs := strings.Fields(entry)
		if len(fs) == 1 {
			parts = append(parts, "nullif("+str(fs[0])+", '')")
			continue
		}
		var cat []string
		for _, f := range fs {
			cat = append(cat, "coalesce(nullif("+str(f)+", ''), '')")
		}
		// Non-empty values joined by a space: empty ones leave extra
		// spaces, which trim and replace remove (names have no double
		// spaces of their own after trimming each value).
		parts = append(parts, "nullif(trim(replace("+strings.Join(cat, " || ' ' || ")+", '  ', ' ')), '')")
	}
	parts = append(parts, "CAST("+a+".id AS TEXT)")
	return "coalesce(" + strings.Join(parts, ", ") + ")"
}
