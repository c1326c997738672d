package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nsconnect/nsconnect/netsuite"
)

// The exit codes of nsconnect, listed in the root command's help.
const (
	ExitOK          = 0   // success
	ExitFailure     = 1   // any other failure
	ExitUsage       = 2   // a bad command, flag or argument
	ExitConnection  = 3   // the connection or authentication failed
	ExitInterrupted = 130 // interrupted (Ctrl-C, SIGTERM), as shells report it
)

// ErrConnectionFailed is matched (errors.Is) by errors that mean NetSuite
// could not be reached or refused the credentials. nsconnect exits with
// ExitConnection for them. Wrap it with the cause:
//
//	fmt.Errorf("%w: %w", cli.ErrConnectionFailed, err)
var ErrConnectionFailed = errors.New("connection or authentication failed")

// A UsageError is a mistake in the command line: an unknown command or flag,
// a bad flag value, missing or extra arguments. nsconnect prints it with a
// line that points to the command's help, and exits with ExitUsage.
type UsageError struct {
	Err error
	// Command is the command's path, such as "nsconnect config show".
	Command string
}

func (e *UsageError) Error() string { return e.Err.Error() }

// usagef returns a function that makes a UsageError of cmd from a format
// and its arguments, for the checks of a command's flags.
func usagef(cmd interface{ CommandPath() string }) func(format string, args ...any) error {
	return func(format string, args ...any) error {
		return &UsageError{Err: fmt.Errorf(format, args...), Command: cmd.CommandPath()}
	}
}
func (e *UsageError) Unwrap() error { return e.Err }

// ExitCode returns the exit code for err, the result of a command.
func ExitCode(err error) int {
	var ue *UsageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, context.Canceled):
		// Before the connection check: an interrupt during a retry's wait
		// carries the network error too.
		return ExitInterrupted
	case errors.Is(err, ErrConnectionFailed):
		return ExitConnection
	}
	return ExitFailure
}

// PrintError writes err for people: "Error: " and the message, a list when
// err holds several problems, for a refused login the hint to run the
// doctor, and for a UsageError the line that points to the help.
func PrintError(w io.Writer, err error) {
	if err == nil {
		return
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, "Interrupted.")
		return
	}
	msg := message(err)
	if netsuite.IsAuth(err) && !strings.Contains(msg, "nsconnect doctor") {
		msg += " " + loginHint
	}
	fmt.Fprintf(w, "Error: %s\n", msg)
	var ue *UsageError
	if errors.As(err, &ue) && ue.Command != "" {
		fmt.Fprintf(w, "Try '%s --help' for more information.\n", ue.Command)
	}
}

// message is err's message in the CLI's words: NetSuite's refusals say
// that NetSuite answered, and no message names a Go package.
func message(err error) string {
	msg := err.Error()
	var nerr *netsuite.Error
	if errors.As(err, &nerr) && strings.HasPrefix(msg, "netsuite: ") && strings.HasPrefix(msg, nerr.Error()) {
		return "NetSuite refused " + cleanMessage(msg)
	}
	return cleanMessage(msg)
}

// loginHint is what the CLI adds to a refused login, unless its message
// already points to the doctor.
const loginHint = "Hint: run 'nsconnect doctor' to find which setup step is wrong."

// A problemsError is one or more problems found together, shown as a list
// under a heading.
type problemsError struct {
	heading string
	errs    []error
}

// problems returns the problems in err (one, or several joined with
// errors.Join, at any depth) as a list under heading.
func problems(heading string, err error) error {
	return &problemsError{heading: heading, errs: flatten(err)}
}

// flatten returns the errors joined in err with errors.Join, at any depth.
func flatten(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var errs []error
	for _, e := range j.Unwrap() {
		errs = append(errs, flatten(e)...)
	}
	return errs
}

func (e *problemsError) Error() string {
	var b strings.Builder
	b.WriteString(e.heading)
	b.WriteByte(':')
	for _, err := range e.errs {
		b.WriteString("\n  - ")
		b.WriteString(strings.ReplaceAll(err.Error(), "\n", "\n    "))
	}
	return b.String()
}

func (e *problemsError) Unwrap() []error { return e.errs }
