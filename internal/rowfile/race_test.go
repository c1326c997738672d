//go:build race

package rowfile

// raceEnabled: the race detector runs the memory test about ten times
// slower, so it reads fewer rows.
const raceEnabled = true
