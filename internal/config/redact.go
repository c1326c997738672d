package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// Redacted is what every output path shows in place of a secret.
const Redacted = "[REDACTED]"

// minMaskLen is the shortest value Mask shows a part of.
const minMaskLen = 12

// redact returns Redacted, or "" for an empty value so that a missing secret
// shows as missing.
func redact(s string) string {
	if s == "" {
		return ""
	}
	return Redacted
}

// Mask returns the first and last four characters of s around an ellipsis,
// such as "ef40…67e4", the form in which the consumer key and token ID are
// shown. A value shorter than 12 characters is fully masked ([REDACTED]); an
// empty one stays empty.
func Mask(s string) string {
	r := []rune(s)
	switch {
	case len(r) == 0:
		return ""
	case len(r) < minMaskLen:
		return Redacted
	}
	return string(r[:4]) + "…" + string(r[len(r)-4:])
}

// A safeField is one field of a value that holds secrets, already in the form
// that may be shown.
type safeField struct {
	key    string // snake_case, for text, slog and JSON
	goName string // for %#v
	value  string
	quote  bool // quote the value under %#v
}

// safeFields is the display form of a type that holds secrets. The types of
// this package that hold secrets implement String, Format, LogValue and
// MarshalJSON through it, so that no output path reaches a raw value.
type safeFields []safeField

func (fs safeFields) String() string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.key)
		b.WriteByte('=')
		b.WriteString(f.value)
	}
	return b.String()
}

func (fs safeFields) goString(typ string) string {
	var b strings.Builder
	b.WriteString(typ)
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.goName)
		b.WriteByte(':')
		if f.quote {
			fmt.Fprintf(&b, "%q", f.value)
		} else {
			b.WriteString(f.value)
		}
	}
	b.WriteByte('}')
	return b.String()
}

func (fs safeFields) format(st fmt.State, verb rune, typ string) {
	if verb == 'v' && st.Flag('#') {
		fmt.Fprint(st, fs.goString(typ))
		return
	}
	fmt.Fprintf(st, fmt.FormatString(st, verb), fs.String())
}

func (fs safeFields) logValue() slog.Value {
	attrs := make([]slog.Attr, len(fs))
	for i, f := range fs {
		attrs[i] = slog.String(f.key, f.value)
	}
	return slog.GroupValue(attrs...)
}

// marshalJSON encodes fs as a JSON object, keys in order.
func (fs safeFields) marshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		if f.quote {
			v, err := json.Marshal(f.value)
			if err != nil {
				return nil, err
			}
			b.Write(v)
		} else {
			b.WriteString(f.value)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
