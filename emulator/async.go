package emulator

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// Asynchronous requests (Oracle, REST Web Services Request Processing,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_161251386312.html):
// a request with "Prefer: respond-async" is answered 202 Accepted with
// "Preference-Applied: respond-async" and the Location of a job, and carried
// out afterwards; the job, its task and the task's result are read under
// /services/rest/async/v1/job/ (Sending an Asynchronous Request,
// subsect_161278579295; Polling for the Status of a Completed Asynchronous
// Request, subsect_161252896355; Getting the Result of an Executed Request,
// subsect_161252889998). An X-NetSuite-Idempotency-Key makes a repeat of the
// request answer 400 IDEMPOTENCY_ERROR with the earlier job's Location
// instead of doing the work twice (Sending an Asynchronous Request Using an
// Idempotency Key, subsect_164494900632). The pages are under
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/<id>.html.
//
// What the pages leave open is assumed, and listed in FIDELITY.md:
//
//   - a job carries out its request with the same handler as a synchronous
//     request, so every check that is not the login's or the concurrency
//     limit's (the record type, the role's permission, the body, read-only
//     fields) fails the job, not the submission;
//   - a job's work takes Options.Latency, as a synchronous request's does,
//     holds no concurrency slot and meets no faults (NetSuite runs jobs in
//     "REST Async Processors", apart from the requests); jobs start at once,
//     each on its own;
//   - a job has one task, "1"; its progress is "pending" until it completes,
//     then "succeeded", or "failed" when its answer is an error (Oracle shows
//     only pending and succeeded);
//   - a task's result is the answer the request would have had: its status,
//     headers (Location) and body, a create's 204 with the new record's
//     Location or an error's envelope with its status;
//   - jobs are read only by the user and role that submitted them (another
//     one gets the unknown job's 404); idempotency keys are one namespace
//     per account;
//   - a job, and its idempotency key, are kept for jobTTL of the emulator's
//     clock from submission, at most maxJobs of them.

// asyncPath is the path of the async service.
const asyncPath = "/services/rest/async/v1/job/"

// jobTTL is how long a job and its idempotency key are kept after their
// submission, on the emulator's clock. Assumption: NetSuite does not
// document how long it remembers either; a day covers a client that
// retries after a night's outage.
const jobTTL = 24 * time.Hour

// maxJobs bounds the completed jobs held; past it the oldest are forgotten
// with their keys before they expire. Assumption: an emulator's bound, not
// NetSuite's.
const maxJobs = 100_000

// Texts of the async service.
const (
	// detailIdempotency is Oracle's detail for a repeated key, verbatim
	// (subsect_164494900632; the page breaks the line inside it).
	detailIdempotency = `A request with the same idempotency key is already submitted. See the "Location" header for a link to the previously submitted job`
)

// A job is one asynchronous request. Its fields from started on are
// guarded by the jobs' mutex; the others do not change.
type job struct {
	id        string
	owner     string
	key       string
	submitted time.Time
	gen       int // the jobs' generation it belongs to

	started, ended time.Time
	done           bool
	ans            *answer // the request's answer, once done
}

// jobs holds the asynchronous jobs of the account.
type jobs struct {
	ctx    context.Context // cancelled by close: jobs waiting stop
	cancel context.CancelFunc
	max    int

	mu     sync.Mutex
	last   int64           // the last job ID given
	byID   map[string]*job // the jobs held
	byKey  map[string]*job // the jobs held that have a key
	queue  []*job          // the jobs held, in submission order
	gen    int             // bumped by reset
	closed bool
	wg     sync.WaitGroup // the jobs not finished
}

func newJobs() *jobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &jobs{ctx: ctx, cancel: cancel, max: maxJobs, byID: map[string]*job{}, byKey: map[string]*job{}}
}

// submit makes a job for owner with idempotency key (none when ""), at now.
// When a job held has the key, it returns that job as earlier and makes
// none. After close it makes none either.
func (js *jobs) submit(owner, key string, now time.Time) (j, earlier *job) {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.expire(now)
	if key != "" {
		if e, ok := js.byKey[key]; ok {
			return nil, e
		}
	}
	if js.closed {
		return nil, nil
	}
	js.last++
	j = &job{id: strconv.FormatInt(js.last, 10), owner: owner, key: key, submitted: now, gen: js.gen}
	js.byID[j.id] = j
	if key != "" {
		js.byKey[key] = j
	}
	js.queue = append(js.queue, j)
	js.wg.Add(1)
	return j, nil
}

// expire forgets the completed jobs submitted jobTTL or more before now,
// and the oldest completed ones past max, in submission order: a job not
// completed keeps the ones after it until it completes. Under mu.
func (js *jobs) expire(now time.Time) {
	n := 0
	for _, j := range js.queue {
		if !j.done || (now.Sub(j.submitted) < jobTTL && len(js.queue)-n <= js.max) {
			break
		}
		delete(js.byID, j.id)
		if j.key != "" {
			delete(js.byKey, j.key)
		}
		n++
	}
	clear(js.queue[:n])
	js.queue = js.queue[n:]
}

// get returns the job with id, if it is held and belongs to owner.
func (js *jobs) get(id, owner string, now time.Time) (job, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.expire(now)
	j, ok := js.byID[id]
	if !ok || j.owner != owner {
		return job{}, false
	}
	return *j, true
}

// start marks j started at now.
func (js *jobs) start(j *job, now time.Time) {
	js.mu.Lock()
	j.started = now
	js.mu.Unlock()
}

// current reports whether j was submitted since the last reset.
func (js *jobs) current(j *job) bool {
	js.mu.Lock()
	defer js.mu.Unlock()
	return j.gen == js.gen
}

// finish records j's answer, at now.
func (js *jobs) finish(j *job, ans *answer, now time.Time) {
	js.mu.Lock()
	j.ans, j.ended, j.done = ans, now, true
	js.mu.Unlock()
}

// reset forgets every job and key; the jobs not yet carried out are not.
// Job IDs go on from the last, so that a Location from before the reset
// never names a later job.
func (js *jobs) reset() {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.gen++
	clear(js.byID)
	clear(js.byKey)
	clear(js.queue)
	js.queue = js.queue[:0]
}

// close makes submit refuse new jobs, stops the jobs waiting and waits for
// those being carried out.
func (js *jobs) close() {
	js.mu.Lock()
	js.closed = true
	js.mu.Unlock()
	js.cancel()
	js.wg.Wait()
}

// owner names who a job belongs to: the user and the role.
func owner(p *auth.Principal) string { return p.User.Email + "\x00" + p.Role.Name }

// idempotencyKey is the X-NetSuite-Idempotency-Key header (Oracle's sample
// writes X-NetSuite-idempotency-key; header names are case-insensitive).
func idempotencyKey(h http.Header) string {
	return h.Get("X-NetSuite-Idempotency-Key")
}

// jobURL is the absolute URL of job id, as the 202's Location gives it
// ("https://demo123.suitetalk.api.netsuite.com/services/rest/async/v1/job/<id>",
// chapter_161251386312; a relative one in subsect_161278579295's sample).
func jobURL(base, id string) string { return base + asyncPath + id }

// async serves a request with "Prefer: respond-async" as a job: it reads the
// body, answers 202 (or 400 IDEMPOTENCY_ERROR for a key already submitted)
// and carries the request out with h afterwards. Other requests go to h at
// once. The submission is a request like any other: it holds a concurrency
// slot and meets the faults, and a fault after the work (drop-after,
// 500-after) loses the 202 of a job that exists, the case idempotency keys
// are for.
func (s *Server) async(h apiHandler) apiHandler {
	return func(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
		if !records.Prefers(r.Header, "respond-async") {
			h(w, r, p)
			return
		}
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		j, earlier := s.jobs.submit(owner(p), idempotencyKey(r.Header), s.clock.Now())
		w.Header().Set("Preference-Applied", "respond-async")
		switch {
		case earlier != nil:
			w.Header().Set("Location", jobURL(baseURL(r), earlier.id))
			writeError(w, newError(records.CodeIdempotencyError, detailIdempotency))
			return
		case j == nil:
			s.fail(w, errors.New("emulator: a job was submitted while the emulator closes"))
			return
		}
		// The job outlives the request: its own context, and the body
		// already read.
		work := r.Clone(context.WithoutCancel(r.Context()))
		work.Body = io.NopCloser(bytes.NewReader(body))
		work.ContentLength = int64(len(body))
		go s.run(j, func(w http.ResponseWriter) { h(w, work, p) })
		w.Header().Set("Location", jobURL(baseURL(r), j.id))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
	}
}

// run carries job j out with serve, as a synchronous request would be
// after its latency, and keeps its answer. A reset meanwhile drops the job
// undone; so does Close.
func (s *Server) run(j *job, serve func(http.ResponseWriter)) {
	defer s.jobs.wg.Done()
	s.jobs.start(j, s.clock.Now())
	if !wait(s.jobs.ctx, time.Duration(s.gov.latency.Load())) {
		return
	}
	s.resetMu.RLock()
	defer s.resetMu.RUnlock()
	if !s.jobs.current(j) {
		return
	}
	ans := newAnswer()
	serve(ans)
	s.jobs.finish(j, ans, s.clock.Now())
}

// Job and task bodies, their keys in Oracle's order (alphabetical after
// links).
type (
	asyncLink struct {
		Rel  string `json:"rel"`
		Href string `json:"href"`
	}
	jobBody struct {
		Links     []asyncLink `json:"links"`
		Completed bool        `json:"completed"`
		ID        string      `json:"id"`
		Progress  string      `json:"progress"`
		Task      struct {
			Links []asyncLink `json:"links"`
		} `json:"task"`
	}
	taskBody struct {
		Links     []asyncLink `json:"links"`
		Completed bool        `json:"completed"`
		EndTime   string      `json:"endTime,omitempty"`
		ID        string      `json:"id"`
		Progress  string      `json:"progress"`
		StartTime string      `json:"startTime,omitempty"`
	}
	taskItem struct {
		Links []asyncLink `json:"links"`
		ID    string      `json:"id"`
	}
	taskList struct {
		Links        []asyncLink `json:"links"`
		Count        int         `json:"count"`
		HasMore      bool        `json:"hasMore"`
		Items        []taskItem  `json:"items"`
		Offset       int         `json:"offset"`
		TotalResults int         `json:"totalResults"`
	}
)

// The progress of a job or task.
const (
	progressPending   = "pending"
	progressSucceeded = "succeeded"
	progressFailed    = "failed"
)

func (j *job) progress() string {
	switch {
	case !j.done:
		return progressPending
	case j.ans.status >= 400:
		return progressFailed
	}
	return progressSucceeded
}

// taskID is the ID of a job's one task.
const taskID = "1"

// Media types of the async service's answers. Assumption: as the record
// API's singular and collection resources; Oracle's pages show the bodies
// only.
const (
	typeSingular   = "application/vnd.oracle.resource+json; type=singular"
	typeCollection = "application/vnd.oracle.resource+json; type=collection"
)

// The async service's routes: a job, its task list (with or without the
// trailing slash Oracle's page writes), its task and the task's result.
func (s *Server) asyncRoutes(api func(pattern string, h apiHandler)) {
	api(asyncPath+"{job}", s.jobStatus)
	api(asyncPath+"{job}/task", s.taskList)
	api(asyncPath+"{job}/task/{$}", s.taskList)
	api(asyncPath+"{job}/task/{task}", s.taskStatus)
	api(asyncPath+"{job}/task/{task}/result", s.taskResult)
}

// lookup finds the job and task a GET of the async service names, or
// answers the error and reports false. A job of another user or role is
// unknown.
//
// Assumption: NetSuite's answers for an unknown job or task, and for a
// method other than GET, are not documented: the record API's 404 and 405.
func (s *Server) lookup(w http.ResponseWriter, r *http.Request, p *auth.Principal) (job, bool) {
	if r.Method != http.MethodGet {
		writeError(w, newError(records.CodeMethodNotAllowed, "Only GET is allowed on the jobs of the async service."))
		return job{}, false
	}
	id := r.PathValue("job")
	j, ok := s.jobs.get(id, owner(p), s.clock.Now())
	if !ok {
		writeError(w, newError(records.CodeNonexistentID, "The async job "+id+" does not exist."))
		return job{}, false
	}
	if task := r.PathValue("task"); task != "" && task != taskID {
		writeError(w, newError(records.CodeNonexistentID, "The task "+task+" of async job "+id+" does not exist."))
		return job{}, false
	}
	return j, true
}

// jobStatus serves GET .../job/{job}: Oracle's sample body
// (subsect_161278579295).
func (s *Server) jobStatus(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	j, ok := s.lookup(w, r, p)
	if !ok {
		return
	}
	href := jobURL(baseURL(r), j.id)
	b := jobBody{Links: []asyncLink{{"self", href}}, Completed: j.done, ID: j.id, Progress: j.progress()}
	b.Task.Links = []asyncLink{{"self", href + "/task"}}
	writeJSON(w, http.StatusOK, typeSingular, b)
}

// taskList serves GET .../job/{job}/task: a collection of the job's one
// task, each item with its self link (subsect_161252896355). Assumption:
// the collection's keys are the record API's; limit and offset are not
// read.
func (s *Server) taskList(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	j, ok := s.lookup(w, r, p)
	if !ok {
		return
	}
	href := jobURL(baseURL(r), j.id) + "/task"
	writeJSON(w, http.StatusOK, typeCollection, taskList{
		Links: []asyncLink{{"self", href}}, Count: 1, TotalResults: 1,
		Items: []taskItem{{Links: []asyncLink{{"self", href + "/" + taskID}}, ID: taskID}},
	})
}

// taskStatus serves GET .../job/{job}/task/{task}: Oracle's sample body,
// with the result as the related link (subsect_161252896355).
func (s *Server) taskStatus(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	j, ok := s.lookup(w, r, p)
	if !ok {
		return
	}
	href := jobURL(baseURL(r), j.id) + "/task/" + taskID
	writeJSON(w, http.StatusOK, typeSingular, taskBody{
		Links:     []asyncLink{{"related", href + "/result"}, {"self", href}},
		Completed: j.done, EndTime: asyncTime(j.ended), ID: taskID, Progress: j.progress(), StartTime: asyncTime(j.started),
	})
}

// taskResult serves GET .../job/{job}/task/{task}/result: the request's
// answer (subsect_161252889998 shows a record's body).
func (s *Server) taskResult(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	j, ok := s.lookup(w, r, p)
	if !ok {
		return
	}
	if !j.done {
		// Assumption: NetSuite's answer before the task completes is not
		// documented.
		writeError(w, newError(records.CodeNonexistentID, "The result of task "+taskID+" of async job "+j.id+" is not available: the task has not completed."))
		return
	}
	j.ans.writeTo(w)
}

// asyncTime writes a job's time as Oracle's task sample does,
// "2020-12-09T12:04:28Z"; "" for a time not reached.
func asyncTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
