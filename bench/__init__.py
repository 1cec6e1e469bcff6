"""Benchmark tooling: a deterministic synthetic corpus (`bench.corpus`) and the benchmark runner."""
