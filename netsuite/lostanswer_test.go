package netsuite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

// lostAnswerEmulator starts an emulator, with no seed data, that commits
// every API request and then loses its answer as faults says.
func lostAnswerEmulator(t *testing.T, faults string, noListener bool) *emulator.Server {
	t.Helper()
	f, err := emulator.ParseFaults(faults)
	if err != nil {
		t.Fatal(err)
	}
	return emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: noListener, Faults: f})
}

// clearFaults turns the emulator's faults off.
func clearFaults(t *testing.T, srv *emulator.Server) {
	t.Helper()
	g := srv.Governance()
	g.Faults = emulator.Faults{}
	if err := srv.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
}

func currency(eid string) netsuite.Record {
	return netsuite.Record{"name": "Currency " + eid, "symbol": eid, "exchangeRate": 1, "externalId": eid}
}

// TestCreateWithLostAnswer: the emulator creates the record and then loses
// the answer (drop-after: the connection closes; 500-after: 500
// UNEXPECTED_ERROR). The Client does not send the create again, which would
// make a second record, and says the outcome is unknown; the record is
// there, once.
func TestCreateWithLostAnswer(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		faults     string
		noListener bool
	}{
		{"drop-after=1", true},
		{"drop-after=1", false},
		{"500-after=1", true},
	} {
		t.Run(fmt.Sprintf("%s/noListener=%v", tt.faults, tt.noListener), func(t *testing.T) {
			t.Parallel()
			srv := lostAnswerEmulator(t, tt.faults, tt.noListener)
			c := emulatortest.NewClient(t, srv)
			_, _, err := c.Records.Create(t.Context(), "currency", currency("LOST"), nil)
			if !errors.Is(err, netsuite.ErrOutcomeUnknown) {
				t.Fatalf("create: %v, want ErrOutcomeUnknown", err)
			}
			clearFaults(t, srv)
			if _, _, err := c.Records.Get(t.Context(), "currency", netsuite.ExternalID("LOST"), nil); err != nil {
				t.Errorf("the record after the lost answer: %v, want it created", err)
			}
			items, _, err := c.Records.List(t.Context(), "currency", nil)
			if err != nil || len(items) != 1 {
				t.Errorf("list: %d currencies, %v; want 1", len(items), err)
			}
		})
	}
}

// TestUpsertWithLostAnswerIsRetried: the upsert by external ID that the
// ErrOutcomeUnknown message recommends is sent again after a lost answer,
// and makes one record.
func TestUpsertWithLostAnswerIsRetried(t *testing.T) {
	t.Parallel()
	srv := lostAnswerEmulator(t, "drop-after=1", true)
	retries := 0
	c := emulatortest.NewClient(t, srv, netsuite.WithRetry(netsuite.RetryPolicy{
		Sleep: func(ctx context.Context, d time.Duration) error {
			retries++
			clearFaults(t, srv) // the next attempt is answered
			return nil
		},
	}))
	if _, _, err := c.Records.Upsert(t.Context(), "currency", "UPS", currency("UPS"), nil); err != nil {
		t.Fatalf("upsert: %v", err)
	}
	items, _, err := c.Records.List(t.Context(), "currency", nil)
	if retries != 1 || err != nil || len(items) != 1 {
		t.Errorf("%d retries; %d currencies, %v; want 1 retry and 1 currency", retries, len(items), err)
	}
}
