package doctor

// AssertNoSecrets is assertNoSecrets, for the tests of package doctor_test.
var AssertNoSecrets = assertNoSecrets
