package tba

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"io"
	"strconv"
	"strings"
)

// A Passport is the TokenPassport of a SOAP web services request (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395630653.html).
// Each passport may be used once.
type Passport struct {
	Account     string // the account ID, as the realm: 1234567_SB1
	ConsumerKey string
	Token       string
	Nonce       string // 6 to 64 alphanumeric characters
	Timestamp   int64  // Unix seconds
	Signature   string // base64
	Algorithm   string // HMAC-SHA256
}

// PassportBaseString returns account&consumerKey&token&nonce&timestamp, each
// part percent-encoded as Oracle's PHP example does with rawurlencode
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html).
func PassportBaseString(account, consumerKey, token, nonce string, timestamp int64) string {
	return strings.Join([]string{
		PercentEncode(account), PercentEncode(consumerKey), PercentEncode(token),
		PercentEncode(nonce), strconv.FormatInt(timestamp, 10),
	}, "&")
}

// NewPassport returns a signed TokenPassport for account.
func NewPassport(account string, creds Credentials, nonce string, timestamp int64) Passport {
	p := Passport{
		Account:     account,
		ConsumerKey: creds.ConsumerKey,
		Token:       creds.TokenID,
		Nonce:       nonce,
		Timestamp:   timestamp,
		Algorithm:   SignatureMethod,
	}
	p.Signature = Sign(PassportBaseString(p.Account, p.ConsumerKey, p.Token, p.Nonce, p.Timestamp), creds.ConsumerSecret, creds.TokenSecret)
	return p
}

// Verify checks the passport's algorithm and signature. SOAP accepts the
// algorithm as HMAC-SHA256 or as the enum value HMAC_SHA256
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395625838.html).
// Timestamp and nonce reuse are checked with CheckTimestamp and a NonceCache.
func (p Passport) Verify(consumerSecret, tokenSecret Secret) error {
	if p.Algorithm != SignatureMethod && p.Algorithm != "HMAC_SHA256" {
		return refuse(UnknownAlgorithm, "signature algorithm %q; NetSuite accepts only %s", clip(p.Algorithm), SignatureMethod)
	}
	if p.Account == "" || p.ConsumerKey == "" || p.Token == "" || p.Nonce == "" || p.Signature == "" {
		return refuse(MissingTokenPassportRequiredFields, "the token passport lacks a required field")
	}
	want := Sign(PassportBaseString(p.Account, p.ConsumerKey, p.Token, p.Nonce, p.Timestamp), consumerSecret, tokenSecret)
	if subtle.ConstantTimeCompare([]byte(want), []byte(p.Signature)) != 1 {
		return refuse(InvalidSignature, "the token passport signature does not match")
	}
	return nil
}

func hmacSHA256(key, message string) string {
	mac := hmac.New(sha256.New, []byte(key))
	io.WriteString(mac, message)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
