package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes g in its documented JSON form (see docs/graph-schema.md),
// indented, with a trailing newline.
func WriteJSON(w io.Writer, g *Graph) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(g)
}

// ReadJSON reads a graph written by WriteJSON. A graph of a newer schema
// version than this reader knows is an error, not a silent misreading.
func ReadJSON(r io.Reader) (*Graph, error) {
	var g Graph
	dec := json.NewDecoder(r)
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("reading wait-for graph: %v", err)
	}
	if g.Version == 0 || g.Version > SchemaVersion {
		return nil, fmt.Errorf("reading wait-for graph: schema version %d, this reader knows 1..%d", g.Version, SchemaVersion)
	}
	return &g, nil
}
