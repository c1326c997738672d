package account

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const restletsYAML = `restlets:
  - scriptId: CustomScript_Orders
    id: 482
    methods: [get, POST]
    suiteql: {query: "SELECT id FROM customer WHERE id = ?", params: [id]}
    deployments:
      - {scriptId: customdeploy_orders, id: 1}
      - {scriptId: customdeploy_orders_test, id: 2, status: testing, roles: [Integration Role]}
  - scriptId: customscript_ping
    id: 483
    name: Ping
    methods: [GET]
    fixed: {body: pong, contentType: text/plain}
    deployments: [{scriptId: customdeploy_ping, id: 1}]
`

// TestLoadRestlets: a file's RESTlets load with their defaults, are found
// by script ID (any case) or internal ID and deployment script ID or ID,
// and survive Marshal.
func TestLoadRestlets(t *testing.T) {
	t.Parallel()
	a, err := Load([]byte(base + restletsYAML))
	if err != nil {
		t.Fatal(err)
	}
	want := []Restlet{{
		ScriptID: "customscript_orders", ID: 482, Name: "customscript_orders", Methods: []string{"GET", "POST"},
		Handler: RestletHandler{SuiteQL: &RestletQuery{Query: "SELECT id FROM customer WHERE id = ?", Params: []string{"id"}}},
		Deployments: []Deployment{
			{ScriptID: "customdeploy_orders", ID: 1, Status: Released},
			{ScriptID: "customdeploy_orders_test", ID: 2, Status: Testing, Roles: []string{"Integration Role"}},
		},
	}, {
		ScriptID: "customscript_ping", ID: 483, Name: "Ping", Methods: []string{"GET"},
		Handler:     RestletHandler{Fixed: &FixedResponse{Status: 200, ContentType: "text/plain", Body: "pong"}},
		Deployments: []Deployment{{ScriptID: "customdeploy_ping", ID: 1, Status: Released}},
	}}
	if diff := cmp.Diff(want, a.Restlets); diff != "" {
		t.Errorf("restlets (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		script, deploy string
		want           string
	}{
		{"customscript_orders", "customdeploy_orders", "customdeploy_orders"},
		{"CUSTOMSCRIPT_ORDERS", "2", "customdeploy_orders_test"},
		{"482", "1", "customdeploy_orders"},
		{"483", "customdeploy_ping", "customdeploy_ping"},
		{"483", "customdeploy_orders", ""},
		{"484", "1", ""},
		{"", "", ""},
	} {
		_, d, ok := a.Restlet(tt.script, tt.deploy)
		if ok != (tt.want != "") || d.ScriptID != tt.want {
			t.Errorf("Restlet(%q, %q) = %q, %v; want %q", tt.script, tt.deploy, d.ScriptID, ok, tt.want)
		}
	}
	if d := want[0].Deployments[1]; !d.AllowsRole("Integration Role") || d.AllowsRole("Other") || !want[0].Deployments[0].AllowsRole("Other") {
		t.Error("AllowsRole: a listed role may run it, another may not, and any may when none is listed")
	}
	data, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Restlets, back.Restlets); diff != "" {
		t.Errorf("after Marshal and Load (-before +after):\n%s", diff)
	}
}

// TestRestletErrors: every problem of a RESTlet is reported at its path
// and line, with the fix.
func TestRestletErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, old, new, want string
	}{
		{"script ID", "CustomScript_Orders", "orders", `line 25: restlets[0].scriptId: "orders": the script ID starts with customscript, such as customscript_orders`},
		{"no script ID", "  - scriptId: CustomScript_Orders\n", "  - name: x\n", `restlets[0].scriptId: missing; set its script ID, such as customscript_orders`},
		{"duplicate script ID", "customscript_ping", "customscript_orders", `restlets[1].scriptId: "customscript_orders" is also the script ID of restlets[0]; script IDs must be unique`},
		{"no id", "    id: 482\n", "", `restlets[0].id: missing; set the script record's internal ID, a number such as 482`},
		{"duplicate id", "id: 483", "id: 482", `restlets[1].id: 482 is also the internal ID of restlets[0]; it must be unique`},
		{"method", "[get, POST]", "[GET, PATCH]", `line 27: restlets[0].methods[1]: unknown method "PATCH"; a RESTlet's entry points are GET, POST, PUT, DELETE`},
		{"method twice", "[get, POST]", "[get, GET]", `restlets[0].methods[1]: GET is listed twice`},
		{"no methods", "    methods: [GET]\n", "", `restlets[1].methods: missing`},
		{"no handler", "    fixed: {body: pong, contentType: text/plain}\n", "", `restlets[1]: no handler; set one of echo: true`},
		{"two handlers", "    fixed:", "    echo: true\n    fixed:", `restlets[1]: 2 handlers; set only one of echo, fixed and suiteql`},
		{"fixed status", "fixed: {body: pong", "fixed: {status: 99, body: pong", `restlets[1].fixed.status: 99; use an HTTP status from 200 to 599`},
		{"fixed type", "contentType: text/plain", "contentType: 'text/'", `restlets[1].fixed.contentType: "text/" is not a media type`},
		{"empty query", `query: "SELECT id FROM customer WHERE id = ?"`, `query: " "`, `restlets[0].suiteql.query: missing`},
		{"query param", "params: [id]", "params: [script]", `restlets[0].suiteql.params[0]: "script": name a query parameter of the call other than script and deploy`},
		{"no deployments", "    deployments: [{scriptId: customdeploy_ping, id: 1}]\n", "", `restlets[1].deployments: missing; a script is called through a deployment`},
		{"deploy script ID", "customdeploy_ping", "deploy_ping", `restlets[1].deployments[0].scriptId: "deploy_ping": the script ID starts with customdeploy, such as customdeploy_orders`},
		{"duplicate deploy script ID", "customdeploy_ping", "customdeploy_orders", `restlets[1].deployments[0].scriptId: "customdeploy_orders" is also the script ID of restlets[0].deployments[0]`},
		{"deploy id", "customdeploy_ping, id: 1}", "customdeploy_ping}", `restlets[1].deployments[0].id: missing`},
		{"duplicate deploy id", "customdeploy_orders_test, id: 2", "customdeploy_orders_test, id: 1", `restlets[0].deployments[1].id: 1 is also the ID of restlets[0].deployments[0]; it must be unique`},
		{"status", "status: testing", "status: Draft", `line 31: restlets[0].deployments[1].status: unknown status "Draft"; use Released or Testing`},
		{"role", "roles: [Integration Role]}", "roles: [Admin]}", `restlets[0].deployments[1].roles[0]: role "Admin" is not defined; defined roles: "Integration Role"`},
		{"unknown key", "    name: Ping\n", "    nme: Ping\n", `restlets[1].nme: unknown key "nme"; known keys here: scriptId, id, name, methods, echo, fixed, suiteql, deployments`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := strings.Replace(base+restletsYAML, tt.old, tt.new, 1)
			if data == base+restletsYAML {
				t.Fatalf("%q is not in the file", tt.old)
			}
			_, err := Load([]byte(data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error:\n got %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}
