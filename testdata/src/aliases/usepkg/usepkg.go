// Package usepkg: Bad reads through a Reader of the Store it holds locked;
// Good through a Reader of another Store.
package usepkg

import "aliases/storepkg"

func Bad(s *storepkg.Store) int {
	s.Lock()
	defer s.Unlock()
	return storepkg.NewReader(s).Count() // want `double lock: \(\*storepkg\.Store\)\.mu acquired while already held`
}

func Good(s, other *storepkg.Store) int {
	s.Lock()
	defer s.Unlock()
	return storepkg.NewReader(other).Count()
}
