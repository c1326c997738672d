package emulator

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The wire types of SOAP web services (SuiteTalk), endpoint 2025.2: the few
// messages the emulator serves, written by hand (no WSDL is needed). The
// emulator keeps them apart from the client library's, so that one XML bug
// cannot hide on both sides.
//
// Namespaces are urn:<schema>_2025_2.<sub>.webservices.netsuite.com (Oracle,
// "SOAP Web Services Version 2025.2 WSDL",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3413913.html).
// The operation and the tokenPassport and searchPreferences headers must be
// in the messages namespace of 2025_2; what is inside them is read by local
// name in any namespace (Oracle's own searchMoreWithId sample sends
// searchId and pageIndex unqualified,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3523074.html).
const (
	soapEndpointVersion = "2025_2"
	soapPath            = "/services/NetSuitePort_" + soapEndpointVersion

	nsEnvelope      = "http://schemas.xmlsoap.org/soap/envelope/"
	nsXSI           = "http://www.w3.org/2001/XMLSchema-instance"
	nsXSD           = "http://www.w3.org/2001/XMLSchema"
	nsMessages      = "urn:messages_" + soapEndpointVersion + ".platform.webservices.netsuite.com"
	nsCore          = "urn:core_" + soapEndpointVersion + ".platform.webservices.netsuite.com"
	nsCommon        = "urn:common_" + soapEndpointVersion + ".platform.webservices.netsuite.com"
	nsFaults        = "urn:faults_" + soapEndpointVersion + ".platform.webservices.netsuite.com"
	nsRelationships = "urn:relationships_" + soapEndpointVersion + ".lists.webservices.netsuite.com"
	nsEmployees     = "urn:employees_" + soapEndpointVersion + ".lists.webservices.netsuite.com"
	nsAccounting    = "urn:accounting_" + soapEndpointVersion + ".lists.webservices.netsuite.com"
	nsSales         = "urn:sales_" + soapEndpointVersion + ".transactions.webservices.netsuite.com"
	nsPurchases     = "urn:purchases_" + soapEndpointVersion + ".transactions.webservices.netsuite.com"
	nsCustomers     = "urn:customers_" + soapEndpointVersion + ".transactions.webservices.netsuite.com"
)

// soapRequest is a request envelope.
type soapRequest struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
	Header  struct {
		Passport *passportXML    `xml:"urn:messages_2025_2.platform.webservices.netsuite.com tokenPassport"`
		Prefs    *searchPrefsXML `xml:"urn:messages_2025_2.platform.webservices.netsuite.com searchPreferences"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Header"`
	Body struct {
		Ops []operationXML `xml:",any"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

// passportXML is the tokenPassport header (Oracle, "The tokenPassport
// Complex Type",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395630653.html).
type passportXML struct {
	Account     string `xml:"account"`
	ConsumerKey string `xml:"consumerKey"`
	Token       string `xml:"token"`
	Nonce       string `xml:"nonce"`
	Timestamp   string `xml:"timestamp"`
	Signature   struct {
		Algorithm string `xml:"algorithm,attr"`
		Value     string `xml:",chardata"`
	} `xml:"signature"`
}

// passport returns the passport as tba reads it; a timestamp that is not a
// number of seconds reads as 0, a missing field.
func (p *passportXML) passport() *tba.Passport {
	if p == nil {
		return nil
	}
	ts, err := strconv.ParseInt(strings.TrimSpace(p.Timestamp), 10, 64)
	if err != nil || ts < 0 {
		ts = 0
	}
	return &tba.Passport{
		Account:     strings.TrimSpace(p.Account),
		ConsumerKey: strings.TrimSpace(p.ConsumerKey),
		Token:       strings.TrimSpace(p.Token),
		Nonce:       strings.TrimSpace(p.Nonce),
		Timestamp:   ts,
		Signature:   strings.TrimSpace(p.Signature.Value),
		Algorithm:   strings.TrimSpace(p.Signature.Algorithm),
	}
}

// searchPrefsXML is the searchPreferences header (Oracle, "Setting Search
// Preferences",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4170181850.html).
type searchPrefsXML struct {
	BodyFieldsOnly      *bool `xml:"bodyFieldsOnly"`
	ReturnSearchColumns *bool `xml:"returnSearchColumns"`
	PageSize            *int  `xml:"pageSize"`
}

// operationXML is the one element of the body: the operation.
type operationXML struct {
	XMLName      xml.Name
	SearchRecord *searchRecordXML `xml:"searchRecord"`
	SearchID     string           `xml:"searchId"`
	PageIndex    string           `xml:"pageIndex"`
}

// searchRecordXML is the searchRecord of search: a <Record>Search with a
// basic part, a <Record>SearchBasic, or a <Record>SearchAdvanced naming a
// saved search, told apart by xsi:type.
type searchRecordXML struct {
	Type                string           `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
	SavedSearchID       string           `xml:"savedSearchId,attr"`
	SavedSearchScriptID string           `xml:"savedSearchScriptId,attr"`
	Basic               *basicXML        `xml:"basic"`
	Criteria            *xml.Name        `xml:"criteria"`
	Columns             *xml.Name        `xml:"columns"`
	Fields              []searchFieldXML `xml:",any"`
}

// basicXML is a <Record>SearchBasic: one element per search field.
type basicXML struct {
	Fields []searchFieldXML `xml:",any"`
}

// searchFieldXML is one search field, such as
// <platformCommon:email operator="startsWith"><platformCore:searchValue>a</platformCore:searchValue></platformCommon:email>,
// or a customFieldList whose customField elements are search fields named
// by their scriptId (Oracle's sample, section_N3522048).
type searchFieldXML struct {
	XMLName    xml.Name
	Type       string           `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
	ScriptID   string           `xml:"scriptId,attr"`
	Custom     []searchFieldXML `xml:"customField"`
	Operator   string           `xml:"operator,attr"`
	Values     []searchValueXML `xml:"searchValue"`
	Value2     *string          `xml:"searchValue2"`
	Predefined *string          `xml:"predefinedSearchValue"`
}

// searchValueXML is a searchValue: text, or a RecordRef's attributes.
type searchValueXML struct {
	InternalID string `xml:"internalId,attr"`
	ExternalID string `xml:"externalId,attr"`
	Text       string `xml:",chardata"`
}

// localType returns the local part of an xsi:type QName such as
// listRel:CustomerSearchAdvanced.
//
// Assumption: the prefix of xsi:type is not resolved; any prefix is taken.
func localType(qname string) string {
	if i := strings.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

// The answers. encoding/xml writes the names as given, prefixes included,
// and declares each namespace where NetSuite's samples declare it (Oracle,
// section_N3523074; "searchResponse" in the messages namespace as default,
// "searchResult" in the core namespace,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0728114850.html).

// soapResponse is a response envelope.
type soapResponse struct {
	XMLName xml.Name    `xml:"soapenv:Envelope"`
	SoapEnv string      `xml:"xmlns:soapenv,attr"`
	XSD     string      `xml:"xmlns:xsd,attr"`
	XSI     string      `xml:"xmlns:xsi,attr"`
	DocInfo *docInfoXML `xml:"soapenv:Header>platformMsgs:documentInfo"`
	Body    bodyXML     `xml:"soapenv:Body"`
}

func newSOAPResponse(docID string, body bodyXML) *soapResponse {
	r := &soapResponse{SoapEnv: nsEnvelope, XSD: nsXSD, XSI: nsXSI, Body: body}
	if docID != "" {
		r.DocInfo = &docInfoXML{Msgs: nsMessages, NsID: docID}
	}
	return r
}

// docInfoXML is the response header's documentInfo, whose nsId names the
// request (Oracle's searchMoreWithId sample, section_N3523074).
type docInfoXML struct {
	Msgs string `xml:"xmlns:platformMsgs,attr"`
	NsID string `xml:"platformMsgs:nsId"`
}

// bodyXML holds one of the answers.
type bodyXML struct {
	Fault      *faultXML `xml:"soapenv:Fault"`
	ServerTime *serverTimeXML
	Search     *searchAnswer
}

// faultXML is a SOAP 1.1 fault with NetSuite's detail.
type faultXML struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
	Detail struct {
		Fault struct {
			XMLName xml.Name
			Faults  string `xml:"xmlns:platformFaults,attr"`
			Code    string `xml:"platformFaults:code"`
			Message string `xml:"platformFaults:message"`
		}
		Hostname struct {
			Axis string `xml:"xmlns:ns1,attr"`
			Name string `xml:",chardata"`
		} `xml:"ns1:hostname"`
	} `xml:"detail"`
}

// serverTimeXML is getServerTime's answer (Oracle, "getServerTime",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3508018.html).
type serverTimeXML struct {
	XMLName xml.Name // getServerTimeResponse in the messages namespace
	Result  struct {
		Core       string    `xml:"xmlns:platformCore,attr"`
		Status     statusXML `xml:"platformCore:status"`
		ServerTime string    `xml:"platformCore:serverTime"`
	} `xml:"platformCore:getServerTimeResult"`
}

// statusXML is a status: isSuccess, and the details of a failure.
type statusXML struct {
	IsSuccess bool              `xml:"isSuccess,attr"`
	Details   []statusDetailXML `xml:"platformCore:statusDetail"`
}

type statusDetailXML struct {
	Type    string `xml:"type,attr"`
	Code    string `xml:"platformCore:code"`
	Message string `xml:"platformCore:message"`
}

// searchAnswer is search's or searchMoreWithId's answer; XMLName is
// searchResponse or searchMoreWithIdResponse in the messages namespace.
type searchAnswer struct {
	XMLName xml.Name
	Result  searchResultXML `xml:"platformCore:searchResult"`
}

// searchResultXML is a SearchResult (Oracle, section_N3523074): the status,
// the counts, the 1-based page index, the search ID, and either records or
// rows.
type searchResultXML struct {
	Core         string          `xml:"xmlns:platformCore,attr"`
	Status       statusXML       `xml:"platformCore:status"`
	TotalRecords *int            `xml:"platformCore:totalRecords"`
	PageSize     *int            `xml:"platformCore:pageSize"`
	TotalPages   *int            `xml:"platformCore:totalPages"`
	PageIndex    *int            `xml:"platformCore:pageIndex"`
	SearchID     string          `xml:"platformCore:searchId,omitempty"`
	Records      *[]recordXML    `xml:"platformCore:recordList>platformCore:record"`
	Rows         *[]searchRowXML `xml:"platformCore:searchRowList>platformCore:searchRow"`
}

// recordXML is one record of a recordList, such as
// <platformCore:record internalId="4" xsi:type="listRel:Customer">: its
// body fields, then its custom fields.
type recordXML struct {
	Xmlns        xml.Attr            `xml:",attr"`
	InternalID   string              `xml:"internalId,attr"`
	ExternalID   string              `xml:"externalId,attr,omitempty"`
	Type         string              `xml:"xsi:type,attr"`
	Fields       []fieldXML          `xml:",any"`
	CustomFields *customFieldListXML // <listRel:customFieldList>
}

// customFieldListXML is a customFieldList: a record's, in the record's
// namespace (the type platformCore:CustomFieldList), or a search row's, in
// the common namespace (platformCore:SearchColumnCustomFieldList), such as
// <platformCommon:customFieldList><platformCore:customField
// xsi:type="platformCore:SearchColumnStringCustomField"
// scriptId="custentity_region"><platformCore:searchValue>EMEA</platformCore:searchValue></platformCore:customField></platformCommon:customFieldList>.
type customFieldListXML struct {
	XMLName xml.Name
	Fields  []customFieldXML `xml:"platformCore:customField"`
}

// customFieldXML is one custom field: a record's with its value (a
// StringCustomFieldRef and the like), or a search row's with its searchValue
// (a SearchColumnStringCustomField and the like).
type customFieldXML struct {
	Type        string    `xml:"xsi:type,attr"`
	ScriptID    string    `xml:"scriptId,attr"`
	Value       *fieldXML `xml:"platformCore:value"`
	SearchValue *fieldXML `xml:"platformCore:searchValue"`
}

// fieldXML is one field of a record: text, or a RecordRef with its name.
// Without an XMLName it is a custom field's value or searchValue.
type fieldXML struct {
	XMLName    xml.Name
	InternalID string `xml:"internalId,attr,omitempty"`
	Name       string `xml:"platformCore:name,omitempty"`
	Text       string `xml:",chardata"`
}

// searchRowXML is one row of a searchRowList, such as
// <platformCore:searchRow xsi:type="listRel:CustomerSearchRow">, whose
// basic part has one element per column, each with a searchValue.
type searchRowXML struct {
	Xmlns xml.Attr `xml:",attr"`
	Type  string   `xml:"xsi:type,attr"`
	Basic struct {
		XMLName      xml.Name
		Common       string              `xml:"xmlns:platformCommon,attr"`
		Columns      []columnXML         `xml:",any"`
		CustomFields *customFieldListXML // <platformCommon:customFieldList>
	}
}

// columnXML is one column of a row: <platformCommon:email><platformCore:searchValue>...</platformCore:searchValue></platformCommon:email>.
type columnXML struct {
	XMLName xml.Name
	Value   struct {
		InternalID string `xml:"internalId,attr,omitempty"`
		Text       string `xml:",chardata"`
	} `xml:"platformCore:searchValue"`
}
