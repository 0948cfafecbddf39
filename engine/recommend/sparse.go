package recommend

// csr is a sparse matrix in compressed-row form.
type csr struct {
	rows, cols int
	start      []int     // row i holds entries start[i]:start[i+1]
	col        []int32   // column of each entry
	val        []float64 // value of each entry
	colHash    []uint64  // feature matrices: the hash of each column's term
}

// transpose returns m's transpose, in compressed-row form.
func (m *csr) transpose() *csr {
	t := &csr{rows: m.cols, cols: m.rows, start: make([]int, m.cols+1),
		col: make([]int32, len(m.col)), val: make([]float64, len(m.val))}
	for _, c := range m.col {
		t.start[c+1]++
	}
	for i := 0; i < m.cols; i++ {
		t.start[i+1] += t.start[i]
	}
	next := append([]int(nil), t.start[:m.cols]...)
	for r := 0; r < m.rows; r++ {
		for k := m.start[r]; k < m.start[r+1]; k++ {
			c := m.col[k]
			t.col[next[c]] = int32(r)
			t.val[next[c]] = m.val[k]
			next[c]++
		}
	}
	return t
}
