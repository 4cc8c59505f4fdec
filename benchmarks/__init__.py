"""Benchmarks and the load test, run by hand: python -m benchmarks.bench (docs/performance.md)."""
