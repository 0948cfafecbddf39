package lru

import (
	"sync"
	"testing"
)

func TestEvictsTheLeastRecentlyUsed(t *testing.T) {
	c := New[string, int](2)
	c.Put("a", 1)
	c.Put("b", 2)
	if v, ok := c.Get("a"); !ok || v != 1 { // a is now the most recent
		t.Fatalf("a = %d, %v", v, ok)
	}
	c.Put("c", 3) // drops b
	if _, ok := c.Get("b"); ok {
		t.Error("b kept past the size")
	}
	for k, want := range map[string]int{"a": 1, "c": 3} {
		if v, ok := c.Get(k); !ok || v != want {
			t.Errorf("%s = %d, %v; want %d", k, v, ok, want)
		}
	}
	c.Put("c", 4) // replaces, keeps the size
	if v, _ := c.Get("c"); v != 4 || c.Len() != 2 {
		t.Errorf("c = %d, len %d", v, c.Len())
	}
	if hits, misses := c.Stats(); hits != 4 || misses != 1 {
		t.Errorf("stats = %d hits, %d misses; want 4, 1", hits, misses)
	}
}

func TestConcurrentUse(t *testing.T) {
	c := New[int, int](8)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				if v, ok := c.Get(i % 16); ok && v != (i%16)*2 {
					t.Errorf("%d = %d", i%16, v)
				}
				c.Put((g+i)%16, ((g+i)%16)*2)
			}
		})
	}
	wg.Wait()
	if c.Len() > 8 {
		t.Errorf("len %d > 8", c.Len())
	}
	if hits, misses := c.Stats(); hits+misses != 8000 {
		t.Errorf("%d hits + %d misses, want 8000 gets", hits, misses)
	}
}
