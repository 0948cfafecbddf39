package eda

import (
	"fmt"
	"html/template"
	"math/big"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/filmoteca/filmoteca/engine/tabular"
)

// renderChart draws a bar, line, scatter or heatmap with go-echarts and
// returns its element and script. The chart's id is the cell's name, so
// the page is the same on every run.
func renderChart(c Cell, cols []string, rows [][]any) (template.HTML, error) {
	xi, yi, err := columnIndexes(c, cols)
	if err != nil {
		return "", err
	}
	init := charts.WithInitializationOpts(opts.Initialization{ChartID: "chart_" + c.Name, Width: "100%", Height: "440px"})
	tooltip := charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)})
	axisType := func(axis string) string {
		if strings.Contains(c.Log, axis) {
			return "log"
		}
		return "value"
	}
	switch c.Chart {
	case "bar", "line":
		labels := make([]string, len(rows))
		for i, row := range rows {
			labels[i] = formatCell(row[xi])
		}
		xAxis := charts.WithXAxisOpts(opts.XAxis{Name: cols[xi], Type: "category"})
		yAxis := charts.WithYAxisOpts(opts.YAxis{Name: cols[yi], Type: axisType("y")})
		if c.Chart == "bar" {
			data := make([]opts.BarData, len(rows))
			for i, row := range rows {
				data[i] = opts.BarData{Value: toFloat(row[yi])}
			}
			bar := charts.NewBar()
			bar.SetGlobalOptions(init, tooltip, xAxis, yAxis)
			bar.SetXAxis(labels).AddSeries(cols[yi], data)
			s := bar.RenderSnippet()
			return template.HTML(s.Element + s.Script), nil
		}
		data := make([]opts.LineData, len(rows))
		for i, row := range rows {
			data[i] = opts.LineData{Value: toFloat(row[yi])}
		}
		line := charts.NewLine()
		line.SetGlobalOptions(init, tooltip, xAxis, yAxis)
		line.SetXAxis(labels).AddSeries(cols[yi], data)
		s := line.RenderSnippet()
		return template.HTML(s.Element + s.Script), nil
	case "scatter":
		data := make([]opts.ScatterData, len(rows))
		for i, row := range rows {
			data[i] = opts.ScatterData{Value: []any{toFloat(row[xi]), toFloat(row[yi])}, SymbolSize: 4}
		}
		scatter := charts.NewScatter()
		scatter.SetGlobalOptions(init, tooltip,
			charts.WithXAxisOpts(opts.XAxis{Name: cols[xi], Type: axisType("x")}),
			charts.WithYAxisOpts(opts.YAxis{Name: cols[yi], Type: axisType("y")}))
		scatter.AddSeries(cols[yi], data)
		s := scatter.RenderSnippet()
		return template.HTML(s.Element + s.Script), nil
	case "boxplot":
		// The row holds min, q1, median, q3 and max after the label column.
		labels := make([]string, len(rows))
		data := make([]opts.BoxPlotData, len(rows))
		for i, row := range rows {
			if len(row) < xi+6 {
				return "", fmt.Errorf("a boxplot row needs a label then min, q1, median, q3, max")
			}
			labels[i] = formatCell(row[xi])
			data[i] = opts.BoxPlotData{Value: []float64{toFloat(row[xi+1]), toFloat(row[xi+2]), toFloat(row[xi+3]), toFloat(row[xi+4]), toFloat(row[xi+5])}}
		}
		box := charts.NewBoxPlot()
		box.SetGlobalOptions(init, tooltip,
			charts.WithXAxisOpts(opts.XAxis{Name: cols[xi], Type: "category"}),
			charts.WithYAxisOpts(opts.YAxis{Name: "log10"}))
		box.SetXAxis(labels).AddSeries("log10", data)
		s := box.RenderSnippet()
		return template.HTML(s.Element + s.Script), nil
	case "heatmap":
		if len(cols) < 3 {
			return "", fmt.Errorf("a heatmap needs a third column with the value")
		}
		vi := 3 - xi - yi // the remaining one of the first three columns
		xs, ys := categories(rows, xi), categories(rows, yi)
		data := make([]opts.HeatMapData, len(rows))
		lo, hi := 0.0, 0.0
		for i, row := range rows {
			v := toFloat(row[vi])
			if i == 0 || v < lo {
				lo = v
			}
			if i == 0 || v > hi {
				hi = v
			}
			data[i] = opts.HeatMapData{Value: [3]any{xs.index[formatCell(row[xi])], ys.index[formatCell(row[yi])], v}}
		}
		hm := charts.NewHeatMap()
		hm.SetGlobalOptions(init, tooltip,
			charts.WithXAxisOpts(opts.XAxis{Name: cols[xi], Type: "category", Data: xs.names}),
			charts.WithYAxisOpts(opts.YAxis{Name: cols[yi], Type: "category", Data: ys.names}),
			charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: float32(lo), Max: float32(hi),
				InRange: &opts.VisualMapInRange{Color: []string{"#f7fbff", "#6baed6", "#08306b"}}}))
		hm.AddSeries(cols[vi], data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(rows) <= 100)}))
		s := hm.RenderSnippet()
		return template.HTML(s.Element + s.Script), nil
	}
	return "", fmt.Errorf("no chart %q", c.Chart)
}

type categoryList struct {
	names []string
	index map[string]int
}

// categories lists the distinct values of column i, in order of appearance.
func categories(rows [][]any, i int) categoryList {
	cl := categoryList{index: map[string]int{}}
	for _, row := range rows {
		v := formatCell(row[i])
		if _, ok := cl.index[v]; !ok {
			cl.index[v] = len(cl.names)
			cl.names = append(cl.names, v)
		}
	}
	return cl
}

func columnIndexes(c Cell, cols []string) (x, y int, err error) {
	x, y = -1, -1
	for i, name := range cols {
		switch name {
		case c.X:
			x = i
		case c.Y:
			y = i
		}
	}
	if x < 0 || y < 0 {
		return 0, 0, fmt.Errorf("columns %q and %q not both in the result %v", c.X, c.Y, cols)
	}
	return x, y, nil
}

// renderTable writes rows as an HTML table (numbers right-aligned).
func renderTable(cols []string, rows [][]any) template.HTML {
	var b strings.Builder
	// The wrapper scrolls a wide table on its own, so the page fits a phone.
	b.WriteString(`<div class="table-wrap" tabindex="0" role="region" aria-label="Tabla de resultados"><table><thead><tr>`)
	for _, c := range cols {
		b.WriteString("<th>" + template.HTMLEscapeString(c) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for _, row := range rows {
		b.WriteString("<tr>")
		for _, v := range row {
			class := ""
			if tabular.IsNumber(v) {
				class = ` class="num"`
			}
			text := formatCell(v)
			if r := []rune(text); len(r) > 80 {
				text = string(r[:80]) + "…"
			}
			b.WriteString("<td" + class + ">" + template.HTMLEscapeString(text) + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table></div>")
	return template.HTML(b.String())
}

// formatCell renders a value for reading; a missing value is empty.
func formatCell(v any) string {
	if v == nil {
		return ""
	}
	return tabular.Format(v)
}

// toFloat reads a numeric value; anything else is 0.
func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case int:
		return float64(x)
	case uint64:
		return float64(x)
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	}
	f, _ := strconv.ParseFloat(fmt.Sprint(v), 64)
	return f
}
