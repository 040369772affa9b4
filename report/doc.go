// Package report will hold the wait-for graph model (nodes, edges, cycles,
// stable IDs) and its renderings. It never imports golang.org/x/tools, so the
// runtime hook can use it without paying for the analysis.
package report
