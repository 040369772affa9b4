package server

import (
	"io"
	"net"
	"net/http"
	"sync"

	"example.com/scratch/cache"
)

type Server struct {
	mu    sync.Mutex
	conns map[net.Conn]bool
	c     *cache.Cache
	done  chan struct{}
}

func New(c *cache.Cache) *Server {
	return &Server{conns: make(map[net.Conn]bool), c: c, done: make(chan struct{})}
}

func (s *Server) Serve(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		s.mu.Lock()
		s.conns[conn] = true
		s.mu.Unlock()
		go s.handle(conn)
	}
}

func (s *Server) handle(c io.ReadWriteCloser) {
	defer c.Close()
	buf := make([]byte, 512)
	n, _ := c.Read(buf)
	s.c.Put(string(buf[:n]), n)
	c.Write(buf[:n])
}

func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.Close()
	}
	<-s.done
}

func (s *Server) HTTP(addr string) error {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	})
	return http.ListenAndServe(addr, nil)
}
