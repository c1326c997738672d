package cli

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// An exampleCheck says how one example command, of a command's --help or
// the README's "Try it", is checked against the emulator's demo data: run
// through the CLI over HTTP, it must exit 0 and print want (or write it to
// the file outFile). Examples that change records run on an emulator of
// their own; skip says why an example is not run at all.
type exampleCheck struct {
	want    string
	outFile string            // the file the example writes want to, instead of stdout
	write   bool              // changes records
	deletes bool              // deletes a demo record, one no other example deletes: runs after the other writes
	files   map[string]string // input files, by the name the example gives
	skip    string
}

// customerJSON is a customer body for the examples that read one from a file.
const customerJSON = `{"companyName": "Thistle Homestead Supply", "email": "hello@thistle.example", "subsidiary": {"id": "1"}}`

// exampleChecks covers every example: a new one fails
// TestExamplesAreChecked until it is added here, and a change that makes
// one find nothing in the demo data fails TestExamplesWorkOnDemoData.
var exampleChecks = map[string]exampleCheck{
	// nsconnect and nsconnect config
	"nsconnect config init": {skip: "asks for values on a terminal (TestConfigInitInteractive)"},
	"nsconnect config init --from-emulator http://127.0.0.1:8080":                                                                 {skip: "needs an emulator at that port (TestConnectToEmulatorInOneStep runs the line the emulator prints)"},
	"nsconnect config init --from-emulator http://127.0.0.1:8080 --profile emulator":                                              {skip: "needs an emulator at that port (TestConnectToEmulatorInOneStep runs the line the emulator prints)"},
	"nsconnect config init --profile sandbox --set-default":                                                                       {skip: "asks for values on a terminal"},
	"nsconnect config init --profile m2m --auth m2m --client-id ID --certificate-id ID --private-key-file private.pem </dev/null": {skip: "needs an M2M mapping of yours and its private key (TestConfigInitM2M)"},
	"nsconnect config init --profile ci --no-test </dev/null":                                                                     {skip: "needs your credentials in the environment (TestConfigInitFromEnvironment)"},
	"nsconnect config show":                                            {want: "1234567_SB1"},
	"nsconnect config show --output json":                              {want: `"realm": "1234567_SB1"`},
	"nsconnect config show --profile sandbox --timezone Europe/London": {skip: "needs a profile named sandbox"},
	"nsconnect --profile production config show":                       {skip: "needs a profile named production"},
	"nsconnect config profiles":                                        {want: "nsconnect config init"},
	"nsconnect config profiles --output json":                          {want: `"configFileExists": false`},
	"nsconnect config use sandbox":                                     {skip: "needs a profile named sandbox (TestConfigUseAndDelete)"},
	"nsconnect config use emulator":                                    {skip: "needs a profile named emulator (TestConfigUseAndDelete)"},
	"nsconnect config delete old-sandbox":                              {skip: "needs a profile named old-sandbox (TestConfigUseAndDelete)"},
	"nsconnect config delete emulator --yes":                           {skip: "needs a profile named emulator (TestConfigUseAndDelete)"},
	"nsconnect version":                                                {want: "nsconnect"},
	"nsconnect version --output json":                                  {want: `"version"`},

	// the emulator, the demo and the doctor
	"nsconnect emulator --listen 127.0.0.1:0":                                              {skip: "runs until interrupted (TestEmulatorWarnsOffLoopback)"},
	"nsconnect emulator --listen 127.0.0.1:8080":                                           {skip: "runs until interrupted"},
	"nsconnect emulator --latency 100ms --concurrency 5 --faults 429=0.05,500=0.01,seed=7": {skip: "runs until interrupted"},
	"nsconnect emulator --faults drop-after=0.03,500-after=0.02,seed=7":                    {skip: "runs until interrupted"},
	"nsconnect emulator --data emulator.db":                                                {skip: "runs until interrupted"},
	"nsconnect emulator --dump-account > account.yaml":                                     {want: "accountId: 1234567_SB1"},
	"go run ./cmd/nsconnect demo":                                                          {skip: "runs an emulator of its own (TestDemo)"},
	"nsconnect doctor":                                                                     {want: "ok"},
	"nsconnect doctor --records customer,salesOrder":                                       {want: "ok    read salesOrder: the role can read salesOrder"},
	"nsconnect --profile production doctor -o json":                                        {skip: "needs a profile named production"},

	// records
	"nsconnect record get customer eid:CUST-0001":                                                               {want: "Meadowbrook Garden Center Inc."},
	"nsconnect record get customer 19":                                                                          {want: "Meadowbrook Garden Center Inc."},
	"nsconnect record get salesOrder 42 --expand -o json":                                                       {want: `"tranId": "SO1042"`},
	"nsconnect record get customer 19 --jq .email":                                                              {want: "purchasing@meadowbrookgarden.example"},
	"nsconnect record get customer eid:CUST-0001 --jq .email":                                                   {want: "purchasing@meadowbrookgarden.example"},
	`nsconnect record list customer --q 'companyName START_WITH "Meadow"' --all -o ndjson`:                      {want: `"id":"19"`},
	`nsconnect record list customer --q 'companyName START_WITH "Meadow"'`:                                      {want: `"id":"19"`},
	"nsconnect record list customer --limit 10":                                                                 {want: `"id":"19"`},
	`nsconnect record list salesOrder --q 'tranDate ON_OR_AFTER "1/1/2025"' --all -o ndjson`:                    {want: `"id":"42"`},
	"nsconnect record list customer --all -o csv > customers.csv":                                               {want: "19"},
	"nsconnect record create customer --set companyName='Acme Inc' --set subsidiary.id=1":                       {write: true, want: `"id"`},
	"nsconnect record create customer --set companyName='Acme Inc' --set subsidiary.id=1 --dry-run":             {want: "POST "},
	"nsconnect record create customer --file customer.json":                                                     {write: true, want: `"id"`, files: map[string]string{"customer.json": customerJSON}},
	`echo '{"companyName":"Acme","subsidiary":{"id":"1"}}' | nsconnect record create customer --file -`:         {write: true, want: `"id"`},
	"nsconnect record update customer 19 --set email=ap@acme.example":                                           {write: true, want: `"id": "19"`},
	"nsconnect record update salesOrder 42 --mode append --set 'item[0].item.id=12' --set 'item[0].quantity=1'": {write: true, want: `"id": "42"`},
	"nsconnect record update salesOrder 42 --mode append --set 'item[0].item.id=12' --dry-run":                  {want: "PATCH "},
	"nsconnect record update salesOrder 42 --mode replace --file lines.json --yes": {write: true, want: `"id": "42"`,
		files: map[string]string{"lines.json": `{"item": {"items": [{"item": {"id": "12"}, "quantity": 2, "rate": 4.5}]}}`}},
	"nsconnect record upsert customer CUST-0042 --set companyName='Acme Inc' --set subsidiary.id=1": {write: true, want: `"id": "60"`},
	"nsconnect record upsert customer CUST-0042 --file customer.json":                               {write: true, want: `"id": "60"`, files: map[string]string{"customer.json": customerJSON}},
	"nsconnect record upsert customer CUST-0042 --file customer.json --dry-run":                     {want: "PUT ", files: map[string]string{"customer.json": customerJSON}},
	"nsconnect record delete customer 19":                                                           {write: true, deletes: true, want: `"id": "19"`},
	"nsconnect record delete customer 19 --dry-run":                                                 {want: "DELETE "},
	"nsconnect record delete customer eid:CUST-0042 --yes":                                          {write: true, deletes: true, want: `"id"`},

	// queries and exports
	"nsconnect query 'SELECT id, companyname, email FROM customer ORDER BY id'":                                                                                                          {want: "Meadowbrook Garden Center Inc."},
	`nsconnect query "SELECT id, tranid, TO_CHAR(createddatetime, 'YYYY-MM-DD HH24:MI:SS') AS created FROM transaction WHERE type = ? ORDER BY id" --param SalesOrd -o csv > orders.csv`: {want: "SO1001"},
	`nsconnect query "SELECT id, tranid, BUILTIN.DF(entity) AS customer FROM transaction WHERE type = ?" -p SalesOrd`:                                                                    {want: "SO1001"},
	"nsconnect query 'SELECT id, entityid FROM customer WHERE id > ? ORDER BY id' --param 40 --max-rows 500":                                                                             {want: "Blue Ridge Honey Company Inc."},
	"nsconnect query --file report.sql -o json --jq '.rows[].id'":                                                                                                                        {want: "19", files: map[string]string{"report.sql": "SELECT id FROM customer ORDER BY id"}},
	"echo 'SELECT COUNT(*) AS n FROM customer' | nsconnect query -":                                                                                                                      {want: "50"},
	"nsconnect export --type customer --out customers.csv":                                                                                                                               {want: "Meadowbrook Garden Center Inc.", outFile: "customers.csv"},
	"nsconnect export --type salesOrder --out orders.ndjson":                                                                                                                             {want: "SO1042", outFile: "orders.ndjson"},
	`nsconnect export --out items.csv --param InvtPart --query "SELECT id, itemid, displayname, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modified FROM item WHERE itemtype = ? ORDER BY id"`: {
		want: "HIVE-10F", outFile: "items.csv"},
	"nsconnect export --type customer --out customers.csv --columns id,entityid,companyname,email": {want: "purchasing@meadowbrookgarden.example", outFile: "customers.csv"},
	"nsconnect export --type customer --out customers.csv --resume":                                {skip: "continues an export that stopped (the export tests)"},

	// RESTlets: the demo account's echo RESTlet
	"nsconnect restlet --script customscript_nsconnect_echo --deploy customdeploy_nsconnect_echo --param id=7": {want: `"query":{"id":"7"}`},
	"nsconnect restlet --script 101 --deploy 1 --method POST --file order.json":                                {want: `"body":{"orderId":7}`, files: map[string]string{"order.json": `{"orderId": 7}`}},
	`echo '{"id": 7}' | nsconnect restlet --script 101 --deploy 1 --method PUT --file -`:                       {want: `"method":"PUT","query":{},"body":{"id":7}`},
	"nsconnect restlet --script 101 --deploy 1 -X POST --content-type text --file note.txt":                    {want: `"body":"hello"`, files: map[string]string{"note.txt": "hello"}},
	`nsconnect restlet --script 101 --deploy 1 --param status=open --jq '.query.status == "open"'`:             {want: "true"},

	// imports and watches
	"nsconnect import --type customer --mode upsert --file customers.csv --results results.csv": {write: true, want: "upserted,19", outFile: "results.csv",
		files: map[string]string{"customers.csv": "externalId,companyName,subsidiary.id\nCUST-0001,Meadowbrook Garden Center Inc.,1\n"}},
	"nsconnect import --type salesOrder --mode create --file orders.csv --mapping orders.yaml": {skip: "needs a mapping file of yours (docs/import.md; import_e2e_test.go)"},
	"nsconnect import --type customer --mode delete --file old-customers.csv": {write: true, deletes: true, want: "1 deleted",
		files: map[string]string{"old-customers.csv": "id\n20\n"}},
	"nsconnect watch customer --on updated":                                          {skip: "runs until interrupted (watch_e2e_test.go)"},
	"nsconnect watch customer --on updated --to file:events.ndjson":                  {skip: "runs until interrupted (watch_e2e_test.go)"},
	"nsconnect watch salesOrder --on new --since 2026-11-01 --to file:orders.ndjson": {skip: "runs until interrupted (watch_e2e_test.go)"},
	"nsconnect watch customer --on deleted --from-beginning":                         {skip: "runs until interrupted (watch_e2e_test.go)"},
	`nsconnect watch --cursor-column lastmodifieddate --query "SELECT id, companyname, email, lastmodifieddate FROM customer WHERE lastmodifieddate >= :cursor AND isinactive = 'F'"`: {
		skip: "runs until interrupted (watch_e2e_test.go)"},
	`*/5 * * * * cd "$HOME/crm" && nsconnect watch customer --on updated --once --quiet --to file:customers.ndjson`: {
		skip: "a first poll starts now and finds nothing by design (watch_e2e_test.go)"},
	"nsconnect watch customer --on updated --to https://hooks.example.com/netsuite --webhook-secret-file webhook.secret": {
		skip: "runs until interrupted, and needs a receiver (TestWatchWebhookEndToEnd)"},
}

// An example is one command line of a command's --help or of the README,
// with the text it was found in, for messages.
type example struct {
	line, where string
}

// examplesIn returns the command lines of an Example text or a shell block:
// the lines that run nsconnect, their comments removed, a line whose quote
// is still open joined with the next ones.
func examplesIn(text, where string) []example {
	var out []example
	pending := ""
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if pending != "" {
			pending += " " + line
		} else if strings.Contains(line, "nsconnect ") && !strings.HasPrefix(line, "#") {
			pending = line
		} else {
			continue
		}
		line := withoutComment(pending)
		if _, _, err := shellWords(line); errors.Is(err, errOpenQuote) {
			continue
		}
		out = append(out, example{line: line, where: where})
		pending = ""
	}
	return out
}

// withoutComment removes a trailing shell comment and collapses spaces.
func withoutComment(line string) string {
	inSingle, inDouble := false, false
	for i, r := range line {
		switch {
		case r == '\'' && !inDouble:
			inSingle = !inSingle
		case r == '"' && !inSingle:
			inDouble = !inDouble
		case r == '#' && !inSingle && !inDouble && i > 0 && line[i-1] == ' ' && !strings.HasPrefix(line[i:], "#!"):
			line = line[:i]
		}
	}
	return strings.Join(strings.Fields(line), " ")
}

var errOpenQuote = errors.New("a quote is not closed")

// shellWords splits a command line as a POSIX shell would for the forms
// the examples use: words, '...' and "..." (with \" and \\), a leading
// `echo 'TEXT' |` giving stdin, redirections (> FILE, < FILE) dropped, and
// everything before the nsconnect word.
func shellWords(line string) (args []string, stdin string, err error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, "", errOpenQuote
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					i++
				}
				cur.WriteByte(line[i])
			}
			if i >= len(line) {
				return nil, "", errOpenQuote
			}
			inWord = true
		case c == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) >= 3 && words[0] == "echo" && words[2] == "|" {
		stdin = words[1] + "\n"
	}
	start := slices.IndexFunc(words, func(w string) bool { return w == "nsconnect" || strings.HasSuffix(w, "/nsconnect") })
	if start < 0 {
		return nil, "", errors.New("no nsconnect in the line")
	}
	for i := start + 1; i < len(words); i++ {
		switch w := words[i]; {
		case w == ">" || w == "<":
			i++
		case strings.HasPrefix(w, ">") || strings.HasPrefix(w, "<"):
		default:
			args = append(args, w)
		}
	}
	return args, stdin, nil
}

func TestShellWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line  string
		args  []string
		stdin string
	}{
		{"nsconnect record get customer 19", []string{"record", "get", "customer", "19"}, ""},
		{`nsconnect record list customer --q 'companyName START_WITH "Meadow"'`, []string{"record", "list", "customer", "--q", `companyName START_WITH "Meadow"`}, ""},
		{`nsconnect query "a \"b\" 'c'" -o csv > out.csv`, []string{"query", `a "b" 'c'`, "-o", "csv"}, ""},
		{"nsconnect config init --no-test </dev/null", []string{"config", "init", "--no-test"}, ""},
		{"echo 'SELECT 1' | nsconnect query -", []string{"query", "-"}, "SELECT 1\n"},
		{"go run ./cmd/nsconnect demo", []string{"demo"}, ""},
		{"x && nsconnect --set a='b c'd", []string{"--set", "a=b cd"}, ""},
	}
	for _, tt := range tests {
		args, stdin, err := shellWords(tt.line)
		if err != nil || !slices.Equal(args, tt.args) || stdin != tt.stdin {
			t.Errorf("shellWords(%s) = %q, %q, %v; want %q, %q", tt.line, args, stdin, err, tt.args, tt.stdin)
		}
	}
	for _, line := range []string{`nsconnect query "open`, "nsconnect query 'open"} {
		if _, _, err := shellWords(line); !errors.Is(err, errOpenQuote) {
			t.Errorf("shellWords(%s): %v, want errOpenQuote", line, err)
		}
	}
	if got := withoutComment(`nsconnect a  '# not'   # comment`); got != `nsconnect a '# not'` {
		t.Errorf("withoutComment = %q", got)
	}
}

// allExamples returns the examples of every command's --help and of the
// README's "Try it".
func allExamples(t *testing.T) []example {
	t.Helper()
	ios, _, _, _ := testStreams()
	var out []example
	for _, c := range allCommands(NewRootCmd(&Factory{IO: ios})) {
		out = append(out, examplesIn(c.Example, c.CommandPath()+" --help")...)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, try, _ := strings.Cut(string(readme), "## Try it")
	try, _, _ = strings.Cut(try, "\n## ")
	for _, block := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(try, -1) {
		out = append(out, examplesIn(strings.ReplaceAll(block[1], "go run ./cmd/nsconnect ", "nsconnect "), "README.md")...)
	}
	if len(out) < 40 {
		t.Fatalf("found %d examples; the extraction is broken", len(out))
	}
	return out
}

// Every example is in exampleChecks, and every entry there is an example.
func TestExamplesAreChecked(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, ex := range allExamples(t) {
		seen[ex.line] = true
		if _, ok := exampleChecks[ex.line]; !ok {
			t.Errorf("%s: the example %q is not in exampleChecks: say what it finds in the demo data, or why it is not run", ex.where, ex.line)
		}
	}
	for line := range exampleChecks {
		if !seen[line] {
			t.Errorf("exampleChecks has %q, which is no longer an example", line)
		}
	}
}

// Every example that is run finds the demo data's records: the reading ones
// on the shared emulator, the writing ones in turn on an emulator of their
// own, those that delete last.
func TestExamplesWorkOnDemoData(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	var reads, writes []example
	for _, ex := range allExamples(t) {
		c, ok := exampleChecks[ex.line]
		if !ok || c.skip != "" || seen[ex.line] {
			continue
		}
		seen[ex.line] = true
		if c.write {
			writes = append(writes, ex)
		} else {
			reads = append(reads, ex)
		}
	}
	_, shared := sharedEmulatorHarness(t)
	for _, ex := range reads {
		t.Run(ex.line, func(t *testing.T) {
			t.Parallel()
			runExample(t, harnessFor(t, shared), ex)
		})
	}
	t.Run("writes", func(t *testing.T) {
		t.Parallel()
		_, srv := emulatorHarness(t)
		slices.SortStableFunc(writes, func(a, b example) int {
			return cmp.Compare(b2i(exampleChecks[a.line].deletes), b2i(exampleChecks[b.line].deletes))
		})
		for _, ex := range writes {
			runExample(t, harnessFor(t, srv), ex)
		}
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// runExample runs ex with h, its files in a directory of its own, and
// checks what it prints or writes.
func runExample(t *testing.T, h *harness, ex example) {
	t.Helper()
	c := exampleChecks[ex.line]
	args, stdin, err := shellWords(ex.line)
	if err != nil {
		t.Fatalf("%s: %v", ex.line, err)
	}
	dir := t.TempDir()
	for name, content := range c.files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	file := regexp.MustCompile(`^(file:)?([\w.-]+\.(csv|ndjson|json|sql|yaml|db|txt))$`)
	for i, a := range args {
		if m := file.FindStringSubmatch(a); m != nil {
			args[i] = m[1] + filepath.Join(dir, m[2])
		}
	}
	h.in.WriteString(stdin)
	if code := h.run(args...); code != 0 {
		t.Errorf("%s (%s): exit %d:\n%s%s", ex.line, ex.where, code, h.out, h.errOut)
		return
	}
	got := h.out.String() + h.errOut.String()
	if c.outFile != "" {
		data, err := os.ReadFile(filepath.Join(dir, c.outFile))
		if err != nil {
			t.Errorf("%s (%s): %v", ex.line, ex.where, err)
			return
		}
		got = string(data)
	}
	if !strings.Contains(got, c.want) {
		t.Errorf("%s (%s) finds nothing of the demo data: no %q in:\n%s", ex.line, ex.where, c.want, got)
	}
}
