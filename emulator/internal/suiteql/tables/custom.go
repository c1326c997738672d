package tables

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// customization builds the tables describing the account's customization:
// customrecordtype, customfield, customlist and a customlist_<scriptid>
// table per custom list.
//
// Assumption: internal IDs of custom record types, custom fields and custom
// lists are 1..n in script ID order (lists in declared order); script IDs
// are shown as declared (lower case); owners, descriptions and dates are
// unknown.
func (b *builder) customization() {
	var rows [][]string
	recordTypeIDs := map[string]int{}
	for _, n := range b.cat.Types() {
		rt, _ := b.cat.Type(n)
		if !rt.Custom {
			continue
		}
		recordTypeIDs[rt.Name] = len(rows) + 1
		rows = append(rows, []string{strconv.Itoa(len(rows) + 1), quote(rt.Name), quote(rt.Label)})
	}
	// S5, S7.
	b.add(valuesTable("customrecordtype", `internalid:i scriptid:s name:s description:s owner:i>employee
		isinactive:b allowattachments:b lastmodifieddate:t`, padRows(rows, 8))).byName["internalid"].plain = true

	type cf struct {
		f         *catalog.Field
		appliesTo []string
		record    string
	}
	fields := map[string]*cf{}
	note := func(f *catalog.Field, on, record string) {
		c, ok := fields[f.Name]
		if !ok {
			c = &cf{f: f, record: record}
			fields[f.Name] = c
		}
		if !slices.Contains(c.appliesTo, on) {
			c.appliesTo = append(c.appliesTo, on)
		}
	}
	for _, n := range b.cat.Types() {
		rt, _ := b.cat.Type(n)
		for _, f := range rt.Fields {
			if f.Custom {
				rec := ""
				if rt.Custom {
					rec = rt.Name
				}
				note(f, rt.Name, rec)
			}
			if f.Sublist != nil {
				for _, lf := range f.Sublist.Fields {
					if lf.Custom {
						note(lf, rt.Name, "")
					}
				}
			}
		}
	}
	rows = nil
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		c := fields[name]
		id := strconv.Itoa(len(rows) + 1)
		prefix, _, _ := strings.Cut(name, "_")
		rt := "NULL"
		if c.record != "" {
			rt = strconv.Itoa(recordTypeIDs[c.record])
		}
		target := "NULL"
		if c.f.Kind == catalog.KindReference {
			target = quote(c.f.Target)
		}
		rows = append(rows, []string{id, id, quote(name), quote(c.f.Label), quote(fieldTypes[prefix]),
			quote(valueType(c.f)), target, "NULL", rt, "NULL", "'F'", "'F'", "'T'", "'F'", "NULL"})
	}
	// S3, S5, S7.
	b.add(valuesTable("customfield", `internalid:i id:i scriptid:s name:s fieldtype:s fieldvaluetype:s
		fieldvaluetyperecord:s owner:i>employee recordtype:i description:s ismandatory:b isshowinlist:b isstored:b
		visibleontransactions:b lastmodifieddate:t`, rows)).byName["internalid"].plain = true

	rows = nil
	for i, l := range b.opts.CustomLists {
		rows = append(rows, []string{strconv.Itoa(i + 1), strconv.Itoa(i + 1), quote(l.Name), quote(strings.ToLower(l.ScriptID))})
	}
	// S5.
	b.add(valuesTable("customlist", `id:i internalid:i name:s scriptid:s description:s owner:i>employee isordered:b
		isinactive:b lastmodifieddate:t`, padRows(rows, 9)))

	for _, l := range b.opts.CustomLists {
		var vals [][]string
		for i, v := range l.Values {
			id := strconv.Itoa(i + 1)
			vals = append(vals, []string{id, quote(v), "NULL", id, "'F'", "NULL", "NULL", "NULL", "NULL"})
		}
		// S2 (id, name, scriptid, recordid, isinactive); created and
		// lastmodified as the corpus reads them (lumapps).
		t := b.add(valuesTable(strings.ToLower(l.ScriptID), `id:i name:s scriptid:s recordid:i isinactive:b externalid:s
			owner:i>employee created:t lastmodified:t`, vals))
		t.byName["id"].plain = true
	}
}

// fieldTypes are customfield.fieldtype by script ID prefix.
//
// Assumption: NetSuite's custom field categories, upper case.
var fieldTypes = map[string]string{
	"custentity": "ENTITY", "custbody": "BODY", "custcol": "COLUMN", "custitem": "ITEM", "custrecord": "RECORD",
}

// valueType is customfield.fieldvaluetype: the custom field form's type
// name (Assumption: NetSuite's English names of the types).
func valueType(f *catalog.Field) string {
	switch {
	case f.Kind == catalog.KindReference:
		return "List/Record"
	case f.Kind == catalog.KindDate:
		return "Date"
	case f.Kind == catalog.KindDateTime:
		return "Date/Time"
	case f.Type == "boolean":
		return "Check Box"
	case f.Type == "integer":
		return "Integer Number"
	case f.Type == "number":
		return "Decimal Number"
	}
	return "Free-Form Text"
}

// logs builds deletedrecord (from the store's deleted-records log) and
// systemnote (from its system notes, written with each create, update and
// delete).
func (b *builder) logs() {
	custom := "iif(d.type LIKE 'customrecord%', 'T', 'F')"
	// S3, S5. Assumption: type is the record type in lower case, as
	// transaction.recordtype; the name, the deleting user and the record
	// type id are unknown; the context of every write is REST web services.
	d := b.add(newTable("deletedrecord", "deleted_records AS d", ""))
	d.spec(`recordid:i recordtypeid:s type:s name:s scriptid:s deletedby:i>entity deleteddate:t context:s
		iscustomlist:b iscustomrecord:b iscustomtransaction:b externalid:s`)
	d.set(&column{name: "recordid", kind: suiteql.KindInteger, expr: "d.id", plain: true})
	d.set(&column{name: "type", kind: suiteql.KindText, expr: "lower(d.type)"})
	d.set(&column{name: "scriptid", kind: suiteql.KindText, expr: "iif(" + custom + " = 'T', d.type, NULL)"})
	d.set(&column{name: "deleteddate", kind: suiteql.KindDateTime, expr: b.dateTime("d.deleted_at")})
	d.set(&column{name: "context", kind: suiteql.KindText, expr: "'RESTWS'", display: contextDisplay})
	d.set(&column{name: "iscustomrecord", kind: suiteql.KindBool, expr: custom})
	d.set(&column{name: "externalid", kind: suiteql.KindText, expr: "d.external_id"})

	// S7, S11; the legacy NetSuite.com schema's context and type.
	// Assumption: field is the REST body field that changed (NULL on a
	// create or a delete), values are its JSON text ('T'/'F' for
	// booleans); recordtype is the record type in lower case; recordtypeid,
	// the author (name) and role are unknown.
	n := b.add(newTable("systemnote", "system_notes AS n", ""))
	n.spec(`id:i recordid:i recordtypeid:i recordtype:s date:t field:s oldvalue:s newvalue:s context:s type:s
		name:i>entity role:i`)
	n.set(&column{name: "id", kind: suiteql.KindInteger, expr: "n.id", plain: true})
	n.set(&column{name: "recordid", kind: suiteql.KindInteger, expr: "n.record_id", plain: true})
	n.set(&column{name: "recordtype", kind: suiteql.KindText, expr: "lower(n.type)"})
	n.set(&column{name: "date", kind: suiteql.KindDateTime, expr: b.dateTime("n.date")})
	n.set(&column{name: "field", kind: suiteql.KindText, expr: "n.field"})
	n.set(&column{name: "oldvalue", kind: suiteql.KindText, expr: "n.old_value"})
	n.set(&column{name: "newvalue", kind: suiteql.KindText, expr: "n.new_value"})
	n.set(&column{name: "context", kind: suiteql.KindText, expr: "'RESTWS'", display: contextDisplay})
	n.set(&column{name: "type", kind: suiteql.KindText, expr: "n.operation"})
}

// contextDisplay is DF of an execution context (Assumption: the REST
// context's name).
func contextDisplay(v string) string {
	return "CASE " + v + " WHEN 'RESTWS' THEN 'REST Web Services' END"
}
