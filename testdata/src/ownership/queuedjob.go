package ownership

import "sync"

// An object handed to a helper that queues it, inside a job struct, for a
// worker goroutine is published by that call: the worker may lock it from
// then on, so a lock order taken on it afterwards is a real order between
// two goroutines. The twin's helper only names the object in a job it
// keeps to itself: the object stays the function's own.

type Task1 struct {
	mu   sync.Mutex
	done bool
}

type Board1 struct {
	mu    sync.Mutex
	tasks []*Task1
}

type job1 struct {
	name string
	t    *Task1
}

type Runner1 struct {
	board *Board1
	jobs  chan job1
}

// work takes a queued task's lock, then the board's.
func (r *Runner1) work() {
	for j := range r.jobs {
		j.t.mu.Lock()
		r.board.mu.Lock()
		j.t.done = true
		r.board.mu.Unlock()
		j.t.mu.Unlock()
	}
}

func (r *Runner1) enqueue(t *Task1) { r.jobs <- job1{name: "t", t: t} }

// Add queues a new task, then takes the board's lock and the task's: the
// worker may already hold the task's and wait for the board's.
func (r *Runner1) Add() {
	t := &Task1{}
	r.enqueue(t)
	r.board.mu.Lock()
	defer r.board.mu.Unlock()
	t.mu.Lock() // want `lock-order cycle: \(\*Task1\)\.mu acquired while holding \(\*Board1\)\.mu`
	r.board.tasks = append(r.board.tasks, t)
	t.mu.Unlock()
}

type Task2 struct {
	mu   sync.Mutex
	done bool
}

type Board2 struct {
	mu    sync.Mutex
	tasks []*Task2
}

type job2 struct {
	name string
	t    *Task2
}

type Runner2 struct {
	board *Board2
	jobs  chan job2
}

func (r *Runner2) work() {
	for j := range r.jobs {
		j.t.mu.Lock()
		r.board.mu.Lock()
		j.t.done = true
		r.board.mu.Unlock()
		j.t.mu.Unlock()
	}
}

// describe builds a job around t and lets only its name out.
func (r *Runner2) describe(t *Task2) string {
	j := job2{name: "t", t: t}
	return j.name
}

// Add's task is its own until it is stored on the board.
func (r *Runner2) Add() string {
	t := &Task2{}
	name := r.describe(t)
	r.board.mu.Lock()
	defer r.board.mu.Unlock()
	t.mu.Lock()
	r.board.tasks = append(r.board.tasks, t)
	t.mu.Unlock()
	return name
}
