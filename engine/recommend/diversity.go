package recommend

// A list that is one actor's filmography (Titanic → three Kate Winslet
// films) tells the user nothing they could not guess; the re-rank lets a
// cast member earn at most Ranking.CastLimit of the picks. The director and
// the collection are exempt: a director's films, or a saga, are what people
// expect.

// mainCast returns the cast member (the term of their Cast feature) who
// mainly earned film p its place in film q's list: among the named
// features the two share (sharedFeatures), the largest contribution is a
// Cast feature, and they share no Directors feature and not the
// Collection. ok is false otherwise.
func mainCast(r *Recommender, q, p int) (term uint64, ok bool) {
	shared := sharedFeatures(r.vectors, r.names, q, p)
	for _, f := range shared {
		if f.Group == Directors || f.Group == Collection {
			return 0, false
		}
	}
	if len(shared) == 0 || shared[0].Group != Cast {
		return 0, false
	}
	return shared[0].term, true
}

// limitCast returns the first n films of the ranked pool of film q,
// skipping a film whose main cast member (mainCast) already earned limit of
// the picks; when fewer than n would remain, the skipped films fill the
// list, best first. limit 0 takes the first n.
func (r *Recommender) limitCast(q, n, limit int, ranked []candidate) []candidate {
	if limit <= 0 || len(ranked) <= n {
		return ranked[:min(n, len(ranked))]
	}
	earned := map[uint64]int{}
	out := make([]candidate, 0, n)
	var skipped []candidate
	for _, c := range ranked {
		if len(out) == n {
			break
		}
		if a, ok := mainCast(r, q, c.Row); ok {
			if earned[a] >= limit {
				skipped = append(skipped, c)
				continue
			}
			earned[a]++
		}
		out = append(out, c)
	}
	if len(out) < n {
		out = append(out, skipped[:min(n-len(out), len(skipped))]...)
		sortCandidates(out)
	}
	return out
}

// MostCastPicks returns the cast member who mainly earned (see mainCast)
// the most of picks, the films recommended for film q, and how many: a list
// of 5 with 3 or more is one actor's filmography. count is 0 when no pick
// was earned mainly by a cast member.
func (r *Recommender) MostCastPicks(q int64, picks []int64) (name string, count int) {
	i, ok := r.position(q)
	if !ok {
		return "", 0
	}
	earned := map[uint64]int{}
	var best uint64
	for _, id := range picks {
		j, ok := r.position(id)
		if !ok {
			continue
		}
		if a, ok := mainCast(r, i, j); ok {
			earned[a]++
			if earned[a] > count || (earned[a] == count && r.names[a].Name < r.names[best].Name) {
				best, count = a, earned[a]
			}
		}
	}
	if count == 0 {
		return "", 0
	}
	return r.names[best].Name, count
}
