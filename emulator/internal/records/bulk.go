package records

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// Bulk creates records as Service.Create does, many at a time: for seed
// generators. Service.Bulk gives one.
//
// A record is validated, completed and numbered by the same code as a POST
// (writer.build, numberTransaction), so that it is the record Create would
// make, with the same internal ID; what differs is where the writes go. They
// are handed to a store.Loader, which writes them on another goroutine in
// large transactions, and the reads a write needs are answered from what the
// load knows: a reference exists when the load created a record of its
// family with that ID (the store held none before), and the tranId counters
// are kept by the Loader and written with each transaction.
//
// A Bulk is not safe for concurrent use.
type Bulk struct {
	s *Service
	l *store.Loader // nil: the store held records, so each Create is Service.Create
}

// Bulk runs fn with a Bulk that creates records. The service's writes wait
// until it returns; the records appear to readers in large steps, and those
// fn created before an error stay, as with Create. A store that already
// holds records gets them one Create at a time.
func (s *Service) Bulk(ctx context.Context, fn func(b *Bulk) error) error {
	s.mu.Lock()
	ran := false
	err := s.st.Load(ctx, func(l *store.Loader) error {
		ran = true
		return fn(&Bulk{s: s, l: l})
	})
	s.mu.Unlock()
	if !ran && errors.Is(err, store.ErrNotEmpty) {
		return fn(&Bulk{s: s})
	}
	return err
}

// Create validates body as Service.Create does and creates the record,
// returning its internal ID. The record is written later; an error writing
// it comes back from a later Create or from Service.Bulk.
func (b *Bulk) Create(ctx context.Context, recordType string, body []byte) (id string, err error) {
	if b.l == nil {
		return b.s.Create(ctx, recordType, body)
	}
	rt, ok := b.s.cat.Type(recordType)
	if !ok {
		return "", errUnknownType(recordType)
	}
	in, err := decodeBody(body)
	if err != nil {
		return "", err
	}
	return b.create(ctx, rt, in)
}

// CreateFields is Create of a body already decoded as decodeBody decodes
// one (json.Number for numbers); Bulk may change fields.
func (b *Bulk) CreateFields(ctx context.Context, recordType string, fields map[string]any) (id string, err error) {
	if b.l == nil {
		body, err := json.Marshal(fields)
		if err != nil {
			return "", err
		}
		return b.s.Create(ctx, recordType, body)
	}
	rt, ok := b.s.cat.Type(recordType)
	if !ok {
		return "", errUnknownType(recordType)
	}
	if fields == nil {
		fields = map[string]any{}
	}
	return b.create(ctx, rt, fields)
}

// create is createLocked with the load as the store.
func (b *Bulk) create(ctx context.Context, rt *catalog.RecordType, in map[string]any) (string, error) {
	w := &writer{s: b.s, ctx: ctx, rt: rt, opts: writeOpts{names: modeError, values: modeError}, bulk: b}
	id, _, err := w.create(in, "", func(ext string, stored map[string]any, now time.Time) (int64, error) {
		return b.l.Create(ctx, string(rt.Family()), rt.Name, ext, stored, now)
	})
	if err != nil {
		return "", err
	}
	return store.FormatID(id), nil
}

// family returns the ID family findRef searches for a reference to target,
// and whether target can be checked at all (see findRef).
func (b *Bulk) family(target string) (family string, known bool) {
	if rt, ok := b.s.cat.Type(target); ok {
		return string(rt.Family()), true
	}
	fam := b.s.cat.FamilyOf(target)
	if string(fam) == target || len(b.s.families[fam]) == 0 {
		return "", false
	}
	return string(fam), true
}

// refExists reports whether a reference to target with internal ID n (> 0)
// points at a record, as findRef finds it; known is false when target cannot
// be checked.
func (w *writer) refExists(target string, n int64) (known, found bool, err error) {
	if w.bulk == nil || w.bulk.l == nil {
		_, known, rec, err := w.s.findRef(w.ctx, target, store.FormatID(n))
		return known, rec != nil, err
	}
	// IDs are unique within a family (package store), so the family finds
	// the record whatever its type, as findRef's search does.
	fam, known := w.bulk.family(target)
	return known, known && w.bulk.l.Exists(fam, n), nil
}

// findRecord returns the record a reference to target with internal ID id
// points at, as findRef finds it, or nil.
func (w *writer) findRecord(target, id string) (*store.Record, error) {
	if w.bulk == nil || w.bulk.l == nil {
		_, _, rec, err := w.s.findRef(w.ctx, target, id)
		return rec, err
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, nil
	}
	fam, known := w.bulk.family(target)
	if !known {
		return nil, nil
	}
	rec, err := w.bulk.l.GetInFamily(w.ctx, fam, n)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return rec, err
}

// meta and setMeta read and write the store's meta values, or the load's.
func (w *writer) meta(key string) (string, error) {
	if w.bulk == nil || w.bulk.l == nil {
		return w.s.st.Meta(w.ctx, key)
	}
	return w.bulk.l.Meta(w.ctx, key)
}

func (w *writer) setMeta(key, value string) error {
	if w.bulk == nil || w.bulk.l == nil {
		return w.s.st.SetMeta(w.ctx, key, value)
	}
	w.bulk.l.SetMeta(key, value)
	return nil
}
