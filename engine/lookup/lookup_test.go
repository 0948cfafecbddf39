package lookup

import "testing"

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SÁBADO", "sabado"},
		{"  Sábado ", "sabado"},
		{"sabado", "sabado"},
		{"Miércoles", "miercoles"},
		{"Toy   Story", "toy story"},
		{"Kelly O'Connell", "kelly o'connell"},
		{"Pedro  Almodóvar", "pedro almodovar"},
		{"Face/Off", "face/off"},
		{"\u00a0nightgown", "nightgown"},
		{"ÅNGSTRÖM", "angstrom"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, seed := range []string{"SÁBADO", "  Toy   Story ", "Face/Off", "\u00a0x", "\xff\xfe", "a\u0301"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key is not idempotent on %q: %q then %q", s, k, Key(k))
		}
	})
}
