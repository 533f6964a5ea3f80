"""Tests (a package, so that `tests.…` is ours: pywb's wheel installs a top-level `tests`)."""
