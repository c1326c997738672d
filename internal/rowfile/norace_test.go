//go:build !race

package rowfile

const raceEnabled = false
