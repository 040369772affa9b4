package hook_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/hook"
	"github.com/awaitvet/awaitvet/report"
)

func TestHandler(t *testing.T) {
	t.Parallel()
	name := unique(t)
	labelled(name, func() { go recvNil() })
	r := settle(t, name, 1)
	id := chainIn(t, r, "recvNil").G.ID

	mux := http.NewServeMux()
	mux.Handle("/debug/awaitvet", hook.Handler(hook.NoLeakProfile()))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	get := func(query string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + "/debug/awaitvet" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}

	resp, body := get("")
	if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || !strings.HasPrefix(body, "awaitvet hook: ") {
		t.Errorf("text: %s\n%s", ct, body)
	}
	if !mentions(body, id, "chan receive (nil chan)]: leak: chan receive on a nil channel: nothing can ever release it") {
		t.Errorf("text lacks goroutine %d:\n%s", id, body)
	}

	resp, body = get("?format=dot")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/vnd.graphviz") || !strings.HasPrefix(body, "digraph") || !strings.Contains(body, ` hook_test.recvNil`) {
		t.Errorf("dot: %s\n%s", ct, body)
	}

	resp, body = get("?format=json&leak=0")
	g, err := report.ReadJSON(strings.NewReader(body))
	if resp.Header.Get("Content-Type") != "application/json" || err != nil {
		t.Fatalf("json: %v\n%s", err, body)
	}
	// Folded with the other tests' nil receives, perhaps: one node.
	found := false
	for _, n := range g.Nodes {
		found = found || n.Kind == report.Goroutine && n.Finding && strings.Contains(n.Name, "hook_test.recvNil")
	}
	if !found {
		t.Errorf("no goroutine node for recvNil in %+v", g.Nodes)
	}

	if resp, _ := get("?format=xml"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown format: status %d", resp.StatusCode)
	}
}
