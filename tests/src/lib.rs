//! Cross-crate integration tests for sfn live in `tests/`; this library only locates shared data.
