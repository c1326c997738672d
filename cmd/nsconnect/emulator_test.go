package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// TestEmulatorCommand runs `nsconnect emulator --listen 127.0.0.1:0` as a
// process, reads the JSON line it prints when ready (its documented ready
// line), signs a request with the credentials in it, and stops it with an
// interrupt.
func TestEmulatorCommand(t *testing.T) {
	t.Parallel()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "emulator", "--listen", "127.0.0.1:0")
	cmd.Env = append(cleanEnv(), "NSCONNECT_TEST_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
	}()
	var ready struct {
		URL, AccountID, ConsumerKey, ConsumerSecret, TokenID, TokenSecret, Timezone string
	}
	select {
	case l, ok := <-line:
		if !ok {
			t.Fatal("the emulator printed no line")
		}
		if err := json.Unmarshal([]byte(l), &ready); err != nil {
			t.Fatalf("the ready line is not JSON: %v\n%s", err, l)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the emulator was not ready within 60 s")
	}
	if ready.AccountID != "1234567_SB1" || ready.Timezone != "America/Los_Angeles" || ready.ConsumerSecret == "" || ready.TokenSecret == "" {
		t.Fatalf("ready line %+v", ready)
	}

	signer, err := tba.NewSigner(ready.AccountID, tba.Credentials{
		ConsumerKey: ready.ConsumerKey, ConsumerSecret: tba.Secret(ready.ConsumerSecret),
		TokenID: ready.TokenID, TokenSecret: tba.Secret(ready.TokenSecret),
	})
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &tba.Transport{Signer: signer}}
	resp, err := client.Get(ready.URL + "/services/rest/record/v1/customer/eid:CUST-0001")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET the demo customer: %d %s", resp.StatusCode, body)
	}

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("after an interrupt the emulator exited with %v, want 0", err)
	}
}
