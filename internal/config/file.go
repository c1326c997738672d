package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nsconnect/nsconnect/internal/suggest"

	"go.yaml.in/yaml/v3"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// A File is the profile file: named connection profiles and the name of the
// default one. It is YAML:
//
//	default_profile: sandbox
//	profiles:
//	  sandbox:
//	    account_id: 1234567_SB1
//	    consumer_key: ...
//	    consumer_secret: ...
//	    token_id: ...
//	    token_secret: ...
//	    timezone: America/Los_Angeles
//	    ignore_readonly: false
//	    base_url: http://127.0.0.1:8080   # optional
//	    concurrency: 5                    # optional
type File struct {
	// DefaultProfile is the profile used when neither --profile nor
	// NETSUITE_PROFILE names one; "" means DefaultProfile ("default").
	DefaultProfile string
	Profiles       map[string]Profile
}

// Names returns the names of the profiles, sorted.
func (f *File) Names() []string {
	names := make([]string, 0, len(f.Profiles))
	for n := range f.Profiles {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Default returns the name of the default profile.
func (f *File) Default() string {
	if f.DefaultProfile != "" {
		return f.DefaultProfile
	}
	return DefaultProfile
}

// A Profile is one named connection in the profile file, each value as
// written there. Values that are not set are empty. Every way of printing or
// encoding a Profile redacts the secrets and masks the consumer key and token
// ID.
type Profile struct {
	AccountID      string
	ConsumerKey    string
	ConsumerSecret tba.Secret
	TokenID        string
	TokenSecret    tba.Secret
	Timezone       string
	IgnoreReadOnly string
	BaseURL        string
	Concurrency    string

	Auth            string
	ClientID        string
	CertificateID   string
	PrivateKeyFile  string
	CertificateFile string
	Scopes          string
}

// Get returns the value of field f.
func (p *Profile) Get(f Field) string {
	switch f {
	case FieldAccountID:
		return p.AccountID
	case FieldConsumerKey:
		return p.ConsumerKey
	case FieldConsumerSecret:
		return p.ConsumerSecret.Reveal()
	case FieldTokenID:
		return p.TokenID
	case FieldTokenSecret:
		return p.TokenSecret.Reveal()
	case FieldTimezone:
		return p.Timezone
	case FieldIgnoreReadOnly:
		return p.IgnoreReadOnly
	case FieldBaseURL:
		return p.BaseURL
	case FieldConcurrency:
		return p.Concurrency
	case FieldAuth:
		return p.Auth
	case FieldClientID:
		return p.ClientID
	case FieldCertificateID:
		return p.CertificateID
	case FieldPrivateKeyFile:
		return p.PrivateKeyFile
	case FieldCertificateFile:
		return p.CertificateFile
	case FieldScopes:
		return p.Scopes
	}
	return ""
}

// Set sets field f to s.
func (p *Profile) Set(f Field, s string) {
	switch f {
	case FieldAccountID:
		p.AccountID = s
	case FieldConsumerKey:
		p.ConsumerKey = s
	case FieldConsumerSecret:
		p.ConsumerSecret = tba.Secret(s)
	case FieldTokenID:
		p.TokenID = s
	case FieldTokenSecret:
		p.TokenSecret = tba.Secret(s)
	case FieldTimezone:
		p.Timezone = s
	case FieldIgnoreReadOnly:
		p.IgnoreReadOnly = s
	case FieldBaseURL:
		p.BaseURL = s
	case FieldConcurrency:
		p.Concurrency = s
	case FieldAuth:
		p.Auth = s
	case FieldClientID:
		p.ClientID = s
	case FieldCertificateID:
		p.CertificateID = s
	case FieldPrivateKeyFile:
		p.PrivateKeyFile = s
	case FieldCertificateFile:
		p.CertificateFile = s
	case FieldScopes:
		p.Scopes = s
	}
}

func (p Profile) safe() safeFields {
	fs := make(safeFields, numFields)
	for i := range fs {
		f := Field(i)
		fs[i] = safeField{key: f.Key(), goName: goNames[f], value: f.display(p.Get(f)), quote: true}
	}
	return fs
}

var goNames = [numFields]string{
	"AccountID", "ConsumerKey", "ConsumerSecret", "TokenID", "TokenSecret",
	"Timezone", "IgnoreReadOnly", "BaseURL", "Concurrency",
	"Auth", "ClientID", "CertificateID", "PrivateKeyFile", "CertificateFile", "Scopes",
}

// String returns the profile as key=value pairs, redacted.
func (p Profile) String() string { return p.safe().String() }

// GoString returns a Go-syntax form of p, redacted.
func (p Profile) GoString() string { return p.safe().goString("config.Profile") }

// Format prints p redacted under every verb.
func (p Profile) Format(f fmt.State, verb rune) { p.safe().format(f, verb, "config.Profile") }

// LogValue redacts p in log/slog output.
func (p Profile) LogValue() slog.Value { return p.safe().logValue() }

// MarshalJSON encodes p as a JSON object, redacted.
func (p Profile) MarshalJSON() ([]byte, error) { return p.safe().marshalJSON() }

// maxFileSize bounds the profile file; a real one is a few kilobytes.
const maxFileSize = 1 << 20

var profileNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// CheckProfileName reports whether name can name a profile: 1 to 64 letters,
// digits, '-', '_' or '.', starting with a letter or digit.
func CheckProfileName(name string) error {
	if !profileNameRE.MatchString(name) {
		return fmt.Errorf("invalid profile name %q: use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit", name)
	}
	return nil
}

// ParseProfiles parses the YAML of a profile file. An empty document is an
// empty File. Errors give the line: an unknown key, a value that is not a
// single string, a duplicate key or an invalid profile name.
func ParseProfiles(data []byte) (*File, error) {
	f := &File{Profiles: map[string]Profile{}}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		return nil, yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, yamlError(err)
		}
		return nil, fmt.Errorf("line %d: a second YAML document; the file must hold one", extra.Line)
	}
	root := deref(&doc)
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return f, nil
		}
		root = deref(root.Content[0])
	}
	if isNull(root) {
		return f, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: the file must be a mapping with default_profile and profiles", root.Line)
	}
	err := eachPair(root, "", func(k, v *yaml.Node) error {
		switch k.Value {
		case "default_profile":
			s, err := scalar(k, v)
			if err != nil {
				return err
			}
			if s != "" {
				if err := CheckProfileName(s); err != nil {
					return fmt.Errorf("line %d: default_profile: %w", v.Line, err)
				}
			}
			f.DefaultProfile = s
			return nil
		case "profiles":
			return parseProfileMap(v, f)
		}
		return unknownKey(k, "", []string{"default_profile", "profiles"})
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

func parseProfileMap(n *yaml.Node, f *File) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: profiles must be a mapping from profile names to profiles", n.Line)
	}
	return eachPair(n, "profiles", func(k, v *yaml.Node) error {
		name := k.Value
		if err := CheckProfileName(name); err != nil {
			return fmt.Errorf("line %d: %w", k.Line, err)
		}
		var p Profile
		if !isNull(v) {
			if v.Kind != yaml.MappingNode {
				return fmt.Errorf("line %d: profile %q must be a mapping of keys such as account_id and timezone", v.Line, name)
			}
			err := eachPair(v, fmt.Sprintf("profile %q", name), func(k, v *yaml.Node) error {
				field, ok := fieldByKey(k.Value)
				if !ok {
					return unknownKey(k, fmt.Sprintf(" in profile %q", name), fieldKeys())
				}
				s, err := scalar(k, v)
				if err != nil {
					return err
				}
				p.Set(field, s)
				return nil
			})
			if err != nil {
				return err
			}
		}
		f.Profiles[name] = p
		return nil
	})
}

// eachPair calls fn for each key and value of mapping n, after checking that
// the key is a plain string and not a duplicate.
func eachPair(n *yaml.Node, where string, fn func(k, v *yaml.Node) error) error {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || (k.ShortTag() != "!!str" && k.ShortTag() != "!!int" && k.ShortTag() != "!!float" && k.ShortTag() != "!!bool") {
			return fmt.Errorf("line %d: keys must be plain strings", k.Line)
		}
		if line, dup := seen[k.Value]; dup {
			in := ""
			if where != "" {
				in = " in " + where
			}
			return fmt.Errorf("line %d: duplicate key %q%s (first on line %d)", k.Line, k.Value, in, line)
		}
		seen[k.Value] = k.Line
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// scalar returns the string value of v, the value of key k.
func scalar(k, v *yaml.Node) (string, error) {
	if isNull(v) {
		return "", nil
	}
	if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!binary" {
		return "", fmt.Errorf("line %d: %s must be a single value", v.Line, k.Value)
	}
	for _, r := range v.Value {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return "", fmt.Errorf("line %d: %s contains a control character or invalid UTF-8", v.Line, k.Value)
		}
	}
	return v.Value, nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 8; i++ {
		n = n.Alias
	}
	return n
}

func unknownKey(k *yaml.Node, where string, known []string) error {
	hint := ""
	if s := suggest.Closest(k.Value, known); s != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", s)
	}
	return fmt.Errorf("line %d: unknown key %q%s%s; the keys are %s", k.Line, k.Value, where, hint, strings.Join(known, ", "))
}

func fieldByKey(key string) (Field, bool) {
	for f := range numFields {
		if f.Key() == key {
			return f, true
		}
	}
	return 0, false
}

func fieldKeys() []string {
	keys := make([]string, numFields)
	for f := range numFields {
		keys[f] = f.Key()
	}
	return keys
}

// yamlError rewords a YAML syntax error, which already names the line.
func yamlError(err error) error {
	return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
}

// Marshal encodes f as YAML: default_profile, then the profiles by name, the
// keys of each in field order, empty values left out. Secrets are written in
// full: this is the only place that reveals them.
func (f *File) Marshal() ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	if f.DefaultProfile != "" {
		root.Content = append(root.Content, strNode("default_profile"), strNode(f.DefaultProfile))
	}
	profiles := &yaml.Node{Kind: yaml.MappingNode}
	for _, name := range f.Names() {
		p := f.Profiles[name]
		pn := &yaml.Node{Kind: yaml.MappingNode}
		for field := range numFields {
			v := p.Get(field)
			if v == "" {
				continue
			}
			vn := strNode(v)
			if (field == FieldIgnoreReadOnly || field == FieldConcurrency) && plainScalarRE.MatchString(v) {
				vn.Tag = "" // true, false, 5: written without quotes
			}
			pn.Content = append(pn.Content, strNode(field.Key()), vn)
		}
		profiles.Content = append(profiles.Content, strNode(name), pn)
	}
	root.Content = append(root.Content, strNode("profiles"), profiles)
	doc := &yaml.Node{
		Kind:        yaml.DocumentNode,
		HeadComment: "nsconnect connection profiles, written by 'nsconnect config init'.\nThis file holds secrets: keep it private (mode 0600).",
		Content:     []*yaml.Node{root},
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("config: encoding the profile file: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("config: encoding the profile file: %w", err)
	}
	return b.Bytes(), nil
}

var plainScalarRE = regexp.MustCompile(`^(true|false|[1-9][0-9]{0,5})$`)

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// ReadFile reads the profile file at path. A file that does not exist is an
// error for which errors.Is(err, fs.ErrNotExist) holds. If the file can be
// read by other users, warn is called with a warning that says how to fix it,
// and reading goes on.
func ReadFile(path string, warn func(string)) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("config file %s is a directory", path)
	}
	if perm := info.Mode().Perm(); warn != nil && runtime.GOOS != "windows" && perm&0o044 != 0 {
		warn(fmt.Sprintf("config file %s is readable by other users (mode %04o); it holds secrets: run chmod 600 %s", path, perm, shellQuote(path)))
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: reading %s: %w", path, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("config file %s is larger than %d bytes; it is not a profile file", path, maxFileSize)
	}
	f, err := ParseProfiles(data)
	if err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	return f, nil
}

// WriteFile writes f to path atomically: to a temporary file in the same
// directory with mode 0600, then renamed over path. The directory is created
// with mode 0700 if it does not exist.
func WriteFile(path string, f *File) (err error) {
	data, err := f.Marshal()
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("config: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("config: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config: writing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if d, err := os.Open(dir); err == nil { // make the rename durable; best effort
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// UpdateFile reads the profile file at path (an empty one if it does not
// exist), lets fn change it, and writes it back (WriteFile). A file that
// exists but cannot be parsed is left alone and is an error; so is an error
// from fn, and then nothing is written.
func UpdateFile(path string, warn func(string), fn func(*File) error) error {
	f, err := ReadFile(path, warn)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f = &File{Profiles: map[string]Profile{}}
	case err != nil:
		return err
	}
	if err := fn(f); err != nil {
		return err
	}
	return WriteFile(path, f)
}

// HasDefault reports whether the default profile (Default) is in the file.
func (f *File) HasDefault() bool {
	_, ok := f.Profiles[f.Default()]
	return ok
}

// SaveProfile stores profile p under name in the profile file at path,
// keeping the other profiles. It makes the profile the default if setDefault
// is set, or if the file has no default profile to use (none named, and none
// called "default", or one named that is not in the file): the first profile
// saved is the one commands use. It reports whether the profile is the
// default now.
func SaveProfile(path, name string, p Profile, setDefault bool, warn func(string)) (isDefault bool, err error) {
	if err := CheckProfileName(name); err != nil {
		return false, err
	}
	err = UpdateFile(path, warn, func(f *File) error {
		f.Profiles[name] = p
		if setDefault || !f.HasDefault() {
			f.DefaultProfile = name
			if name == DefaultProfile && !setDefault {
				f.DefaultProfile = "" // "default" is the default unnamed
			}
		}
		isDefault = f.Default() == name
		return nil
	})
	return isDefault, err
}

// Path returns the path of the profile file: $NSCONNECT_CONFIG if set, else
// config.yaml in the nsconnect directory of os.UserConfigDir
// ($XDG_CONFIG_HOME/nsconnect/config.yaml or ~/.config/nsconnect/config.yaml
// on Linux, ~/Library/Application Support/nsconnect/config.yaml on macOS,
// %AppData%\nsconnect\config.yaml on Windows).
func Path(lookupEnv func(string) (string, bool)) (string, error) {
	if lookupEnv != nil {
		if p, ok := lookupEnv(EnvConfig); ok && p != "" {
			return p, nil
		}
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("config: finding the config directory: %w; set %s to the path of the profile file", err, EnvConfig)
	}
	return filepath.Join(dir, "nsconnect", "config.yaml"), nil
}

// shellQuote quotes path for a POSIX shell if it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r < utf8.RuneSelf && (r == '/' || r == '.' || r == '_' || r == '-' || r == '+' || r == ':' || r == '@' || r == '%' || r == ',' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
