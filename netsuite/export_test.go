package netsuite

// SetSuiteQLCap lowers the cap Rows pages by offset up to, so that a test
// reaches it with a few hundred rows, and returns the function that puts
// it back. Tests that call it must not run in parallel with other Rows
// tests.
func SetSuiteQLCap(n int) (restore func()) {
	old := suiteQLCap
	suiteQLCap = n
	return func() { suiteQLCap = old }
}
