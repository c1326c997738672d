package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
	"github.com/nsconnect/nsconnect/emulator/internal/seed"
)

// recordPrefix is the REST record API's path (REFERENCE.md §2).
const recordPrefix = "/services/rest/record/v1/"

// maxBody is the largest request body the record API reads.
//
// Assumption: NetSuite's limit is not documented; 10 MiB is far above any
// single record.
const maxBody = 10 << 20

// record serves the REST record API: the role's record permission is
// checked, then the record service answers.
func (s *Server) record(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	path := strings.TrimPrefix(r.URL.EscapedPath(), recordPrefix)
	recordType, err := s.records.Resolve(path)
	if err != nil {
		writeError(w, recordError(err))
		return
	}
	if recordType != "" {
		if err := auth.Require(p, recordType, auth.MethodLevel(r.Method)); err != nil {
			// REFERENCE.md §7.2: a role without the record permission gets
			// 403 INSUFFICIENT_PERMISSION.
			writeError(w, newError("INSUFFICIENT_PERMISSION", err.Error()))
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		writeError(w, newError("INVALID_REQUEST", detailMalformed))
		return
	}
	if len(body) > maxBody {
		writeError(w, newError("INVALID_REQUEST", fmt.Sprintf("The request body is larger than %d bytes.", maxBody)))
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	resp, err := s.records.Serve(r.Context(), &records.Request{
		BaseURL: scheme + "://" + r.Host,
		Method:  r.Method,
		Path:    path,
		Query:   r.URL.Query(),
		Header:  r.Header,
		Body:    body,
	})
	if err != nil {
		writeError(w, recordError(err))
		return
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.Status)
	w.Write(resp.Body)
}

// recordError turns the record service's *records.Error into the envelope's
// error; anything else is the emulator's fault and stays as it is.
func recordError(err error) error {
	var e *records.Error
	if !errors.As(err, &e) {
		return err
	}
	return &apiError{status: e.Status, detail: errorDetail{
		Detail: e.Detail, Code: e.Code, Path: e.Path, QueryParam: e.QueryParam, Header: e.Header,
	}}
}

// seed creates the account's seed data in an empty store. A store kept in a
// file (Options.DataPath) that already has records is left as it is.
func (s *Server) seed(ctx context.Context) error {
	if s.opts.NoSeed {
		return nil
	}
	if done, err := s.store.Meta(ctx, "seeded"); err != nil {
		return fmt.Errorf("emulator: %w", err)
	} else if done != "" {
		return nil
	}
	n := s.opts.SeedRecords
	if n == 0 {
		n = s.acct.Seed.Records
	}
	if _, err := seed.Demo(ctx, s.records, seed.Options{
		Seed:    uint64(s.acct.Seed.RandomSeed),
		Records: n,
		Now:     s.clock.Now().In(s.acct.Location),
	}); err != nil {
		return fmt.Errorf("emulator: seeding the demo data: %w", err)
	}
	return s.store.SetMeta(ctx, "seeded", s.clock.Now().Format("2006-01-02T15:04:05Z"))
}
