package hook

import (
	"net/http"
)

// Handler serves the wait chains of the running program: text by default,
// the live wait-for graph in Graphviz's language with ?format=dot, and in
// awaitvet's JSON schema with ?format=json. ?leak=0 skips the goroutineleak
// profile's garbage collection. Mount it next to net/http/pprof:
//
//	http.Handle("/debug/awaitvet", hook.Handler(hook.WithGraphFile("waits.json")))
//
// It reads WithGraph*, $AWAITVET_GRAPH, IgnoreFunc and NoLeakProfile.
func Handler(opts ...Option) http.Handler {
	c := newConfig(opts)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		q := req.URL.Query()
		format := q.Get("format")
		switch format {
		case "", "text", "dot", "json":
		default:
			http.Error(w, "unknown format "+format+": want text, dot or json", http.StatusBadRequest)
			return
		}
		r := c.analyze(Take(!c.noLeakGC && q.Get("leak") != "0"))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		switch format {
		case "dot":
			w.Header().Set("Content-Type", "text/vnd.graphviz; charset=utf-8")
			r.WriteDOT(w)
		case "json":
			w.Header().Set("Content-Type", "application/json")
			r.WriteJSON(w)
		default:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			r.WriteText(w)
		}
	})
}
