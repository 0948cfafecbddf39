// Package lru is a small, goroutine-safe, bounded least-recently-used
// cache that counts its hits and misses: the recommender keeps its answers
// in one, the service its resolved searches.
package lru

import (
	"container/list"
	"sync"
	"sync/atomic"
)

// Cache keeps the size most recently used values by key. Values are
// shared: callers must not modify what they put or get.
type Cache[K comparable, V any] struct {
	mu     sync.Mutex
	size   int
	order  *list.List // front: most recent; values are *entry[K, V]
	items  map[K]*list.Element
	hits   atomic.Uint64
	misses atomic.Uint64
}

type entry[K comparable, V any] struct {
	key   K
	value V
}

// New returns a cache of at most size values (at least one).
func New[K comparable, V any](size int) *Cache[K, V] {
	size = max(size, 1)
	return &Cache[K, V]{size: size, order: list.New(), items: make(map[K]*list.Element, size)}
}

// Get returns the value of k and counts a hit, or counts a miss.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		c.misses.Add(1)
		var zero V
		return zero, false
	}
	c.hits.Add(1)
	c.order.MoveToFront(el)
	return el.Value.(*entry[K, V]).value, true
}

// Put stores v as the value of k, dropping the least recently used value
// when the cache is full.
func (c *Cache[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		el.Value.(*entry[K, V]).value = v
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&entry[K, V]{k, v})
	if c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*entry[K, V]).key)
	}
}

// Len is the number of values kept.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Stats says how many Gets found their key, and how many did not.
func (c *Cache[K, V]) Stats() (hits, misses uint64) { return c.hits.Load(), c.misses.Load() }
