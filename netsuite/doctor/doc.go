// Package doctor checks a NetSuite connection step by step and says which
// setup step is wrong, in words, with the place in NetSuite's UI to fix it.
//
//	report := doctor.Run(ctx, doctor.Config{
//		AccountID:   "1234567_SB1",
//		Credentials: creds, // as written: a pasted space is found, not trimmed
//		Timezone:    "America/Los_Angeles",
//		Records:     []string{"customer", "salesOrder"},
//	})
//	for _, c := range report.Checks {
//		fmt.Printf("%-4s %s: %s\n", c.Status, c.Title, c.Reason)
//	}
//	if report.Status() == doctor.Fail { ... }
//
// # The checks, in order
//
// The settings as written: every field present, the account ID in
// NetSuite's form (its realm and hosts shown), each key and secret in
// NetSuite's form (64 hexadecimal characters; a space, line break or
// control character named), a base URL that serves the account. The signer
// against Oracle's published example. The network: DNS (a host that does
// not exist means no account has the ID), the connection, TLS. The login
// (GET serverTime, which needs no permission). This machine's clock against
// NetSuite's: warn past a minute, fail past five (NetSuite's window). The
// role's permissions, with reads only: a page of each record type in
// Config.Records, a SuiteQL query (SuiteAnalytics Workbook), the metadata
// catalog; writes are not checked, since NetSuite cannot check one without
// making it. The concurrency limit, which NetSuite shows administrators
// only. The account's time zone against the connection's, by their offsets
// from UTC now, through SuiteQL.
//
// Each Check has a Status (ok, warn, fail, skip), a Step (this machine, or
// one of the five steps of Oracle's "Getting Started with Token-based
// Authentication"), a Reason and a Fix. A check that cannot run because an
// earlier one failed is skipped, saying why. The package never names a
// program to run: callers add their own hints.
//
// # A refused login
//
// NetSuite answers every refused token login with the same 401
// INVALID_LOGIN; the reason is only in the account's Login Audit Trail. The
// doctor names a cause (Check.Cause) only when it knows it:
//
//   - read from an AuditTrail (the nsconnect emulator has one;
//     EmulatorAuditTrail);
//   - measured: a clock more than 5 minutes off NetSuite's Date header;
//   - proven: the same credentials log in to the account whose ID differs
//     only in the sandbox suffix (a sandbox's ID used for production, or the
//     reverse).
//
// Otherwise Check.Candidates lists the possible reasons, most likely first,
// each with the evidence for its place: settings out of NetSuite's form,
// which setting changed since NetSuite last accepted them (Config.LastLogin,
// kept by the caller from Report.Login), and how often each cause is
// reported. Check.RuledOut lists what measurement excludes. A Candidate
// claims no certainty it does not have.
//
// Run sends at most one refused login to the account, and one to the
// sibling account (whose tokens are not this account's, so it counts toward
// no lockout): five refused logins in a row lock the user for 30 minutes.
package doctor
