package netsuite

import (
	"strings"
	"testing"
)

// sampleSearchAnswer is a searchResponse as Oracle's samples shape it
// (section_N3523074), with a record and a search row.
const sampleSearchAnswer = `<?xml version="1.0" encoding="utf-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<soapenv:Body><searchResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com">
<platformCore:searchResult xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com">
<platformCore:status isSuccess="true"/><platformCore:totalRecords>231</platformCore:totalRecords>
<platformCore:pageSize>100</platformCore:pageSize><platformCore:totalPages>3</platformCore:totalPages>
<platformCore:pageIndex>1</platformCore:pageIndex><platformCore:searchId>WEBSERVICES_528736_07012008543995006307049233_d53ef4d2273b15</platformCore:searchId>
<platformCore:recordList><platformCore:record internalId="4" externalId="entity-4" xsi:type="listRel:Contact" xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com">
<listRel:entityId>john</listRel:entityId><listRel:company internalId="9"><platformCore:name>Acme</platformCore:name></listRel:company>
</platformCore:record></platformCore:recordList>
</platformCore:searchResult></searchResponse></soapenv:Body></soapenv:Envelope>`

func TestParseSOAPAnswer(t *testing.T) {
	a, err := parseSOAPAnswer([]byte(sampleSearchAnswer))
	if err != nil {
		t.Fatal(err)
	}
	r := a.Body.Search
	if r == nil || r.Status.IsSuccess != "true" || r.TotalRecords != 231 || r.TotalPages != 3 || r.PageIndex != 1 || len(r.Records) != 1 {
		t.Fatalf("%+v", r)
	}
	row := r.Records[0].row(r.Records[0].Type)
	if row.InternalID != "4" || row.ExternalID != "entity-4" || row.Type != "Contact" || len(row.Columns) != 2 ||
		row.Columns[0] != (SearchColumn{Name: "entityId", Value: "john"}) || row.Columns[1] != (SearchColumn{Name: "company", InternalID: "9", RefName: "Acme"}) {
		t.Errorf("%+v", row)
	}
	if _, err := parseSOAPAnswer([]byte(strings.ReplaceAll(sampleSearchAnswer, "http://schemas.xmlsoap.org/soap/envelope/", "urn:other"))); err == nil {
		t.Error("an envelope of another namespace was read")
	}
}

// FuzzParseSOAPAnswer: any answer is read or refused without a panic, and
// its records and rows convert.
func FuzzParseSOAPAnswer(f *testing.F) {
	f.Add([]byte(sampleSearchAnswer))
	f.Add([]byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>Invalid login attempt.</faultstring><detail><f:invalidCredentialsFault xmlns:f="urn:faults_2025_2.platform.webservices.netsuite.com"><f:code>INVALID_LOGIN_ATTEMPT</f:code><f:message>Invalid login attempt.</f:message></f:invalidCredentialsFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`))
	f.Add([]byte(`<e/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := parseSOAPAnswer(data)
		if err != nil {
			return
		}
		for _, r := range []*soapResultXML{a.Body.Search, a.Body.More} {
			if r == nil {
				continue
			}
			for i := range r.Records {
				r.Records[i].row(r.Records[i].Type)
			}
			for i := range r.Rows {
				r.Rows[i].Basic.row(r.Rows[i].Type)
			}
		}
	})
}
