//go:build windows

package buildtags

func (w *watcher) loop() {
	defer w.wg.Done()
	close(w.ready)
	for s := range w.events {
		_ = s
	}
}
