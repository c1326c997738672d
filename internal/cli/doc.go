// Package cli holds the commands of nsconnect; cmd/nsconnect only runs them.
//
// Every command follows one pattern (after cli/cli): an XOptions struct holds
// the command's dependencies (IOStreams, the environment lookup) and its parsed
// flags; newXCmd(f, runF) only parses the command line into XOptions; and
// xRun(ctx, opts) does the work, writing data to opts.IO.Out and prompts,
// warnings and errors to opts.IO.ErrOut. Tests pass a runF to check parsing
// alone, or run the commands on a Factory with Test streams and check the
// bytes written.
//
// Run maps the result to the exit code (see ExitCode): 0 success, 1 failure,
// 2 usage error (UsageError), 3 connection or authentication failed
// (ErrConnectionFailed), 130 interrupted.
package cli
