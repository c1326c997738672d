// Command nsconnect is the NetSuite connector's command line. Run
// 'nsconnect --help' for the commands, environment variables and exit codes.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/nsconnect/nsconnect/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, cli.NewFactory(), os.Args[1:])
	stop()
	os.Exit(code)
}
