package doctor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
)

// suiteQLNow is the SuiteQL probe: it needs what every query needs, and
// its answer is NetSuite's time of day in the time zone SuiteQL renders
// datetimes in. CURRENT_DATE is the session's (the user's) time and SYSDATE
// the server's, as Tim Dietrich's query library names them
// ("CurrentTimeUser", "CurrentTimeServer"; https://timdietrich.me/blog/netsuite-suiteql-dates-times/).
// Assumption: NetSuite's session time zone is the integration user's Time
// Zone preference, which defaults to the company's.
const suiteQLNow = "SELECT TO_CHAR(CURRENT_DATE, 'YYYY-MM-DD HH24:MI:SS') AS now FROM DUAL"

// A wallClock is NetSuite's wall time read by SuiteQL, and the instant it
// was read by NetSuite's clock (the Date header of the answer).
type wallClock struct {
	wall   time.Time // the wall time, as if it were UTC
	at     time.Time
	exists bool
}

// checkPermissions probes the role's permissions with reads only: a page of
// one record of each record type asked for, a SuiteQL query and the
// metadata catalog. Writes are not probed: NetSuite cannot check one
// without making it. It returns SuiteQL's wall clock for the time zone
// check.
func (r *run) checkPermissions(ctx context.Context) wallClock {
	if len(r.cfg.Records) == 0 {
		r.add(Check{ID: "records", Title: "read records", Step: StepRole, Status: Skip,
			Reason: "not checked: no record types were given to check (the role's permission is per record type)"})
	}
	for _, rt := range r.cfg.Records {
		c := Check{ID: "read:" + rt, Title: "read " + rt, Step: StepRole}
		_, resp, err := r.client.Records.List(ctx, rt, &netsuite.ListOptions{Limit: 1})
		switch {
		case err == nil:
			c.Status, c.Reason = OK, fmt.Sprintf("the role can read %s (%d records)", rt, resp.TotalResults)
		default:
			c.Status, c.Reason, c.Fix = Fail, "NetSuite refused to list "+rt+": "+apiReason(err), permissionFix(err)
		}
		r.add(c)
	}
	clock := r.checkSuiteQL(ctx)
	r.checkMetadata(ctx)
	r.add(Check{ID: "writes", Title: "writes", Step: StepRole, Status: Skip,
		Reason: "not checked: NetSuite has no way to check a create, update or delete permission without making the change",
		Fix:    "give the role the level each write needs on each record type: Create to create, Edit to update or upsert, Full to delete (" + rolePath + ")"})
	return clock
}

// rolePath is where a role's permissions are set.
const rolePath = "Setup > Users/Roles > Manage Roles > the role > Permissions"

// checkSuiteQL runs the SuiteQL probe.
func (r *run) checkSuiteQL(ctx context.Context) wallClock {
	c := Check{ID: "suiteql", Title: "SuiteQL", Step: StepRole}
	page, resp, err := r.client.SuiteQL.Query(ctx, suiteQLNow, &netsuite.QueryOptions{Limit: 1})
	if err != nil {
		c.Status, c.Reason, c.Fix = Fail, "NetSuite refused a SuiteQL query: "+apiReason(err), permissionFix(err)
		r.add(c)
		return wallClock{}
	}
	c.Status, c.Reason = OK, "the role can run SuiteQL queries (SuiteAnalytics Workbook)"
	r.add(c)
	var clock wallClock
	if len(page.Rows) == 1 {
		wall, werr := time.Parse(time.DateTime, page.Rows[0]["now"])
		at, derr := http.ParseTime(resp.Header.Get("Date"))
		clock = wallClock{wall: wall, at: at, exists: werr == nil && derr == nil}
	}
	return clock
}

// checkMetadata reads the metadata catalog of the record types asked for
// (all when none were).
func (r *run) checkMetadata(ctx context.Context) {
	c := Check{ID: "metadata", Title: "metadata", Step: StepRole}
	var opts *netsuite.MetadataOptions
	if len(r.cfg.Records) > 0 {
		opts = &netsuite.MetadataOptions{Select: r.cfg.Records}
	}
	names, _, err := r.client.Metadata.List(ctx, opts)
	if err != nil {
		c.Status, c.Reason, c.Fix = Fail, "NetSuite refused the metadata catalog: "+apiReason(err), permissionFix(err)
		r.add(c)
		return
	}
	c.Status, c.Reason = OK, fmt.Sprintf("the metadata catalog lists %d record types", len(names))
	var missing []string
	for _, rt := range r.cfg.Records {
		found := false
		for _, n := range names {
			found = found || strings.EqualFold(n, rt)
		}
		if !found {
			missing = append(missing, rt)
		}
	}
	if len(missing) > 0 {
		c.Status = Warn
		c.Reason += "; not " + strings.Join(missing, ", ")
		c.Fix = "check the record type names: the REST API spells them as the metadata catalog lists them (salesOrder, customrecord_x)"
	}
	r.add(c)
}

// apiReason is NetSuite's refusal without the method and URL.
func apiReason(err error) string {
	var nerr *netsuite.Error
	if errors.As(err, &nerr) && len(nerr.Details) > 0 {
		d := nerr.Details[0]
		return fmt.Sprintf("%d %s: %s", nerr.Status, d.Code, d.Detail)
	}
	return clean(err)
}

// permissionFix says which permission a refused request needs, and where a
// role is given it.
func permissionFix(err error) string {
	var nerr *netsuite.Error
	if !errors.As(err, &nerr) {
		return ""
	}
	if p, ok := nerr.MissingPermission(); ok {
		return p.String()
	}
	return ""
}

// governanceLimits is the answer of GET /system/v1/governanceLimits
// (Oracle, "GovernanceLimits Operation",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0625010817.html).
type governanceLimits struct {
	AccountConcurrencyLimit            int    `json:"accountConcurrencyLimit"`
	AccountUnallocatedConcurrencyLimit int    `json:"accountUnallocatedConcurrencyLimit"`
	IntegrationConcurrencyLimit        int    `json:"integrationConcurrencyLimit"`
	IntegrationLimitType               string `json:"integrationLimitType"`
}

// checkConcurrency reads the account's concurrency limit, which NetSuite
// shows to administrators only ("The governanceLimits operation returns
// results only if you are logged in as an administrator", Oracle), and
// compares it with the connection's.
func (r *run) checkConcurrency(ctx context.Context) {
	c := Check{ID: "concurrency", Title: "concurrency limit", Step: StepIntegration}
	uses := r.client.Concurrency()
	req, err := r.client.NewRequest(ctx, http.MethodGet, "system/v1/governanceLimits", nil)
	var g governanceLimits
	if err == nil {
		_, err = r.client.Do(req, &g)
	}
	if err != nil {
		c.Status = Skip
		c.Reason = fmt.Sprintf("the account's limit cannot be read (%s): NetSuite shows it to administrators only; this connection sends up to %d requests at once", apiReason(err), uses)
		c.Fix = "an administrator sees the limit at " + governancePath + "; set the connection's concurrency to the limit (or this integration's share of it)"
		r.add(c)
		return
	}
	limit, whose := g.AccountConcurrencyLimit, "the account's limit"
	if g.IntegrationLimitType == "integrationSpecific" && g.IntegrationConcurrencyLimit > 0 {
		limit, whose = g.IntegrationConcurrencyLimit, "this integration's limit"
	}
	switch {
	case limit <= 0:
		c.Status, c.Reason = Skip, "NetSuite's answer has no limit for this integration (limit type "+g.IntegrationLimitType+")"
	case uses > limit:
		c.Status = Warn
		c.Reason = fmt.Sprintf("this connection sends up to %d requests at once, more than %s, %d: NetSuite refuses the rest (429) and they are sent again", uses, whose, limit)
		c.Fix = fmt.Sprintf("set the connection's concurrency to %d", limit)
	case uses < limit:
		c.Status = OK
		c.Reason = fmt.Sprintf("this connection sends up to %d requests at once; %s is %d (every integration of the account shares it)", uses, whose, limit)
	default:
		c.Status, c.Reason = OK, fmt.Sprintf("this connection sends up to %d requests at once, %s", uses, whose)
	}
	r.add(c)
}

// checkTimezone compares the connection's time zone with the one SuiteQL
// renders datetimes in, by their offsets from UTC now: NetSuite's REST API
// does not name the account's time zone.
func (r *run) checkTimezone(clock wallClock) {
	c := Check{ID: "timezone", Title: "account timezone", Step: StepSettings}
	switch {
	case r.location == nil:
		c.Status, c.Reason = Skip, "not checked: the connection's time zone is not set or not valid (see above)"
	case !clock.exists:
		c.Status = Skip
		c.Reason = "not checked: NetSuite's time zone is read through SuiteQL, which did not answer (see above); REST web services have no other way to read it"
		c.Fix = "compare it yourself: " + whereTimezone
	default:
		// NetSuite's offsets are whole quarter hours; the wall time and the
		// Date header are each to the second.
		offset := clock.wall.Sub(clock.at).Round(15 * time.Minute)
		_, secs := clock.at.In(r.location).Zone()
		ours := time.Duration(secs) * time.Second
		if offset == ours {
			c.Status = OK
			c.Reason = fmt.Sprintf("%s is %s now, as SuiteQL's time is (the integration user's time zone, which defaults to the company's); a zone with the same offset today but other daylight saving rules cannot be told apart",
				r.location, utcOffset(ours))
		} else {
			c.Status = Fail
			c.Reason = fmt.Sprintf("SuiteQL's time is %s now (the integration user's time zone), but the connection's time zone %s is %s: datetimes would be read and written %s off",
				utcOffset(offset), r.location, utcOffset(ours), (offset - ours).Abs())
			c.Fix = "set the connection's time zone to the account's; " + whereTimezone
		}
	}
	r.add(c)
}

// utcOffset writes an offset as UTC-08:00.
func utcOffset(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, int(d.Hours()), int(d.Minutes())%60)
}
