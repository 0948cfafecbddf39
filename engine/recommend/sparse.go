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

// mulDense returns m × d, where d is a dense cols×width matrix stored by
// rows; the result is rows×width, stored by rows. Rows are computed in
// parallel, each by one goroutine, so the result does not depend on scheduling.
func (m *csr) mulDense(d []float64, width int) []float64 {
	out := make([]float64, m.rows*width)
	parallelRows(m.rows, 256, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			dst := out[r*width : (r+1)*width]
			for k := m.start[r]; k < m.start[r+1]; k++ {
				v := m.val[k]
				src := d[int(m.col[k])*width : (int(m.col[k])+1)*width]
				for j, x := range src {
					dst[j] += v * x
				}
			}
		}
	})
	return out
}
