package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// RestletOptions are the inputs of nsconnect restlet.
type RestletOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Script, Deploy string
	Method         string
	File           string   // the body: a file, or - for stdin
	Params         []string // name=value
	ContentType    string   // json, text or xml
	Idempotent     bool
	DryRun         bool
	JQ             string

	Net NetOptions
}

// The --content-type values and the media types they send.
var restletTypes = map[string]string{"json": netsuite.RestletJSON, "text": netsuite.RestletText, "xml": netsuite.RestletXML}

// maxRestletBody is the largest body --file reads: NetSuite guarantees 10
// MB per string of a RESTlet's input
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4640094112.html).
const maxRestletBody = 10 << 20

const restletLong = `Call a RESTlet: a SuiteScript endpoint of the account, named by its script
and deployment as the deployment record's External URL shows them
(script=482&deploy=1, or the script IDs customscript_... and
customdeploy_...). The call is authenticated like every other: with TBA, the
script, deploy and --param values are part of the signature; with OAuth 2.0
(auth m2m), the token needs the restlets scope (scopes or NETSUITE_SCOPES:
restlets,rest_webservices for both RESTlets and the REST API).

--method picks the script's entry point: GET (the default) and DELETE take
their input as --param name=value query parameters; POST and PUT take a body
from --file PATH, or --file - for stdin. The body is sent as it is, as
JSON (the default), text or XML (--content-type), and NetSuite answers in
the same format.

The answer is printed as the script returned it: a JSON answer indented on a
terminal and as it came when piped (--jq filters it); text and XML answers
as they are. NetSuite's errors (an unknown script, a deployment not
Released, a method with no entry point, an error the script did not catch)
are shown with their code, and exit 1; a refused login exits 3. Scripts that
catch their own errors answer 200: check the answer with --jq.

Over the account's concurrency limit NetSuite refuses a RESTlet call with 400
SSS_REQUEST_LIMIT_EXCEEDED, and the call is sent again after a pause. A
POST, PUT or DELETE whose answer is lost (a 5xx, a broken connection) is not
sent again, since the script may have run: the error says so. If the
script is safe to run twice, --idempotent lets it be retried.`

const restletExample = `  # The emulator's demo echo RESTlet, by its script IDs
  nsconnect restlet --script customscript_nsconnect_echo --deploy customdeploy_nsconnect_echo --param id=7

  # The same by its internal IDs: POST a JSON body from a file, or from stdin
  nsconnect restlet --script 101 --deploy 1 --method POST --file order.json
  echo '{"id": 7}' | nsconnect restlet --script 101 --deploy 1 --method PUT --file -

  # A text body, and a check of the answer with --jq
  nsconnect restlet --script 101 --deploy 1 -X POST --content-type text --file note.txt
  nsconnect restlet --script 101 --deploy 1 --param status=open --jq '.query.status == "open"'`

func newRestletCmd(f *Factory, runF func(context.Context, *RestletOptions) error) *cobra.Command {
	opts := &RestletOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:     "restlet --script ID --deploy ID [--method GET|POST|PUT|DELETE] [--file PATH|-] [--param name=value]...",
		Short:   "Call a RESTlet (a SuiteScript endpoint) and print its answer",
		Long:    restletLong,
		Example: restletExample,
		Args:    noArgs,
		RunE: runner(opts, func(cmd *cobra.Command, _ []string) error {
			usage := func(format string, args ...any) error {
				return &UsageError{Err: fmt.Errorf(format, args...), Command: cmd.CommandPath()}
			}
			var missing []string
			if opts.Script == "" {
				missing = append(missing, "--script")
			}
			if opts.Deploy == "" {
				missing = append(missing, "--deploy")
			}
			if len(missing) > 0 {
				return usage("%s required: give the script and the deployment as the deployment record's External URL shows them (script=482&deploy=1)", strings.Join(missing, " and ")+map[bool]string{true: " are", false: " is"}[len(missing) > 1])
			}
			opts.Method = strings.ToUpper(opts.Method)
			switch opts.Method {
			case "GET", "DELETE":
				if opts.File != "" {
					return usage("--file: a %s takes no body; give its input as --param name=value", opts.Method)
				}
			case "POST", "PUT":
			default:
				return usage("--method %q: a RESTlet's entry points are GET, POST, PUT and DELETE", opts.Method)
			}
			for _, p := range opts.Params {
				name, _, ok := strings.Cut(p, "=")
				switch {
				case !ok || name == "":
					return usage("--param %q: want name=value, such as --param id=7", p)
				case name == "script" || name == "deploy":
					return usage("--param %q: give the %s with --%s", p, name, name)
				}
			}
			return nil
		}, runF, restletRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Script, "script", "", "the script's internal `ID` (482) or script ID (customscript_...)")
	fl.StringVar(&opts.Deploy, "deploy", "", "the deployment's `ID` (1) or script ID (customdeploy_...)")
	fl.StringVarP(&opts.Method, "method", "X", "GET", "the HTTP `method`, which picks the entry point: GET, POST, PUT or DELETE")
	fl.StringVarP(&opts.File, "file", "f", "", "send the body of a POST or PUT from `PATH`, at most 10 MB; - reads stdin")
	fl.StringArrayVarP(&opts.Params, "param", "p", nil, "a query parameter for the script, `name=value` (repeatable)")
	opts.ContentType = "json"
	fl.Var(newEnumValue(&opts.ContentType, "type", "json", "text", "xml"), "content-type", "the body's `type`: json, text or xml; NetSuite answers in the same type")
	fl.BoolVar(&opts.Idempotent, "idempotent", false, "the script is safe to run twice: retry a POST, PUT or DELETE whose answer was lost")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "show a POST, PUT or DELETE (credentials redacted) and send nothing; a GET is sent")
	fl.Var(&jqValue{p: &opts.JQ}, "jq", "filter a JSON answer with a jq `expression`, such as '.items[].id'")
	addNetFlags(fl, &opts.Net)
	return cmd
}

func restletRun(ctx context.Context, opts *RestletOptions) error {
	body, err := readRestletBody(opts.IO.In, opts.File)
	if err != nil {
		return err
	}
	params := url.Values{}
	for _, p := range opts.Params {
		name, value, _ := strings.Cut(p, "=")
		params.Add(name, value)
	}
	client, _, err := opts.Connect(ctx, opts.Net.connect(opts.DryRun))
	if err != nil {
		return err
	}
	resp, err := client.Restlets.Call(ctx, netsuite.RestletRequest{
		Script: opts.Script, Deploy: opts.Deploy, Method: opts.Method,
		Params: params, Body: body, ContentType: restletTypes[opts.ContentType],
		Idempotent: opts.Idempotent,
	})
	if err != nil {
		return apiError(err)
	}
	return writeRestletAnswer(opts, resp)
}

// readRestletBody reads --file: a file, or stdin for -, at most
// maxRestletBody.
func readRestletBody(in io.Reader, name string) ([]byte, error) {
	if name == "" {
		return nil, nil
	}
	r, shown := in, "stdin"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("--file: %w", errors.Unwrap(err))
		}
		defer f.Close()
		r, shown = f, name
	}
	data, err := io.ReadAll(io.LimitReader(r, maxRestletBody+1))
	if err != nil {
		return nil, fmt.Errorf("--file %s: %w", shown, err)
	}
	if len(data) > maxRestletBody {
		return nil, fmt.Errorf("--file %s: the body is larger than 10 MB, what NetSuite guarantees a RESTlet's input", shown)
	}
	return data, nil
}

// writeRestletAnswer prints the answer: JSON indented on a terminal, or
// through --jq; anything else as it came.
func writeRestletAnswer(opts *RestletOptions, resp *netsuite.RestletResponse) error {
	out := opts.IO.Out
	isJSON := resp.MediaType() == netsuite.RestletJSON || strings.HasSuffix(resp.MediaType(), "+json")
	if opts.JQ != "" {
		if !isJSON {
			return fmt.Errorf("--jq: the RESTlet answered %s, not JSON; leave out --jq to see it", resp.MediaType())
		}
		var v any
		if err := json.Unmarshal(resp.Body, &v); err != nil {
			return fmt.Errorf("--jq: the RESTlet's answer is not valid JSON: %v", err)
		}
		return writeJQ(out, formatJSON, opts.JQ, v)
	}
	body := resp.Body
	if isJSON && opts.IO.OutIsTTY != nil && opts.IO.OutIsTTY() {
		var b bytes.Buffer
		if jsonIndent(&b, body) == nil {
			body = b.Bytes()
		}
	}
	if _, err := out.Write(body); err != nil {
		return err
	}
	if len(body) > 0 && body[len(body)-1] != '\n' {
		_, err := io.WriteString(out, "\n")
		return err
	}
	return nil
}
