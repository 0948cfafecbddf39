package eda

import (
	"bytes"
	"fmt"
	"html/template"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"

	"github.com/filmoteca/filmoteca/eda/wordcloud"
	"github.com/filmoteca/filmoteca/engine/tabular"
)

// renderer draws a cell's result as its chart kind. outDir is the report's
// folder, for a kind that writes a file beside the page (the word cloud).
type renderer func(c Cell, cols []string, rows [][]any, outDir string) (template.HTML, error)

// renderers is the one list of chart kinds: parseCell accepts exactly these
// names, so a new kind is added here and nowhere else.
var renderers = map[string]renderer{
	"table": func(_ Cell, cols []string, rows [][]any, _ string) (template.HTML, error) {
		return renderTable(cols, rows), nil
	},
	"bar":       echart(renderBar),
	"line":      echart(renderLine),
	"scatter":   echart(renderScatter),
	"boxplot":   echart(renderBoxPlot),
	"heatmap":   echart(renderHeatMap),
	"wordcloud": renderWordCloud,
}

// renderOutput draws the cell's result with the renderer of its kind.
func renderOutput(c Cell, cols []string, rows [][]any, outDir string) (template.HTML, error) {
	draw, ok := renderers[c.Chart]
	if !ok {
		return "", fmt.Errorf("no chart %q", c.Chart)
	}
	return draw(c, cols, rows, outDir)
}

// plot is what every go-echarts kind starts from: the result, where its x
// and y columns are, and the options all of them share.
type plot struct {
	cell          Cell
	cols          []string
	rows          [][]any
	x, y          int
	init, tooltip charts.GlobalOpts
}

// echart adapts a go-echarts kind to a renderer. The chart's id is the
// cell's name, so the page is the same on every run.
func echart(draw func(plot) (template.HTML, error)) renderer {
	return func(c Cell, cols []string, rows [][]any, _ string) (template.HTML, error) {
		x, y, err := columnIndexes(c, cols)
		if err != nil {
			return "", err
		}
		return draw(plot{
			cell: c, cols: cols, rows: rows, x: x, y: y,
			init:    charts.WithInitializationOpts(opts.Initialization{ChartID: "chart_" + c.Name, Width: "100%", Height: "440px"}),
			tooltip: charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		})
	}
}

// axisType makes an axis logarithmic when the cell's `log` header names it.
func (p plot) axisType(axis string) string {
	if strings.Contains(p.cell.Log, axis) {
		return "log"
	}
	return "value"
}

// categoryOptions are a bar's or line's: x's values as categories, y numeric.
func (p plot) categoryOptions() []charts.GlobalOpts {
	return []charts.GlobalOpts{p.init, p.tooltip,
		charts.WithXAxisOpts(opts.XAxis{Name: p.cols[p.x], Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Name: p.cols[p.y], Type: p.axisType("y")})}
}

// labels are the x column's values as text, one a row.
func (p plot) labels() []string {
	labels := make([]string, len(p.rows))
	for i, row := range p.rows {
		labels[i] = formatCell(row[p.x])
	}
	return labels
}

// snippet is a chart's element followed by the script that draws it.
func snippet(chart interface{ RenderSnippet() render.ChartSnippet }) template.HTML {
	s := chart.RenderSnippet()
	return template.HTML(s.Element + s.Script)
}

func renderBar(p plot) (template.HTML, error) {
	data := make([]opts.BarData, len(p.rows))
	for i, row := range p.rows {
		data[i] = opts.BarData{Value: toFloat(row[p.y])}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(p.categoryOptions()...)
	bar.SetXAxis(p.labels()).AddSeries(p.cols[p.y], data)
	return snippet(bar), nil
}

func renderLine(p plot) (template.HTML, error) {
	data := make([]opts.LineData, len(p.rows))
	for i, row := range p.rows {
		data[i] = opts.LineData{Value: toFloat(row[p.y])}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(p.categoryOptions()...)
	line.SetXAxis(p.labels()).AddSeries(p.cols[p.y], data)
	return snippet(line), nil
}

func renderScatter(p plot) (template.HTML, error) {
	data := make([]opts.ScatterData, len(p.rows))
	for i, row := range p.rows {
		data[i] = opts.ScatterData{Value: []any{toFloat(row[p.x]), toFloat(row[p.y])}, SymbolSize: 4}
	}
	scatter := charts.NewScatter()
	scatter.SetGlobalOptions(p.init, p.tooltip,
		charts.WithXAxisOpts(opts.XAxis{Name: p.cols[p.x], Type: p.axisType("x")}),
		charts.WithYAxisOpts(opts.YAxis{Name: p.cols[p.y], Type: p.axisType("y")}))
	scatter.AddSeries(p.cols[p.y], data)
	return snippet(scatter), nil
}

// renderBoxPlot reads min, q1, median, q3 and max after the label column.
func renderBoxPlot(p plot) (template.HTML, error) {
	labels := make([]string, len(p.rows))
	data := make([]opts.BoxPlotData, len(p.rows))
	for i, row := range p.rows {
		if len(row) < p.x+6 {
			return "", fmt.Errorf("a boxplot row needs a label then min, q1, median, q3, max")
		}
		labels[i] = formatCell(row[p.x])
		data[i] = opts.BoxPlotData{Value: []float64{toFloat(row[p.x+1]), toFloat(row[p.x+2]), toFloat(row[p.x+3]), toFloat(row[p.x+4]), toFloat(row[p.x+5])}}
	}
	box := charts.NewBoxPlot()
	box.SetGlobalOptions(p.init, p.tooltip,
		charts.WithXAxisOpts(opts.XAxis{Name: p.cols[p.x], Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Name: "log10"}))
	box.SetXAxis(labels).AddSeries("log10", data)
	return snippet(box), nil
}

// renderHeatMap colours the x × y grid by the value in the third column.
func renderHeatMap(p plot) (template.HTML, error) {
	if len(p.cols) < 3 {
		return "", fmt.Errorf("a heatmap needs a third column with the value")
	}
	vi := 3 - p.x - p.y // the remaining one of the first three columns
	xs, ys := categories(p.rows, p.x), categories(p.rows, p.y)
	data := make([]opts.HeatMapData, len(p.rows))
	lo, hi := 0.0, 0.0
	for i, row := range p.rows {
		v := toFloat(row[vi])
		if i == 0 || v < lo {
			lo = v
		}
		if i == 0 || v > hi {
			hi = v
		}
		data[i] = opts.HeatMapData{Value: [3]any{xs.index[formatCell(row[p.x])], ys.index[formatCell(row[p.y])], v}}
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(p.init, p.tooltip,
		charts.WithXAxisOpts(opts.XAxis{Name: p.cols[p.x], Type: "category", Data: xs.names}),
		charts.WithYAxisOpts(opts.YAxis{Name: p.cols[p.y], Type: "category", Data: ys.names}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: float32(lo), Max: float32(hi),
			InRange: &opts.VisualMapInRange{Color: []string{"#f7fbff", "#6baed6", "#08306b"}}}))
	hm.AddSeries(p.cols[vi], data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(p.rows) <= 100)}))
	return snippet(hm), nil
}

// renderWordCloud draws the (word, weight) rows as a PNG beside the page.
func renderWordCloud(c Cell, cols []string, rows [][]any, outDir string) (template.HTML, error) {
	xi, yi, err := columnIndexes(c, cols)
	if err != nil {
		return "", err
	}
	words := make([]wordcloud.Word, 0, len(rows))
	for _, row := range rows {
		words = append(words, wordcloud.Word{Text: fmt.Sprint(row[xi]), Weight: toFloat(row[yi])})
	}
	img, _, err := wordcloud.Draw(words, wordcloud.DefaultOptions())
	if err != nil {
		return "", err
	}
	var png bytes.Buffer
	if err := wordcloud.WritePNG(&png, img); err != nil {
		return "", err
	}
	name := c.Name + ".png"
	if err := os.WriteFile(filepath.Join(outDir, name), png.Bytes(), 0o644); err != nil {
		return "", err
	}
	return template.HTML(fmt.Sprintf(`<img class="wordcloud" src="%s" alt="%s" width="1200" height="700">`,
		template.HTMLEscapeString(name), template.HTMLEscapeString(c.Title))), nil
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
