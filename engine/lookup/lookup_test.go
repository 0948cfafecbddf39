package lookup

import (
	"math"
	"reflect"
	"testing"
)

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

func TestJaroWinkler(t *testing.T) {
	// Reference values (DuckDB's jaro_winkler_similarity gives the same).
	tests := []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.9611},
		{"dwayne", "duane", 0.84},
		{"abc", "abc", 1},
		{"abc", "xyz", 0},
		{"", "", 1},
	}
	for _, tt := range tests {
		if got := jaroWinkler(tt.a, tt.b); math.Abs(got-tt.want) > 0.001 {
			t.Errorf("jaroWinkler(%q, %q) = %.4f, want %.4f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestIndex(t *testing.T) {
	names := []string{"Toy Story", "Toy Story 2", "Heat", "Jumanji", "Tom Hanks", "Toy Story", "Grumpier Old Men"}
	ix := NewIndex(names)
	if got := ix.Find("  TOY story "); !reflect.DeepEqual(got, []int{0, 5}) {
		t.Errorf("Find = %v, want [0 5]", got)
	}
	if got := ix.Find("Toy Story 3"); got != nil {
		t.Errorf("Find(Toy Story 3) = %v, want none", got)
	}
	if got := ix.Suggest("toy stroy", 2); !reflect.DeepEqual(got, []string{"Toy Story", "Toy Story 2"}) {
		t.Errorf("Suggest(toy stroy) = %v", got)
	}
	if got := ix.Suggest("jumaji", 1); !reflect.DeepEqual(got, []string{"Jumanji"}) {
		t.Errorf("Suggest(jumaji) = %v", got)
	}
	if got := ix.Suggest("grumpy old men", 1); !reflect.DeepEqual(got, []string{"Grumpier Old Men"}) {
		t.Errorf("Suggest(grumpy old men) = %v", got)
	}
	if got := ix.Suggest("qqqq", 3); len(got) != 0 {
		t.Errorf("Suggest(qqqq) = %v, want nothing", got)
	}
}

func TestPrefix(t *testing.T) {
	ix := NewIndex([]string{"Toy Story", "Heat", "Toy Story 2", "Toys", "Dracula"})
	if got := ix.Prefix("toy st", 5); !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("Prefix(toy st) = %v", got)
	}
	if got := ix.Prefix("TOY", 2); !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("Prefix(TOY, 2) = %v", got)
	}
	if got := ix.Prefix("  ", 5); got != nil {
		t.Errorf("Prefix(blank) = %v", got)
	}
}

// FuzzKey: Key never panics, is idempotent, and Suggest accepts anything.
func FuzzKey(f *testing.F) {
	for _, seed := range []string{"SÁBADO", "  Toy   Story ", "Face/Off", "\u00a0x", "\xff\xfe", "a\u0301"} {
		f.Add(seed)
	}
	ix := NewIndex([]string{"Toy Story", "Sábado", "Face/Off", "Jumanji"})
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key is not idempotent on %q: %q then %q", s, k, Key(k))
		}
		if got := ix.Suggest(s, 3); len(got) > 3 {
			t.Fatalf("Suggest(%q) returned %d names", s, len(got))
		}
		ix.Find(s)
		ix.Prefix(s, 3)
	})
}
