"""Contradicting claims: within one article (`within`) and across articles about one fused event (`across`)."""
