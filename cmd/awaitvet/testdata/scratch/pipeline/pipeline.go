package pipeline

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

func Lines(r io.Reader) <-chan string {
	out := make(chan string)
	go func() {
		s := bufio.NewScanner(r)
		for s.Scan() {
			out <- s.Text()
		}
	}()
	return out
}

func Upper(in <-chan string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for l := range in {
			out <- strings.ToUpper(l)
		}
	}()
	return out
}

func Print() {
	for l := range Upper(Lines(os.Stdin)) {
		fmt.Println(l)
	}
}

func Pipe() {
	pr, pw := io.Pipe()
	go func() {
		fmt.Fprintln(pw, "hello")
		pw.Close()
	}()
	io.Copy(os.Stdout, pr)
}
