package hook

import (
	"bytes"
	"strconv"
	"strings"
)

// A Frame is one line pair of a traceback: the function and, on the next
// line, where it is.
type Frame struct {
	Func string `json:"func"`           // as the runtime prints it: "main.(*T).M", "pkg.F[...]", "pkg.F.func1"
	Args string `json:"args,omitempty"` // "(0xc000010000, 0x1)"; "(...)" for an inlined call; empty for "created by"
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Pos is "file:line", or "?" when the dump did not say.
func (f Frame) Pos() string {
	if f.File == "" {
		return "?"
	}
	return f.File + ":" + strconv.Itoa(f.Line)
}

// An Ancestor is a goroutine that no longer runs but whose creation the
// runtime remembered (GODEBUG=tracebackancestors=N).
type Ancestor struct {
	ID        uint64  `json:"id"`
	Frames    []Frame `json:"frames,omitempty"` // where it was when it started the next one, innermost first
	CreatedBy *Frame  `json:"created_by,omitempty"`
	Elided    bool    `json:"elided,omitempty"`
}

// A Goroutine is one goroutine of a dump.
type Goroutine struct {
	ID      uint64 `json:"id"`
	State   string `json:"state"`             // wait reason or status, markers removed: "chan receive", "running"
	Minutes int    `json:"minutes,omitempty"` // whole minutes blocked, as printed; 0 under a minute
	Locked  bool   `json:"locked,omitempty"`  // locked to its thread
	Leaked  bool   `json:"leaked,omitempty"`  // the goroutineleak profile's GC proved it can never run again
	// Asleep: the runtime itself found every goroutine blocked, with no
	// timer pending ("fatal error: all goroutines are asleep - deadlock!"),
	// so nothing can ever wake this one; ExtractDumps sets it.
	Asleep  bool   `json:"asleep,omitempty"`
	Durable bool   `json:"durable,omitempty"` // durably blocked inside a synctest bubble
	Bubble  uint64 `json:"bubble,omitempty"`  // synctest bubble
	// Labels are the pprof labels the runtime printed (GODEBUG=tracebacklabels=1).
	Labels map[string]string `json:"labels,omitempty"`
	// Frames, innermost first, as the dump shows them (runtime frames are
	// usually hidden by the runtime itself).
	Frames []Frame `json:"frames,omitempty"`
	// Elided counts the frames the runtime left out of a deep stack.
	Elided int `json:"elided,omitempty"`
	// CreatedBy is the function that ran the go statement, at the statement.
	CreatedBy *Frame `json:"created_by,omitempty"`
	// Parent is the goroutine that ran the go statement; 0 when not printed
	// (goroutine 1, runtime goroutines, old Go versions).
	Parent    uint64     `json:"parent,omitempty"`
	Ancestors []Ancestor `json:"ancestors,omitempty"`
	// Unavailable: "goroutine running on other thread; stack unavailable".
	Unavailable bool `json:"unavailable,omitempty"`
	// Truncated: the dump ended inside this goroutine.
	Truncated bool `json:"truncated,omitempty"`
}

// Parse reads a goroutine dump — runtime.Stack(buf, true), the goroutine
// profile at debug=2, the output of a crash or of SIGQUIT — into its
// goroutines, in the order of the dump. Lines it does not understand are
// skipped: a dump is evidence, and half of it is better than an error.
// Parse never panics, whatever the input (FuzzParse checks it).
func Parse(dump []byte) []*Goroutine {
	p := parser{}
	for len(dump) > 0 {
		line := dump
		if i := bytes.IndexByte(dump, '\n'); i >= 0 {
			line, dump = dump[:i], dump[i+1:]
		} else {
			dump = nil
			p.unterminated = true
		}
		p.line(string(bytes.TrimSuffix(line, []byte("\r"))))
	}
	p.end()
	return p.out
}

type parser struct {
	out          []*Goroutine
	g            *Goroutine // the goroutine being read, nil between goroutines
	anc          *Ancestor  // the ancestor block being read, if any
	pending      *Frame     // a frame waiting for its position line
	unterminated bool
}

func (p *parser) line(s string) {
	if h, ok := parseHeader(s); ok {
		p.flush()
		p.g = h
		return
	}
	if p.g == nil {
		return
	}
	switch {
	case s == "":
		p.flush()
	case s[0] == '\t':
		if p.pending != nil {
			p.pending.File, p.pending.Line = parsePos(s[1:])
			p.pending = nil
		} else if strings.Contains(s, "stack unavailable") {
			p.g.Unavailable = true
		}
	case strings.HasPrefix(s, "[originating from goroutine "):
		id, _ := strconv.ParseUint(strings.TrimSuffix(s[len("[originating from goroutine "):], "]:"), 10, 64)
		p.g.Ancestors = append(p.g.Ancestors, Ancestor{ID: id})
		p.anc = &p.g.Ancestors[len(p.g.Ancestors)-1]
		p.pending = nil
	case strings.HasPrefix(s, "...") && strings.HasSuffix(s, "elided..."):
		if p.anc != nil {
			p.anc.Elided = true
		} else if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(s, "..."), " frames elided...")); err == nil && n > 0 {
			p.g.Elided += n
		}
		p.pending = nil
	case strings.HasPrefix(s, "created by "):
		f := &Frame{Func: s[len("created by "):]}
		var parent uint64
		if i := strings.LastIndex(f.Func, " in goroutine "); i >= 0 {
			parent, _ = strconv.ParseUint(f.Func[i+len(" in goroutine "):], 10, 64)
			f.Func = f.Func[:i]
		}
		if p.anc != nil {
			p.anc.CreatedBy = f
		} else {
			p.g.CreatedBy, p.g.Parent = f, parent
		}
		p.pending = f
	default:
		fn, args, ok := splitCall(s)
		if !ok {
			p.pending = nil
			return
		}
		frames := &p.g.Frames
		if p.anc != nil {
			frames = &p.anc.Frames
		}
		*frames = append(*frames, Frame{Func: fn, Args: args})
		p.pending = &(*frames)[len(*frames)-1]
	}
}

// flush ends the goroutine being read.
func (p *parser) flush() {
	if p.g != nil {
		p.out = append(p.out, p.g)
	}
	p.g, p.anc, p.pending = nil, nil, nil
}

func (p *parser) end() {
	if p.g != nil && (p.unterminated || p.pending != nil) {
		p.g.Truncated = true
	}
	p.flush()
}

// splitCall splits "pkg.(*T).M(0x1, ...)" into the function and its
// arguments. A frame line has no space before its argument list.
func splitCall(s string) (fn, args string, ok bool) {
	if !strings.HasSuffix(s, ")") {
		return "", "", false
	}
	i := strings.LastIndexByte(s, '(')
	// "main.(*T).M()" — the receiver's parenthesis is not the argument
	// list, and the last '(' always is.
	if i <= 0 || strings.ContainsAny(s[:i], " \t") {
		return "", "", false
	}
	return s[:i], s[i:], true
}

// parsePos reads "/path/file.go:123 +0x1f fp=0x... sp=0x... pc=0x...".
func parsePos(s string) (string, int) {
	if i := strings.Index(s, " +0x"); i >= 0 {
		s = s[:i]
	} else if i := strings.Index(s, " fp="); i >= 0 {
		s = s[:i]
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 0 {
		return s, 0
	}
	return s[:i], n
}
