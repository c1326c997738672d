package account

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
)

// A FieldError is one problem in an account, at a path that names the place
// in the account file: "tokens[2].role", "roles[0].records.custmer". Indexes
// count from 0.
type FieldError struct {
	// Path is where the problem is, in the account file's keys.
	Path string
	// Line is the line of the account file where the path is, or 0 when the
	// account did not come from a file.
	Line int
	// Msg says what is wrong and how to fix it.
	Msg string
}

func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString("account: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// problems collects FieldErrors.
type problems []error

func (p *problems) add(path, format string, args ...any) {
	*p = append(*p, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (p problems) err() error { return errors.Join(p...) }

// unique checks a value that every entry of a list must have, once: it
// reports it missing (with the hint) or as the same as an earlier entry's,
// and otherwise remembers it in seen.
func (p *problems) unique(seen map[string]int, list string, i int, key, noun, value, missing string) {
	path := fmt.Sprintf("%s[%d].%s", list, i, key)
	if value == "" {
		p.add(path, "%s", missing)
		return
	}
	if j, dup := seen[value]; dup {
		p.add(path, "%q is also the %s of %s[%d]; %ss must be unique", value, noun, list, j, noun)
		return
	}
	seen[value] = i
}

// Validate checks that a is a consistent account: every required value is
// set, names and keys are unique, every reference (a token's integration,
// user and role; a user's roles) names something defined, and every feature,
// permission, record type, level and custom field is one the emulator knows.
// It reports every problem it finds, each as a *FieldError, joined.
//
// It does not check the account's state: a Blocked integration, a revoked
// token, an inactive user, or a token whose user no longer has its role are
// valid, and make logins fail as they would in NetSuite.
func (a *Account) Validate() error {
	cat, err := catalog.Default()
	if err != nil {
		return fmt.Errorf("account: loading the record catalog: %w", err)
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	var p problems
	a.validateSettings(&p)
	a.validateIntegrations(&p)
	a.validateRoles(&p, cat)
	a.validateUsers(&p)
	a.validateTokens(&p)
	a.validateM2M(&p)
	a.validateLists(&p)
	a.validateCustom(&p, cat)
	a.validateRestlets(&p)
	return p.err()
}

func (a *Account) validateSettings(p *problems) {
	if a.ID.IsZero() {
		p.add("accountId", "missing; set the account ID as NetSuite shows it, such as 1234567 or 1234567_SB1")
	}
	switch {
	case a.Timezone == "":
		p.add("timezone", "missing; set the account's time zone as an IANA name, such as America/Los_Angeles")
	case a.Location == nil || a.Location.String() != a.Timezone:
		if _, err := loadLocation(a.Timezone); err != nil {
			p.add("timezone", "%v", err)
		} else {
			p.add("timezone", "Location is not the time zone %q; set it with time.LoadLocation", a.Timezone)
		}
	}
	if !a.DateFormat.Valid() {
		p.add("dateFormat", "unsupported date format %q; use one of %s", string(a.DateFormat), dateFormatList())
	}
	for _, f := range sortedFeatures(a.Features) {
		if !f.known() {
			p.add("features", "unknown feature %q; known features: %s", string(f), quoteList(Features()))
		}
	}
	if a.ConcurrencyLimit < 1 {
		p.add("concurrencyLimit", "%d; the limit must be at least 1 (NetSuite's floor is %d)", a.ConcurrencyLimit, DefaultConcurrencyLimit)
	}
	if a.Seed.Records < 0 {
		p.add("seed.records", "%d; use 0 or more", a.Seed.Records)
	}
}

func (a *Account) validateIntegrations(p *problems) {
	names := map[string]int{}
	keys := map[string]int{}
	for i, in := range a.Integrations {
		at := fmt.Sprintf("integrations[%d]", i)
		p.unique(names, "integrations", i, "name", "name", in.Name, "missing")
		if in.ConsumerKey == "" {
			p.add(at+".consumerKey", "missing")
		} else if j, dup := keys[in.ConsumerKey]; dup {
			p.add(at+".consumerKey", "also the consumer key of integrations[%d]; consumer keys must be unique", j)
		} else {
			keys[in.ConsumerKey] = i
		}
		if in.ConsumerSecret.IsZero() {
			p.add(at+".consumerSecret", "missing")
		}
		if in.State != Enabled && in.State != Blocked {
			p.add(at+".state", "unknown state %q; use %s or %s", string(in.State), Enabled, Blocked)
		}
	}
}

func (a *Account) validateRoles(p *problems, cat *catalog.Catalog) {
	ids := map[string]int{}
	names := map[string]int{}
	for i, r := range a.Roles {
		at := fmt.Sprintf("roles[%d]", i)
		p.unique(ids, "roles", i, "id", "ID", r.ID, "missing; set the role's internal ID, such as 1001")
		p.unique(names, "roles", i, "name", "name", r.Name, "missing")
		for _, perm := range sortedKeys(r.Permissions) {
			path := at + ".permissions." + string(perm)
			if !perm.known() {
				p.add(path, "unknown permission %q; known permissions: %s", string(perm), quoteList(Permissions()))
			} else if l := r.Permissions[perm]; !l.valid() {
				p.add(path, "invalid level %v", l)
			}
		}
		seen := map[string]string{}
		for _, rt := range sortedKeys(r.Records) {
			path := at + ".records." + rt
			if other, dup := seen[strings.ToLower(rt)]; dup {
				p.add(path, "the same record type as %q; list each record type once", other)
				continue
			}
			seen[strings.ToLower(rt)] = rt
			if a.recordTypeName(cat, rt) == "" {
				p.add(path, "unknown record type %q; use a standard record type such as customer or salesOrder, or the script ID of one of the account's custom record types", rt)
			} else if l := r.Records[rt]; !l.valid() {
				p.add(path, "invalid level %v", l)
			}
		}
	}
}

// recordTypeName returns the canonical name of a record type, a standard one
// of the catalog or a custom record type of a, matched ignoring case; "" if
// there is none.
func (a *Account) recordTypeName(cat *catalog.Catalog, name string) string {
	for _, crt := range a.CustomRecordTypes {
		if strings.EqualFold(crt.ScriptID, name) {
			return crt.ScriptID
		}
	}
	if rt, ok := cat.Type(name); ok && !rt.Custom {
		return rt.Name
	}
	return ""
}

func (a *Account) validateUsers(p *problems) {
	ids := map[string]int{}
	emails := map[string]int{}
	roles := a.roleNames()
	for i, u := range a.Users {
		at := fmt.Sprintf("users[%d]", i)
		p.unique(ids, "users", i, "id", "ID", u.ID, "missing; set the employee's internal ID, such as 5")
		if u.Name == "" {
			p.add(at+".name", "missing")
		}
		switch key := strings.ToLower(u.Email); {
		case u.Email == "":
			p.add(at+".email", "missing; users log in and are referred to by email")
		case !strings.Contains(u.Email, "@"):
			p.add(at+".email", "%q is not an email address", u.Email)
		default:
			if j, dup := emails[key]; dup {
				p.add(at+".email", "%q is also the email of users[%d]; emails must be unique", u.Email, j)
			} else {
				emails[key] = i
			}
		}
		for j, r := range u.Roles {
			path := fmt.Sprintf("%s.roles[%d]", at, j)
			if !slices.Contains(roles, r) {
				p.add(path, "role %q is not defined; %s", r, defined("roles", roles))
			} else if slices.Index(u.Roles, r) < j {
				p.add(path, "role %q is listed twice", r)
			}
		}
	}
}

func (a *Account) validateTokens(p *problems) {
	ids := map[string]int{}
	integrations := make([]string, len(a.Integrations))
	for i, in := range a.Integrations {
		integrations[i] = in.Name
	}
	users := make([]string, len(a.Users))
	for i, u := range a.Users {
		users[i] = u.Email
	}
	roles := a.roleNames()
	for i, t := range a.Tokens {
		at := fmt.Sprintf("tokens[%d]", i)
		if t.TokenID == "" {
			p.add(at+".tokenId", "missing")
		} else if j, dup := ids[t.TokenID]; dup {
			p.add(at+".tokenId", "also the token ID of tokens[%d]; token IDs must be unique", j)
		} else {
			ids[t.TokenID] = i
		}
		if t.TokenSecret.IsZero() {
			p.add(at+".tokenSecret", "missing")
		}
		if !slices.Contains(integrations, t.Integration) {
			p.add(at+".integration", "integration %q is not defined; %s", t.Integration, defined("integrations", integrations))
		}
		if !slices.ContainsFunc(users, func(e string) bool { return strings.EqualFold(e, t.User) }) {
			p.add(at+".user", "user %q is not defined; %s", t.User, defined("users", users))
		}
		if !slices.Contains(roles, t.Role) {
			p.add(at+".role", "role %q is not defined; %s", t.Role, defined("roles", roles))
		}
	}
}

func (a *Account) roleNames() []string {
	names := make([]string, len(a.Roles))
	for i, r := range a.Roles {
		names[i] = r.Name
	}
	return names
}

// customListPattern is a custom list's script ID: customlist, then what the
// user chose after it (customlist_region) or, for a list created without a
// script ID, its internal ID (customlist41). Oracle, "Custom Lists as XML
// Definitions"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156632180681.html).
var customListPattern = regexp.MustCompile(`^customlist[a-z0-9_]+$`)

// isCustomListID reports whether a select field's record type is meant to be
// a custom list: it starts with customlist, in any case.
func isCustomListID(s string) bool {
	return len(s) > len("customlist") && strings.EqualFold(s[:len("customlist")], "customlist")
}

// validateLists checks the custom lists, and that every select field whose
// record type is a custom list names one of them.
func (a *Account) validateLists(p *problems) {
	ids := map[string]int{}
	names := make([]string, 0, len(a.CustomLists))
	for i, l := range a.CustomLists {
		at := fmt.Sprintf("customLists[%d]", i)
		if l.ScriptID != "" {
			names = append(names, l.ScriptID)
		}
		switch j, dup := ids[l.ScriptID]; {
		case l.ScriptID == "":
			p.add(at+".scriptId", "missing; set the list's script ID, such as customlist_region")
		case !customListPattern.MatchString(l.ScriptID):
			p.add(at+".scriptId", "%q: a custom list's script ID is customlist followed by lower-case letters, digits or underscores, such as customlist_region", l.ScriptID)
		case dup:
			p.add(at+".scriptId", "%q is also the script ID of customLists[%d]; script IDs must be unique", l.ScriptID, j)
		default:
			ids[l.ScriptID] = i
		}
		if len(l.Values) == 0 {
			p.add(at+".values", "missing; list the values in order, such as [EMEA, AMER, APAC]")
		}
		seen := map[string]int{}
		for j, v := range l.Values {
			path := fmt.Sprintf("%s.values[%d]", at, j)
			key := strings.ToLower(strings.TrimSpace(v))
			if key == "" {
				p.add(path, "empty; every value of a list is a non-empty string")
				continue
			}
			if k, dup := seen[key]; dup {
				p.add(path, "%q is the same as values[%d] (%q) ignoring case; a list's values must be unique", v, k, l.Values[k])
				continue
			}
			seen[key] = j
		}
	}
	ref := func(path string, f CustomField) {
		if f.Type != catalog.CustomSelect || !isCustomListID(f.RecordType) {
			return
		}
		if _, ok := ids[f.RecordType]; !ok {
			p.add(path, "custom list %q is not defined; add it under customLists or use one of them (%s)", f.RecordType, defined("custom lists", names))
		}
	}
	for i, f := range a.CustomFields {
		ref(fmt.Sprintf("customFields[%d].recordType", i), f)
	}
	for i, r := range a.CustomRecordTypes {
		for j, f := range r.Fields {
			ref(fmt.Sprintf("customRecordTypes[%d].fields[%d].recordType", i, j), f)
		}
	}
}

// validateCustom checks the custom fields and custom record types: the
// catalog holds the rules (catalog.WithCustom), and its problems come with
// the account file's paths.
func (a *Account) validateCustom(p *problems, cat *catalog.Catalog) {
	_, err := cat.WithCustom(a.catalogCustomLocked())
	if err == nil {
		return
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		var ce *catalog.CustomError
		if errors.As(e, &ce) {
			p.add(ce.Path, "%s", ce.Msg)
		} else {
			p.add("customFields", "%v", e)
		}
	}
}

func (a *Account) catalogCustomLocked() ([]catalog.CustomField, []catalog.CustomRecordType) {
	fields := make([]catalog.CustomField, 0, len(a.CustomFields))
	for _, f := range a.CustomFields {
		fields = append(fields, catalogField(f))
	}
	records := make([]catalog.CustomRecordType, 0, len(a.CustomRecordTypes))
	for _, r := range a.CustomRecordTypes {
		cr := catalog.CustomRecordType{ScriptID: r.ScriptID, Name: r.Name}
		for _, f := range r.Fields {
			cr.Fields = append(cr.Fields, catalogField(f))
		}
		records = append(records, cr)
	}
	return fields, records
}

// defined lists the names of what is defined, for an error about an undefined
// reference.
func defined(what string, names []string) string {
	if len(names) == 0 {
		return "no " + what + " are defined"
	}
	return "defined " + what + ": " + quoteList(names)
}

// dateFormatList returns the supported date formats as a list, unquoted: they
// are written so in NetSuite's preference list.
func dateFormatList() string {
	names := make([]string, 0, len(filter.DateFormats()))
	for _, f := range filter.DateFormats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

func quoteList[S ~string](items []S) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", string(s))
	}
	return strings.Join(q, ", ")
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sortedFeatures returns the enabled features: known ones in the order of
// Features, then unknown ones sorted.
func sortedFeatures(m map[Feature]bool) []Feature {
	var out []Feature
	for _, f := range Features() {
		if m[f] {
			out = append(out, f)
		}
	}
	for _, f := range sortedKeys(m) {
		if m[f] && !f.known() {
			out = append(out, f)
		}
	}
	return out
}
