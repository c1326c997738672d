package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
)

// emulatorConnectionPath is the control-plane endpoint that answers an
// emulator's ready line.
const emulatorConnectionPath = "/_emulator/connection"

// emulatorTimeout bounds the request for an emulator's connection: it is on
// this machine or nearby, and answers at once.
const emulatorTimeout = 10 * time.Second

// emulatorM2M is the OAuth 2.0 machine-to-machine part of an emulator's
// connection: its demo mapping, and the file `nsconnect emulator` wrote
// the demo private key to. Each is "" from an emulator without them.
type emulatorM2M struct {
	ClientID       string `json:"clientId"`
	CertificateID  string `json:"certificateId"`
	PrivateKeyFile string `json:"privateKeyFile"`
}

// emulatorConnection asks the nsconnect emulator at base (a base URL, no
// trailing slash) for its connection, with the control token if not "".
// The errors say what to do, and never hold a secret.
func emulatorConnection(ctx context.Context, base, token string) (emulator.Connection, emulatorM2M, error) {
	conn, body, err := emulatorConnectionBody(ctx, base, token)
	var m emulatorM2M
	if err == nil {
		json.Unmarshal(body, &m) // ParseReadyLine has read it
	}
	return conn, m, err
}

// emulatorConnectionBody is emulatorConnection, with the body of the
// answer.
func emulatorConnectionBody(ctx context.Context, base, token string) (emulator.Connection, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, emulatorTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+emulatorConnectionPath, nil)
	if err != nil {
		return emulator.Connection{}, nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return emulator.Connection{}, nil, err
		}
		return emulator.Connection{}, nil, fmt.Errorf("%w: no emulator answered at %s (%s); start one with 'nsconnect emulator', which prints its URL", ErrConnectionFailed, base, networkReason(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return emulator.Connection{}, nil, fmt.Errorf("%w: reading the emulator's answer from %s: %s", ErrConnectionFailed, base, networkReason(err))
	}
	switch resp.StatusCode {
	case http.StatusOK:
		conn, err := emulator.ParseReadyLine(body)
		if err != nil {
			return emulator.Connection{}, nil, fmt.Errorf("%s answered %s with something other than an emulator's connection (%s); is it an nsconnect emulator?", base, emulatorConnectionPath, strings.TrimPrefix(err.Error(), "emulator: "))
		}
		return conn, body, nil
	case http.StatusUnauthorized:
		if token == "" {
			return emulator.Connection{}, nil, fmt.Errorf("the emulator at %s wants its control token: set %s to the token it was started with (--control-token)", base, emulator.ControlTokenEnv)
		}
		return emulator.Connection{}, nil, fmt.Errorf("the emulator at %s refused the control token in %s: set it to the token the emulator was started with (--control-token)", base, emulator.ControlTokenEnv)
	case http.StatusNotFound:
		return emulator.Connection{}, nil, fmt.Errorf("%s has no %s: it is not an nsconnect emulator, or one too old to give its connection; export NETSUITE_BASE_URL and the other values of the line it printed when it started, then run 'nsconnect config init'", base, emulatorConnectionPath)
	}
	var e struct{ Error string }
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		return emulator.Connection{}, nil, fmt.Errorf("the emulator at %s answered %s: %s", base, resp.Status, e.Error)
	}
	return emulator.Connection{}, nil, fmt.Errorf("%s answered %s to %s: is it an nsconnect emulator?", base, resp.Status, emulatorConnectionPath)
}
