package netsuite

// SafeToRepeat reports whether an Update or Upsert of body with opts has
// the effect of one when it is sent twice: true unless the body has a
// sublist whose lines it adds rather than replaces (a sublist that
// ModeReplace does not name). NetSuite adds the lines of non-keyed
// sublists again on a second write (RecordsService.Update). A body that
// does not encode as JSON is not safe.
//
// A create is never safe to repeat without an external ID or an
// idempotency key; a delete always is.
func SafeToRepeat(body Record, opts *WriteOptions) bool {
	payload, err := normalize(body)
	if err != nil {
		return false
	}
	if opts == nil || opts.Mode != ModeReplace {
		return len(sublists(payload)) == 0
	}
	replace := opts.Replace
	if len(replace) == 0 {
		return true // ModeReplace replaces every sublist in the body
	}
	return !addsLines(payload, replace)
}
