package tabular

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"testing"
	"time"
)

// sample holds one row of every kind of value a query can give.
var sample = &Table{
	Columns: []string{"id", "title", "date", "return", "budget", "exact", "huge", "genres", "missing"},
	Rows: [][]any{
		{int64(862), "Toy Story", time.Date(1995, 10, 30, 0, 0, 0, 0, time.UTC), 12.4518011, int64(30000000),
			Number("1.50"), new(big.Int).Lsh(big.NewInt(1), 70), []any{"Animation", "Family"}, nil},
		{int64(48787), "Mute Witness", time.Date(1995, 9, 28, 13, 5, 0, 0, time.UTC), math.NaN(), int64(2),
			Number("-0.25"), big.NewInt(7), []any{}, nil},
	},
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, sample); err != nil {
		t.Fatal(err)
	}
	// Numbers right-aligned; a column of NULLs alone is too.
	want := "" +
		"   id  title         date                     return    budget  exact                    huge  genres                  missing\n" +
		"-----  ------------  -------------------  ----------  --------  -----  ----------------------  ----------------------  -------\n" +
		"  862  Toy Story     1995-10-30           12.4518011  30000000   1.50  1180591620717411303424  [\"Animation\",\"Family\"]     NULL\n" +
		"48787  Mute Witness  1995-09-28 13:05:00         NaN         2  -0.25                       7  []                         NULL\n" +
		"(2 rows)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteText(&b, &Table{Columns: []string{"n"}, Rows: [][]any{{int64(1)}}}); err != nil || b.String() != "n\n-\n1\n(1 row)\n" {
		t.Errorf("one row: %q %v", b.String(), err)
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sample); err != nil {
		t.Fatal(err)
	}
	want := "id,title,date,return,budget,exact,huge,genres,missing\n" +
		"862,Toy Story,1995-10-30,12.4518011,30000000,1.50,1180591620717411303424,\"[\"\"Animation\"\",\"\"Family\"\"]\",\n" +
		"48787,Mute Witness,1995-09-28 13:05:00,NaN,2,-0.25,7,[],\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sample); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	dec := json.NewDecoder(&b)
	dec.UseNumber()
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b.String())
	}
	first, second := rows[0], rows[1]
	checks := []struct {
		got, want any
	}{
		{first["exact"], json.Number("1.50")},                  // exact decimals stay numbers, digits kept
		{first["huge"], json.Number("1180591620717411303424")}, // beyond float64's exact range
		{first["date"], "1995-10-30"},
		{second["return"], "NaN"}, // JSON has no NaN: a string
		{first["missing"], nil},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %#v, want %#v", c.got, c.want)
		}
	}
	if g, _ := first["genres"].([]any); len(g) != 2 {
		t.Errorf("genres = %#v", first["genres"])
	}
}
