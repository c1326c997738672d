package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite"
)

// connect resolves the connection from flags, environment and profile, and
// returns a client for it. verbose logs each request and retry on stderr.
func (f *Factory) connect(ctx context.Context, verbose bool) (*netsuite.Client, *config.Connection, error) {
	settings, err := resolveSettings(f.IO, f.lookupEnv(), f.connectionFlags(), false)
	if err != nil {
		return nil, nil, err
	}
	conn, err := settings.Connection()
	if err != nil {
		return nil, nil, problems("the connection settings are not valid (see 'nsconnect config show')", err)
	}
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	client, err := netsuite.NewClient(
		netsuite.WithAccount(conn.Account),
		netsuite.WithCredentials(conn.Credentials),
		netsuite.WithBaseURL(conn.BaseURL.String()),
		netsuite.WithTimezone(conn.Timezone),
		netsuite.WithConcurrency(conn.Concurrency),
		netsuite.WithIgnoreReadOnly(conn.IgnoreReadOnly),
		netsuite.WithLogger(slog.New(slog.NewTextHandler(f.IO.ErrOut, &slog.HandlerOptions{Level: level}))),
	)
	if err != nil {
		return nil, nil, err
	}
	return client, conn, nil
}

// apiError marks an error of a NetSuite call for the exit code: a refused
// login or an unreachable NetSuite exits with ExitConnection.
func apiError(err error) error {
	if err == nil {
		return nil
	}
	var nerr *netsuite.Error
	var netErr *net.OpError
	if netsuite.IsAuth(err) || !errors.As(err, &nerr) && errors.As(err, &netErr) {
		return fmt.Errorf("%w: %w", ErrConnectionFailed, err)
	}
	return err
}
