package emulator

import (
	"context"
	"net/http"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// detailNoWorkbook is the 403 for SuiteQL without SuiteAnalytics Workbook.
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html: SuiteQL
// needs the feature SuiteAnalytics Workbook and the role permission SuiteAnalytics Workbook at
// Edit. Assumption: NetSuite's wording is not documented; the code is the record API's for a
// missing permission.
const detailNoWorkbook = "Insufficient permission: SuiteQL needs the SuiteAnalytics Workbook feature (Setup > Company > Enable Features > Analytics) and the role permission SuiteAnalytics Workbook at Edit (Reports)."

// suiteQL serves POST /services/rest/query/v1/suiteql: the feature and the
// role's permission are checked, then the record service runs the query.
func (s *Server) suiteQL(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	if !s.acct.FeatureEnabled(account.FeatureSuiteAnalyticsWorkbook) {
		s.log.Info("emulator: SuiteQL refused: the SuiteAnalytics Workbook feature is disabled")
		writeError(w, newError(records.CodeInsufficientPermission, detailNoWorkbook))
		return
	}
	if err := auth.RequirePermission(p, account.PermSuiteAnalyticsWorkbook, account.Edit); err != nil {
		s.log.Info("emulator: SuiteQL refused", "err", err)
		writeError(w, newError(records.CodeInsufficientPermission, detailNoWorkbook))
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	// A query is read-only: a client that goes away cancels it.
	resp, err := s.records.SuiteQL(r.Context(), &records.Request{
		BaseURL: baseURL(r),
		Method:  r.Method,
		Query:   r.URL.Query(),
		Header:  r.Header,
		Body:    body,
	})
	if err != nil {
		if r.Context().Err() == context.Canceled {
			return
		}
		s.fail(w, err)
		return
	}
	writeResponse(w, resp)
}
