package ownership

import "sync"

// --- a fresh object published only under the lock held across its locking ---

// A registry stores a new family in its map and locks the family, all under
// the registry's lock, which it holds from before the store until after
// the family's lock. Anyone else reaches the family only through the map,
// which they read under the registry's lock: none can hold the new family's
// lock while the registry holds its own. The opposite order (a collector
// holds a family's lock, then takes the registry's) forms no cycle with it.
type MetricFamily struct {
	mu     sync.Mutex
	series map[string]float64
}

type MetricRegistry struct {
	mu       sync.Mutex
	families map[string]*MetricFamily
	scrapes  int
}

func (r *MetricRegistry) Register(name string) (*MetricFamily, bool) {
	f := &MetricFamily{}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.families[name]; ok {
		return nil, false
	}
	r.families[name] = f
	f.mu.Lock()
	f.series = map[string]float64{"": 0}
	f.mu.Unlock()
	return f, true
}

func (f *MetricFamily) collect(r *MetricRegistry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r.mu.Lock()
	r.scrapes += len(f.series)
	r.mu.Unlock()
}

func (r *MetricRegistry) Gather() {
	r.mu.Lock()
	fams := make([]*MetricFamily, 0, len(r.families))
	for _, f := range r.families {
		fams = append(fams, f)
	}
	r.mu.Unlock()
	for _, f := range fams {
		f.collect(r)
	}
}

// The buggy twins. BadMetricRegistry releases its lock between the store and the
// family's lock: a collector may take the new family in between, hold its
// lock and wait for the registry's, while Register holds the registry's
// and waits for the family's.
type BadMetricFamily struct {
	mu     sync.Mutex
	series map[string]float64
}

type BadMetricRegistry struct {
	mu       sync.Mutex
	families map[string]*BadMetricFamily
	scrapes  int
}

func (r *BadMetricRegistry) Register(name string) *BadMetricFamily {
	f := &BadMetricFamily{}
	r.mu.Lock()
	r.families[name] = f
	r.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	f.mu.Lock()
	f.series = map[string]float64{"": 0}
	f.mu.Unlock()
	return f
}

func (f *BadMetricFamily) collect(r *BadMetricRegistry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r.mu.Lock() // want `lock-order cycle: \(\*BadMetricRegistry\)\.mu acquired while holding \(\*BadMetricFamily\)\.mu; \(\*BadMetricRegistry\)\.Register takes them in the opposite order`
	r.scrapes += len(f.series)
	r.mu.Unlock()
}

func (r *BadMetricRegistry) Gather() {
	r.mu.Lock()
	fams := make([]*BadMetricFamily, 0, len(r.families))
	for _, f := range r.families {
		fams = append(fams, f)
	}
	r.mu.Unlock()
	for _, f := range fams {
		f.collect(r)
	}
}

// SentMetricRegistry publishes the new family by a send under its lock: the
// receiver holds the family without the registry's lock.
type SentMetricFamily struct {
	mu     sync.Mutex
	series map[string]float64
}

type SentMetricRegistry struct {
	mu      sync.Mutex
	added   chan *SentMetricFamily
	scrapes int
}

func (r *SentMetricRegistry) Register() *SentMetricFamily {
	f := &SentMetricFamily{}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.added <- f
	f.mu.Lock()
	f.series = map[string]float64{"": 0}
	f.mu.Unlock()
	return f
}

func (r *SentMetricRegistry) Collect() {
	for f := range r.added {
		f.mu.Lock()
		r.mu.Lock() // want `lock-order cycle: \(\*SentMetricRegistry\)\.mu acquired while holding \(\*SentMetricFamily\)\.mu; \(\*SentMetricRegistry\)\.Register takes them in the opposite order`
		r.scrapes += len(f.series)
		r.mu.Unlock()
		f.mu.Unlock()
	}
}
