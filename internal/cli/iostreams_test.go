package cli

import "bytes"

// testStreams returns IOStreams on buffers, not a terminal, and the buffers: what
// the test writes to in is the input; out and errOut collect the output.
func testStreams() (ios *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = new(bytes.Buffer), new(bytes.Buffer), new(bytes.Buffer)
	return &IOStreams{In: in, Out: out, ErrOut: errOut, IsTTY: func() bool { return false }}, in, out, errOut
}
