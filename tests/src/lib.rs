//! Cross-crate integration tests for sfn live in `tests/`; this library locates the shared data
//! they read in place.
#![forbid(unsafe_code)]

use std::path::PathBuf;

/// The shared conformance corpus (`../shared/conformance` from the repository root, or
/// `$SFN_CONFORMANCE_DIR`).
///
/// Returns `None` (and says so on stderr) when the corpus is absent, as in a user's own clone, so
/// the calling test can skip. Under CI (`CI` set) a missing corpus is a failure instead.
pub fn conformance_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SFN_CONFORMANCE_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance"),
        PathBuf::from,
    );
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the shared conformance corpus is missing at {} and CI is set: it must be there",
        dir.display()
    );
    eprintln!(
        "skipping: the shared conformance corpus is not at {}",
        dir.display()
    );
    None
}

/// The shared peers folder (`../shared/peers`): the workload generator and peer benchmarks.
pub fn peers_dir() -> Option<PathBuf> {
    conformance_dir()
        .map(|c| c.join("../peers"))
        .filter(|p| p.is_dir())
}

/// xorshift64*: a tiny deterministic PRNG for the fuzz-style tests, so a failure names a
/// reproducible case (no dependency needed for test inputs).
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        // The modulo keeps the value below `n`, which is a usize.
        (self.next_u64() % n as u64) as usize
    }
}
