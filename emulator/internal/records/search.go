package records

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// A Hit is a record a search found.
type Hit struct {
	Type string
	ID   int64
}

// Search returns one page of the records of recordTypes that e selects (all
// of them when e is nil), in ascending internal ID order, and how many it
// selects in all: the search of SOAP web services, over the same records and
// body fields as the record API's q filter. Several record types must share
// an ID family (the items, the transactions); a condition on a field that a
// type lacks excludes that type, and is an error only when every type
// lacks it. Date values in e are xsd:dateTime instants
// (filter.Options.Instants). A field or value the filter refuses is an
// *Error with the filter's code.
func (s *Service) Search(ctx context.Context, recordTypes []string, e filter.Expr, limit, offset int) (hits []Hit, total int, err error) {
	var clauses []string
	var args []any
	var firstErr error
	for _, name := range recordTypes {
		rt, ok := s.cat.Type(name)
		if !ok {
			return nil, 0, errUnknownType(name)
		}
		where := ""
		var wargs []any
		if e != nil {
			f, err := filter.Compile(e, rt, filter.Options{DateFormat: s.dateFormat, Location: s.loc, Instants: true})
			if err != nil {
				var fe *filter.Error
				if !errors.As(err, &fe) {
					return nil, 0, err
				}
				if firstErr == nil {
					firstErr = NewError(fe.Code, fe.Detail)
				}
				if fe.Code == filter.CodeNonexistentField && len(recordTypes) > 1 {
					continue // the type lacks the field: none of its records match
				}
				return nil, 0, firstErr
			}
			where, wargs = f.SQL(column(rt))
		}
		if len(recordTypes) == 1 {
			ids, total, err := s.st.Page(ctx, store.Query{Type: rt.Name, Where: where, Args: wargs, Limit: limit, Offset: offset})
			return hitsOf(rt.Name, ids), total, err
		}
		clause := store.ColumnType + " = ?"
		if where != "" {
			clause += " AND (" + where + ")"
		}
		clauses = append(clauses, "("+clause+")")
		args = append(append(args, rt.Name), wargs...)
	}
	if len(clauses) == 0 {
		if firstErr != nil {
			return nil, 0, firstErr
		}
		return []Hit{}, 0, nil
	}
	ids, total, err := s.st.Page(ctx, store.Query{Where: strings.Join(clauses, " OR "), Args: args, Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, err
	}
	hits = make([]Hit, 0, len(ids))
	family := s.cat.FamilyOf(recordTypes[0])
	for _, id := range ids {
		rec, err := s.findInFamily(ctx, family, id)
		if err != nil {
			return nil, 0, err
		}
		if rec != nil {
			hits = append(hits, Hit{Type: rec.Type, ID: id})
		}
	}
	return hits, total, nil
}

func hitsOf(recordType string, ids []int64) []Hit {
	hits := make([]Hit, len(ids))
	for i, id := range ids {
		hits[i] = Hit{Type: recordType, ID: id}
	}
	return hits
}

// Family returns the record types of recordType's ID family (the items,
// the transactions, the entities), in the catalog's order.
func (s *Service) Family(recordType string) []string {
	return slices.Clone(s.families[s.cat.FamilyOf(recordType)])
}

// Query runs a SuiteQL query and returns one page of its rows, each a map
// from lower-case column name to its text as SuiteQL over REST shows it
// (null columns left out), and how many rows it has in all, up to
// MaxSuiteQLResults. A query SuiteQL refuses is a 400 INVALID_PARAMETER
// *Error.
func (s *Service) Query(ctx context.Context, q string, limit, offset int) (rows []map[string]string, total int, err error) {
	st, err := s.compile(ctx, q, nil)
	if err != nil {
		return nil, 0, err
	}
	objs, total, err := s.runSuiteQL(ctx, st, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	rows = make([]map[string]string, len(objs))
	for i, o := range objs {
		row := make(map[string]string, len(o))
		for _, m := range o {
			if text, ok := m.v.(string); ok {
				row[m.k] = text
			}
		}
		rows[i] = row
	}
	return rows, total, nil
}
