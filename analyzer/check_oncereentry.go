package analyzer

var onceReentryCheck = &Check{
	Name:  "oncereentry",
	Title: "sync.Once.Do reached again from inside its own function",
	Doc: `
Once.Do holds the Once's internal mutex while its function runs. If that
function, through any chain of calls, calls Do on the same Once, the
inner call waits for the outer one to finish, which never happens.`,
	Wrong: `
func (c *Config) Get() *Settings {
	c.once.Do(c.load)
	return c.settings
}

func (c *Config) load() {
	c.settings = parse(c.Get().raw) // Get calls c.once.Do again
}`,
	Right: `
func (c *Config) Get() *Settings {
	c.once.Do(c.load)
	return c.settings
}

func (c *Config) load() {
	c.settings = parse(c.raw)
}`,
}

func (ps *passState) reportOnceReentry(c conflict) {
	ps.report(c.pos, onceReentryCheck, "sync.Once re-entered: "+c.res+".Do reached again from inside its own function"+c.suffix(), c.held, c.acq)
}
