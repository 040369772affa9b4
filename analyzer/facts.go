package analyzer

// FuncFact is a function's summary, exported so callers in other packages see it.
type FuncFact struct{}

func (*FuncFact) AFact()         {}
func (*FuncFact) String() string { return "summary" }

// PackageFact holds the lock-order edges a package adds to the program.
type PackageFact struct{}

func (*PackageFact) AFact()         {}
func (*PackageFact) String() string { return "edges" }
