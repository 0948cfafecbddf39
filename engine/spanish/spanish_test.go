package spanish

import "testing"

func TestNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "123": "123", "1234": "1.234", "8000000": "8.000.000", "30.7": "30,7",
		"1234.57": "1.234,57", "-1234.5": "-1.234,5", "-12": "-12", "373554033": "373.554.033",
	} {
		if got := Number(in); got != want {
			t.Errorf("Number(%q) = %q, want %q", in, got, want)
		}
	}
}
