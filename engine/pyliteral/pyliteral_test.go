package pyliteral

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// toJSON converts one Python literal to its JSON text.
func toJSON(src string) (string, error) {
	out, err := AppendJSON(nil, src)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

func TestAppendJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"double-quoted name with apostrophe (credits 862)", `{'name': "Kelly O'Connell", 'profile_path': None}`, `{"name":"Kelly O'Connell","profile_path":null}`},
		{"company with apostrophe and accent (902)", `[{'name': "Club d'Investissement Média", 'id': 857}]`, `[{"name":"Club d'Investissement Média","id":857}]`},
		{"\\xa0 escape (keywords 9587)", `[{'id': 174570, 'name': '\xa0nightgown'}]`, "[{\"id\":174570,\"name\":\"\u00a0nightgown\"}]"},
		{"escaped quote and backslash", `'it\'s a \\ path'`, `"it's a \\ path"`},
		{"double quote inside single quotes", `'say "hi"'`, `"say \"hi\""`},
		{"unicode escapes", `'\u00e9\U0001F600'`, `"é😀"`},
		{"control escapes", `'a\nb\tc\x00'`, `"a\nb\tc\u0000"`},
		{"octal escape", `'\101\7'`, `"A\u0007"`},
		{"unknown escape kept", `'\d'`, `"\\d"`},
		{"empty list", `[]`, `[]`},
		{"bools and None", `[True, False, None]`, `[true,false,null]`},
		{"tuple and trailing comma", `(1, 2,)`, `[1,2]`},
		{"numbers", `[0, -3, 81.0, 1e-05, .5, 7.]`, `[0,-3,81,1e-05,0.5,7]`},
		{"big int kept exactly", `12345678901234567890123`, `12345678901234567890123`},
		{"int and None keys become strings", `{1: 'a', None: 'b'}`, `{"1":"a","null":"b"}`},
		{"set becomes array", `{'a', 'b'}`, `["a","b"]`},
		{"adjacent strings concatenate", `'a' "b"`, `"ab"`},
		{"surrounding space", "  [ 1 ]\n", `[1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := toJSON(tt.in)
			if err != nil {
				t.Fatalf("toJSON(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("toJSON(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("toJSON(%q) = %s is not valid JSON", tt.in, got)
			}
		})
	}
}

func TestAppendJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"blank", "   "},
		{"unterminated string", `[{'name': 'Toy`},
		{"unclosed list", `[{'id': 16}`},
		{"missing colon", `{'id' 16}`},
		{"unknown name", `[nan]`},
		{"trailing text", `[] []`},
		{"list key", `{[1]: 2}`},
		{"lone surrogate", `'\ud800'`},
		{"bad hex", `'\xzz'`},
		{"truncated escape", `'\u12'`},
		{"invalid UTF-8", "'\xff'"},
		{"line break in string", "'a\nb'"},
		{"hex number", `0x1F`},
		{"too deep", strings.Repeat("[", maxDepth+2) + strings.Repeat("]", maxDepth+2)},
		{"JSON is not a Python literal", `{"a": true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := toJSON(tt.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("toJSON(%q) = %q, %v; want a *SyntaxError", tt.in, got, err)
			}
			if se.Offset < 0 || se.Offset > len(tt.in) {
				t.Errorf("offset %d outside the input (%d bytes)", se.Offset, len(tt.in))
			}
		})
	}
}

// TestCorpusMatchesPython checks real fields against the values Python's
// ast.literal_eval gives for them (testdata/gen_corpus.py wrote both).
func TestCorpusMatchesPython(t *testing.T) {
	f, err := os.Open("testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	n := 0
	for sc.Scan() {
		var c struct {
			ID     string `json:"id"`
			Column string `json:"column"`
			Py     string `json:"py"`
			Want   any    `json:"want"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		got, err := toJSON(c.Py)
		if err != nil {
			t.Errorf("id %s %s: %v", c.ID, c.Column, err)
			continue
		}
		var gotValue any
		if err := json.Unmarshal([]byte(got), &gotValue); err != nil {
			t.Errorf("id %s %s: invalid JSON %s: %v", c.ID, c.Column, got, err)
			continue
		}
		if !reflect.DeepEqual(gotValue, c.Want) {
			t.Errorf("id %s %s:\n got %v\nwant %v", c.ID, c.Column, gotValue, c.Want)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Fatalf("corpus has %d usable fields, want at least 1000", n)
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	f, err := os.ReadFile("testdata/corpus.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var fields []string
	size := 0
	for line := range strings.SplitSeq(strings.TrimSpace(string(f)), "\n") {
		var c struct{ Py string }
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			b.Fatal(err)
		}
		fields = append(fields, c.Py)
		size += len(c.Py)
	}
	b.SetBytes(int64(size))
	var buf []byte
	for b.Loop() {
		for _, s := range fields {
			if buf, err = AppendJSON(buf[:0], s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// FuzzAppendJSON: any input either converts to valid JSON, the same every time,
// or fails with a *SyntaxError whose offset lies inside the input; never a panic.
func FuzzAppendJSON(f *testing.F) {
	for _, seed := range []string{
		`[{'id': 16, 'name': 'Animation'}]`,
		`{'name': "Kelly O'Connell", 'profile_path': None}`,
		`[{'id': 174570, 'name': '\xa0nightgown'}]`,
		`'\u00e9\U0001F600\101'`,
		`(1, 2.5e-3, -7, True, False, None)`,
		`{1: 'a', 'b': [{}, ()]}`,
		`'a' "b"`,
		`[`, `'\x`, `{'a' 1}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := toJSON(in)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(in) {
				t.Fatalf("toJSON(%q): error %v is not a SyntaxError inside the input", in, err)
			}
			return
		}
		if !json.Valid([]byte(out)) {
			t.Fatalf("toJSON(%q) = %q: not valid JSON", in, out)
		}
		if again, _ := toJSON(in); again != out {
			t.Fatalf("toJSON(%q) is not deterministic", in)
		}
	})
}
