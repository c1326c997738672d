package netsuite

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestServerTime(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc("/services/rest/system/v1/serverTime", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "GET" {
			t.Errorf("method %s", r.Method)
		}
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		fmt.Fprint(w, `{"serverTime":"2025-03-26T16:21:00.000Z"}`)
	})
	got, _, err := client.ServerTime(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 3, 26, 16, 21, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestServerTimeBadBody(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc("/services/rest/system/v1/serverTime", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"serverTime":"yesterday"}`)
	})
	if _, _, err := client.ServerTime(t.Context()); err == nil {
		t.Error("no error for a bad serverTime")
	}
}
