package client

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

type Client struct {
	mu  sync.Mutex
	hc  *http.Client
	res map[string]int
}

func (c *Client) Fetch(urls []string) map[string]int {
	var wg sync.WaitGroup
	results := make(chan [2]interface{})
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			resp, err := c.hc.Get(u)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			var v int
			json.NewDecoder(resp.Body).Decode(&v)
			results <- [2]interface{}{u, v}
		}(u)
	}
	wg.Wait()
	close(results)
	c.mu.Lock()
	defer c.mu.Unlock()
	for r := range results {
		c.res[r[0].(string)] = r[1].(int)
	}
	return c.res
}

func (c *Client) Poll(stop chan struct{}) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-t.C:
			c.mu.Lock()
			c.hc.Get("http://example.com")
			c.mu.Unlock()
		case <-stop:
			return
		}
	}
}
