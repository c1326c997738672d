package records

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// Input limits: what NetSuite would not store is refused before anything is
// stored. See the package documentation, "Limits", for the list and the
// sources.
//
// Oracle counts a text field's limit in bytes: "character limits are for
// English letters (1 byte per letter). For non-English languages, character
// limits are lower (up to 4 bytes per character)" (Field Type Descriptions
// for Custom Fields,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N2842731.html).
// The limits below count bytes of UTF-8 for that reason.
const (
	// maxFreeFormText bounds a custom text field: the account file's "text" custom field type is
	// NetSuite's Free-Form Text, "Enter up to 300 characters of text"
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N2842731.html).
	maxFreeFormText = 300

	// maxExternalID bounds an external ID, in a body or in an eid: path.
	//
	// Assumption: Oracle documents the characters of an external ID
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html)
	// but not its length; the emulator takes the Free-Form Text limit, 300.
	maxExternalID = 300

	// maxTextBytes bounds every other string of a body, keys included, and
	// so the text fields of the catalog's standard record types.
	//
	// Assumption: 1,000,000, the Long Text and Rich Text limit ("up to one million (1,000,000)
	// characters",
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N2842731.html), the
	// largest text Oracle documents for any field. NetSuite's standard fields hold less, each its own
	// number that no source lists (live answers in public code name 32 for a phone number and 21 for
	// an item's stock description, see errTooLong); the emulator does not know them.
	maxTextBytes = 1_000_000

	// maxDepth bounds how deeply a body nests: encoding/json's own limit.
	maxDepth = 10000

	// maxDisplay is how many characters of a value or an identifier an
	// error message repeats; longer ones end in "…".
	maxDisplay = 100
)

// decodeBody reads a request body: one JSON object. An empty body is an
// empty object; anything that is not one JSON object is detailBadBody.
//
// Text is checked before it is decoded, as encoding/json turns what is not
// UTF-8 into U+FFFD without a word. Every string of the body, object keys
// included, must be UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is
// UTF-8) and hold no NUL character, and at most maxTextBytes long:
//
//   - invalid UTF-8, raw or as an escaped UTF-16 surrogate without its pair
//     ("\ud800"): detailBadBody, 400 INVALID_CONTENT, at the string's
//     o:errorPath (a key's own path when the key is at fault);
//   - a NUL character ("\u0000") in a value: the invalid field value error
//     (errInvalidValue) at the value's path; in a key: detailBadBody at the
//     key's path;
//   - a value longer than maxTextBytes: errTooLong; a key: detailBadBody.
//
// Assumption: NetSuite's answers to these are not documented; a body that
// is not UTF-8 is not JSON text, so it gets the answer for a body that is
// not JSON. The path names keys as errors show them (NUL and invalid bytes
// as U+FFFD, at most maxDisplay characters).
func decodeBody(body []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	type frame struct {
		m      map[string]any // an object, or nil for an array
		a      []any
		path   string // the container's o:errorPath
		field  string // the nearest key: the field a value belongs to
		key    string // the object's current key
		hasKey bool
	}
	var (
		stack []*frame
		root  any
		done  bool
		prev  int64
	)
	// child returns the path of the next value of the top container, and
	// the field it belongs to.
	child := func() (path, field string) {
		if len(stack) == 0 {
			return "", ""
		}
		f := stack[len(stack)-1]
		if f.m != nil {
			k := displayText(f.key)
			if f.path == "" {
				return k, f.key
			}
			return f.path + "." + k, f.key
		}
		return f.path + "[" + strconv.Itoa(len(f.a)) + "]", f.field
	}
	attach := func(v any) {
		if len(stack) == 0 {
			root, done = v, true
			return
		}
		f := stack[len(stack)-1]
		if f.m != nil {
			f.m[f.key] = v
			f.hasKey = false
			return
		}
		f.a = append(f.a, v)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF && done {
			break
		}
		if err != nil || done {
			return nil, errBadBody()
		}
		raw := body[prev:dec.InputOffset()]
		prev = dec.InputOffset()
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(stack) >= maxDepth {
					return nil, errBadBody()
				}
				path, field := child()
				f := &frame{path: path, field: field}
				if t == '{' {
					f.m = make(map[string]any)
				} else {
					f.a = []any{}
				}
				stack = append(stack, f)
			default:
				f := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if f.m != nil {
					attach(f.m)
				} else {
					attach(f.a)
				}
			}
		case string:
			if top := len(stack) - 1; top >= 0 && stack[top].m != nil && !stack[top].hasKey {
				f := stack[top]
				f.key, f.hasKey = t, true
				if textFault(raw, t) != textOK {
					path, _ := child()
					return nil, errBadBody().atPath(path)
				}
				continue
			}
			path, field := child()
			switch textFault(raw, t) {
			case textInvalid:
				return nil, errBadBody().atPath(path)
			case textNUL:
				return nil, errInvalidValue(path, displayText(field), displayText(t))
			case textTooLong:
				return nil, errTooLong(path, field, maxTextBytes)
			}
			attach(t)
		default: // json.Number, bool, nil
			attach(t)
		}
	}
	m, ok := root.(map[string]any)
	if !ok {
		return nil, errBadBody()
	}
	return m, nil
}

// The faults textFault finds.
const (
	textOK = iota
	textInvalid
	textNUL
	textTooLong
)

// textFault checks a string token: raw is the body's text from the end of
// the previous token to the end of this one (separators and the quoted
// string, escapes as sent), s the decoded string.
func textFault(raw []byte, s string) int {
	switch {
	case !utf8.Valid(raw) || loneSurrogate(raw):
		return textInvalid
	case strings.IndexByte(s, 0) >= 0:
		return textNUL
	case len(s) > maxTextBytes:
		return textTooLong
	}
	return textOK
}

// loneSurrogate reports whether raw holds a \u escape of a UTF-16
// surrogate that is not part of a pair: a high surrogate not followed by a
// \u escape of a low one, or a low one on its own. encoding/json decodes
// either as U+FFFD.
func loneSurrogate(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		i++
		if i >= len(raw) || raw[i] != 'u' {
			continue // \" \\ \n ...: the escaped character is skipped
		}
		r, ok := hex4(raw[i+1:])
		if !ok {
			return false // not JSON: the decoder refuses it
		}
		i += 4
		switch {
		case r >= 0xdc00 && r <= 0xdfff:
			return true
		case r >= 0xd800 && r <= 0xdbff:
			if i+2 >= len(raw) || raw[i+1] != '\\' || raw[i+2] != 'u' {
				return true
			}
			low, ok := hex4(raw[i+3:])
			if !ok || low < 0xdc00 || low > 0xdfff {
				return true
			}
			i += 6
		}
	}
	return false
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 32)
	return rune(n), err == nil
}

// displayText is s as an error message repeats it: NUL and invalid UTF-8 as
// U+FFFD, and at most maxDisplay characters, the rest cut to "…".
func displayText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	if utf8.RuneCountInString(s) <= maxDisplay {
		return s
	}
	r := []rune(s)
	return string(r[:maxDisplay]) + "…"
}

// fieldLimit is how many bytes a text field holds: maxExternalID for the
// record's external ID, maxFreeFormText for a custom text field,
// maxTextBytes (checked by decodeBody) for the others.
func fieldLimit(f *catalog.Field, top bool) int {
	switch {
	case top && f.Name == "externalId":
		return maxExternalID
	case f.Custom:
		return maxFreeFormText
	}
	return maxTextBytes
}

// checkLength refuses a string value longer than its text field holds.
//
// Assumption: the error does not depend on
// X-NetSuite-PropertyValueValidation (a value too long for its field is
// refused whatever the header says, as NetSuite's message is a user error,
// not a field value warning).
func checkLength(f *catalog.Field, top bool, v any, path string) error {
	s, ok := v.(string)
	if !ok || f.Kind != catalog.KindScalar || f.Type != "string" {
		return nil
	}
	if n := fieldLimit(f, top); len(s) > n {
		return errTooLong(path, f.Name, n)
	}
	return nil
}

// validExternalID reports whether an external ID could be stored: UTF-8,
// no NUL, not empty and at most maxExternalID bytes.
func validExternalID(eid string) bool {
	return eid != "" && len(eid) <= maxExternalID && utf8.ValidString(eid) && strings.IndexByte(eid, 0) < 0
}

// checkQuery refuses query parameters whose names or values are not UTF-8
// or hold a NUL character: 400 INVALID_PARAMETER with o:errorQueryParam.
//
// Assumption: NetSuite's answer is not documented; the wording is the
// emulator's.
func checkQuery(q url.Values) *Error {
	for name, values := range q {
		bad := !utf8.ValidString(name) || strings.IndexByte(name, 0) >= 0
		for _, v := range values {
			bad = bad || !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0
		}
		if bad {
			n := displayText(name)
			return errParam(n, fmt.Sprintf("Invalid value for the query parameter %s: the text is not UTF-8 or holds a NUL character.", n))
		}
	}
	return nil
}

// untypedOutOfRange returns the first number in an untyped value (an array
// or object the catalog does not describe, stored as sent) that is not
// finite or whose magnitude is over maxMagnitude (see Numbers in the
// package documentation).
func untypedOutOfRange(v any) (string, bool) {
	switch x := v.(type) {
	case json.Number:
		if _, ok := number(x); !ok {
			return x.String(), true
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if s, bad := untypedOutOfRange(x[k]); bad {
				return s, true
			}
		}
	case []any:
		for _, e := range x {
			if s, bad := untypedOutOfRange(e); bad {
				return s, true
			}
		}
	}
	return "", false
}
