// Package cli holds the commands of nsconnect; cmd/nsconnect only runs them.
//
// Every leaf command follows one pattern (after cli/cli), one file per
// command (record_get.go, record_list.go, ...):
//
//   - an XOptions struct holds the command's dependencies (IOStreams, the
//     environment lookup, a Connect function) and its parsed flags and
//     arguments;
//   - newXCmd(f, runF) only parses the command line into XOptions and checks
//     what can be checked without NetSuite (arguments, enumerated values,
//     record IDs, --limit), returning a UsageError;
//   - xRun(ctx, opts) does the work, writing data to opts.IO.Out and
//     progress, prompts, warnings and errors to opts.IO.ErrOut.
//
// Tests pass a runF to check parsing alone (an argv → Options table per
// command, options_test.go; TestEveryLeafCommandHasArgvTest fails for a
// command without one), or run the commands on a Factory with test streams
// against the emulator, with golden files for table and human output under
// testdata/ (go test -update rewrites them).
//
// The shared parts a new command takes rather than rewrites:
//
//   - output (output.go): addOutputFlags gives --output, limited to the
//     formats that make sense (table, json, ndjson, yaml, csv), and --jq;
//     OutputOptions.resolve picks a table on a terminal and the documented
//     piped default otherwise; writeData writes json, ndjson or yaml through
//     the jq filter (github.com/itchyny/gojq). Tables show datetimes in the
//     account timezone.
//   - progress (progress.go): newProgress draws rows, rate and time left on
//     stderr, and is nil (quiet) when stderr is not a terminal or --quiet;
//     retry waits are announced through netsuite.WithRetryNotify.
//   - network flags (record.go): addNetFlags gives -v (requests and
//     responses, headers and bodies, credentials redacted) and --quiet;
//     Factory.connectWith builds the client, with --dry-run answering every
//     write itself after showing it.
//   - writes (record.go): readRecordBody streams --file under NetSuite's
//     104 MB request limit, types --set values by the field's schema;
//     addDryRunFlag; confirm asks on a terminal before destructive changes
//     (--yes skips).
//   - errors (errors.go, client.go): enumValue flags and settingsError make
//     usage errors with "did you mean"; apiError says network and NetSuite
//     failures in the CLI's words; PrintError never shows Go package names.
//
// Run maps the result to the exit code (see ExitCode): 0 success, 1 failure,
// 2 usage error (UsageError: unknown command or flag, bad flag value, wrong
// arguments, unknown --profile), 3 connection or authentication failed
// (ErrConnectionFailed), 130 interrupted.
package cli
