// Package oncereentry tests the oncereentry check: sync.Once.Do reached
// again, through any chain of calls, from inside the function it is running.
// The finding is at the outer once.Do call. Every case uses its own Once so
// that cases do not reach each other. Every badX case has a goodX twin of the
// same shape with the bug fixed, which must stay silent.
package oncereentry

import "sync"

type Settings struct{ raw string }

func parse(s string) *Settings { return &Settings{raw: s} }

// run calls the function it is given.
func run(f func()) { f() }

// Config: load calls Get, which calls c.once.Do(c.load) again.
type Config struct {
	once     sync.Once
	raw      string
	settings *Settings
}

func (c *Config) Get() *Settings {
	c.once.Do(c.load) // want `sync\.Once re-entered: \(\*Config\)\.once\.Do reached again from inside its own function`
	return c.settings
}

func (c *Config) load() { c.settings = parse(c.Get().raw) }

// GoodConfig: load reads the raw field instead of calling Get.
type GoodConfig struct {
	once     sync.Once
	raw      string
	settings *Settings
}

func (c *GoodConfig) Get() *Settings {
	c.once.Do(c.load)
	return c.settings
}

func (c *GoodConfig) load() { c.settings = parse(c.raw) }

// Conn: the func literal given to Do calls Do on the same Once directly.
type Conn struct {
	once, other sync.Once
	ready       bool
}

func (c *Conn) init() { c.ready = true }

// badInline calls c.once.Do inside c.once.Do.
func (c *Conn) badInline() {
	c.once.Do(func() { // want `sync\.Once re-entered: \(\*Conn\)\.once\.Do reached again from inside its own function`
		c.once.Do(c.init)
	})
}

// goodInline nests a different Once.
func (c *Conn) goodInline() {
	c.other.Do(func() {
		c.once.Do(c.init)
	})
}

// setupOnce is a package-level Once; initAll calls setup again.
var (
	setupOnce sync.Once
	setupDone bool
)

func setup() {
	setupOnce.Do(initAll) // want `sync\.Once re-entered: setupOnce\.Do reached again from inside its own function`
}

func initAll() {
	setup()
	setupDone = true
}

// goodSetupOnce's function does not call back into goodSetup.
var goodSetupOnce sync.Once

func goodSetup() {
	goodSetupOnce.Do(goodInitAll)
}

func goodInitAll() { setupDone = true }

// Lazy is generic; fill calls Get again.
type Lazy[T any] struct {
	once sync.Once
	v    T
	f    func() T
}

func (l *Lazy[T]) Get() T {
	l.once.Do(l.fill) // want `sync\.Once re-entered: \(\*Lazy\)\.once\.Do reached again from inside its own function`
	return l.v
}

func (l *Lazy[T]) fill() {
	_ = l.Get()
	l.v = l.f()
}

// GoodLazy's fill only calls f.
type GoodLazy[T any] struct {
	once sync.Once
	v    T
	f    func() T
}

func (l *GoodLazy[T]) Get() T {
	l.once.Do(l.fill)
	return l.v
}

func (l *GoodLazy[T]) fill() { l.v = l.f() }

// Deep: Do(d.a) reaches Get again through a -> b -> c.
type Deep struct {
	once sync.Once
	n    int
}

func (d *Deep) Get() int {
	d.once.Do(d.a) // want `sync\.Once re-entered: \(\*Deep\)\.once\.Do reached again from inside its own function`
	return d.n
}

func (d *Deep) a() { d.b() }
func (d *Deep) b() { d.c() }
func (d *Deep) c() { d.n = d.Get() + 1 }

// GoodDeep: c does not call Get.
type GoodDeep struct {
	once sync.Once
	n    int
}

func (d *GoodDeep) Get() int {
	d.once.Do(d.a)
	return d.n
}

func (d *GoodDeep) a() { d.b() }
func (d *GoodDeep) b() { d.c() }
func (d *GoodDeep) c() { d.n = 1 }

// Schema: Do runs a method value that calls Fields again.
type Schema struct {
	once   sync.Once
	fields []string
}

func (s *Schema) Fields() []string {
	f := s.compute
	s.once.Do(f) // want `sync\.Once re-entered: \(\*Schema\)\.once\.Do reached again from inside its own function`
	return s.fields
}

func (s *Schema) compute() { s.fields = append(s.Fields(), "id") }

// GoodSchema: compute does not call Fields.
type GoodSchema struct {
	once   sync.Once
	fields []string
}

func (s *GoodSchema) Fields() []string {
	f := s.compute
	s.once.Do(f)
	return s.fields
}

func (s *GoodSchema) compute() { s.fields = []string{"id"} }

// Client: Do runs a stored closure that calls Token again.
type Client struct {
	once  sync.Once
	token string
}

func (c *Client) Token() string {
	fetch := func() { c.token = c.Token() + "x" }
	c.once.Do(fetch) // want `sync\.Once re-entered: \(\*Client\)\.once\.Do reached again from inside its own function`
	return c.token
}

// GoodClient: the stored closure does not call Token.
type GoodClient struct {
	once  sync.Once
	token string
}

func (c *GoodClient) Token() string {
	fetch := func() { c.token = "x" }
	c.once.Do(fetch)
	return c.token
}

// Plugin: the func given to Do passes reload to run, which calls it; reload
// calls Load again.
type Plugin struct {
	once   sync.Once
	loaded bool
}

func (p *Plugin) Load() {
	p.once.Do(func() { // want `sync\.Once re-entered: \(\*Plugin\)\.once\.Do reached again from inside its own function`
		run(p.reload)
	})
}

func (p *Plugin) reload() {
	p.Load()
	p.loaded = true
}

// GoodPlugin: reload does not call Load.
type GoodPlugin struct {
	once   sync.Once
	loaded bool
}

func (p *GoodPlugin) Load() {
	p.once.Do(func() {
		run(p.reload)
	})
}

func (p *GoodPlugin) reload() { p.loaded = true }

// Service embeds its Once; start calls Ensure again.
type Service struct {
	sync.Once
	started bool
}

func (s *Service) Ensure() {
	s.Do(s.start) // want `sync\.Once re-entered: \(\*Service\)\.Once\.Do reached again from inside its own function`
}

func (s *Service) start() {
	s.started = true
	s.Ensure()
}

// GoodService: start does not call Ensure.
type GoodService struct {
	sync.Once
	started bool
}

func (s *GoodService) Ensure() {
	s.Do(s.start)
}

func (s *GoodService) start() { s.started = true }

// badLocal calls Do on a local Once inside its own Do.
func badLocal() {
	var once sync.Once
	once.Do(func() { // want `sync\.Once re-entered: once\.Do reached again from inside its own function`
		once.Do(func() {})
	})
}

// goodLocal uses two local Onces.
func goodLocal() {
	var once, inner sync.Once
	once.Do(func() {
		inner.Do(func() {})
	})
}

// Warm: the func given to Do calls Get synchronously.
type Warm struct {
	once sync.Once
	n    int
}

func (w *Warm) Get() int {
	w.once.Do(func() { // want `sync\.Once re-entered: \(\*Warm\)\.once\.Do reached again from inside its own function`
		w.n = w.Get() + 1
	})
	return w.n
}

// GoodWarm: Get is called from a new goroutine, which just waits for Do.
type GoodWarm struct {
	once sync.Once
	n    int
}

func (w *GoodWarm) Get() int {
	w.once.Do(func() {
		go w.Get()
		w.n = 1
	})
	return w.n
}
