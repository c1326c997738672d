package account

import (
	"fmt"
	"mime"
	"slices"
	"strconv"
	"strings"
)

// A Restlet is a RESTlet script record and its deployments
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4618456517.html).
// The emulator runs no SuiteScript: a Restlet's Handler says declaratively
// what its entry points answer, and tests may answer in Go instead
// (emulator.Options.RestletHandlers).
//
// Restlets never change once the account is built, so they may be read
// directly at any time.
type Restlet struct {
	// ScriptID is the script record's script ID, customscript...: the
	// script parameter of a call may give it or ID.
	ScriptID string
	// ID is the script record's internal ID.
	ID int
	// Name is the script record's name.
	Name string
	// Methods are the script's entry points: GET, POST, PUT and DELETE
	// (get, post, put and delete in SuiteScript). A call with another
	// method is answered 405.
	Methods []string
	// Handler is what the entry points answer.
	Handler RestletHandler
	// Deployments are the script's deployment records.
	Deployments []Deployment
}

// A Deployment is a script deployment record.
type Deployment struct {
	// ScriptID is the deployment's script ID, customdeploy...: the deploy
	// parameter of a call may give it or ID.
	ScriptID string
	// ID is the deployment's ID, as its External URL gives it (deploy=1).
	ID int
	// Status is Released or Testing: a deployment in Testing cannot be
	// called from outside NetSuite
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4618456517.html).
	Status DeploymentStatus
	// Roles are the names of the roles that may run it (its Audience); none
	// means every role.
	Roles []string
}

// AllowsRole reports whether a role may run the deployment.
func (d Deployment) AllowsRole(role string) bool {
	return len(d.Roles) == 0 || slices.Contains(d.Roles, role)
}

// A DeploymentStatus is the Status of a script deployment.
type DeploymentStatus string

// The statuses of a deployment.
const (
	Released DeploymentStatus = "Released"
	Testing  DeploymentStatus = "Testing"
)

// A RestletHandler says what a declared RESTlet answers; exactly one of its
// fields is set.
type RestletHandler struct {
	// Echo answers {"method", "query", "body"}: the method, the query
	// parameters other than script and deploy, and the body.
	Echo bool
	// Fixed answers every call with the same response.
	Fixed *FixedResponse
	// SuiteQL answers with the rows of a SuiteQL query over the account's
	// records, as a JSON array.
	SuiteQL *RestletQuery
}

// A FixedResponse is a RESTlet's fixed answer.
type FixedResponse struct {
	// Status is the HTTP status; default 200.
	Status int
	// ContentType is the answer's Content-Type; default application/json.
	ContentType string
	// Body is the answer's body.
	Body string
}

// A RestletQuery is a SuiteQL query a RESTlet runs.
type RestletQuery struct {
	// Query is the SuiteQL statement, with ? placeholders.
	Query string
	// Params name the request's query parameters that bind the
	// placeholders, in order; a missing one binds null.
	Params []string
}

// Restlet returns the script and deployment a call names: script is the
// script's script ID (ignoring case) or internal ID, deploy the deployment's
// script ID (ignoring case) or ID. ok is false when the account has no such
// script, or the script no such deployment.
func (a *Account) Restlet(script, deploy string) (Restlet, Deployment, bool) {
	i := slices.IndexFunc(a.Restlets, func(r Restlet) bool { return namesRecord(script, r.ScriptID, r.ID) })
	if i < 0 {
		return Restlet{}, Deployment{}, false
	}
	r := a.Restlets[i]
	j := slices.IndexFunc(r.Deployments, func(d Deployment) bool { return namesRecord(deploy, d.ScriptID, d.ID) })
	if j < 0 {
		return Restlet{}, Deployment{}, false
	}
	return r, r.Deployments[j], true
}

// namesRecord reports whether s is scriptID (ignoring case) or id.
func namesRecord(s, scriptID string, id int) bool {
	return s != "" && (strings.EqualFold(s, scriptID) || s == strconv.Itoa(id))
}

// RestletMethods are the entry points a RESTlet can have.
var RestletMethods = []string{"GET", "POST", "PUT", "DELETE"}

// The account file's shape of a RESTlet.
type fileRestlet struct {
	ScriptID    string           `yaml:"scriptId"`
	ID          int              `yaml:"id"`
	Name        string           `yaml:"name,omitempty"`
	Methods     []string         `yaml:"methods"`
	Echo        bool             `yaml:"echo,omitempty"`
	Fixed       *fileFixed       `yaml:"fixed,omitempty"`
	SuiteQL     *fileRestletSQL  `yaml:"suiteql,omitempty"`
	Deployments []fileDeployment `yaml:"deployments"`
}

type fileFixed struct {
	Status      int    `yaml:"status,omitempty"`
	ContentType string `yaml:"contentType,omitempty"`
	Body        string `yaml:"body"`
}

type fileRestletSQL struct {
	Query  string   `yaml:"query"`
	Params []string `yaml:"params,omitempty"`
}

type fileDeployment struct {
	ScriptID string   `yaml:"scriptId"`
	ID       int      `yaml:"id"`
	Status   string   `yaml:"status,omitempty"`
	Roles    []string `yaml:"roles,omitempty"`
}

// restlet converts a file RESTlet, reporting the values that cannot be
// converted at path.
func (fr fileRestlet) restlet(path string, p *problems) Restlet {
	r := Restlet{
		ScriptID: strings.ToLower(strings.TrimSpace(fr.ScriptID)),
		ID:       fr.ID,
		Name:     fr.Name,
		Handler:  RestletHandler{Echo: fr.Echo},
	}
	if r.Name == "" {
		r.Name = r.ScriptID
	}
	for _, m := range fr.Methods {
		r.Methods = append(r.Methods, strings.ToUpper(strings.TrimSpace(m)))
	}
	if fr.Fixed != nil {
		r.Handler.Fixed = &FixedResponse{Status: fr.Fixed.Status, ContentType: fr.Fixed.ContentType, Body: fr.Fixed.Body}
		if r.Handler.Fixed.Status == 0 {
			r.Handler.Fixed.Status = 200
		}
		if r.Handler.Fixed.ContentType == "" {
			r.Handler.Fixed.ContentType = "application/json"
		}
	}
	if fr.SuiteQL != nil {
		r.Handler.SuiteQL = &RestletQuery{Query: fr.SuiteQL.Query, Params: slices.Clone(fr.SuiteQL.Params)}
	}
	for j, fd := range fr.Deployments {
		d := Deployment{ScriptID: strings.ToLower(strings.TrimSpace(fd.ScriptID)), ID: fd.ID, Status: Released, Roles: slices.Clone(fd.Roles)}
		switch {
		case fd.Status == "":
		case strings.EqualFold(fd.Status, string(Released)):
		case strings.EqualFold(fd.Status, string(Testing)):
			d.Status = Testing
		default:
			p.add(fmt.Sprintf("%s.deployments[%d].status", path, j), "unknown status %q; use %s or %s", fd.Status, Released, Testing)
		}
		r.Deployments = append(r.Deployments, d)
	}
	return r
}

// file returns the account file's form of r.
func (r Restlet) file() fileRestlet {
	fr := fileRestlet{ScriptID: r.ScriptID, ID: r.ID, Name: r.Name, Methods: slices.Clone(r.Methods), Echo: r.Handler.Echo}
	if f := r.Handler.Fixed; f != nil {
		fr.Fixed = &fileFixed{Status: f.Status, ContentType: f.ContentType, Body: f.Body}
	}
	if q := r.Handler.SuiteQL; q != nil {
		fr.SuiteQL = &fileRestletSQL{Query: q.Query, Params: slices.Clone(q.Params)}
	}
	for _, d := range r.Deployments {
		fr.Deployments = append(fr.Deployments, fileDeployment{ScriptID: d.ScriptID, ID: d.ID, Status: string(d.Status), Roles: slices.Clone(d.Roles)})
	}
	return fr
}

// validateRestlets checks the RESTlets: script IDs, IDs, methods, one
// handler each, and deployments whose roles are defined.
func (a *Account) validateRestlets(p *problems) {
	roles := a.roleNames()
	scripts, ids := map[string]string{}, map[int]string{}
	for i, r := range a.Restlets {
		at := fmt.Sprintf("restlets[%d]", i)
		checkScriptID(p, at, r.ScriptID, "customscript_orders", scripts)
		checkID(p, at, r.ID, "the script record's internal ID, a number such as 482 (script=482 in the External URL)", "internal ID", ids)
		if len(r.Methods) == 0 {
			p.add(at+".methods", "missing; list the script's entry points, from %s", strings.Join(RestletMethods, ", "))
		}
		for j, m := range r.Methods {
			switch {
			case !slices.Contains(RestletMethods, m):
				p.add(fmt.Sprintf("%s.methods[%d]", at, j), "unknown method %q; a RESTlet's entry points are %s", m, strings.Join(RestletMethods, ", "))
			case slices.Index(r.Methods, m) < j:
				p.add(fmt.Sprintf("%s.methods[%d]", at, j), "%s is listed twice", m)
			}
		}
		a.validateHandler(p, at, r.Handler)
		if len(r.Deployments) == 0 {
			p.add(at+".deployments", "missing; a script is called through a deployment: add one, such as {scriptId: customdeploy_orders, id: 1}")
		}
		deployIDs := map[int]string{}
		for j, d := range r.Deployments {
			dat := fmt.Sprintf("%s.deployments[%d]", at, j)
			checkScriptID(p, dat, d.ScriptID, "customdeploy_orders", scripts)
			checkID(p, dat, d.ID, "the deployment's ID, a number such as 1 (deploy=1 in the External URL)", "ID", deployIDs)
			if d.Status != Released && d.Status != Testing {
				p.add(dat+".status", "unknown status %q; use %s or %s", string(d.Status), Released, Testing)
			}
			for k, role := range d.Roles {
				if !slices.Contains(roles, role) {
					p.add(fmt.Sprintf("%s.roles[%d]", dat, k), "role %q is not defined; %s", role, defined("roles", roles))
				}
			}
		}
	}
}

// checkScriptID checks the script ID of the script or deployment at path:
// set, with example's prefix, and not also the script ID of another, which
// seen maps to the path that has it.
func checkScriptID(p *problems, at, id, example string, seen map[string]string) {
	prefix, _, _ := strings.Cut(example, "_")
	switch {
	case id == "":
		p.add(at+".scriptId", "missing; set its script ID, such as %s", example)
	case !strings.HasPrefix(id, prefix):
		p.add(at+".scriptId", "%q: the script ID starts with %s, such as %s", id, prefix, example)
	default:
		if other, dup := seen[id]; dup {
			p.add(at+".scriptId", "%q is also the script ID of %s; script IDs must be unique", id, other)
		}
		seen[id] = at
	}
}

// checkID checks the ID (noun) of the script or deployment at path: set,
// and not also the ID of another, which seen maps to the path that has it.
func checkID(p *problems, at string, id int, missing, noun string, seen map[int]string) {
	if id <= 0 {
		p.add(at+".id", "missing; set %s", missing)
		return
	}
	if other, dup := seen[id]; dup {
		p.add(at+".id", "%d is also the %s of %s; it must be unique", id, noun, other)
	}
	seen[id] = at
}

// validateHandler checks that exactly one handler is set, and that it is
// complete.
func (a *Account) validateHandler(p *problems, at string, h RestletHandler) {
	n := 0
	if h.Echo {
		n++
	}
	if f := h.Fixed; f != nil {
		n++
		if f.Status < 200 || f.Status > 599 {
			p.add(at+".fixed.status", "%d; use an HTTP status from 200 to 599", f.Status)
		}
		if _, _, err := mime.ParseMediaType(f.ContentType); err != nil {
			p.add(at+".fixed.contentType", "%q is not a media type, such as application/json or text/plain", f.ContentType)
		}
	}
	if q := h.SuiteQL; q != nil {
		n++
		if strings.TrimSpace(q.Query) == "" {
			p.add(at+".suiteql.query", "missing; set the SuiteQL statement, such as SELECT id, companyname FROM customer WHERE id = ?")
		}
		for k, name := range q.Params {
			if name == "" || name == "script" || name == "deploy" {
				p.add(fmt.Sprintf("%s.suiteql.params[%d]", at, k), "%q: name a query parameter of the call other than script and deploy", name)
			}
		}
	}
	switch {
	case n == 0:
		p.add(at, "no handler; set one of echo: true, fixed: {status, contentType, body} or suiteql: {query, params}")
	case n > 1:
		p.add(at, "%d handlers; set only one of echo, fixed and suiteql", n)
	}
}
