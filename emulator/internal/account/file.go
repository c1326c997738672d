package account

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"go.yaml.in/yaml/v3"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The account file's shape. Keys are camelCase; every key is optional except
// where Validate says otherwise. Secrets are plain strings here: the file is
// the user's own copy of the account.
type fileAccount struct {
	AccountID         string                 `yaml:"accountId"`
	Timezone          string                 `yaml:"timezone"`
	DateFormat        string                 `yaml:"dateFormat,omitempty"`
	ConcurrencyLimit  *int                   `yaml:"concurrencyLimit,omitempty"`
	Features          []string               `yaml:"features"`
	Integrations      []fileIntegration      `yaml:"integrations"`
	Roles             []fileRole             `yaml:"roles"`
	Users             []fileUser             `yaml:"users"`
	Tokens            []fileToken            `yaml:"tokens"`
	M2MMappings       []fileM2MMapping       `yaml:"m2mMappings,omitempty"`
	CustomLists       []fileCustomList       `yaml:"customLists,omitempty"`
	CustomFields      []fileCustomField      `yaml:"customFields,omitempty"`
	CustomRecordTypes []fileCustomRecordType `yaml:"customRecordTypes,omitempty"`
	Restlets          []fileRestlet          `yaml:"restlets,omitempty"`
	Seed              fileSeed               `yaml:"seed"`
}

type fileIntegration struct {
	Name                     string   `yaml:"name"`
	ConsumerKey              string   `yaml:"consumerKey"`
	ConsumerSecret           string   `yaml:"consumerSecret"`
	State                    string   `yaml:"state,omitempty"`
	TokenBasedAuthentication *bool    `yaml:"tokenBasedAuthentication,omitempty"`
	ClientCredentials        bool     `yaml:"clientCredentials,omitempty"`
	Scopes                   []string `yaml:"scopes,omitempty"`
}

// fileM2MMapping has M2MMapping's fields, in its order, so that each
// converts to the other.
type fileM2MMapping struct {
	CertificateID string    `yaml:"certificateId"`
	Integration   string    `yaml:"integration"`
	User          string    `yaml:"user"`
	Role          string    `yaml:"role"`
	Certificate   string    `yaml:"certificate"`
	ValidUntil    time.Time `yaml:"validUntil,omitempty"`
	Revoked       bool      `yaml:"revoked,omitempty"`
}

type fileRole struct {
	ID              string            `yaml:"id"`
	Name            string            `yaml:"name"`
	WebServicesOnly bool              `yaml:"webServicesOnly"`
	Administrator   bool              `yaml:"administrator,omitempty"`
	Permissions     map[string]string `yaml:"permissions,omitempty"`
	Records         map[string]string `yaml:"records,omitempty"`
}

type fileUser struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Email    string   `yaml:"email"`
	Inactive bool     `yaml:"inactive,omitempty"`
	Roles    []string `yaml:"roles"`
}

type fileToken struct {
	Name        string `yaml:"name,omitempty"`
	TokenID     string `yaml:"tokenId"`
	TokenSecret string `yaml:"tokenSecret"`
	Integration string `yaml:"integration"`
	User        string `yaml:"user"`
	Role        string `yaml:"role"`
	Revoked     bool   `yaml:"revoked,omitempty"`
}

type fileCustomList struct {
	ScriptID string   `yaml:"scriptId"`
	Name     string   `yaml:"name,omitempty"`
	Values   []string `yaml:"values"`
}

type fileCustomField struct {
	ScriptID   string   `yaml:"scriptId"`
	Label      string   `yaml:"label,omitempty"`
	Type       string   `yaml:"type"`
	RecordType string   `yaml:"recordType,omitempty"`
	AppliesTo  []string `yaml:"appliesTo,omitempty"`
}

type fileCustomRecordType struct {
	ScriptID string            `yaml:"scriptId"`
	Name     string            `yaml:"name"`
	Fields   []fileCustomField `yaml:"fields"`
}

type fileSeed struct {
	Records    int   `yaml:"records"`
	RandomSeed int64 `yaml:"randomSeed"`
}

// Load reads an account file (YAML) and validates the account. Decoding is
// strict: an unknown key is an error that names the key, its line and the
// keys allowed there, and so is a duplicate key or a second YAML document.
// Every problem is a *FieldError naming its path and line; all the problems
// found are returned together.
//
// Defaults: dateFormat M/D/YYYY, concurrencyLimit 5, an integration's state
// Enabled, its tokenBasedAuthentication box checked, its clientCredentials
// box clear and no scopes. Names of record types,
// levels, states and permissions are matched ignoring case and stored in
// canonical form.
func Load(data []byte) (*Account, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &FieldError{Msg: "the account file is empty"}
		}
		return nil, yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, yamlError(err)
		}
		return nil, &FieldError{Line: extra.Line, Msg: "a second YAML document; the account file holds one"}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, &FieldError{Line: root.Line, Msg: "the account file must be a mapping with keys such as accountId, timezone and roles"}
	}

	lines := map[string]int{}
	var p problems
	checkKeys(root, reflect.TypeFor[fileAccount](), "", lines, &p)
	if len(p) > 0 {
		return nil, p.err()
	}
	var f fileAccount
	if err := root.Decode(&f); err != nil {
		return nil, yamlError(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		return nil, fmt.Errorf("account: loading the record catalog: %w", err)
	}
	a := f.account(cat, &p)
	if len(p) == 0 {
		if err := a.Validate(); err != nil {
			p = unjoin(err)
		}
	}
	if len(p) > 0 {
		for _, e := range p {
			if fe, ok := e.(*FieldError); ok && fe.Line == 0 {
				fe.Line = lineOf(lines, fe.Path)
			}
		}
		return nil, p.err()
	}
	return a, nil
}

// yamlError reports a YAML syntax or type error, one error per problem.
func yamlError(err error) error {
	if te, ok := errors.AsType[*yaml.TypeError](err); ok {
		var p problems
		for _, msg := range te.Errors {
			p = append(p, errors.New("account: "+msg))
		}
		return p.err()
	}
	return errors.New("account: " + strings.TrimPrefix(err.Error(), "yaml: "))
}

func unjoin(err error) problems {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return problems{err}
}

// lineOf returns the line of path, or of its nearest ancestor in the file.
func lineOf(lines map[string]int, path string) int {
	for path != "" {
		if l, ok := lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// checkKeys walks node n, which decodes into a value of type t at path,
// reporting unknown and duplicate keys of mappings that decode into structs
// and recording the line of every path in lines.
func checkKeys(n *yaml.Node, t reflect.Type, path string, lines map[string]int, p *problems) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		var known []string
		fields := map[string]reflect.Type{}
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			known = append(known, name)
			fields[name] = t.Field(i).Type
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub := joinPath(path, k.Value)
			if first, dup := seen[k.Value]; dup {
				*p = append(*p, &FieldError{Path: sub, Line: k.Line, Msg: fmt.Sprintf("duplicate key %q (first on line %d)", k.Value, first)})
				continue
			}
			seen[k.Value] = k.Line
			lines[sub] = k.Line
			ft, ok := fields[k.Value]
			if !ok {
				*p = append(*p, &FieldError{Path: sub, Line: k.Line, Msg: fmt.Sprintf("unknown key %q; known keys here: %s", k.Value, strings.Join(known, ", "))})
				continue
			}
			checkKeys(v, ft, sub, lines, p)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, item := range n.Content {
			sub := fmt.Sprintf("%s[%d]", path, i)
			lines[sub] = item.Line
			checkKeys(item, t.Elem(), sub, lines, p)
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub := joinPath(path, k.Value)
			if first, dup := seen[k.Value]; dup {
				*p = append(*p, &FieldError{Path: sub, Line: k.Line, Msg: fmt.Sprintf("duplicate key %q (first on line %d)", k.Value, first)})
				continue
			}
			seen[k.Value] = k.Line
			lines[sub] = k.Line
			checkKeys(v, t.Elem(), sub, lines, p)
		}
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// loadLocation loads an IANA time zone, refusing "Local", whose meaning
// depends on the machine.
func loadLocation(name string) (*time.Location, error) {
	if name == "Local" {
		return nil, errors.New(`"Local" depends on the machine; use an IANA name such as America/Los_Angeles`)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q; use an IANA name such as America/Los_Angeles or UTC", name)
	}
	return loc, nil
}

// account converts the file to an Account, reporting the values that cannot
// be converted. References are checked later, by Validate.
func (f *fileAccount) account(cat *catalog.Catalog, p *problems) *Account {
	a := &Account{
		Timezone:         f.Timezone,
		DateFormat:       DefaultDateFormat,
		Features:         map[Feature]bool{},
		ConcurrencyLimit: DefaultConcurrencyLimit,
		Seed:             Seed{Records: f.Seed.Records, RandomSeed: f.Seed.RandomSeed},
	}
	if f.AccountID != "" {
		id, err := tba.ParseAccountID(f.AccountID)
		if err != nil {
			p.add("accountId", "%s", strings.TrimPrefix(err.Error(), "tba: "))
		}
		a.ID = id
	}
	if f.Timezone != "" {
		loc, err := loadLocation(f.Timezone)
		if err != nil {
			p.add("timezone", "%v", err)
		}
		a.Location = loc
	}
	if f.DateFormat != "" {
		a.DateFormat = filter.DateFormat(f.DateFormat)
	}
	if f.ConcurrencyLimit != nil {
		a.ConcurrencyLimit = *f.ConcurrencyLimit
	}
	for i, name := range f.Features {
		at := fmt.Sprintf("features[%d]", i)
		feat := Feature(strings.ToUpper(name))
		switch {
		case !feat.known():
			p.add(at, "unknown feature %q; known features: %s", name, quoteList(Features()))
		case a.Features[feat]:
			p.add(at, "%s is listed twice", feat)
		default:
			a.Features[feat] = true
		}
	}
	for i, fi := range f.Integrations {
		in := Integration{
			Name:                     fi.Name,
			ConsumerKey:              fi.ConsumerKey,
			ConsumerSecret:           tba.Secret(fi.ConsumerSecret),
			State:                    Enabled,
			TokenBasedAuthentication: true,
		}
		switch {
		case fi.State == "":
		case strings.EqualFold(fi.State, string(Enabled)):
			in.State = Enabled
		case strings.EqualFold(fi.State, string(Blocked)):
			in.State = Blocked
		default:
			p.add(fmt.Sprintf("integrations[%d].state", i), "unknown state %q; use %s or %s", fi.State, Enabled, Blocked)
		}
		if fi.TokenBasedAuthentication != nil {
			in.TokenBasedAuthentication = *fi.TokenBasedAuthentication
		}
		in.ClientCredentials = fi.ClientCredentials
		for _, sc := range fi.Scopes {
			in.Scopes = append(in.Scopes, Scope(strings.ToLower(sc)))
		}
		a.Integrations = append(a.Integrations, in)
	}
	for i, fr := range f.Roles {
		at := fmt.Sprintf("roles[%d]", i)
		r := Role{ID: fr.ID, Name: fr.Name, WebServicesOnly: fr.WebServicesOnly, Administrator: fr.Administrator}
		if len(fr.Permissions) > 0 {
			r.Permissions = make(map[Permission]Level, len(fr.Permissions))
		}
		for _, k := range sortedKeys(fr.Permissions) {
			perm := Permission(strings.ToUpper(k))
			if !perm.known() {
				p.add(at+".permissions."+k, "unknown permission %q; known permissions: %s", k, quoteList(Permissions()))
				continue
			}
			if _, dup := r.Permissions[perm]; dup {
				p.add(at+".permissions."+k, "%s is listed twice", perm)
				continue
			}
			l, err := ParseLevel(fr.Permissions[k])
			if err != nil {
				p.add(at+".permissions."+k, "%v", err)
			}
			r.Permissions[perm] = l
		}
		if len(fr.Records) > 0 {
			r.Records = make(map[string]Level, len(fr.Records))
		}
		for _, k := range sortedKeys(fr.Records) {
			name := k
			if canon := fileRecordTypeName(cat, f.CustomRecordTypes, k); canon != "" {
				name = canon
			}
			l, err := ParseLevel(fr.Records[k])
			if err != nil {
				p.add(at+".records."+k, "%v", err)
			}
			if _, dup := r.Records[name]; dup {
				p.add(at+".records."+k, "the same record type as %s; list each record type once", name)
				continue
			}
			r.Records[name] = l
		}
		a.Roles = append(a.Roles, r)
	}
	for _, fu := range f.Users {
		a.Users = append(a.Users, User{ID: fu.ID, Name: fu.Name, Email: fu.Email, Inactive: fu.Inactive, Roles: fu.Roles})
	}
	for _, ft := range f.Tokens {
		a.Tokens = append(a.Tokens, AccessToken{
			Name:        ft.Name,
			TokenID:     ft.TokenID,
			TokenSecret: tba.Secret(ft.TokenSecret),
			Integration: ft.Integration,
			User:        ft.User,
			Role:        ft.Role,
			Revoked:     ft.Revoked,
		})
	}
	for _, fm := range f.M2MMappings {
		a.M2MMappings = append(a.M2MMappings, M2MMapping(fm))
	}
	for _, fl := range f.CustomLists {
		l := CustomList{ScriptID: strings.ToLower(strings.TrimSpace(fl.ScriptID)), Name: fl.Name, Values: slices.Clone(fl.Values)}
		if l.Name == "" {
			l.Name = l.ScriptID
		}
		a.CustomLists = append(a.CustomLists, l)
	}
	for _, fc := range f.CustomFields {
		a.CustomFields = append(a.CustomFields, fc.field(cat))
	}
	for _, fr := range f.CustomRecordTypes {
		r := CustomRecordType{ScriptID: strings.ToLower(strings.TrimSpace(fr.ScriptID)), Name: fr.Name}
		for _, fc := range fr.Fields {
			r.Fields = append(r.Fields, fc.field(cat))
		}
		a.CustomRecordTypes = append(a.CustomRecordTypes, r)
	}
	for i, fr := range f.Restlets {
		a.Restlets = append(a.Restlets, fr.restlet(fmt.Sprintf("restlets[%d]", i), p))
	}
	return a
}

// fileRecordTypeName spells a record type as the catalog does, or as the file's
// custom record types do; "" if it is neither.
func fileRecordTypeName(cat *catalog.Catalog, custom []fileCustomRecordType, name string) string {
	for _, c := range custom {
		if strings.EqualFold(strings.TrimSpace(c.ScriptID), name) {
			return strings.ToLower(name)
		}
	}
	if rt, ok := cat.Type(name); ok && !rt.Custom {
		return rt.Name
	}
	return ""
}

func (fc fileCustomField) field(cat *catalog.Catalog) CustomField {
	f := CustomField{
		ScriptID:   strings.ToLower(strings.TrimSpace(fc.ScriptID)),
		Label:      fc.Label,
		Type:       catalog.CustomFieldType(strings.ToLower(fc.Type)),
		RecordType: fc.RecordType,
	}
	if rt, ok := cat.Type(fc.RecordType); ok {
		f.RecordType = rt.Name
	} else if isCustomListID(fc.RecordType) {
		f.RecordType = strings.ToLower(strings.TrimSpace(fc.RecordType))
	}
	for _, t := range fc.AppliesTo {
		if rt, ok := cat.Type(t); ok {
			t = rt.Name
		}
		f.AppliesTo = append(f.AppliesTo, t)
	}
	return f
}

// fileHeader starts every file Marshal writes.
const fileHeader = `# nsconnect emulator account file.
# It holds the consumer and token secrets in clear text: keep it private.
`

// Marshal writes a as an account file (YAML) that Load reads back to an equal
// account. Secrets are written in clear text: the file is the user's own copy
// of the account. Use it to dump Demo() as a starting point for a custom
// account.
func Marshal(a *Account) ([]byte, error) {
	a.mu.RLock()
	f := a.file()
	a.mu.RUnlock()
	var buf bytes.Buffer
	buf.WriteString(fileHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("account: writing the account file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("account: writing the account file: %w", err)
	}
	return buf.Bytes(), nil
}

func (a *Account) file() *fileAccount {
	limit := a.ConcurrencyLimit
	f := &fileAccount{
		AccountID:        a.ID.String(),
		Timezone:         a.Timezone,
		DateFormat:       string(a.DateFormat),
		ConcurrencyLimit: &limit,
		Seed:             fileSeed{Records: a.Seed.Records, RandomSeed: a.Seed.RandomSeed},
	}
	for _, feat := range sortedFeatures(a.Features) {
		f.Features = append(f.Features, string(feat))
	}
	for _, in := range a.Integrations {
		tbaBox := in.TokenBasedAuthentication
		f.Integrations = append(f.Integrations, fileIntegration{
			Name:                     in.Name,
			ConsumerKey:              in.ConsumerKey,
			ConsumerSecret:           in.ConsumerSecret.Reveal(),
			State:                    string(in.State),
			TokenBasedAuthentication: &tbaBox,
			ClientCredentials:        in.ClientCredentials,
			Scopes:                   scopeStrings(in.Scopes),
		})
	}
	for _, r := range a.Roles {
		fr := fileRole{ID: r.ID, Name: r.Name, WebServicesOnly: r.WebServicesOnly, Administrator: r.Administrator}
		if len(r.Permissions) > 0 {
			fr.Permissions = make(map[string]string, len(r.Permissions))
			for perm, l := range r.Permissions {
				fr.Permissions[string(perm)] = l.String()
			}
		}
		if len(r.Records) > 0 {
			fr.Records = make(map[string]string, len(r.Records))
			for rt, l := range r.Records {
				fr.Records[rt] = l.String()
			}
		}
		f.Roles = append(f.Roles, fr)
	}
	for _, u := range a.Users {
		f.Users = append(f.Users, fileUser{ID: u.ID, Name: u.Name, Email: u.Email, Inactive: u.Inactive, Roles: slices.Clone(u.Roles)})
	}
	for _, t := range a.Tokens {
		f.Tokens = append(f.Tokens, fileToken{
			Name:        t.Name,
			TokenID:     t.TokenID,
			TokenSecret: t.TokenSecret.Reveal(),
			Integration: t.Integration,
			User:        t.User,
			Role:        t.Role,
			Revoked:     t.Revoked,
		})
	}
	for _, m := range a.M2MMappings {
		f.M2MMappings = append(f.M2MMappings, fileM2MMapping(m))
	}
	for _, l := range a.CustomLists {
		f.CustomLists = append(f.CustomLists, fileCustomList{ScriptID: l.ScriptID, Name: l.Name, Values: slices.Clone(l.Values)})
	}
	for _, cf := range a.CustomFields {
		f.CustomFields = append(f.CustomFields, fileField(cf))
	}
	for _, r := range a.CustomRecordTypes {
		fr := fileCustomRecordType{ScriptID: r.ScriptID, Name: r.Name}
		for _, cf := range r.Fields {
			fr.Fields = append(fr.Fields, fileField(cf))
		}
		f.CustomRecordTypes = append(f.CustomRecordTypes, fr)
	}
	for _, r := range a.Restlets {
		f.Restlets = append(f.Restlets, r.file())
	}
	return f
}

func scopeStrings(scopes []Scope) []string {
	var out []string
	for _, s := range scopes {
		out = append(out, string(s))
	}
	return out
}

func fileField(cf CustomField) fileCustomField {
	return fileCustomField{ScriptID: cf.ScriptID, Label: cf.Label, Type: string(cf.Type), RecordType: cf.RecordType, AppliesTo: slices.Clone(cf.AppliesTo)}
}
