package records

import (
	"context"
	"errors"

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// Search returns one page of the internal IDs of the records of recordType
// that e selects (all of them when e is nil), in ascending order, and how
// many it selects in all: the search of SOAP web services, over the same
// records and body fields as the record API's q filter. Date values in e
// are xsd:dateTime instants (filter.Options.Instants). A field or value the
// filter refuses is an *Error with the filter's code.
func (s *Service) Search(ctx context.Context, recordType string, e filter.Expr, limit, offset int) (ids []int64, total int, err error) {
	rt, ok := s.cat.Type(recordType)
	if !ok {
		return nil, 0, errUnknownType(recordType)
	}
	q := store.Query{Type: rt.Name, Limit: limit, Offset: offset}
	if e != nil {
		f, err := filter.Compile(e, rt, filter.Options{DateFormat: s.dateFormat, Location: s.loc, Instants: true})
		if err != nil {
			var fe *filter.Error
			if errors.As(err, &fe) {
				return nil, 0, NewError(fe.Code, fe.Detail)
			}
			return nil, 0, err
		}
		q.Where, q.Args = f.SQL(column(rt))
	}
	return s.st.Page(ctx, q)
}

// Query runs a SuiteQL query and returns one page of its rows, each a map
// from lower-case column name to its text as SuiteQL over REST shows it
// (null columns left out), and how many rows it has in all, up to
// MaxSuiteQLResults. A query SuiteQL refuses is a 400 INVALID_PARAMETER
// *Error.
func (s *Service) Query(ctx context.Context, q string, limit, offset int) (rows []map[string]string, total int, err error) {
	st, err := s.compileSuiteQL(ctx, q, nil)
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
