package netsuite

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
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
	row := r.Records[0].row(r.Records[0].Type, nil)
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
	f.Add([]byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><searchResponse><searchResult><searchRowList><searchRow xsi:type="listRel:CustomerSearchRow"><basic><customFieldList><customField scriptId="custentity_x"><searchValue internalId="3"/></customField></customFieldList></basic><salesRepJoin><email><searchValue>a@b</searchValue></email></salesRepJoin></searchRow></searchRowList></searchResult></searchResponse></soapenv:Body></soapenv:Envelope>`))
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
				r.Records[i].row(r.Records[i].Type, nil)
			}
			for i := range r.Rows {
				r.Rows[i].Basic.row(r.Rows[i].Type, r.Rows[i].Joins)
			}
		}
	})
}

// FuzzParseSearchCondition: any text parses or is refused, never panics; a
// parsed condition has a field and an operator, and the search envelope it
// yields is well-formed XML whose condition is one element of the basic
// search, named by the field.
func FuzzParseSearchCondition(f *testing.F) {
	for _, s := range []string{"email startsWith ann", `companyName is "a \"b\", c"`, "internalId anyOf 1,2", "dateCreated within 2026-01-01 2026-02-01",
		"amount between 1 2.5", "type anyOf _salesOrder", "externalId noneOf a&b", "isInactive is true", "email notEmpty", `"`, ",,,", "email\nx is a", "a:b is c"} {
		f.Add(s)
	}
	passport := tba.NewPassport("1234567_SB1", tba.Credentials{ConsumerKey: "k", ConsumerSecret: "s", TokenID: "t", TokenSecret: "s"}, "nonce", 1)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseSearchCondition(s)
		if err != nil {
			return
		}
		if c.Field == "" || c.Operator == "" {
			t.Fatalf("%q parsed to %+v", s, c)
		}
		body, extraNS, err := searchXML(Search{RecordType: "customer", Conditions: []SearchCondition{c}}, time.UTC)
		if err != nil {
			t.Fatalf("%q parsed, but its search is refused: %v", s, err)
		}
		env := writeEnvelope(passport, nil, extraNS, body)
		var doc struct {
			Basic struct {
				Fields []struct{ XMLName xml.Name } `xml:",any"`
			} `xml:"Body>search>searchRecord>basic"`
		}
		if err := xml.Unmarshal(env, &doc); err != nil {
			t.Fatalf("%q: the envelope is not XML: %v\n%s", s, err, env)
		}
		if len(doc.Basic.Fields) != 1 || doc.Basic.Fields[0].XMLName.Local != c.Field || doc.Basic.Fields[0].XMLName.Space != soapCommonNS {
			t.Fatalf("%q: the basic search holds %v\n%s", s, doc.Basic.Fields, env)
		}
		d := xml.NewDecoder(strings.NewReader(string(env)))
		for {
			if _, err := d.Token(); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Fatalf("%q: the envelope is not well-formed: %v\n%s", s, err, env)
				}
				break
			}
		}
	})
}
