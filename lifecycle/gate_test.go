package lifecycle

import (
	"math"
	"strings"
	"testing"
)

func TestJudge(t *testing.T) {
	ok := []probe{{"/resumen", 200}, {"/score_titulo/Toy%20Story", 200}}
	current := &measures{Films: 1000, CollectionHit: 0.90, GenrePrecision: 1.0, CoLikeHit: 0.30, Smoke: ok}
	cases := []struct {
		name        string
		candidate   measures
		current     *measures
		allowShrink bool
		refused     string // a check's name in the reason; "" when it passes
	}{
		{"the first build", measures{Films: 10, CollectionHit: 0.1, CoLikeHit: math.NaN(), Smoke: ok}, nil, false, ""},
		{"as good", measures{Films: 1000, CollectionHit: 0.90, GenrePrecision: 1.0, CoLikeHit: 0.30, Smoke: ok}, current, false, ""},
		{"1% fewer films, 0.02 lower figures: still in", measures{Films: 990, CollectionHit: 0.88, GenrePrecision: 0.98, CoLikeHit: 0.30, Smoke: ok}, current, false, ""},
		{"2% fewer films", measures{Films: 980, CollectionHit: 0.90, GenrePrecision: 1.0, CoLikeHit: 0.30, Smoke: ok}, current, false, "shrink"},
		{"2% fewer films, allowed", measures{Films: 980, CollectionHit: 0.90, GenrePrecision: 1.0, CoLikeHit: 0.30, Smoke: ok}, current, true, ""},
		{"collection hit 0.03 lower", measures{Films: 1000, CollectionHit: 0.87, GenrePrecision: 1.0, CoLikeHit: 0.30, Smoke: ok}, current, false, "collection hit@5"},
		{"genre precision 0.03 lower", measures{Films: 1000, CollectionHit: 0.90, GenrePrecision: 0.97, CoLikeHit: 0.30, Smoke: ok}, current, false, "genre precision@5"},
		{"co-likes lower", measures{Films: 1000, CollectionHit: 0.90, GenrePrecision: 1.0, CoLikeHit: 0.29, Smoke: ok}, current, false, "co-likes hit@5"},
		{"co-likes not measured", measures{Films: 1000, CollectionHit: 0.90, GenrePrecision: 1.0, CoLikeHit: math.NaN(), Smoke: ok}, current, false, ""},
		{"an endpoint fails", measures{Films: 1000, CollectionHit: 0.90, GenrePrecision: 1.0, CoLikeHit: 0.30,
			Smoke: []probe{{"/resumen", 200}, {"/get_actor/Tom%20Hanks", 404}}}, current, false, "smoke"},
		{"no films", measures{Films: 0, CoLikeHit: math.NaN(), Smoke: ok}, nil, false, "films"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checks, reason := judge(c.candidate, c.current, c.allowShrink)
			if c.refused == "" && reason != "" {
				t.Errorf("refused (%s), want passed; checks %+v", reason, checks)
			}
			if c.refused != "" && !strings.HasPrefix(reason, c.refused+":") {
				t.Errorf("reason %q, want one starting with %q", reason, c.refused)
			}
			if strings.Contains(reason, "\n") {
				t.Errorf("reason on several lines: %q", reason)
			}
		})
	}
}
