package wordcloud

import (
	"bytes"
	"image"
	"testing"
)

func TestDrawPlacesWordsWithoutOverlap(t *testing.T) {
	words := []Word{{"love", 120}, {"man", 90}, {"night", 60}, {"amor", 40}, {"story", 30}, {"house", 10}}
	img, placed, err := Draw(words, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if placed != len(words) {
		t.Errorf("placed %d of %d words", placed, len(words))
	}
	// Something was drawn: not every pixel is the background.
	bg := img.RGBAAt(0, 0)
	inked := 0
	for y := 0; y < img.Bounds().Dy(); y += 3 {
		for x := 0; x < img.Bounds().Dx(); x += 3 {
			if img.RGBAAt(x, y) != bg {
				inked++
			}
		}
	}
	if inked < 100 {
		t.Errorf("only %d inked samples", inked)
	}
	// Same words, same bytes.
	var a, b bytes.Buffer
	other, _, _ := Draw(words, DefaultOptions())
	if err := WritePNG(&a, img); err != nil {
		t.Fatal(err)
	}
	WritePNG(&b, other) //nolint:errcheck
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two drawings of the same words differ")
	}
}

func TestFindPlaceNeverOverlaps(t *testing.T) {
	var placed []image.Rectangle
	for i := 0; i < 60; i++ {
		r, ok := findPlace(placed, 80, 30, 800, 400)
		if !ok {
			break
		}
		for _, p := range placed {
			if r.Overlaps(p) {
				t.Fatalf("box %v overlaps %v", r, p)
			}
		}
		placed = append(placed, r)
	}
	if len(placed) < 40 {
		t.Errorf("only %d boxes of 80×30 fit in 800×400", len(placed))
	}
}
