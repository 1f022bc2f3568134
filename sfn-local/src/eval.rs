//! What every evaluation primitive shares: the error it fails with ([`EvalError`]), the values a
//! JSONPath-mode expression can see ([`Scope`]) and the seeded random source ([`Rng`]).
//!
//! The primitives themselves live next door: [`crate::jsonpath`] (paths and `ResultPath`),
//! [`crate::template`] (payload templates), [`crate::intrinsics`] (`States.*` functions) and
//! [`crate::jsonata`] (JSONata with Step Functions' extra functions).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use serde_json::{Map, Value};

/// `States.Runtime`: an unprocessable run-time fault (a path that selects nothing, a payload
/// template value of the wrong type). AWS does not let `Catch` handle it.
pub(crate) const RUNTIME: &str = "States.Runtime";
/// `States.IntrinsicFailure`: an intrinsic function was called with arguments it rejects.
pub(crate) const INTRINSIC_FAILURE: &str = "States.IntrinsicFailure";
/// `States.QueryEvaluationError`: a JSONata expression failed or returned nothing.
pub(crate) const QUERY_EVALUATION_ERROR: &str = "States.QueryEvaluationError";
/// `States.ResultPathMatchFailure`: `ResultPath` cannot be applied to the state's input.
pub(crate) const RESULT_PATH_MATCH_FAILURE: &str = "States.ResultPathMatchFailure";

/// A failed evaluation, as AWS reports it: an error name and a cause.
///
/// The executor prefixes the cause with AWS's "An error occurred while executing the state …"
/// sentence; the primitives only say what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EvalError {
    /// The AWS error name, e.g. `States.Runtime` (see the constants in this module).
    pub(crate) error: String,
    /// What went wrong, in AWS's wording where it is known.
    pub(crate) cause: String,
}

impl EvalError {
    /// An error named `error` with the given cause.
    pub(crate) fn new(error: &str, cause: impl Into<String>) -> Self {
        EvalError {
            error: error.to_owned(),
            cause: cause.into(),
        }
    }

    /// A `States.Runtime` error.
    pub(crate) fn runtime(cause: impl Into<String>) -> Self {
        Self::new(RUNTIME, cause)
    }

    /// A `States.IntrinsicFailure` error.
    pub(crate) fn intrinsic(cause: impl Into<String>) -> Self {
        Self::new(INTRINSIC_FAILURE, cause)
    }

    /// A `States.QueryEvaluationError` error.
    pub(crate) fn query(cause: impl Into<String>) -> Self {
        Self::new(QUERY_EVALUATION_ERROR, cause)
    }

    /// A `States.ResultPathMatchFailure` error.
    pub(crate) fn result_path(cause: impl Into<String>) -> Self {
        Self::new(RESULT_PATH_MATCH_FAILURE, cause)
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

impl std::error::Error for EvalError {}

/// What a JSONPath-mode expression can read: `$…` is `input`, `$$…` is `context` and `$name…`
/// is the variable `name`.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    /// The value `$` stands for (the effective input, or the result for `ResultSelector`).
    pub(crate) input: &'a Value,
    /// The Context Object, read with `$$`.
    pub(crate) context: &'a Value,
    /// The variables visible to the state, read with `$name`.
    pub(crate) variables: &'a Map<String, Value>,
    /// The random source for `States.MathRandom` and `States.UUID`.
    pub(crate) rng: &'a RefCell<Rng>,
}

/// A small seeded pseudo-random generator, so an execution that draws random numbers
/// (`States.MathRandom`, `States.UUID`, `$random()`, `$uuid()`, retry jitter) is repeatable.
///
/// Not cryptographic; neither is AWS's `MathRandom`.
#[derive(Clone, Debug)]
pub(crate) struct Rng(fastrand::Rng);

impl Rng {
    /// A generator whose sequence is fixed by `seed`.
    pub(crate) fn seeded(seed: u64) -> Self {
        Rng(fastrand::Rng::with_seed(seed))
    }

    /// A uniformly distributed `u64`.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0.u64(..)
    }

    /// A uniformly distributed float in `[0, 1)`.
    pub(crate) fn next_f64(&mut self) -> f64 {
        self.0.f64()
    }

    /// A uniformly distributed integer in `start..=end` (`start <= end`).
    pub(crate) fn int_inclusive(&mut self, start: i64, end: i64) -> i64 {
        self.0.i64(start..=end)
    }

    /// 16 random bytes, e.g. for a version 4 UUID.
    pub(crate) fn bytes16(&mut self) -> [u8; 16] {
        let mut bytes = [0u8; 16];
        self.0.fill(&mut bytes);
        bytes
    }

    /// A random version 4 UUID in its hyphenated lowercase form.
    pub(crate) fn uuid_v4(&mut self) -> String {
        uuid::Builder::from_random_bytes(self.bytes16())
            .into_uuid()
            .hyphenated()
            .to_string()
    }
}

/// Parsed expressions by their text, so a path, intrinsic call or JSONata expression evaluated
/// in a loop is parsed once. Meant for a `thread_local!`; it forgets everything once it holds
/// `limit` entries, which bounds its memory whatever the workload.
pub(crate) struct ParseCache<T> {
    entries: RefCell<HashMap<Box<str>, Rc<T>>>,
    limit: usize,
}

impl<T> ParseCache<T> {
    /// An empty cache holding at most `limit` entries.
    pub(crate) fn new(limit: usize) -> Self {
        ParseCache {
            entries: RefCell::new(HashMap::new()),
            limit,
        }
    }

    /// The parse of `text`, from the cache or from `parse` (whose errors are not cached).
    pub(crate) fn get_or_parse<E>(
        &self,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Rc<T>, E> {
        if let Some(hit) = self.entries.borrow().get(text) {
            return Ok(Rc::clone(hit));
        }
        let parsed = Rc::new(parse(text)?);
        let mut entries = self.entries.borrow_mut();
        if entries.len() >= self.limit {
            entries.clear();
        }
        entries.insert(text.into(), Rc::clone(&parsed));
        Ok(parsed)
    }
}

/// Objects with at most this many keys are searched by comparing keys rather than by hashing.
const SMALL_OBJECT: usize = 8;

/// `map[key]`. A small object is searched by comparing keys, which costs less than hashing the
/// key (serde_json's map hashes with SipHash) for the handful of keys a state's input has.
pub(crate) fn get<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if map.len() <= SMALL_OBJECT {
        return map.iter().find(|(k, _)| same_key(k, key)).map(|(_, v)| v);
    }
    map.get(key)
}

/// `map[key]`, mutably; small objects are searched as in [`get`].
pub(crate) fn get_mut<'a>(map: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Value> {
    if map.len() <= SMALL_OBJECT {
        return map
            .iter_mut()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v);
    }
    map.get_mut(key)
}

/// `a == b` for object keys, compared inline: keys are short, and a call to the C library's
/// `memcmp` costs more than comparing their few bytes (keys of different lengths are never
/// compared byte by byte).
#[inline]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Compact JSON text of `value`, as AWS quotes inputs in its causes.
pub(crate) fn compact(value: &Value) -> String {
    // Serializing a `Value` into a `String` cannot fail: every key is a string.
    serde_json::to_string(value).unwrap_or_default()
}

/// Parses JSON text as AWS's Java parser reads it: like `serde_json`, except that `-0` is the
/// integer `0` (serde_json keeps it as the float `-0.0`). AWS-recorded:
/// `States.StringToJson("-0")` and `$parse("-0")` give `0`.
pub(crate) fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    let mut value: Value = serde_json::from_str(text)?;
    fix_negative_zero(&mut value);
    Ok(value)
}

fn fix_negative_zero(value: &mut Value) {
    match value {
        Value::Number(n)
            if n.is_f64() && n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) =>
        {
            *value = Value::from(0);
        }
        Value::Array(items) => items.iter_mut().for_each(fix_negative_zero),
        Value::Object(map) => map.values_mut().for_each(fix_negative_zero),
        _ => {}
    }
}

#[cfg(test)]
mod recorded;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_sequence() {
        let mut a = Rng::seeded(7);
        let mut b = Rng::seeded(7);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::seeded(8).next_u64(), xs[0]);
    }

    #[test]
    fn int_inclusive_stays_in_bounds() {
        let mut rng = Rng::seeded(1);
        for _ in 0..200 {
            let n = rng.int_inclusive(3, 5);
            assert!((3..=5).contains(&n));
        }
    }

    #[test]
    fn parse_cache_parses_once_and_stays_bounded() {
        let cache = ParseCache::new(2);
        let calls = std::cell::Cell::new(0);
        let parse = |text: &str| {
            calls.set(calls.get() + 1);
            Ok::<_, ()>(text.len())
        };
        assert_eq!(*cache.get_or_parse("abc", parse).unwrap(), 3);
        assert_eq!(*cache.get_or_parse("abc", parse).unwrap(), 3);
        assert_eq!(calls.get(), 1);
        cache.get_or_parse("d", parse).unwrap();
        cache.get_or_parse("ef", parse).unwrap();
        assert!(cache.entries.borrow().len() <= 2);
    }

    #[test]
    fn parse_cache_does_not_keep_errors() {
        let cache: ParseCache<usize> = ParseCache::new(4);
        assert!(cache.get_or_parse("x", |_| Err("bad")).is_err());
        assert_eq!(
            *cache.get_or_parse("x", |t| Ok::<_, &str>(t.len())).unwrap(),
            1
        );
    }

    #[test]
    fn same_key_is_string_equality() {
        for (a, b) in [
            ("", ""),
            ("tag", "tag"),
            ("tag", "tab"),
            ("tag", "tags"),
            ("é", "e\u{301}"),
        ] {
            assert_eq!(same_key(a, b), a == b, "{a:?} {b:?}");
        }
        let long = "k".repeat(40);
        assert!(same_key(&long, &long.clone()));
        assert!(!same_key(&long, &format!("{}j", &long[1..])));
    }

    #[test]
    fn error_displays_name_and_cause() {
        let e = EvalError::runtime("boom");
        assert_eq!(e.to_string(), "States.Runtime: boom");
    }
}
