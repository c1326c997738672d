package emulator

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// SOAP web services (SuiteTalk) at POST /services/NetSuitePort_2025_2: the
// operations getServerTime, search and searchMoreWithId, with the
// TokenPassport of Token-Based Authentication (Oracle, "Token-based
// Authentication and Web Services",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395630653.html).
// The concurrency limit is the REST API's: one count for both (Oracle,
// "Web Services and RESTlet Concurrency Governance",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_1525252812.html).

// maxSOAPBody bounds a request envelope. Assumption: NetSuite's limit for
// SOAP requests is not documented; the emulator's messages are small.
const maxSOAPBody = 10 << 20

// A soapFault is a refusal answered as a SOAP fault: HTTP 500 with faultcode,
// faultstring and NetSuite's fault element (kind, such as
// invalidCredentialsFault) with its code and message.
type soapFault struct {
	faultcode string // soapenv:Server.userException or soapenv:Client
	kind      string
	code      string
	message   string
}

func (f *soapFault) Error() string { return f.kind + ": " + f.code + ": " + f.message }

// The faults the emulator sends.
//
// A refused login: faultcode soapenv:Server.userException and faultstring
// "Invalid login attempt." (netsuitephp/netsuite-php#121). Assumption: the
// detail is invalidCredentialsFault with code INVALID_LOGIN_ATTEMPT, the
// shape of NetSuite's "Ambiguous authentication" fault (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1509544929.html)
// and the RESTlets' code for the same refusal.
//
// The concurrency limit with TBA: ExceededConcurrentRequestLimitFault with
// WS_REQUEST_BLOCKED (Oracle, bridgehead_1525252812), and the text users
// see, "SuiteTalk concurrent request limit exceeded. Request blocked."
// (oracle/netsuite-suitecloud-sdk#908).
func invalidLoginFault() *soapFault {
	return &soapFault{"soapenv:Server.userException", "invalidCredentialsFault", "INVALID_LOGIN_ATTEMPT", "Invalid login attempt."}
}

// ambiguousAuthFault is NetSuite's answer to two kinds of credentials in one
// request: "Ambiguous authentication", invalidCredentialsFault with code
// USER_ERROR (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1509544929.html,
// for a Passport or applicationInfo beside a tokenPassport). Assumption: an
// Authorization header (OAuth 1.0 or a bearer token) beside a tokenPassport
// is refused the same way; Oracle names only the header elements. The
// faultcode is the refused login's.
func ambiguousAuthFault() *soapFault {
	return &soapFault{"soapenv:Server.userException", "invalidCredentialsFault", "USER_ERROR", "Ambiguous authentication"}
}

func concurrencyFault() *soapFault {
	return &soapFault{"soapenv:Server.userException", "exceededConcurrentRequestLimitFault", "WS_REQUEST_BLOCKED", "SuiteTalk concurrent request limit exceeded. Request blocked."}
}

// clientFault is a request the emulator cannot read. Assumption: NetSuite's
// SOAP stack (Apache Axis, whose hostname element its faults carry) answers
// a malformed envelope or an unknown operation with faultcode soapenv:Client;
// the detail's kind and code are the emulator's.
func clientFault(format string, args ...any) *soapFault {
	return &soapFault{"soapenv:Client", "invalidSoapRequestFault", "INVALID_REQUEST", fmt.Sprintf(format, args...)}
}

// writeFault writes err as a SOAP fault: a *soapFault as it is, the
// governor's *records.Error (CONCURRENCY_LIMIT_EXCEEDED, UNEXPECTED_ERROR) as
// its SOAP counterpart, anything else as UNEXPECTED_ERROR (Oracle lists
// UnexpectedErrorFault among every operation's faults, section_N3508018).
func writeFault(w http.ResponseWriter, err error) {
	f, ok := err.(*soapFault)
	if !ok {
		f = &soapFault{"soapenv:Server.userException", "unexpectedErrorFault", records.CodeUnexpectedError, "An unexpected error occurred. Error ID: " + errorID()}
		if e, isRecErr := err.(*records.Error); isRecErr && e.Code == records.CodeConcurrencyLimitExceeded {
			f = concurrencyFault()
		}
	}
	var fx faultXML
	fx.Code, fx.String = f.faultcode, f.message
	fx.Detail.Fault.XMLName = xml.Name{Local: "platformFaults:" + f.kind}
	fx.Detail.Fault.Faults, fx.Detail.Fault.Code, fx.Detail.Fault.Message = nsFaults, f.code, f.message
	fx.Detail.Hostname.Axis, fx.Detail.Hostname.Name = "http://xml.apache.org/axis/", "emulator"
	writeSOAP(w, http.StatusInternalServerError, newSOAPResponse("", bodyXML{Fault: &fx}))
}

// writeSOAP writes an envelope with status (SOAP 1.1: 500 for a fault).
func writeSOAP(w http.ResponseWriter, status int, env *soapResponse) {
	body, err := xml.Marshal(env)
	if err != nil {
		writeFault(w, fmt.Errorf("emulator: writing a SOAP answer: %w", err))
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, xml.Header)
	w.Write(body)
}

// soap serves POST /services/NetSuitePort_2025_2: it reads the envelope,
// logs the request in with its tokenPassport, and runs the operation.
//
// Assumption: the operation is read from the body; a SOAPAction header, when
// sent and not empty, must name the same operation (SOAP 1.1 clients send
// the WSDL's operation name).
func (s *Server) soap(w http.ResponseWriter, r *http.Request) {
	s.resetMu.RLock()
	defer s.resetMu.RUnlock()
	if r.Method != http.MethodPost {
		writeFault(w, clientFault("SOAP web services answer POST only, not %s", r.Method))
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxSOAPBody))
	if err != nil {
		writeFault(w, clientFault("the request body could not be read: %v", err))
		return
	}
	req, op, fault := parseSOAPRequest(data)
	if fault != nil {
		writeFault(w, fault)
		return
	}
	if action := strings.Trim(r.Header.Get("SOAPAction"), `" `); action != "" && action != op.XMLName.Local {
		writeFault(w, clientFault("the SOAPAction header %q does not name the operation in the body, %s", action, op.XMLName.Local))
		return
	}
	handler, ok := map[string]func(context.Context, *soapRequest, *operationXML, *auth.Principal) (bodyXML, error){
		"getServerTime":    s.soapServerTime,
		"search":           s.soapSearch,
		"searchMoreWithId": s.soapSearchMore,
	}[op.XMLName.Local]
	if !ok {
		writeFault(w, clientFault("the emulator does not serve the operation %s; it serves getServerTime, search and searchMoreWithId", op.XMLName.Local))
		return
	}
	if req.Header.Passport != nil && r.Header.Get("Authorization") != "" {
		writeFault(w, ambiguousAuthFault())
		return
	}
	p, err := s.auth.AuthenticatePassport(r, req.Header.Passport.passport())
	if err != nil {
		// Every refusal reaches the client as the same fault; the reason is
		// in the login audit trail.
		writeFault(w, invalidLoginFault())
		return
	}
	body, err := handler(r.Context(), req, op, p)
	if err != nil {
		if !errors.As(err, new(*soapFault)) {
			s.log.Error("emulator: SOAP "+op.XMLName.Local, "err", err)
		}
		writeFault(w, err)
		return
	}
	writeSOAP(w, http.StatusOK, newSOAPResponse(s.nsID(), body))
}

// parseSOAPRequest reads an envelope: a SOAP 1.1 Envelope whose Body holds
// one operation in the 2025_2 messages namespace.
func parseSOAPRequest(data []byte) (*soapRequest, *operationXML, *soapFault) {
	var req soapRequest
	if err := xml.Unmarshal(data, &req); err != nil {
		return nil, nil, clientFault("the request is not a SOAP 1.1 envelope (%s Envelope with a Body): %v", nsEnvelope, err)
	}
	if len(req.Body.Ops) != 1 {
		return nil, nil, clientFault("the SOAP Body holds %d elements; it must hold exactly one operation", len(req.Body.Ops))
	}
	op := &req.Body.Ops[0]
	if op.XMLName.Space != nsMessages {
		return nil, nil, clientFault("the operation %s is in the namespace %q; this endpoint (NetSuitePort_%s) needs %q", op.XMLName.Local, op.XMLName.Space, soapEndpointVersion, nsMessages)
	}
	return &req, op, nil
}

// nsID returns a documentInfo nsId such as
// WEBSERVICES_1234567_SB1_120320261422095731234567890_a1b2c3d4e5f6: the
// form of Oracle's sample (section_N3523074). Assumption: the parts after
// the account are the date and random digits; NetSuite does not document
// them.
func (s *Server) nsID() string {
	return fmt.Sprintf("WEBSERVICES_%s_%s%016d_%012x", s.accountID.Realm(), s.clock.Now().Format("01022006"), rand.Int64N(1e16), rand.Int64N(1<<48))
}

// soapServerTime answers getServerTime with the emulator's clock in GMT,
// xsd:dateTime with milliseconds; any user may call it (Oracle,
// section_N3508018).
func (s *Server) soapServerTime(_ context.Context, _ *soapRequest, _ *operationXML, _ *auth.Principal) (bodyXML, error) {
	var st serverTimeXML
	st.XMLName = xml.Name{Space: nsMessages, Local: "getServerTimeResponse"}
	st.Result.Core = nsCore
	st.Result.Status.IsSuccess = true
	st.Result.ServerTime = s.clock.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	return bodyXML{ServerTime: &st}, nil
}
