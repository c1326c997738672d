package netsuite

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/internal/backoff"
)

// Asynchronous writes with an idempotency key (Oracle, REST Web Services
// Request Processing,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_161251386312.html).
//
// A write with WriteOptions.IdempotencyKey is sent with "Prefer:
// respond-async" and "X-NetSuite-Idempotency-Key". NetSuite answers 202
// with the Location of a job and carries the write out; a repeat of the key
// is answered 400 IDEMPOTENCY_ERROR with the Location of the earlier job,
// and not carried out. So the write is safe to send again, and the Client
// retries it as an idempotent request; whichever answer it gets, it follows
// the job to its result, the answer the write would have had synchronously.

// codeIdempotency is NetSuite's code for a repeated idempotency key
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_164494900632.html).
const codeIdempotency = "IDEMPOTENCY_ERROR"

// How often the Client reads a job that has not completed: first after
// pollFirst, then twice as long each time, at most pollMax apart.
const (
	pollFirst = 50 * time.Millisecond
	pollMax   = 2 * time.Second
)

// asyncJob is the status of a job (GET /services/rest/async/v1/job/{id},
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_161278579295.html).
type asyncJob struct {
	Completed bool   `json:"completed"`
	Progress  string `json:"progress"`
	Task      struct {
		Links []Link `json:"links"`
	} `json:"task"`
}

// sendKeyed sends req, a write, asynchronously with idempotency key key,
// waits for its job within req's context and returns the job's result as
// the answer to req: the Response and *Error a synchronous request would
// have had (with req as their request). When the outcome cannot be
// learned (the submission or the job could not be read), the error is
// ErrOutcomeUnknown: sent again with the same key, the write finds its
// job.
func (c *Client) sendKeyed(req *http.Request, key string) (*Response, error) {
	req.Header.Set(headerPrefer, respondAsync)
	req.Header.Set(headerIdempotencyKey, key)
	resp, err := c.Do(req, nil)
	var conflict *Error
	switch {
	case err == nil && resp.StatusCode != http.StatusAccepted:
		return resp, nil // answered at once
	case err == nil:
	case errors.As(err, &conflict) && conflict.hasCode(codeIdempotency):
		// The key was submitted before, by an earlier attempt or call:
		// its job holds the outcome.
		resp = &Response{Response: conflict.Response}
	default:
		return resp, err
	}
	job := resp.Header.Get("Location")
	unknown := func(err error) (*Response, error) {
		return nil, &outcomeUnknownError{method: req.Method, url: sanitizeURL(req.URL), key: key, job: job, err: err}
	}
	if job == "" {
		return unknown(fmt.Errorf("netsuite: NetSuite answered %s without the Location of the job", resp.Status))
	}
	resultPath, progress, err := c.awaitJob(req.Context(), job)
	if err != nil {
		return unknown(err)
	}
	r, err := c.NewRequest(req.Context(), http.MethodGet, resultPath, nil)
	if err != nil {
		return unknown(err)
	}
	result, err := c.Do(r, nil)
	var e *Error
	switch {
	case err == nil:
		result.Request = req
		return result, nil
	case errors.As(err, &e) && progress == progressFailed && e.Status < 500 &&
		e.Status != http.StatusTooManyRequests && e.Status != http.StatusUnauthorized:
		// The write's own refusal, the failed job's result. A 429 or
		// a 401 is the answer to reading it; after a job that
		// succeeded, any error is.
		e.Response.Request = req
		return &Response{Response: e.Response}, e
	}
	return unknown(err)
}

// progressFailed is the progress of a job whose request failed: an
// assumption, as Oracle's pages show only pending and succeeded.
const progressFailed = "failed"

// awaitJob waits, within ctx, for the job at location (an absolute or a
// relative URL) to complete, and returns the path of its one task's result
// and the job's progress.
func (c *Client) awaitJob(ctx context.Context, location string) (resultPath, progress string, err error) {
	jobPath, err := c.restPath(location)
	if err != nil {
		return "", "", err
	}
	var job asyncJob
	for delay := pollFirst; ; delay = min(2*delay, pollMax) {
		if err := backoff.Sleep(ctx, delay); err != nil {
			return "", "", fmt.Errorf("netsuite: waiting for the job: %w", err)
		}
		r, err := c.NewRequest(ctx, http.MethodGet, jobPath, nil)
		if err != nil {
			return "", "", err
		}
		if _, err := c.Do(r, &job); err != nil {
			return "", "", err
		}
		if job.Completed {
			break
		}
	}
	// The job's task list, then its one task's result
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_161252896355.html,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_161252889998.html).
	tasks := linkHref(job.Task.Links, "self")
	if tasks == "" {
		return "", "", fmt.Errorf("netsuite: the completed job (%s) has no task link", job.Progress)
	}
	tasksPath, err := c.restPath(tasks)
	if err != nil {
		return "", "", err
	}
	r, err := c.NewRequest(ctx, http.MethodGet, tasksPath, nil)
	if err != nil {
		return "", "", err
	}
	var list struct {
		Items []struct {
			Links []Link `json:"links"`
		} `json:"items"`
	}
	if _, err := c.Do(r, &list); err != nil {
		return "", "", err
	}
	if len(list.Items) != 1 {
		return "", "", fmt.Errorf("netsuite: the job has %d tasks; a write's has one", len(list.Items))
	}
	task := linkHref(list.Items[0].Links, "self")
	if task == "" {
		return "", "", errors.New("netsuite: the job's task has no self link")
	}
	taskPath, err := c.restPath(task)
	if err != nil {
		return "", "", err
	}
	return strings.TrimSuffix(taskPath, "/") + "/result", job.Progress, nil
}

// restPath turns a URL NetSuite gave (a Location, a link), absolute or
// relative to the host, into a path relative to /services/rest/ for
// NewRequest. An absolute URL must name the Client's host: the Client signs
// requests for no other.
func (c *Client) restPath(location string) (string, error) {
	u, err := url.Parse(location)
	if err != nil {
		return "", fmt.Errorf("netsuite: the URL %q NetSuite gave does not parse: %w", location, err)
	}
	prefix := restPath
	if u.IsAbs() {
		if !strings.EqualFold(u.Scheme, c.baseURL.Scheme) || !strings.EqualFold(u.Host, c.baseURL.Host) {
			return "", fmt.Errorf("netsuite: the URL %q NetSuite gave is not on the Client's host %s", sanitizeURL(u), c.baseURL.Host)
		}
		prefix = c.baseURL.Path
	}
	rel, ok := strings.CutPrefix(u.EscapedPath(), prefix)
	if !ok || rel == "" {
		return "", fmt.Errorf("netsuite: the URL %q NetSuite gave is not under %s", sanitizeURL(u), prefix)
	}
	if u.RawQuery != "" {
		rel += "?" + u.RawQuery
	}
	return rel, nil
}
