package netsuite

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The XML of SOAP web services, endpoint 2025.2, written and read by hand for
// the few messages the client sends: getServerTime, search and
// searchMoreWithId. Requests use the namespaces and prefixes of Oracle's
// samples; answers are read by local name, whatever their prefixes.
//
// Namespaces: urn:<schema>_2025_2.<sub>.webservices.netsuite.com (Oracle,
// "SOAP Web Services Version 2025.2 WSDL",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3413913.html).
const (
	// SOAPVersion is the SOAP endpoint the client talks to: 2025.2, the
	// last one NetSuite plans (Oracle, "Support for SOAP Web Services
	// Endpoints", https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3418621.html).
	SOAPVersion = "2025_2"
	// SOAPPath is the endpoint's path under the base URL.
	SOAPPath = "/services/NetSuitePort_" + SOAPVersion

	soapEnvelopeNS = "http://schemas.xmlsoap.org/soap/envelope/"
	soapMessagesNS = "urn:messages_" + SOAPVersion + ".platform.webservices.netsuite.com"
	soapCoreNS     = "urn:core_" + SOAPVersion + ".platform.webservices.netsuite.com"
	soapCommonNS   = "urn:common_" + SOAPVersion + ".platform.webservices.netsuite.com"
)

// soapRecordNS is the namespace and prefix of each searchable record type's
// <Record>Search: lists.relationships for customers, contacts and vendors,
// lists.employees, lists.accounting for items, transactions.sales for
// transactions (section_N3413913).
var soapRecordNS = map[string]struct{ search, ns, prefix string }{
	"customer":    {"Customer", "urn:relationships_" + SOAPVersion + ".lists.webservices.netsuite.com", "listRel"},
	"contact":     {"Contact", "urn:relationships_" + SOAPVersion + ".lists.webservices.netsuite.com", "listRel"},
	"vendor":      {"Vendor", "urn:relationships_" + SOAPVersion + ".lists.webservices.netsuite.com", "listRel"},
	"employee":    {"Employee", "urn:employees_" + SOAPVersion + ".lists.webservices.netsuite.com", "listEmp"},
	"item":        {"Item", "urn:accounting_" + SOAPVersion + ".lists.webservices.netsuite.com", "listAcct"},
	"transaction": {"Transaction", "urn:sales_" + SOAPVersion + ".transactions.webservices.netsuite.com", "tranSales"},
}

// SearchRecordTypes returns the record types Search accepts.
func SearchRecordTypes() []string {
	return []string{"customer", "contact", "vendor", "employee", "item", "transaction"}
}

// writeEnvelope writes a request envelope: the tokenPassport and, when set,
// searchPreferences in the header, then body (the operation's XML).
func writeEnvelope(p tba.Passport, prefs *SearchOptions, extraNS string, body string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<soapenv:Envelope xmlns:soapenv="` + soapEnvelopeNS + `"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"` +
		` xmlns:platformMsgs="` + soapMessagesNS + `" xmlns:platformCore="` + soapCoreNS + `"` +
		` xmlns:platformCommon="` + soapCommonNS + `"` + extraNS + `>`)
	b.WriteString(`<soapenv:Header><platformMsgs:tokenPassport>`)
	for _, f := range [][2]string{
		{"account", p.Account}, {"consumerKey", p.ConsumerKey}, {"token", p.Token},
		{"nonce", p.Nonce}, {"timestamp", strconv.FormatInt(p.Timestamp, 10)},
	} {
		b.WriteString(`<platformCore:` + f[0] + `>`)
		xml.EscapeText(&b, []byte(f[1]))
		b.WriteString(`</platformCore:` + f[0] + `>`)
	}
	b.WriteString(`<platformCore:signature algorithm="` + p.Algorithm + `">`)
	xml.EscapeText(&b, []byte(p.Signature))
	b.WriteString(`</platformCore:signature></platformMsgs:tokenPassport>`)
	if prefs != nil && (prefs.BodyFieldsOnly != nil || prefs.ReturnSearchColumns != nil || prefs.PageSize != 0) {
		// The XSD's order: bodyFieldsOnly, returnSearchColumns, pageSize
		// (Oracle, "Setting Search Preferences",
		// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4170181850.html).
		b.WriteString(`<platformMsgs:searchPreferences>`)
		if prefs.BodyFieldsOnly != nil {
			b.WriteString(`<platformMsgs:bodyFieldsOnly>` + strconv.FormatBool(*prefs.BodyFieldsOnly) + `</platformMsgs:bodyFieldsOnly>`)
		}
		if prefs.ReturnSearchColumns != nil {
			b.WriteString(`<platformMsgs:returnSearchColumns>` + strconv.FormatBool(*prefs.ReturnSearchColumns) + `</platformMsgs:returnSearchColumns>`)
		}
		if prefs.PageSize != 0 {
			b.WriteString(`<platformMsgs:pageSize>` + strconv.Itoa(prefs.PageSize) + `</platformMsgs:pageSize>`)
		}
		b.WriteString(`</platformMsgs:searchPreferences>`)
	}
	b.WriteString(`</soapenv:Header><soapenv:Body>` + body + `</soapenv:Body></soapenv:Envelope>`)
	return b.Bytes()
}

// escape returns s escaped for XML text and attributes.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// The operators of a basic search, by the field type they belong to (the
// Search*FieldOperator enums of the 2025.2 platform core types; Oracle,
// "Search Operators" for each field type, and the examples of
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3519853.html).
var (
	stringOperators = []string{"is", "isNot", "contains", "doesNotContain", "startsWith", "doesNotStartWith", "hasKeywords", "empty", "notEmpty"}
	dateOperators   = []string{"on", "notOn", "before", "notBefore", "after", "notAfter", "onOrBefore", "notOnOrBefore", "onOrAfter", "notOnOrAfter", "within", "notWithin"}
	numberOperators = []string{"equalTo", "notEqualTo", "greaterThan", "notGreaterThan", "greaterThanOrEqualTo", "notGreaterThanOrEqualTo", "lessThan", "notLessThan", "lessThanOrEqualTo", "notLessThanOrEqualTo", "between", "notBetween"}
	selectOperators = []string{"anyOf", "noneOf"}
)

// SearchOperators returns every operator a SearchCondition may use, as SOAP
// names them.
func SearchOperators() []string {
	var out []string
	for _, ops := range [][]string{stringOperators, dateOperators, numberOperators, selectOperators} {
		out = append(out, ops...)
	}
	return out
}

// writeCondition writes one condition of a basic search as a search field
// element with the operator and values the operator implies:
//
//   - is, contains, startsWith, ...: one value; is with true or false
//     tests a checkbox (a SearchBooleanField, which has no operator);
//   - on, before, after, within, ...: values xsd:dateTime (a date
//     YYYY-MM-DD is midnight in loc);
//   - equalTo, greaterThan, between, ...: numbers;
//   - anyOf, noneOf: RecordRefs by internal ID (by external ID for the
//     field externalId); for the field type, values such as _salesOrder.
//
// The element carries no xsi:type. Each field of a <Record>SearchBasic is
// declared in the XSD with a concrete type (email a SearchStringField,
// amount a SearchDoubleField, isInactive a SearchBooleanField), which
// applies when xsi:type is absent; a type guessed from the value would
// contradict it (amount greaterThan 100 is no SearchLongField) and the
// SOAP server, which reads an element by its xsi:type, would refuse it.
// Only the field knows its type, and the client does not keep the XSD.
func writeCondition(b *strings.Builder, c SearchCondition, loc *time.Location) error {
	name := c.Field
	if !isSOAPFieldName(name) {
		return fmt.Errorf("netsuite: search condition field %q: use a SOAP field name such as email or lastModifiedDate (a letter or _, then letters, digits and _)", c.Field)
	}
	open := func(op string) {
		b.WriteString(`<platformCommon:` + name)
		if op != "" {
			b.WriteString(` operator="` + op + `"`)
		}
		b.WriteString(`>`)
	}
	value := func(elem, v string) {
		b.WriteString(`<platformCore:` + elem + `>` + escape(v) + `</platformCore:` + elem + `>`)
	}
	want := func(n int, what string) error {
		if len(c.Values) != n {
			return fmt.Errorf("netsuite: search condition %s %s: takes %s, not %d values", c.Field, c.Operator, what, len(c.Values))
		}
		return nil
	}
	switch op := c.Operator; {
	case op == "is" && len(c.Values) == 1 && (c.Values[0] == "true" || c.Values[0] == "false"):
		open("")
		value("searchValue", c.Values[0])
	case op == "empty" || op == "notEmpty":
		if err := want(0, "no value"); err != nil {
			return err
		}
		open(op)
	case slices.Contains(stringOperators, op):
		if err := want(1, "one value"); err != nil {
			return err
		}
		open(op)
		value("searchValue", c.Values[0])
	case slices.Contains(dateOperators, op):
		n := 1
		if op == "within" || op == "notWithin" {
			n = 2
		}
		if err := want(n, strconv.Itoa(n)+" dates"); err != nil {
			return err
		}
		open(op)
		for i, v := range c.Values {
			t, err := soapDateTime(v, loc)
			if err != nil {
				return fmt.Errorf("netsuite: search condition %s %s: %w", c.Field, op, err)
			}
			value([]string{"searchValue", "searchValue2"}[i], t)
		}
	case slices.Contains(numberOperators, op):
		n := 1
		if op == "between" || op == "notBetween" {
			n = 2
		}
		if err := want(n, strconv.Itoa(n)+" numbers"); err != nil {
			return err
		}
		for _, v := range c.Values {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return fmt.Errorf("netsuite: search condition %s %s: %q is not a number", c.Field, op, v)
			}
		}
		open(op)
		for i, v := range c.Values {
			value([]string{"searchValue", "searchValue2"}[i], v)
		}
	case slices.Contains(selectOperators, op):
		if len(c.Values) == 0 {
			return fmt.Errorf("netsuite: search condition %s %s: takes one or more internal IDs", c.Field, op)
		}
		if name == "type" {
			// TransactionSearchBasic's and ItemSearchBasic's type is a
			// SearchEnumMultiSelectField of values such as _salesOrder.
			open(op)
			for _, v := range c.Values {
				value("searchValue", v)
			}
			break
		}
		open(op)
		attr := "internalId"
		if name == "externalId" {
			attr = "externalId"
		}
		for _, v := range c.Values {
			b.WriteString(`<platformCore:searchValue ` + attr + `="` + escape(v) + `"/>`)
		}
	default:
		return fmt.Errorf("netsuite: search condition %s: unknown operator %q; use one of %s", c.Field, op, strings.Join(SearchOperators(), ", "))
	}
	b.WriteString(`</platformCommon:` + name + `>`)
	return nil
}

// isSOAPFieldName reports whether name is a field name as the XSD spells
// them (email, lastModifiedDate, custentity_region): a letter or _, then
// letters, digits and _. It becomes an element's name, so nothing else may
// pass.
func isSOAPFieldName(name string) bool {
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		return false
	}
	for _, c := range []byte(name) {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// soapDateTime returns v as an xsd:dateTime: an RFC 3339 time as it is, a
// date YYYY-MM-DD as its midnight in loc.
func soapDateTime(v string, loc *time.Location) (string, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.Format(time.RFC3339Nano), nil
	}
	if d, err := time.ParseInLocation(time.DateOnly, v, loc); err == nil {
		return d.Format(time.RFC3339), nil
	}
	return "", fmt.Errorf("%q is not a date (2026-01-31) or an RFC 3339 time (2026-01-31T09:00:00Z)", v)
}

// searchXML returns the search operation of srch.
func searchXML(srch Search, loc *time.Location) (body, extraNS string, err error) {
	rt, ok := soapRecordNS[srch.RecordType]
	if !ok {
		return "", "", fmt.Errorf("netsuite: search record type %q: SOAP search covers %s", srch.RecordType, strings.Join(SearchRecordTypes(), ", "))
	}
	extraNS = ` xmlns:` + rt.prefix + `="` + rt.ns + `"`
	var b strings.Builder
	b.WriteString(`<platformMsgs:search>`)
	if srch.SavedSearchID != "" || srch.SavedSearchScriptID != "" {
		if len(srch.Conditions) > 0 {
			return "", "", fmt.Errorf("netsuite: search: a saved search (%s%s) takes no conditions", srch.SavedSearchID, srch.SavedSearchScriptID)
		}
		// <Record>SearchAdvanced with savedSearchId or savedSearchScriptId
		// (Oracle, "Advanced Searches in SOAP Web Services",
		// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3516862.html).
		b.WriteString(`<platformMsgs:searchRecord xsi:type="` + rt.prefix + `:` + rt.search + `SearchAdvanced"`)
		if srch.SavedSearchID != "" {
			b.WriteString(` savedSearchId="` + escape(srch.SavedSearchID) + `"`)
		}
		if srch.SavedSearchScriptID != "" {
			b.WriteString(` savedSearchScriptId="` + escape(srch.SavedSearchScriptID) + `"`)
		}
		b.WriteString(`/></platformMsgs:search>`)
		return b.String(), extraNS, nil
	}
	b.WriteString(`<platformMsgs:searchRecord xsi:type="` + rt.prefix + `:` + rt.search + `Search">`)
	b.WriteString(`<` + rt.prefix + `:basic xsi:type="platformCommon:` + rt.search + `SearchBasic">`)
	for _, c := range srch.Conditions {
		if err := writeCondition(&b, c, loc); err != nil {
			return "", "", err
		}
	}
	b.WriteString(`</` + rt.prefix + `:basic></platformMsgs:searchRecord></platformMsgs:search>`)
	return b.String(), extraNS, nil
}

// The answers, read by local name.

// soapAnswer is an answer envelope.
type soapAnswer struct {
	response *http.Response // the answer, its body readable again

	XMLName xml.Name `xml:"Envelope"`
	Body    struct {
		Fault      *soapFaultXML  `xml:"Fault"`
		ServerTime *soapResultXML `xml:"getServerTimeResponse>getServerTimeResult"`
		Search     *soapResultXML `xml:"searchResponse>searchResult"`
		More       *soapResultXML `xml:"searchMoreWithIdResponse>searchResult"`
	} `xml:"Body"`
}

type soapFaultXML struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
	Detail struct {
		Faults []struct {
			XMLName xml.Name
			Code    string `xml:"code"`
			Message string `xml:"message"`
		} `xml:",any"`
	} `xml:"detail"`
}

type soapResultXML struct {
	Status struct {
		IsSuccess string `xml:"isSuccess,attr"`
		Details   []struct {
			Type    string `xml:"type,attr"`
			Code    string `xml:"code"`
			Message string `xml:"message"`
		} `xml:"statusDetail"`
	} `xml:"status"`
	ServerTime   string          `xml:"serverTime"`
	TotalRecords int             `xml:"totalRecords"`
	PageSize     int             `xml:"pageSize"`
	TotalPages   int             `xml:"totalPages"`
	PageIndex    int             `xml:"pageIndex"`
	SearchID     string          `xml:"searchId"`
	Records      []soapRecordXML `xml:"recordList>record"`
	Rows         []soapRowXML    `xml:"searchRowList>searchRow"`
}

// soapRowXML is a saved search's row: its basic columns, then the columns of
// each join (<listRel:salesRepJoin>, an EmployeeSearchRowBasic).
type soapRowXML struct {
	Type  string          `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
	Basic soapRecordXML   `xml:"basic"`
	Joins []soapRecordXML `xml:",any"`
}

// soapRecordXML is a record, a row's basic or one of its joins: fields by
// local name.
type soapRecordXML struct {
	XMLName    xml.Name
	InternalID string         `xml:"internalId,attr"`
	ExternalID string         `xml:"externalId,attr"`
	Type       string         `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
	Fields     []soapFieldXML `xml:",any"`
}

// soapFieldXML is a field or column: text (<listRel:entityId>john<), a
// RecordRef (internalId and name), a search column's searchValues, or a
// customFieldList of customFields, each named by its scriptId with its
// value (a record's, as <platformCore:value>) or searchValue (a row's).
type soapFieldXML struct {
	XMLName      xml.Name
	InternalID   string         `xml:"internalId,attr"`
	ExternalID   string         `xml:"externalId,attr"`
	ScriptID     string         `xml:"scriptId,attr"`
	Name         string         `xml:"name"`
	SearchValues []soapValueXML `xml:"searchValue"`
	Values       []soapValueXML `xml:"value"`
	CustomFields []soapFieldXML `xml:"customField"`
	Text         string         `xml:",chardata"`
}

// soapValueXML is a value or searchValue: text, or a ListOrRecordRef.
type soapValueXML struct {
	InternalID string `xml:"internalId,attr"`
	Name       string `xml:"name"`
	Text       string `xml:",chardata"`
}

// row returns the record or search row as a SearchRow: its fields, the
// custom fields of its customFieldList by script ID (custentity_region),
// then each join's columns after the join's name (salesRepJoin.email).
func (r *soapRecordXML) row(xsiType string, joins []soapRecordXML) SearchRow {
	row := SearchRow{InternalID: r.InternalID, ExternalID: r.ExternalID, Type: localName(xsiType)}
	r.columns(&row, "")
	for i := range joins {
		joins[i].columns(&row, joins[i].XMLName.Local+".")
	}
	return row
}

// columns adds r's fields to row, their names after prefix.
func (r *soapRecordXML) columns(row *SearchRow, prefix string) {
	for _, f := range r.Fields {
		if f.XMLName.Local == "customFieldList" {
			for _, cf := range f.CustomFields {
				row.Columns = append(row.Columns, cf.column(prefix+cmp.Or(cf.ScriptID, cf.InternalID)))
			}
			continue
		}
		col := f.column(prefix + f.XMLName.Local)
		if prefix == "" && col.Name == "internalId" && row.InternalID == "" {
			row.InternalID = col.InternalID
		}
		if prefix == "" && col.Name == "externalId" && row.ExternalID == "" {
			row.ExternalID = cmp.Or(col.Value, col.InternalID)
		}
		row.Columns = append(row.Columns, col)
	}
}

// column returns f as the column name. A column of several values (a
// multi-select) has them joined by commas: internal IDs, names, texts.
func (f *soapFieldXML) column(name string) SearchColumn {
	col := SearchColumn{Name: name, Value: strings.TrimSpace(f.Text), InternalID: f.InternalID, RefName: f.Name}
	if f.CustomFields != nil || f.SearchValues == nil && f.Values == nil {
		return col
	}
	// A search column (<platformCommon:email><platformCore:searchValue>...)
	// or a custom field's value.
	var texts, ids, names []string
	for _, v := range append(f.SearchValues, f.Values...) {
		if t := strings.TrimSpace(v.Text); t != "" {
			texts = append(texts, t)
		}
		if v.InternalID != "" {
			ids = append(ids, v.InternalID)
		}
		if v.Name != "" {
			names = append(names, v.Name)
		}
	}
	col.Value, col.InternalID, col.RefName = strings.Join(texts, ","), strings.Join(ids, ","), cmp.Or(strings.Join(names, ","), col.RefName)
	return col
}

// localName returns the local part of a QName such as listRel:Customer.
func localName(qname string) string {
	if i := strings.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

// parseSOAPAnswer reads an answer envelope.
func parseSOAPAnswer(data []byte) (*soapAnswer, error) {
	var a soapAnswer
	if err := xml.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("the answer is not a SOAP envelope: %w", err)
	}
	if a.XMLName.Space != soapEnvelopeNS {
		return nil, fmt.Errorf("the answer is not a SOAP 1.1 envelope (namespace %q)", a.XMLName.Space)
	}
	return &a, nil
}
