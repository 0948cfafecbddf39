package lifecycle

import (
	"fmt"
	"math"
	"strings"

	"github.com/filmoteca/filmoteca/engine/registry"
)

// measures are what the gate compares between a new build and the current
// one (measure computes them the same way for both).
type measures struct {
	Films          int64
	CollectionHit  float64 // share of collection members whose 5 picks hold another member
	GenrePrecision float64 // share of picks sharing a genre with the query
	CoLikeHit      float64 // hit@5 against MovieLens co-likes; NaN without a ratings file
	Smoke          []probe // every endpoint, asked from the build
}

// probe is one request of the smoke set and its answer's status.
type probe struct {
	Path   string
	Status int
}

// The gate's thresholds.
const (
	MaxShrink  = 0.01 // the share of the current build's films a new one may lose (unless --allow-shrink)
	maxContent = 0.02 // how far a content figure may fall below the current build's
)

// judge decides whether build candidate may replace current (nil: no
// build is current yet): every smoke probe answered 200; no more than
// MaxShrink of the films lost (unless allowShrink); collection hit and
// genre precision at most maxContent below; co-likes hit@5 no lower, when
// both were measured. It returns the checks, and the reason in one line
// when one failed.
func judge(candidate measures, current *measures, allowShrink bool) (checks []registry.Check, reason string) {
	add := func(name string, passed bool, detail string) {
		checks = append(checks, registry.Check{Name: name, Passed: passed, Detail: detail})
	}
	failed := failedProbes(candidate.Smoke)
	add("smoke", len(failed) == 0, fmt.Sprintf("%d endpoints asked, %d failed %s", len(candidate.Smoke), len(failed), strings.Join(failed, ", ")))
	add("films", candidate.Films > 0, fmt.Sprintf("%d films", candidate.Films))
	if current != nil {
		lost := 1 - float64(candidate.Films)/float64(max(current.Films, 1))
		add("shrink", lost <= MaxShrink+1e-9 || allowShrink,
			fmt.Sprintf("%d films, the current build %d (%.1f%% lost; at most %.0f%% without --allow-shrink)", candidate.Films, current.Films, 100*max(lost, 0), 100*MaxShrink))
		add("collection hit@5", candidate.CollectionHit >= current.CollectionHit-maxContent,
			fmt.Sprintf("%.3f, the current build %.3f (at most %.2f lower)", candidate.CollectionHit, current.CollectionHit, maxContent))
		add("genre precision@5", candidate.GenrePrecision >= current.GenrePrecision-maxContent,
			fmt.Sprintf("%.3f, the current build %.3f (at most %.2f lower)", candidate.GenrePrecision, current.GenrePrecision, maxContent))
		if !math.IsNaN(candidate.CoLikeHit) && !math.IsNaN(current.CoLikeHit) {
			add("co-likes hit@5", candidate.CoLikeHit >= current.CoLikeHit-1e-9,
				fmt.Sprintf("%.3f, the current build %.3f (no lower)", candidate.CoLikeHit, current.CoLikeHit))
		}
	}
	var reasons []string
	for _, c := range checks {
		if !c.Passed {
			reasons = append(reasons, c.Name+": "+strings.TrimSpace(c.Detail))
		}
	}
	return checks, strings.Join(reasons, "; ")
}

// failedProbes are the probes that did not answer 200, as "PATH → STATUS".
func failedProbes(probes []probe) []string {
	var failed []string
	for _, p := range probes {
		if p.Status != 200 {
			failed = append(failed, fmt.Sprintf("%s → %d", p.Path, p.Status))
		}
	}
	return failed
}

// figures are a build's measures as its record keeps them.
func figures(m measures) map[string]float64 {
	f := map[string]float64{"films": float64(m.Films), "collection_hit_at_5": m.CollectionHit, "genre_precision_at_5": m.GenrePrecision}
	if !math.IsNaN(m.CoLikeHit) {
		f["colikes_hit_at_5"] = m.CoLikeHit
	}
	return f
}
