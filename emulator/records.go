package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
	"github.com/nsconnect/nsconnect/emulator/internal/seed"
)

// recordPrefix is the REST record API's path
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1498251763.html).
const recordPrefix = "/services/rest/record/v1/"

// maxBody is the largest request body the record API reads: "REST requests
// have a size limit of 104MB" (Oracle, REST Web Services Request
// Processing,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_161251386312.html).
//
// Assumption: MB means 2^20 bytes, the larger reading; a larger body is
// 400 INVALID_REQUEST (NetSuite's answer is not documented).
const maxBody = 104 << 20

// record serves the REST record API: the role's record permission is
// checked, then the record service answers.
func (s *Server) record(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	path := strings.TrimPrefix(r.URL.EscapedPath(), recordPrefix)
	if path == "" {
		s.notServed(w, r, p)
		return
	}
	recordType, err := s.records.Resolve(path)
	if err != nil {
		s.fail(w, err)
		return
	}
	if recordType != "" {
		if err := auth.Require(p, recordType, auth.MethodLevel(r.Method)); err != nil {
			// As live answers show (omniboost/go-netsuite-rest client.go, a
			// live capture; Airbyte source_netsuite/errors.py): a role without
			// the record permission gets 403 INSUFFICIENT_PERMISSION. The exact
			// detail is not sourced; the log says which level the role lacks.
			s.log.Info("emulator: record permission refused", "err", err)
			writeError(w, newError(records.CodeInsufficientPermission, detailPermission))
			return
		}
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	// From here the request is carried out even if the client goes away,
	// as a server that has received a request does: the client cannot
	// know whether it was, and a client that sends it again after a lost
	// answer must meet the record it created (Faults.RateDropAfter).
	resp, err := s.records.Serve(context.WithoutCancel(r.Context()), &records.Request{
		BaseURL: baseURL(r),
		Method:  r.Method,
		Path:    path,
		Query:   r.URL.Query(),
		Header:  r.Header,
		Body:    body,
	})
	if err != nil {
		s.fail(w, err)
		return
	}
	writeResponse(w, resp)
}

// writeResponse writes a service's answer.
func writeResponse(w http.ResponseWriter, resp *records.Response) {
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.Status)
	w.Write(resp.Body)
}

// readBody reads a request's body up to maxBody; past it, or when the body
// cannot be read, it answers 400 INVALID_REQUEST and reports false.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	tooLarge := func() {
		writeError(w, newError(records.CodeInvalidRequest, fmt.Sprintf("The request body is larger than %d bytes.", maxBody)))
	}
	if r.ContentLength > maxBody {
		tooLarge()
		return nil, false
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		writeError(w, newError(records.CodeInvalidRequest, detailMalformed))
		return nil, false
	}
	if len(body) > maxBody {
		tooLarge()
		return nil, false
	}
	return body, true
}

// baseURL is the scheme and host the client reached the emulator at, which
// links start with.
func baseURL(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// fail answers err: the record service's *records.Error with NetSuite's
// envelope, and anything else, the emulator's own fault, as
// UNEXPECTED_ERROR with an error ID that the log line carries too.
func (s *Server) fail(w http.ResponseWriter, err error) {
	var e *records.Error
	if errors.As(err, &e) {
		writeError(w, e)
		return
	}
	id := errorID()
	s.log.Error("emulator: unexpected error", "errorId", id, "err", err)
	writeError(w, newError(records.CodeUnexpectedError, "An unexpected error occurred. Error ID: "+id))
}

// seed creates the account's seed data in an empty store. A store kept in a
// file (Options.DataPath) that was seeded before is left as it is; one whose
// seeding was interrupted (a crash, a kill) is cleared and seeded again.
func (s *Server) seed(ctx context.Context) error {
	if s.opts.NoSeed {
		return nil
	}
	done, err := s.store.Meta(ctx, "seeded")
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	if done != "" {
		return nil
	}
	started, err := s.store.Meta(ctx, "seeding")
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	if started != "" {
		s.log.Warn("emulator: the seed data was interrupted while it was being created; starting it again", "started", started)
		if err := s.store.Reset(ctx); err != nil {
			return fmt.Errorf("emulator: clearing the interrupted seed data: %w", err)
		}
	}
	now := s.clock.Now()
	if err := s.store.SetMeta(ctx, "seeding", now.Format(time.RFC3339)); err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	n := s.opts.SeedRecords
	if n == 0 {
		n = s.seedOpts.Records
	}
	// The records go through the record service's bulk path: the records a
	// POST of each body would make, written in large transactions, with the
	// indexes built at the end. The last progress report waits for that, so
	// that 100 % means ready.
	progress, last := s.opts.SeedProgress, func() {}
	if p := progress; p != nil {
		progress = func(done, total int) {
			if done == total {
				last = func() { p(done, total) }
				return
			}
			p(done, total)
		}
	}
	if err := s.records.Bulk(ctx, func(b *records.Bulk) error {
		_, err := seed.Demo(ctx, b, seed.Options{
			Seed:     uint64(s.seedOpts.RandomSeed),
			Records:  n,
			Now:      now.In(s.location),
			Progress: progress,
		})
		return err
	}); err != nil {
		return fmt.Errorf("emulator: seeding the demo data: %w", err)
	}
	last()
	return s.store.SetMeta(ctx, "seeded", s.clock.Now().Format(time.RFC3339))
}
