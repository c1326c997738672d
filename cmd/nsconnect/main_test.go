package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the tests run this binary's main: with NSCONNECT_TEST_MAIN
// set, the test binary is nsconnect.
func TestMain(m *testing.M) {
	if os.Getenv("NSCONNECT_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestExitCodes runs the real process and checks the status it exits with.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		env  []string
		want int
	}{
		{args: []string{"version"}, want: 0},
		{args: []string{"--help"}, want: 0},
		{args: []string{"bogus"}, want: 2},
		{args: []string{"config", "show", "--bogus"}, want: 2},
		{args: []string{"config", "show"}, want: 1},
		{
			args: []string{"config", "show"},
			env: []string{
				"NETSUITE_ACCOUNT_ID=1234567", "NETSUITE_TIMEZONE=UTC",
				"NETSUITE_CONSUMER_KEY=ck", "NETSUITE_CONSUMER_SECRET=cs",
				"NETSUITE_TOKEN_ID=ti", "NETSUITE_TOKEN_SECRET=ts",
			},
			want: 0,
		},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			cmd := exec.CommandContext(t.Context(), os.Args[0], tt.args...)
			cmd.Env = append(cleanEnv(), "NSCONNECT_TEST_MAIN=1", "NSCONNECT_CONFIG="+filepath.Join(t.TempDir(), "config.yaml"))
			cmd.Env = append(cmd.Env, tt.env...)
			out, err := cmd.CombinedOutput()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.want {
				t.Errorf("exit code %d, want %d; output:\n%s", code, tt.want, out)
			}
		})
	}
}

// cleanEnv is the environment without the variables nsconnect reads.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NETSUITE_") && !strings.HasPrefix(kv, "NSCONNECT_") {
			env = append(env, kv)
		}
	}
	return env
}
