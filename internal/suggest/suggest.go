// Package suggest finds the word a user probably meant: the "did you mean"
// of error messages about field names, record types and config keys.
package suggest

import "strings"

// Closest returns the candidate nearest to s by edit distance, ignoring
// case, when it is near enough to be a likely typo: within a third of s's
// length plus one edit. It returns "" when none is.
func Closest(s string, candidates []string) string {
	best, bestDist := "", len(s)/3+2
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if d := distance(ls, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b, capped at 64 so that a
// long pasted value costs little.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
