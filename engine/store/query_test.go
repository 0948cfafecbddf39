package store

import (
	"reflect"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"SELECT 'a;b'; /* c; */ SELECT \"x;\" ;\n-- only a comment;\n  ;SELECT 3", []string{"SELECT 'a;b'", "/* c; */ SELECT \"x;\"", "SELECT 3"}},
		{"SELECT 1; /* x */", []string{"SELECT 1"}},
		{"SELECT $$a;b$$; SELECT $t$c;d$t$", []string{"SELECT $$a;b$$", "SELECT $t$c;d$t$"}},
		{"SELECT $1; SELECT 2", []string{"SELECT $1", "SELECT 2"}},
	} {
		if got := SplitStatements(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitStatements(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
