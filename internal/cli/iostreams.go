package cli

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"
)

// IOStreams are the standard streams of a command. Data goes to Out; prompts,
// progress, warnings and errors go to ErrOut. Tests use testStreams, which gives
// buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// IsTTY reports whether In is an interactive terminal, where a command
	// may prompt. nil means it is not.
	IsTTY func() bool
	// OutIsTTY reports whether Out is a terminal, where data is shown as a
	// table for people; otherwise it is written as JSON for programs. nil
	// means it is not.
	OutIsTTY func() bool
	// ErrIsTTY reports whether ErrOut is a terminal, where progress is
	// drawn; nil means it is not.
	ErrIsTTY func() bool
	// ReadSecret reads one line from the terminal without echoing it. nil
	// means reading a line from In, as tests do.
	ReadSecret func(ctx context.Context) (string, error)

	once sync.Once
	in   *bufio.Reader
}

// System returns the IOStreams of the process: stdin, stdout and stderr.
func System() *IOStreams {
	fd := int(os.Stdin.Fd())
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		IsTTY:  func() bool { return term.IsTerminal(fd) },
		OutIsTTY: func() bool {
			return term.IsTerminal(int(os.Stdout.Fd()))
		},
		ErrIsTTY: func() bool {
			return term.IsTerminal(int(os.Stderr.Fd()))
		},
		ReadSecret: func(ctx context.Context) (string, error) {
			state, err := term.GetState(fd)
			if err != nil {
				return "", err
			}
			type result struct {
				b   []byte
				err error
			}
			ch := make(chan result, 1)
			go func() {
				b, err := term.ReadPassword(fd)
				ch <- result{b, err}
			}()
			select {
			case r := <-ch:
				return string(r.b), r.err
			case <-ctx.Done():
				// Interrupted while echo is off: turn it back on.
				_ = term.Restore(fd, state)
				return "", ctx.Err()
			}
		},
	}
}

// CanPrompt reports whether the command may ask the user for input.
func (s *IOStreams) CanPrompt() bool { return s.IsTTY != nil && s.IsTTY() }

// ReadLine reads one line from In, without its line ending. It returns
// io.EOF only if In ended before any character of the line; it gives up when
// ctx is done.
func (s *IOStreams) ReadLine(ctx context.Context) (string, error) {
	s.once.Do(func() { s.in = bufio.NewReader(s.In) })
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		line, err := s.in.ReadString('\n')
		if err == io.EOF && line != "" {
			err = nil
		}
		ch <- result{strings.TrimRight(line, "\r\n"), err}
	}()
	select {
	case r := <-ch:
		return r.line, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// ReadSecretLine reads a line without echo on a terminal (ReadSecret), or
// from In when there is no ReadSecret.
func (s *IOStreams) ReadSecretLine(ctx context.Context) (string, error) {
	if s.ReadSecret == nil {
		return s.ReadLine(ctx)
	}
	line, err := s.ReadSecret(ctx)
	if errors.Is(err, io.EOF) && line != "" {
		err = nil
	}
	return line, err
}
