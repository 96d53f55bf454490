"""Events: the vocabulary ACLED coding uses and the rule that two mentions are the same event."""
