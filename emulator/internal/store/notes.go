package store

// System notes: the store notes every write in system_notes, in the same
// transaction as the write, for SuiteQL's systemnote table (whose
// recordid, date, field, oldvalue and newvalue columns public queries
// read: salto-io/salto's netsuite-adapter change detectors,
// github.com/tpsteiner/Some-SuiteQL-Queries).
//
// A create writes one Create note and a delete one Delete note, with no
// field; an update writes one Change note per top-level body field whose
// value changed (added, removed or different), with the old and the new
// value as text: a string or number as itself, a boolean as T or F, an
// object or array (a reference, a sublist) as its JSON.
//
// Assumption: the record's last modified date is not a change of its own;
// NetSuite's field names (TRANDOC.KSTATUS) are not reproduced: a note names
// the REST body field.
//
// A bulk load writes the Create notes of each chunk of records with one
// statement when the chunk commits, in record order: the notes one Create
// at a time would have written.

// The operations of system notes.
const (
	noteCreate = "Create"
	noteChange = "Change"
	noteDelete = "Delete"
)

// insertNote writes the note of a create or delete: type, record_id,
// operation, date.
const insertNote = `INSERT INTO system_notes (type, record_id, operation, date) VALUES (?, ?, ?, ?)`

// createNotes writes the Create notes of records, selected by what follows
// it (WHERE, ORDER BY).
const createNotes = `INSERT INTO system_notes (type, record_id, operation, date)
	SELECT type, id, '` + noteCreate + `', date_created FROM records`

// noteValue is a json_each row's value as a note's text.
func noteValue(a string) string {
	return `CASE ` + a + `.type WHEN 'true' THEN 'T' WHEN 'false' THEN 'F' WHEN 'null' THEN NULL ELSE ` + a + `.value END`
}

// changeNotes writes the Change notes of an update, before it: ?1 the
// type, ?2 the id, ?3 the new body, ?4 the date.
var changeNotes = `WITH old AS (SELECT body FROM records WHERE type = ?1 AND id = ?2)
	INSERT INTO system_notes (type, record_id, operation, field, old_value, new_value, date)
	SELECT ?1, ?2, '` + noteChange + `', k.key, ` + noteValue("o") + `, ` + noteValue("n") + `, ?4
	FROM (SELECT key FROM json_each((SELECT body FROM old)) UNION SELECT key FROM json_each(?3)) AS k
	LEFT JOIN json_each((SELECT body FROM old)) AS o ON o.key = k.key
	LEFT JOIN json_each(?3) AS n ON n.key = k.key
	WHERE (o.type IS NOT n.type OR o.value IS NOT n.value) AND k.key NOT IN ('lastModifiedDate', 'lastModified')
	ORDER BY k.key`
