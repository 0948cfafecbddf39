// Package wordcloud draws a word cloud as a PNG: the most frequent words
// largest, placed on an Archimedean spiral from the centre, never
// overlapping. The same words give the same image.
package wordcloud

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Word is one word and its weight (a count).
type Word struct {
	Text   string
	Weight float64
}

// Options size the image and the type.
type Options struct {
	Width, Height    int
	MinSize, MaxSize float64 // font sizes in points, for the lightest and heaviest word
	Background       color.Color
	Palette          []color.Color
}

// DefaultOptions is a 1200×700 cloud on white.
func DefaultOptions() Options {
	return Options{
		Width: 1200, Height: 700, MinSize: 12, MaxSize: 96,
		Background: color.White,
		Palette: []color.Color{
			color.RGBA{0x1f, 0x4e, 0x79, 0xff}, color.RGBA{0xc0, 0x39, 0x2b, 0xff},
			color.RGBA{0x27, 0x80, 0x5d, 0xff}, color.RGBA{0x8e, 0x44, 0xad, 0xff},
			color.RGBA{0xd3, 0x54, 0x00, 0xff}, color.RGBA{0x2c, 0x3e, 0x50, 0xff},
		},
	}
}

// Draw renders words (heaviest first) and returns the image and how many
// words found a place.
func Draw(words []Word, opt Options) (*image.RGBA, int, error) {
	img := image.NewRGBA(image.Rect(0, 0, opt.Width, opt.Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(opt.Background), image.Point{}, draw.Src)
	if len(words) == 0 {
		return img, 0, nil
	}
	fnt, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, 0, fmt.Errorf("wordcloud: font: %w", err)
	}
	maxW, minW := words[0].Weight, words[len(words)-1].Weight
	var placed []image.Rectangle
	count := 0
	for i, w := range words {
		size := opt.MinSize
		if maxW > minW {
			// Square-root scaling keeps small words readable.
			t := math.Sqrt((w.Weight - minW) / (maxW - minW))
			size = opt.MinSize + t*(opt.MaxSize-opt.MinSize)
		}
		face, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, 0, fmt.Errorf("wordcloud: face: %w", err)
		}
		bounds, advance := font.BoundString(face, w.Text)
		width := advance.Ceil()
		height := (bounds.Max.Y - bounds.Min.Y).Ceil()
		ascent := -bounds.Min.Y.Floor()
		rect, ok := findPlace(placed, width+4, height+4, opt.Width, opt.Height)
		if !ok {
			face.Close()
			continue
		}
		placed = append(placed, rect)
		d := font.Drawer{
			Dst:  img,
			Src:  image.NewUniform(opt.Palette[i%len(opt.Palette)]),
			Face: face,
			Dot:  fixed.P(rect.Min.X+2, rect.Min.Y+2+ascent),
		}
		d.DrawString(w.Text)
		face.Close()
		count++
	}
	return img, count, nil
}

// findPlace walks a spiral out from the centre until a w×h box fits inside
// the image without touching any placed box.
func findPlace(placed []image.Rectangle, w, h, width, height int) (image.Rectangle, bool) {
	cx, cy := width/2, height/2
	aspect := float64(width) / float64(height)
	for step := 0; step < 20000; step++ {
		angle := 0.1 * float64(step)
		radius := 2 * angle
		x := cx + int(radius*math.Cos(angle)*aspect) - w/2
		y := cy + int(radius*math.Sin(angle)) - h/2
		r := image.Rect(x, y, x+w, y+h)
		if !r.In(image.Rect(0, 0, width, height)) {
			if radius*aspect > float64(width) && radius > float64(height) {
				break
			}
			continue
		}
		free := true
		for _, p := range placed {
			if r.Overlaps(p) {
				free = false
				break
			}
		}
		if free {
			return r, true
		}
	}
	return image.Rectangle{}, false
}

// WritePNG encodes img.
func WritePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	return enc.Encode(w, img)
}
