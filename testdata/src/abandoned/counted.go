package abandoned

import "errors"

// Selects run a counted number of turns (countedselect.go): every value is
// taken when the senders send no more in all than the loop has turns and
// no turn is skipped or cut short.

func produce(n int) int { return n }

// goodBothInTurns receives twice from a select over the two channels two
// goroutines send on once each: a turn that takes one leaves the other
// for the next, so both values are taken.
func goodBothInTurns() (int, int) {
	a, b := make(chan int), make(chan int)
	go func() { a <- produce(1) }()
	go func() { b <- produce(2) }()
	var x, y int
	for range 2 {
		select {
		case x = <-a:
		case y = <-b:
		}
	}
	return x, y
}

// goodWorkersInTurns starts three workers in a counted loop and takes three
// results, each from whichever channel has one.
func goodWorkersInTurns() (sum int, err error) {
	res, errc := make(chan int), make(chan error)
	for i := 0; i < 3; i++ {
		go func() {
			if v := produce(i); v >= 0 {
				res <- v
			} else {
				errc <- errors.New("negative")
			}
		}()
	}
	for i := 0; i < 3; i++ {
		select {
		case v := <-res:
			sum += v
		case e := <-errc:
			err = e
		}
	}
	return sum, err
}

// badMoreThanTurns takes two values of three: one sender is left behind.
func badMoreThanTurns() int {
	a, b := make(chan int), make(chan int)
	go func() { a <- produce(1) }() // want `goroutine leak: send on a blocks forever`
	go func() { a <- produce(2) }()
	go func() { b <- produce(3) }() // want `goroutine leak: send on b blocks forever`
	n := 0
	for range 2 {
		select {
		case v := <-a:
			n += v
		case v := <-b:
			n += v
		}
	}
	return n
}

// badFirstError returns on the first error: the other workers' sends are
// never taken.
func badFirstError() error {
	res, errc := make(chan int), make(chan error)
	go func() { res <- produce(1) }()           // want `goroutine leak: send on res blocks forever`
	go func() { errc <- errors.New("first") }() // want `goroutine leak: send on errc blocks forever`
	go func() { errc <- errors.New("second") }()
	for range 3 {
		select {
		case <-res:
		case err := <-errc:
			return err
		}
	}
	return nil
}

// badSkippedTurns selects only on even turns: two turns take one value of
// two.
func badSkippedTurns() int {
	a, b := make(chan int), make(chan int)
	go func() { a <- produce(1) }() // want `goroutine leak: send on a blocks forever`
	go func() { b <- produce(2) }() // want `goroutine leak: send on b blocks forever`
	n := 0
	for i := range 2 {
		if i%2 == 0 {
			select {
			case v := <-a:
				n += v
			case v := <-b:
				n += v
			}
		}
	}
	return n
}

// goodOnePerAddr starts one prober per address and takes one result per
// address: two ranges over one slice have as many turns.
func goodOnePerAddr(addrs []string) (names []string, errs []error) {
	up, down := make(chan string), make(chan error)
	for _, a := range addrs {
		go func() {
			if len(a) == 0 {
				down <- errors.New("empty")
				return
			}
			up <- a
		}()
	}
	for range addrs {
		select {
		case n := <-up:
			names = append(names, n)
		case err := <-down:
			errs = append(errs, err)
		}
	}
	return names, errs
}

// badOnePerOtherAddr takes one result per address of another slice, which
// may be shorter.
func badOnePerOtherAddr(addrs, want []string) (names []string, errs []error) {
	up, down := make(chan string), make(chan error)
	for _, a := range addrs {
		go func() { // want `goroutine leak: send on down blocks forever` `goroutine leak: send on up blocks forever`
			if len(a) == 0 {
				down <- errors.New("empty")
				return
			}
			up <- a
		}()
	}
	for range want {
		select {
		case n := <-up:
			names = append(names, n)
		case err := <-down:
			errs = append(errs, err)
		}
	}
	return names, errs
}

// goodCountedStarts counts the probers it starts (some addresses are
// skipped) and takes that many results.
func goodCountedStarts(addrs []string) (names []string, errs []error) {
	up, down := make(chan string), make(chan error)
	started := 0
	for _, a := range addrs {
		if a == "-" {
			continue
		}
		started++
		go func() {
			if len(a) == 0 {
				down <- errors.New("empty")
				return
			}
			up <- a
		}()
	}
	for i := 0; i < started; i++ {
		select {
		case n := <-up:
			names = append(names, n)
		case err := <-down:
			errs = append(errs, err)
		}
	}
	return names, errs
}

// badCountedSome counts only some of the probers it starts.
func badCountedSome(addrs []string) (names []string, errs []error) {
	up, down := make(chan string), make(chan error)
	started := 0
	for _, a := range addrs {
		if a != "-" {
			started++
		}
		go func() { // want `goroutine leak: send on down blocks forever` `goroutine leak: send on up blocks forever`
			if len(a) == 0 {
				down <- errors.New("empty")
				return
			}
			up <- a
		}()
	}
	for i := 0; i < started; i++ {
		select {
		case n := <-up:
			names = append(names, n)
		case err := <-down:
			errs = append(errs, err)
		}
	}
	return names, errs
}
