package doctor

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// restHostSuffix ends the host of every account's REST web services
// (<account slug>.suitetalk.api.netsuite.com: Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1498251763.html).
const restHostSuffix = ".suitetalk.api.netsuite.com"

// Where NetSuite shows each setting.
const (
	whereAccountID = "NetSuite shows the account ID at Setup > Company > Company Information (Account ID)"
	whereConsumer  = "NetSuite shows the consumer key and secret once, when the integration record is saved; Setup > Integration > Manage Integrations > the integration > Edit > Reset Credentials makes new ones (and breaks every connection that uses the old ones)"
	whereToken     = "NetSuite shows the token ID and secret once, when the access token is created: Setup > Users/Roles > Access Tokens > New makes a new one"
	whereTimezone  = "the account's time zone is at Setup > Company > Company Information (Time Zone), the integration user's at Home > Set Preferences (Time Zone)"
)

// checkSettings checks each setting as written. A connection is made only
// when the account ID, the base URL and the four credentials can sign a
// request (r.baseURL set).
func (r *run) checkSettings() {
	accountOK := r.checkAccount()
	baseOK := r.checkBaseURL(accountOK)
	creds := r.cfg.Credentials
	fields := []struct {
		id, label, value string
		step             Step
		secret           bool
		where            string
	}{
		{"consumer_key", "consumer key", creds.ConsumerKey, StepIntegration, false, whereConsumer},
		{"consumer_secret", "consumer secret", creds.ConsumerSecret.Reveal(), StepIntegration, true, whereConsumer},
		{"token_id", "token ID", creds.TokenID, StepToken, false, whereToken},
		{"token_secret", "token secret", creds.TokenSecret.Reveal(), StepToken, true, whereToken},
	}
	credsOK := true
	for i, f := range fields {
		c := Check{ID: f.id, Title: f.label, Step: f.step}
		shown := "[REDACTED]"
		if !f.secret {
			shown = tba.Mask(f.value)
		}
		same := ""
		for _, g := range fields[:i] {
			if f.value != "" && g.value == f.value {
				same = g.label
			}
		}
		switch p := tba.CheckCredentialFormat(f.value); {
		case f.value == "":
			c.Status, c.Reason, c.Fix = Fail, "not set", f.where
			credsOK = false
		case p != nil && p.Pasted:
			c.Status, c.Reason, c.Fix = Fail, p.Detail, f.where
			r.fieldProblems[f.id] = p
			credsOK = false
		case p != nil:
			c.Status, c.Reason, c.Fix = Warn, shown+": "+p.Detail, "copy it again; "+f.where
			r.fieldProblems[f.id] = p
		case same != "":
			c.Status, c.Reason = Warn, fmt.Sprintf("%s: the same value as the %s; the four values are all different", shown, same)
			c.Fix = "copy each from its own field; " + f.where
			r.fieldProblems[f.id] = &tba.CredentialProblem{Detail: "it is the same value as the " + same}
		default:
			c.Status, c.Reason = OK, fmt.Sprintf("%s: %d hexadecimal characters", shown, tba.CredentialLength)
		}
		r.add(c)
	}
	r.checkTimezoneSetting()
	if accountOK && baseOK && credsOK {
		r.baseURL = r.report.BaseURL
	}
}

// checkAccount checks the account ID and sets r.account.
func (r *run) checkAccount() bool {
	c := Check{ID: "account_id", Title: "account ID", Step: StepSettings}
	written := r.cfg.AccountID
	if written == "" {
		c.Status, c.Reason, c.Fix = Fail, "not set", whereAccountID
		r.add(c)
		return false
	}
	a, err := tba.ParseAccountID(written)
	if err != nil {
		c.Status, c.Reason, c.Fix = Fail, strings.TrimPrefix(err.Error(), "tba: "), whereAccountID
		r.add(c)
		return false
	}
	r.account = a
	r.report.Account = a.String()
	kind := "a production account"
	switch {
	case a.IsSandbox():
		kind = "a sandbox"
	case a.IsReleasePreview():
		kind = "a release preview account"
	case strings.HasPrefix(a.String(), "TSTDRV"):
		kind = "a development or test-drive account"
	}
	c.Status = OK
	c.Reason = fmt.Sprintf("%s, %s: realm %s, REST host %s", a, kind, a.Realm(), a.RESTHost())
	if written != a.String() {
		c.Status = Warn
		c.Reason = fmt.Sprintf("written %q; NetSuite's form is %s, %s: this connection signs with the realm %s and reaches %s, but a tool that sends the ID as written is refused (Invalid login attempt: the realm is upper case)",
			written, a, kind, a.Realm(), a.RESTHost())
		c.Fix = "write it " + a.String() + ", as " + whereAccountID
	}
	r.add(c)
	return true
}

// checkBaseURL checks a base URL that overrides the REST host, and sets the
// report's base URL.
func (r *run) checkBaseURL(accountOK bool) bool {
	raw := r.cfg.BaseURL
	if raw == "" {
		if accountOK {
			r.report.BaseURL = "https://" + r.account.RESTHost()
		}
		return true
	}
	c := Check{ID: "base_url", Title: "base URL", Step: StepSettings}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		c.Status, c.Reason = Fail, "not an absolute http or https URL"
	case u.User != nil:
		c.Status, c.Reason = Fail, "it has a user name or password in it; requests are signed with the TBA credentials instead"
	case u.RawQuery != "" || u.Fragment != "":
		c.Status, c.Reason = Fail, "it has a query or a fragment; a base URL is a scheme, a host and an optional path"
	case strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/services/rest"):
		c.Status, c.Reason = Fail, "it ends in /services/rest; leave that out, the requests add it"
	}
	if c.Status == Fail {
		c.Fix = "use the URL the emulator prints, such as http://127.0.0.1:8080, or none for NetSuite (the host then comes from the account ID)"
		r.add(c)
		return false
	}
	u.Path = strings.TrimRight(u.Path, "/")
	r.report.BaseURL = u.String()
	host := strings.ToLower(u.Hostname())
	slug, isNetSuite := strings.CutSuffix(host, restHostSuffix)
	switch {
	case !isNetSuite:
		c.Status, c.Reason = OK, u.String()+": it overrides NetSuite's REST host"
		if accountOK {
			c.Reason += " (" + r.account.RESTHost() + ")"
		}
	case !accountOK:
		c.Status, c.Reason = OK, u.String()
	case slug != r.account.Slug():
		c.Status = Fail
		c.Reason = fmt.Sprintf("the host %s serves the account %s, but the account ID is %s: a login signed for one account is refused by the other", host, strings.ToUpper(strings.ReplaceAll(slug, "-", "_")), r.account)
		c.Fix = "leave the base URL out (the host then comes from the account ID), or set the account ID of the account you mean; " + whereAccountID
		r.add(c)
		return false
	case u.Scheme != "https":
		c.Status, c.Reason, c.Fix = Fail, "NetSuite is reached over https only", "use https://"+host+", or leave the base URL out"
		r.add(c)
		return false
	default:
		c.Status, c.Reason = OK, u.String()+": the account's REST host"
	}
	r.add(c)
	return true
}

// checkTimezoneSetting checks the connection's time zone and sets
// r.location.
func (r *run) checkTimezoneSetting() {
	c := Check{ID: "timezone_setting", Title: "timezone", Step: StepSettings}
	name := r.cfg.Timezone
	switch loc, err := time.LoadLocation(name); {
	case name == "":
		c.Status, c.Reason, c.Fix = Warn, "not set: datetimes would be read and written in UTC", "set the account's time zone as an IANA name, such as America/Los_Angeles; "+whereTimezone
	case strings.EqualFold(name, "Local"):
		c.Status, c.Reason, c.Fix = Fail, "Local is this machine's time zone, not the account's", "set the account's time zone as an IANA name, such as America/Los_Angeles; "+whereTimezone
	case err != nil:
		c.Status, c.Reason, c.Fix = Fail, fmt.Sprintf("%q is not an IANA time zone name", name), "use a name such as America/Los_Angeles; "+whereTimezone
	default:
		r.location = loc
		c.Status, c.Reason = OK, name
	}
	r.add(c)
}
