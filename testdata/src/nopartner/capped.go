package nopartner

// A summary keeps a bounded number of channel operations. Where its limit
// drops one on a channel the closure captured, the function that made the
// closure can no longer see every use of that channel, and claims nothing
// of it.

type chatterPipes struct {
	c00 chan int
	c01 chan int
	c02 chan int
	c03 chan int
	c04 chan int
	c05 chan int
	c06 chan int
	c07 chan int
	c08 chan int
	c09 chan int
	c10 chan int
	c11 chan int
	c12 chan int
	c13 chan int
	c14 chan int
	c15 chan int
	c16 chan int
	c17 chan int
	c18 chan int
	c19 chan int
	c20 chan int
	c21 chan int
	c22 chan int
	c23 chan int
	c24 chan int
	c25 chan int
	c26 chan int
	c27 chan int
	c28 chan int
	c29 chan int
	c30 chan int
	c31 chan int
	c32 chan int
	c33 chan int
	c34 chan int
	c35 chan int
	c36 chan int
	c37 chan int
	c38 chan int
	c39 chan int
	c40 chan int
	c41 chan int
	c42 chan int
	c43 chan int
	c44 chan int
	c45 chan int
	c46 chan int
	c47 chan int
	c48 chan int
	c49 chan int
}

// chatter does more channel operations than a summary keeps.
func chatter(p *chatterPipes) {
	select {
	case p.c00 <- 1:
	default:
	}
	select {
	case p.c01 <- 1:
	default:
	}
	select {
	case p.c02 <- 1:
	default:
	}
	select {
	case p.c03 <- 1:
	default:
	}
	select {
	case p.c04 <- 1:
	default:
	}
	select {
	case p.c05 <- 1:
	default:
	}
	select {
	case p.c06 <- 1:
	default:
	}
	select {
	case p.c07 <- 1:
	default:
	}
	select {
	case p.c08 <- 1:
	default:
	}
	select {
	case p.c09 <- 1:
	default:
	}
	select {
	case p.c10 <- 1:
	default:
	}
	select {
	case p.c11 <- 1:
	default:
	}
	select {
	case p.c12 <- 1:
	default:
	}
	select {
	case p.c13 <- 1:
	default:
	}
	select {
	case p.c14 <- 1:
	default:
	}
	select {
	case p.c15 <- 1:
	default:
	}
	select {
	case p.c16 <- 1:
	default:
	}
	select {
	case p.c17 <- 1:
	default:
	}
	select {
	case p.c18 <- 1:
	default:
	}
	select {
	case p.c19 <- 1:
	default:
	}
	select {
	case p.c20 <- 1:
	default:
	}
	select {
	case p.c21 <- 1:
	default:
	}
	select {
	case p.c22 <- 1:
	default:
	}
	select {
	case p.c23 <- 1:
	default:
	}
	select {
	case p.c24 <- 1:
	default:
	}
	select {
	case p.c25 <- 1:
	default:
	}
	select {
	case p.c26 <- 1:
	default:
	}
	select {
	case p.c27 <- 1:
	default:
	}
	select {
	case p.c28 <- 1:
	default:
	}
	select {
	case p.c29 <- 1:
	default:
	}
	select {
	case p.c30 <- 1:
	default:
	}
	select {
	case p.c31 <- 1:
	default:
	}
	select {
	case p.c32 <- 1:
	default:
	}
	select {
	case p.c33 <- 1:
	default:
	}
	select {
	case p.c34 <- 1:
	default:
	}
	select {
	case p.c35 <- 1:
	default:
	}
	select {
	case p.c36 <- 1:
	default:
	}
	select {
	case p.c37 <- 1:
	default:
	}
	select {
	case p.c38 <- 1:
	default:
	}
	select {
	case p.c39 <- 1:
	default:
	}
	select {
	case p.c40 <- 1:
	default:
	}
	select {
	case p.c41 <- 1:
	default:
	}
	select {
	case p.c42 <- 1:
	default:
	}
	select {
	case p.c43 <- 1:
	default:
	}
	select {
	case p.c44 <- 1:
	default:
	}
	select {
	case p.c45 <- 1:
	default:
	}
	select {
	case p.c46 <- 1:
	default:
	}
	select {
	case p.c47 <- 1:
	default:
	}
	select {
	case p.c48 <- 1:
	default:
	}
	select {
	case p.c49 <- 1:
	default:
	}
}

func runChatty(p *chatterPipes, timeout <-chan struct{}) {
	result := make(chan error)
	go func() {
		defer func() {
			result <- nil
		}()
		chatter(p)
	}()
	select {
	case <-result:
	case <-timeout:
		go func() { <-result }()
	}
}

// The twin's goroutine never sends: nothing feeds the channel, whatever
// the limit dropped.
func runChattyMute(p *chatterPipes, timeout <-chan struct{}) {
	result := make(chan error)
	go func() {
		chatter(p)
	}()
	select {
	case <-result:
	case <-timeout:
		go func() { <-result }() // want `no sender: receive from result blocks forever`
	}
}
