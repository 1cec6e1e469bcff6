"""The build machinery: what makes a build fast and safe, kept apart from what it builds.

- `cores`: work on every core (`map_batches`, `iter_batches`, `map_stream`, `start_pool`), one call in a
  forked process while the build goes on (`ForkedCall`; `FedCall`: forked early, its input sent
  later through a pipe), the garbage collector
  kept out of the way of loading (`long_lived`), freed memory handed back to the system (`give_back`);
- `fingerprints`: content hashes (blake2b) of what an output is made from;
- `folders`: the site folder's staging, lock and swap (`Staging`), the record of what a build
  put there (`SiteRecord`), the previous build's files kept as hard links (`keep`) or, at publish,
  its unchanged entry folders carried over (`carry_over`), and a cache
  file written whole, in place at once (`write_whole`); an output file written in three system calls
  (`write_file`).

The build (`generator.build`) drives it. A domain module that must use it imports one or two of
these names and nothing else (ARCHITECTURE.md, "Layers"). Settings a test may change
(`cores.PARALLEL_FROM`, `folders.LOCK_WAIT`) are read from their modules.
"""

from .cores import (
    FedCall,
    ForkedCall,
    ForkedError,
    give_back,
    iter_batches,
    long_lived,
    map_batches,
    map_stream,
    start_pool,
    workers,
)
from .cores import worth_sharing as worth_sharing
from .fingerprints import digest, files_digest, hasher
from .folders import PublishError, SiteRecord, Staging, carry_over, keep, write_file, write_whole

__all__ = ["FedCall", "ForkedCall", "ForkedError", "PublishError",
           "SiteRecord", "Staging", "carry_over", "digest", "files_digest", "give_back", "hasher", "iter_batches", "keep",
           "long_lived", "map_batches",
           "map_stream", "start_pool", "workers", "worth_sharing", "write_file", "write_whole"]
