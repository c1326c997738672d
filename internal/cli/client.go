package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"syscall"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite"
)

// connect resolves the connection from flags, environment and profile, and
// returns a client for it. verbose logs each request and retry on stderr.
func (f *Factory) connect(ctx context.Context, verbose bool) (*netsuite.Client, *config.Connection, error) {
	path, err := config.Path(f.lookupEnv())
	if err != nil {
		return nil, nil, err
	}
	conn, err := config.Load(config.Options{Flags: f.connectionFlags(), LookupEnv: f.lookupEnv(), File: path, Warn: warner(f.IO)})
	var fe *config.FieldError
	if errors.As(err, &fe) {
		return nil, nil, problems("the connection settings are not valid (see 'nsconnect config show')", err)
	}
	if err != nil {
		return nil, nil, err
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
// login or an unreachable NetSuite exits with ExitConnection. A write whose
// outcome is unknown does not: the connection failed after NetSuite may have
// done the work, and a script must not take it for "nothing happened".
func apiError(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, netsuite.ErrOutcomeUnknown) {
		return err
	}
	var nerr *netsuite.Error
	if netsuite.IsAuth(err) || !errors.As(err, &nerr) && isNetworkError(err) {
		return fmt.Errorf("%w: %w", ErrConnectionFailed, err)
	}
	return err
}

// isNetworkError reports whether err is a failure to reach NetSuite or to
// hear its answer: a refused, reset or dropped connection, a timeout.
func isNetworkError(err error) bool {
	var opErr *net.OpError
	var urlErr *url.Error
	return errors.As(err, &opErr) || errors.As(err, &urlErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
}
