package hook

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"sync"
)

// When the static graph does not name what a goroutine waits on, the
// source line often does: "h.mu.Lock()", "h.events <- ev", "<-answers".
// The hook reads the line from the file the dump names, when the program
// runs where it was built; otherwise the resource stays "what file:line
// waits on". Files are read once and kept.

var (
	sourceMu    sync.Mutex
	sourceLines = make(map[string][]string)
)

// maxSource bounds what is read of one file.
const maxSource = 4 << 20

// fileLines returns the lines of a source file, nil when it cannot be read.
func fileLines(file string) []string {
	sourceMu.Lock()
	defer sourceMu.Unlock()
	lines, ok := sourceLines[file]
	if !ok {
		if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() && st.Size() <= maxSource {
			if data, err := os.ReadFile(file); err == nil {
				lines = strings.Split(string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))), "\n")
			}
		}
		sourceLines[file] = lines
	}
	return lines
}

func sourceLine(file string, line int) string {
	lines := fileLines(file)
	if line < 1 || line > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[line-1])
}

const operand = `([A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:\.[A-Za-z_]\w*)*)`

// operandOf holds, per operation, the pattern of its operand; compiled at
// first use, so that importing the package costs nothing.
var operandOf = sync.OnceValue(func() map[string]*regexp.Regexp {
	return map[string]*regexp.Regexp{
		"lock":  regexp.MustCompile(operand + `\.(?:Lock|TryLock)\(\)`),
		"rlock": regexp.MustCompile(operand + `\.(?:RLock|TryRLock)\(\)`),
		"wait":  regexp.MustCompile(operand + `\.Wait\(\)`),
		"send":  regexp.MustCompile(operand + `\s*<-`),
		"recv":  regexp.MustCompile(`<-\s*` + operand),
		"range": regexp.MustCompile(`range\s+` + operand),
	}
})

// operandAt names the expression the operation at f works on, or "".
func operandAt(f Frame, op string) string {
	re := operandOf()[op]
	if re == nil || f.File == "" {
		return ""
	}
	text := sourceLine(f.File, f.Line)
	if i := strings.Index(text, "//"); i >= 0 {
		text = text[:i]
	}
	if op == "recv" && strings.HasPrefix(text, "for ") && strings.Contains(text, "range ") {
		re = operandOf()["range"]
	}
	m := re.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return m[1]
}

// blockEnd finds the line of the brace that closes the block opened on
// line start (a select statement), from the source; 0 when the source
// cannot be read. Braces in strings, runes and comments do not count.
func blockEnd(file string, start int) int {
	lines := fileLines(file)
	depth, opened := 0, false
	inComment := false
	for l := start; l >= 1 && l <= len(lines) && l < start+1000; l++ {
		text := lines[l-1]
		for i := 0; i < len(text); i++ {
			c := text[i]
			switch {
			case inComment:
				if c == '*' && i+1 < len(text) && text[i+1] == '/' {
					inComment = false
					i++
				}
			case c == '/' && i+1 < len(text) && text[i+1] == '/':
				i = len(text)
			case c == '/' && i+1 < len(text) && text[i+1] == '*':
				inComment = true
				i++
			case c == '"' || c == '\'' || c == '`':
				for i++; i < len(text) && text[i] != c; i++ {
					if text[i] == '\\' && c != '`' {
						i++
					}
				}
			case c == '{':
				depth++
				opened = true
			case c == '}':
				depth--
				if opened && depth == 0 {
					return l
				}
			}
		}
	}
	return 0
}
