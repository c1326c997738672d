package netsuite

import "testing"

func TestSafeToRepeat(t *testing.T) {
	t.Parallel()
	lines := Record{"item": map[string]any{"items": []any{map[string]any{"item": map[string]any{"id": "7"}, "quantity": 2}}}}
	multi := Record{"salesTeam": map[string]any{"items": []any{map[string]any{"id": "5"}}}}
	for _, tc := range []struct {
		name string
		body Record
		opts *WriteOptions
		want bool
	}{
		{"plain fields", Record{"companyName": "Acme"}, nil, true},
		{"lines added", lines, nil, false},
		{"lines appended", lines, &WriteOptions{Mode: ModeAppend}, false},
		{"every sublist replaced", lines, &WriteOptions{Mode: ModeReplace}, true},
		{"the sublist named", lines, &WriteOptions{Mode: ModeReplace, Replace: []string{"item"}}, true},
		{"another sublist named", lines, &WriteOptions{Mode: ModeReplace, Replace: []string{"expense"}}, false},
		{"a multi-select field", multi, nil, true},
		{"not JSON", Record{"x": func() {}}, nil, false},
	} {
		if got := SafeToRepeat(tc.body, tc.opts); got != tc.want {
			t.Errorf("%s: SafeToRepeat = %v; want %v", tc.name, got, tc.want)
		}
	}
}
