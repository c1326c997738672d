package cli

import (
	"context"
	"errors"
	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/internal/config"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"
)

// ignoreDeps leaves out of a comparison of Options the dependencies
// (streams, functions), which parsing does not set.
var ignoreDeps = cmp.FilterPath(func(p cmp.Path) bool {
	switch p.Last().String() {
	case ".IO", ".LookupEnv", ".Connect", ".BuildInfo", ".Now", ".ControlToken":
		return true
	}
	return false
}, cmp.Ignore())

// argvCase is one row of an argv → Options table: args parse into want, or
// fail with a usage error containing wantErr.
type argvCase[T any] struct {
	args    string
	want    T
	wantErr string
}

func runArgvCases[T any](t *testing.T, newCmd func(*Factory, func(context.Context, *T) error) *cobra.Command, cases []argvCase[T]) {
	t.Helper()
	for _, tt := range cases {
		got, err := parse(t, newCmd, strings.Fields(tt.args)...)
		if tt.wantErr != "" {
			var ue *UsageError
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &ue) {
				t.Errorf("%s: error = %v, want a usage error with %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.args, err)
			continue
		}
		if diff := cmp.Diff(&tt.want, got, ignoreDeps); diff != "" {
			t.Errorf("%s: options (-want +got):\n%s", tt.args, diff)
		}
	}
}

func TestNewRecordGetCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newRecordGetCmd, []argvCase[RecordGetOptions]{
		{args: "get customer 107", want: RecordGetOptions{Type: "customer", ID: "107"}},
		{args: "get salesOrder eid:SO-1 --expand --simple-enum --fields tranId,total -o yaml --jq .tranId -v --quiet",
			want: RecordGetOptions{Type: "salesOrder", ID: "eid:SO-1", Expand: true, SimpleEnum: true, Fields: []string{"tranId", "total"},
				Output: OutputOptions{Format: "yaml", JQ: ".tranId"}, Net: NetOptions{Verbose: true, Quiet: true}}},
		{args: "get customer 107 -o JSON", want: RecordGetOptions{Type: "customer", ID: "107", Output: OutputOptions{Format: "json"}}},
		{args: "get customer", wantErr: "takes 2 argument(s), TYPE ID, but got 1"},
		{args: "get customer abc", wantErr: `record ID "abc" is neither an internal ID`},
		{args: "get customer 1 -o csv", wantErr: `unknown format "csv"; use table, json or yaml`},
		{args: "get customer 1 -o yamll", wantErr: `did you mean "yaml"?`},
		{args: "get customer 1 --jq .[", wantErr: "not a valid jq expression"},
		{args: "get customer 1 --set a=b", wantErr: "unknown flag: --set"},
	})
}

func TestNewRecordListCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newRecordListCmd, []argvCase[RecordListOptions]{
		{args: "list customer", want: RecordListOptions{Type: "customer"}},
		{args: "list customer --q x --limit 10 --all -o csv --quiet", want: RecordListOptions{Type: "customer", Q: "x", Limit: 10, All: true, Output: OutputOptions{Format: "csv"}, Net: NetOptions{Quiet: true}}},
		{args: "list customer --limit 5000", wantErr: "--limit 5000: a page holds 1 to 1000 records"},
		{args: "list customer --limit abc", wantErr: `invalid argument "abc" for "--limit"`},
		{args: "list", wantErr: "takes 1 argument(s), TYPE, but got 0"},
	})
}

func TestNewRecordCreateCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newRecordCreateCmd, []argvCase[RecordCreateOptions]{
		{args: "create customer --set companyName=Acme --set subsidiary.id=1 --dry-run",
			want: RecordCreateOptions{Type: "customer", Body: BodyOptions{Sets: []string{"companyName=Acme", "subsidiary.id=1"}}, DryRun: true}},
		{args: "create customer -f - -o json", want: RecordCreateOptions{Type: "customer", Body: BodyOptions{File: "-"}, Output: OutputOptions{Format: "json"}}},
		{args: "create customer --mode append", wantErr: "unknown flag: --mode"},
		{args: "create customer 1", wantErr: "takes 1 argument(s)"},
	})
}

func TestNewRecordUpdateCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newRecordUpdateCmd, []argvCase[RecordUpdateOptions]{
		{args: "update customer 107 --set email=a@b.example", want: RecordUpdateOptions{Type: "customer", ID: "107", Mode: "overwrite", Body: BodyOptions{Sets: []string{"email=a@b.example"}}}},
		{args: "update salesOrder eid:SO-1 --mode replace --replace item --file lines.json --yes --dry-run",
			want: RecordUpdateOptions{Type: "salesOrder", ID: "eid:SO-1", Mode: "replace", Replace: []string{"item"}, Body: BodyOptions{File: "lines.json"}, Yes: true, DryRun: true}},
		{args: "update customer 1 --mode apend", wantErr: `unknown mode "apend"; did you mean "append"? Use overwrite, append or replace`},
		{args: "update customer 1 --replace item", wantErr: "--replace goes with --mode replace"},
		{args: "update customer x1", wantErr: "neither an internal ID"},
	})
}

func TestNewRecordUpsertCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newRecordUpsertCmd, []argvCase[RecordUpsertOptions]{
		{args: "upsert customer CUST-1 --set companyName=A", want: RecordUpsertOptions{Type: "customer", ExternalID: "CUST-1", Mode: "overwrite", Body: BodyOptions{Sets: []string{"companyName=A"}}}},
		{args: "upsert customer CUST-1 --mode append -y", want: RecordUpsertOptions{Type: "customer", ExternalID: "CUST-1", Mode: "append", Yes: true}},
		{args: "upsert customer", wantErr: "takes 2 argument(s), TYPE EXTERNAL_ID"},
	})
}

func TestNewRecordDeleteCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newRecordDeleteCmd, []argvCase[RecordDeleteOptions]{
		{args: "delete customer 107", want: RecordDeleteOptions{Type: "customer", ID: "107"}},
		{args: "delete customer eid:C-1 --yes --dry-run -o json", want: RecordDeleteOptions{Type: "customer", ID: "eid:C-1", Yes: true, DryRun: true, Output: OutputOptions{Format: "json"}}},
		{args: "delete customer", wantErr: "takes 2 argument(s)"},
	})
}

func TestNewQueryCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newQueryCmd, []argvCase[QueryOptions]{
		{args: "query SELECT_1", want: QueryOptions{Query: "SELECT_1"}},
		{args: "query - -o csv", want: QueryOptions{Query: "-", Output: OutputOptions{Format: "csv"}}},
		{args: "query --file q.sql --param SalesOrd -p 100 --limit 50 --max-rows 10 --jq .id --quiet",
			want: QueryOptions{File: "q.sql", Params: []string{"SalesOrd", "100"}, Limit: 50, MaxRows: 10, Output: OutputOptions{JQ: ".id"}, Net: NetOptions{Quiet: true}}},
		// A comma in a value stays in it: --param is not a list flag.
		{args: "query x --param a,b", want: QueryOptions{Query: "x", Params: []string{"a,b"}}},
		{args: "query", wantErr: "no query: give it as an argument"},
		{args: "query x --file q.sql", wantErr: "not both"},
		{args: "query SELECT id", wantErr: "takes at most 1 argument(s), but got 2; quote the query"},
		{args: "query x --limit 1001", wantErr: "a SuiteQL page holds 1 to 1000 rows"},
		{args: "query x --max-rows -1", wantErr: "--max-rows -1"},
		{args: "query x -o xml", wantErr: `unknown format "xml"`},
	})
}

func TestNewExportCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newExportCmd, []argvCase[ExportOptions]{
		{args: "export --type customer --out c.csv", want: ExportOptions{Type: "customer", Out: "c.csv", Format: "csv"}},
		{args: "export --type salesOrder --out o.JSONL --resume", want: ExportOptions{Type: "salesOrder", Out: "o.JSONL", Format: "ndjson", Resume: true}},
		{args: "export --query SELECT_x; --param a -p b --out x.data --format ndjson --columns ID,name --key ID --limit 10 --max-rows 5 --force -v",
			want: ExportOptions{Query: "SELECT_x", Params: []string{"a", "b"}, Out: "x.data", Format: "ndjson", Columns: []string{"id", "name"}, Key: "id", Limit: 10, MaxRows: 5, Force: true, Net: NetOptions{Verbose: true}}},
		{args: "export --out c.csv", wantErr: "give --query 'SELECT ...' or --type TYPE"},
		{args: "export --type customer --query x --out c.csv", wantErr: "not both"},
		{args: "export --type customer", wantErr: "give the file to write with --out PATH"},
		{args: "export --type customer --out c.txt", wantErr: "cannot tell the format from the extension"},
		{args: "export --type customer --out c.csv --format xml", wantErr: `unknown format "xml"; use csv or ndjson`},
		{args: "export --type cust;omer --out c.csv", wantErr: "is not a record type name"},
		{args: "export --type customer --param 1 --out c.csv", wantErr: "--param goes with --query"},
		{args: "export --type customer --out c.csv --resume --force", wantErr: "give one"},
		{args: "export --type customer --out c.csv --columns a,,b", wantErr: "--columns has an empty name"},
		{args: "export --type customer --out c.csv --limit 0 --max-rows -2", wantErr: "--max-rows -2"},
		{args: "export extra --type customer --out c.csv", wantErr: "takes no arguments"},
	})
}

func TestNewWatchCmd(t *testing.T) {
	t.Parallel()
	def := func(o WatchOptions) WatchOptions {
		if o.Interval == 0 {
			o.Interval = 30 * time.Second
		}
		if o.WebhookAttempts == 0 {
			o.WebhookAttempts, o.WebhookBackoff = connector.DefaultWebhookAttempts, connector.DefaultWebhookBackoff
		}
		return o
	}
	runArgvCases(t, newWatchCmd, []argvCase[WatchOptions]{
		{args: "watch customer --on updated", want: def(WatchOptions{Type: "customer", On: "updated", Fetch: "record"})},
		{args: "watch salesOrder --on NEW --since 2026-11-01T00:00 --to file:o.ndjson --state s.db --interval 200ms --overlap 5m --batch 10 --fetch columns --once --name orders -v --quiet",
			want: WatchOptions{Type: "salesOrder", On: "new", Since: "2026-11-01T00:00", ToFile: "o.ndjson", State: "s.db", Interval: 200 * time.Millisecond,
				Overlap: 5 * time.Minute, Batch: 10, Fetch: "columns", Once: true, Name: "orders", Net: NetOptions{Verbose: true, Quiet: true},
				WebhookAttempts: connector.DefaultWebhookAttempts, WebhookBackoff: connector.DefaultWebhookBackoff}},
		{args: "watch customer --on deleted --from-beginning --to stdout", want: def(WatchOptions{Type: "customer", On: "deleted", FromBeginning: true, Fetch: "record"})},
		{args: "watch customer --on updated --to - --since 2026-11-01T09:00:00Z", want: def(WatchOptions{Type: "customer", On: "updated", Since: "2026-11-01T09:00:00Z", Fetch: "record"})},
		{args: "watch --query SELECT_id,lastmodifieddate_FROM_customer_WHERE_lastmodifieddate>=:cursor; --cursor-column LastModifiedDate",
			want: def(WatchOptions{On: "query", Query: "SELECT_id,lastmodifieddate_FROM_customer_WHERE_lastmodifieddate>=:cursor", CursorColumn: "lastmodifieddate", Fetch: "columns"})},
		{args: "watch", wantErr: "give a record type and --on new|updated|deleted, or --query"},
		{args: "watch customer", wantErr: "say what to watch customer for: --on new, updated or deleted"},
		{args: "watch customer --on changed", wantErr: `unknown kind "changed"; use new, updated or deleted`},
		{args: "watch customer --on updatd", wantErr: `did you mean "updated"?`},
		{args: "watch cust;omer --on new", wantErr: "is not a record type name"},
		{args: "watch customer invoice --on new", wantErr: "takes at most 1 argument(s)"},
		{args: "watch customer --on new --query x:cursor --cursor-column c", wantErr: "not both"},
		{args: "watch customer --on new --cursor-column c", wantErr: "--cursor-column goes with --query"},
		{args: "watch --query x:cursor --cursor-column c --on new", wantErr: "--on goes with a record type"},
		{args: "watch --query x:cursor", wantErr: "--query needs --cursor-column"},
		{args: "watch --query SELECT_id --cursor-column c", wantErr: "no :cursor placeholder"},
		{args: "watch --query x:cursor --cursor-column c --fetch record", wantErr: "--fetch record goes with a record type"},
		{args: "watch customer --on new --fetch rows", wantErr: `unknown mode "rows"`},
		{args: "watch customer --on new --since 2026-11-01 --from-beginning", wantErr: "give one"},
		{args: "watch customer --on new --since 11/1/2026", wantErr: "--since: "},
		{args: "watch customer --on new --since 2026-13-01", wantErr: "month 13"},
		{args: "watch customer --on new --interval 0s", wantErr: "--interval 0s: give a positive duration"},
		{args: "watch customer --on new --interval soon", wantErr: `invalid argument "soon" for "--interval"`},
		{args: "watch customer --on new --overlap -1m", wantErr: "--overlap -1m0s"},
		{args: "watch customer --on new --batch -1", wantErr: "--batch -1"},
		{args: "watch customer --on new --to file:", wantErr: "--to file: needs a path"},
		{args: "watch customer --on new --to https://hooks.example/x --webhook-secret-file s.txt --webhook-attempts 3 --webhook-backoff 50ms --dead-letter dl.ndjson",
			want: def(WatchOptions{Type: "customer", On: "new", Fetch: "record", ToURL: "https://hooks.example/x", WebhookSecretFile: "s.txt",
				WebhookAttempts: 3, WebhookBackoff: 50 * time.Millisecond, DeadLetter: "dl.ndjson"})},
		{args: "watch customer --on new --to http://hooks.example/x", wantErr: "not a loopback address"},
		{args: "watch customer --on new --to https://hooks.example/x --webhook-attempts 0", wantErr: "--webhook-attempts 0: give 1 or more"},
		{args: "watch customer --on new --to https://hooks.example/x --webhook-backoff 0s", wantErr: "--webhook-backoff 0s: give a positive duration"},
		{args: "watch customer --on new --webhook-secret-file s.txt", wantErr: "--webhook-secret-file goes with --to https://"},
		{args: "watch customer --on new --to file:x --dead-letter dl.ndjson", wantErr: "--dead-letter goes with --to https://"},
		{args: "watch customer --on new --to events.ndjson", wantErr: `--to "events.ndjson": use stdout, file:PATH or a webhook's https://URL`},
	})
}

func TestNewConfigInitCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newConfigInitCmd, []argvCase[ConfigInitOptions]{
		{args: "init", want: ConfigInitOptions{}},
		{args: "init --set-default --no-test", want: ConfigInitOptions{SetDefault: true, NoTest: true}},
		{args: "init --profile sandbox --set-default --timezone Europe/Paris --base-url http://127.0.0.1:8080",
			want: ConfigInitOptions{SetDefault: true, Flags: config.Flags{Profile: "sandbox", Timezone: "Europe/Paris", BaseURL: "http://127.0.0.1:8080"}}},
		{args: "init --from-emulator http://127.0.0.1:8080 --profile emu --concurrency 3 --ignore-readonly",
			want: ConfigInitOptions{FromEmulator: "http://127.0.0.1:8080", Flags: config.Flags{Profile: "emu", Concurrency: "3", IgnoreReadOnly: "true"}}},
		{args: "init --from-emulator 127.0.0.1:8080", wantErr: `--from-emulator: "127.0.0.1:8080" is not an absolute http or https URL`},
		{args: "init --from-emulator http://127.0.0.1:8080 --account-id 1", wantErr: "leave out --account-id"},
		{args: "init --from-emulator http://127.0.0.1:8080 --base-url http://x", wantErr: "leave out --base-url"},
		{args: "init --from-emulator", wantErr: "flag needs an argument: --from-emulator"},
		{args: "init sandbox", wantErr: "takes no arguments"},
	})
}

func TestNewConfigUseCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newConfigUseCmd, []argvCase[ConfigUseOptions]{
		{args: "use sandbox", want: ConfigUseOptions{Name: "sandbox"}},
		{args: "use", wantErr: "takes 1 argument(s), NAME, but got 0"},
		{args: "use a b", wantErr: "takes 1 argument(s), NAME, but got 2"},
		{args: "use a --yes", wantErr: "unknown flag: --yes"},
	})
}

func TestNewConfigDeleteCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newConfigDeleteCmd, []argvCase[ConfigDeleteOptions]{
		{args: "delete old", want: ConfigDeleteOptions{Name: "old"}},
		{args: "delete old --yes", want: ConfigDeleteOptions{Name: "old", Yes: true}},
		{args: "delete -y old", want: ConfigDeleteOptions{Name: "old", Yes: true}},
		{args: "delete", wantErr: "takes 1 argument(s), NAME, but got 0"},
	})
}

func TestNewConfigProfilesCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newConfigProfilesCmd, []argvCase[ConfigProfilesOptions]{
		{args: "profiles", want: ConfigProfilesOptions{Output: "text"}},
		{args: "profiles -o yaml", want: ConfigProfilesOptions{Output: "yaml"}},
		{args: "profiles x", wantErr: "takes no arguments"},
	})
}

func TestNewEmulatorCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newEmulatorCmd, []argvCase[EmulatorOptions]{
		{args: "emulator", want: EmulatorOptions{Listen: "127.0.0.1:8080", QueryTimeout: 30 * time.Second, M2MKeyFile: DefaultM2MKeyFile()}},
		{args: "emulator --listen 127.0.0.1:0 --account a.yaml --data d.db --concurrency 3 --latency 100ms --faults 429=0.1 --seed-records 500 --no-seed --dump-account --verbose --query-timeout 5s --m2m-key-file k.pem",
			want: EmulatorOptions{Listen: "127.0.0.1:0", AccountFile: "a.yaml", DataPath: "d.db", Concurrency: 3, Latency: 100 * time.Millisecond, QueryTimeout: 5 * time.Second, Faults: "429=0.1", SeedRecords: 500, NoSeed: true, DumpAccount: true, Verbose: true, M2MKeyFile: "k.pem"}},
		{args: "emulator --latency soon", wantErr: `invalid argument "soon" for "--latency"`},
		{args: "emulator x", wantErr: "takes no arguments"},
	})
}

func TestNewDemoCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newDemoCmd, []argvCase[DemoOptions]{
		{args: "demo", want: DemoOptions{}},
		{args: "demo now", wantErr: "takes no arguments"},
	})
}

func TestNewDoctorCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newDoctorCmd, []argvCase[DoctorOptions]{
		{args: "doctor", want: DoctorOptions{Output: "text"}},
		{args: "doctor --records customer,salesOrder -o json", want: DoctorOptions{Records: []string{"customer", "salesOrder"}, Output: "json"}},
		{args: "doctor --records customer --records customrecord_zone -o TEXT", want: DoctorOptions{Records: []string{"customer", "customrecord_zone"}, Output: "text"}},
		{args: "doctor --records customer,,salesOrder", wantErr: `--records "customer,,salesOrder": want record types separated by commas`},
		{args: "doctor --records sales-order", wantErr: `--records "sales-order"`},
		{args: "doctor -o yaml", wantErr: `unknown format "yaml"; use text or json`},
		{args: "doctor now", wantErr: "takes no arguments"},
		{args: "doctor --bogus", wantErr: "unknown flag: --bogus"},
	})
}

func TestNewImportCmd(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newImportCmd, []argvCase[ImportOptions]{
		{args: "import --type customer --mode upsert --file c.csv", want: ImportOptions{Type: "customer", Op: connector.OpUpsert, File: "c.csv"}},
		{args: "import --type salesOrder --mode CREATE --file o.ndjson --mapping m.yaml --results r.csv --state s.db --restart --sublists replace --workers 3 -v --quiet",
			want: ImportOptions{Type: "salesOrder", Op: connector.OpCreate, File: "o.ndjson", Mapping: "m.yaml", Results: "r.csv", State: "s.db",
				Restart: true, Sublists: "replace", Workers: 3, Net: NetOptions{Verbose: true, Quiet: true}}},
		{args: "import --type customer --mode delete --file old.jsonl", want: ImportOptions{Type: "customer", Op: connector.OpDelete, File: "old.jsonl"}},
		{args: "import --mode create --file c.csv", wantErr: "give the record type with --type"},
		{args: "import --type cust;omer --mode create --file c.csv", wantErr: "is not a record type name"},
		{args: "import --type customer --file c.csv", wantErr: "--mode create, update, upsert or delete"},
		{args: "import --type customer --mode insert --file c.csv", wantErr: `unknown mode "insert"`},
		{args: "import --type customer --mode upsrt --file c.csv", wantErr: `did you mean "upsert"?`},
		{args: "import --type customer --mode create", wantErr: "give the file to import with --file"},
		{args: "import --type customer --mode create --file c.xlsx", wantErr: "--file: "},
		{args: "import --type customer --mode create --file c.csv --workers -1", wantErr: "--workers -1"},
		{args: "import --type customer --mode create --file c.csv --sublists merge", wantErr: `unknown mode "merge"`},
		{args: "import customer --mode create --file c.csv", wantErr: "takes 0 argument(s)"},
	})
}

func TestNewRestletCmdTable(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newRestletCmd, []argvCase[RestletOptions]{
		{args: "restlet --script 482 --deploy 1", want: RestletOptions{Script: "482", Deploy: "1", Method: "GET", ContentType: "json"}},
		{args: "restlet --script customscript_a --deploy customdeploy_a -X put -f - --content-type XML --idempotent --jq .id -p a=1 --param b=x=y -v --quiet",
			want: RestletOptions{Script: "customscript_a", Deploy: "customdeploy_a", Method: "PUT", File: "-", ContentType: "xml", Idempotent: true, JQ: ".id",
				Params: []string{"a=1", "b=x=y"}, Net: NetOptions{Verbose: true, Quiet: true}}},
		{args: "restlet --script 482 --deploy 1 --method delete --param id=7 --dry-run", want: RestletOptions{Script: "482", Deploy: "1", Method: "DELETE", ContentType: "json", Params: []string{"id=7"}, DryRun: true}},
		{args: "restlet --deploy 1", wantErr: "--script is required"},
		{args: "restlet --script 1", wantErr: "--deploy is required"},
		{args: "restlet", wantErr: "--script and --deploy are required"},
		{args: "restlet --script 1 --deploy 1 -X PATCH", wantErr: `--method "PATCH"`},
		{args: "restlet --script 1 --deploy 1 --file b.json", wantErr: "a GET takes no body"},
		{args: "restlet --script 1 --deploy 1 -p =1", wantErr: `--param "=1": want name=value`},
		{args: "restlet --script 1 --deploy 1 -p deploy=2", wantErr: "give the deploy with --deploy"},
		{args: "restlet --script 1 --deploy 1 --content-type jsn", wantErr: `did you mean "json"?`},
		{args: "restlet --script 1 --deploy 1 --jq .[", wantErr: "not a valid jq expression"},
		{args: "restlet x --script 1 --deploy 1", wantErr: "takes no arguments"},
	})
}

func TestNewVersionCmdTable(t *testing.T) {
	t.Parallel()
	runArgvCases(t, newVersionCmd, []argvCase[VersionOptions]{
		{args: "version", want: VersionOptions{Output: "text"}},
		{args: "version -o json", want: VersionOptions{Output: "json"}},
		{args: "version -o jsn", wantErr: `did you mean "json"?`},
	})
}

// Every leaf command of ours has an argv → Options table test above (or in
// cli_test.go); a new command without one fails here.
func TestEveryLeafCommandHasArgvTest(t *testing.T) {
	t.Parallel()
	tested := map[string]bool{
		"nsconnect version": true, "nsconnect config init": true, "nsconnect config show": true, "nsconnect config profiles": true,
		"nsconnect config use": true, "nsconnect config delete": true,
		"nsconnect emulator": true, "nsconnect demo": true, "nsconnect doctor": true,
		"nsconnect record get": true, "nsconnect record list": true, "nsconnect record create": true,
		"nsconnect record update": true, "nsconnect record upsert": true, "nsconnect record delete": true,
		"nsconnect query": true, "nsconnect export": true, "nsconnect watch": true, "nsconnect import": true,
		"nsconnect restlet": true,
	}
	ios, _, _, _ := testStreams()
	for _, c := range allCommands(NewRootCmd(&Factory{IO: ios})) {
		path := c.CommandPath()
		if c.HasSubCommands() || c.Name() == "help" || strings.HasPrefix(path, "nsconnect completion") || strings.HasPrefix(path, "nsconnect __") {
			continue
		}
		if !tested[path] {
			t.Errorf("%s has no argv → Options table test", path)
		}
	}
}
