package store

import (
	"strings"
	"testing"
	"testing/fstest"

	sqlfiles "github.com/filmoteca/filmoteca/sql"
)

func TestLoadSteps(t *testing.T) {
	steps, err := loadSteps(sqlfiles.FS)
	if err != nil {
		t.Fatal(err)
	}
	// A concurrent step is awaited before the step it names: a number no
	// file has (a typo) would leave it running to the end of the build.
	numbers := map[int]bool{}
	for _, s := range steps {
		numbers[s.Number] = true
	}
	for _, s := range steps {
		if s.Until != 0 && !numbers[s.Until] {
			t.Errorf("%s runs until step %03d, which no file has", s.Name, s.Until)
		}
	}

	file := func(body string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(body)} }
	got, err := loadSteps(fstest.MapFS{
		"001_a.sql": file("SELECT 1;"),
		"002_b.sql": file("-- concurrent: until 004\n-- when: keywords\nSELECT 2;"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got[1].Until != 4 || len(got[1].When) != 1 || got[0].Until != 0 {
		t.Errorf("loadSteps = %+v", got)
	}

	for _, tt := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"two files, one number", fstest.MapFS{"001_a.sql": file(""), "001_b.sql": file("")}, "share number"},
		{"not numbered", fstest.MapFS{"a.sql": file("")}, "not named NNN_name.sql"},
		{"unknown condition", fstest.MapFS{"001_a.sql": file("-- when: sunday\n")}, "unknown condition"},
		{"concurrent without a step", fstest.MapFS{"001_a.sql": file("-- concurrent: yes\n")}, "until NNN"},
		{"concurrent until itself", fstest.MapFS{"002_a.sql": file("-- concurrent: until 002\n")}, "comes before it"},
		{"no files", fstest.MapFS{}, "no NNN_name.sql"},
	} {
		if _, err := loadSteps(tt.fsys); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one saying %q", tt.name, err, tt.want)
		}
	}
}
