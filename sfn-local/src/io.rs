//! The executor's side of input/output processing: `ResultPath` compiled once and merged in
//! place, so a state's raw input is never copied to receive its result.

use serde_json::{Map, Value};
use sfn_asl::PathOrNull;
use sfn_asl::path::{Root, Segment, Selector};

use crate::execution::Failure;
use crate::{eval, jsonpath};

/// A `ResultPath`, ready to apply.
#[derive(Debug, Clone)]
pub(crate) enum ResultSpec {
    /// Absent or `$`: the result replaces the input.
    Replace,
    /// `null`: the input is kept, the result discarded.
    Discard,
    /// A reference path into the input.
    Merge {
        /// The path as written, for errors.
        text: String,
        /// Its steps.
        steps: Vec<Step>,
        /// How much a merge can add to the input's size estimate besides the result's: a new
        /// key and an object to hold it for every name step.
        growth: usize,
    },
}

/// One step of a reference path.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    Name(String),
    Index(usize),
}

impl ResultSpec {
    /// Compiles a `ResultPath`; `Err` says why it is not a reference path on the input.
    pub(crate) fn compile(path: Option<&PathOrNull>) -> Result<ResultSpec, String> {
        let text = match path {
            None => return Ok(ResultSpec::Replace),
            Some(PathOrNull::Null) => return Ok(ResultSpec::Discard),
            Some(PathOrNull::Path(p)) if p == "$" => return Ok(ResultSpec::Replace),
            Some(PathOrNull::Path(p)) => p,
        };
        let parsed = sfn_asl::path::parse_reference(text).map_err(|e| e.to_string())?;
        if parsed.root != Root::Input {
            return Err("a ResultPath must be a reference path on the input".into());
        }
        let steps = parsed
            .segments
            .into_iter()
            .map(|segment| match segment {
                Segment::Child(Selector::Name(name)) => Ok(Step::Name(name)),
                Segment::Child(Selector::Index(i)) => usize::try_from(i)
                    .map(Step::Index)
                    .map_err(|_| "a negative index is not a reference path".to_owned()),
                _ => Err("a ResultPath must be a reference path".to_owned()),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let growth = steps
            .iter()
            .map(|step| match step {
                Step::Name(name) => name.len() * 6 + 4 + 2,
                Step::Index(_) => 0,
            })
            .sum();
        Ok(ResultSpec::Merge {
            text: text.clone(),
            steps,
            growth,
        })
    }

    /// Puts `result` into `raw` as the `ResultPath` says, in place: `raw` becomes the combined
    /// value (a state's raw input is never copied to receive its result). On failure `raw` is
    /// unchanged, so a Catch can still use it.
    #[inline]
    pub(crate) fn apply_in_place(&self, raw: &mut Value, result: Value) -> Result<(), Failure> {
        match self {
            ResultSpec::Replace => {
                *raw = result;
                Ok(())
            }
            ResultSpec::Discard => Ok(()),
            ResultSpec::Merge { steps, .. } => {
                // The usual case, one name into an object (`$.result`): a single search, no
                // walk beforehand (nothing can fail once `raw` is known to be an object).
                if let ([Step::Name(name)], Value::Object(map)) = (steps.as_slice(), &mut *raw) {
                    match eval::get_mut(map, name) {
                        Some(slot) => *slot = result,
                        None => {
                            map.insert(name.clone(), result);
                        }
                    }
                    return Ok(());
                }
                self.merge(raw, result)
            }
        }
    }

    /// [`apply_in_place`](Self::apply_in_place) for any reference path, kept out of line.
    #[inline(never)]
    fn merge(&self, raw: &mut Value, result: Value) -> Result<(), Failure> {
        match self {
            ResultSpec::Replace | ResultSpec::Discard => self.apply_in_place(raw, result),
            ResultSpec::Merge { text, steps, .. } => {
                if !applicable(raw, steps) {
                    // Word the error exactly as the shared ResultPath evaluator does. It fails
                    // on every path `applicable` rejects (a name step on a non-object, an index
                    // on a non-array or past its end), so no output comes from here and
                    // `size_after` need not cover it.
                    let path = PathOrNull::Path(text.clone());
                    return jsonpath::apply_result_path(raw, Some(&path), result).map(drop);
                }
                let mut node = &mut *raw;
                for step in steps {
                    node = match (step, node) {
                        (Step::Name(name), Value::Object(map)) => {
                            if eval::get(map, name).is_none() {
                                map.insert(name.clone(), Value::Object(Map::new()));
                            }
                            eval::get_mut(map, name)
                                .expect("the key is present: it was just checked or inserted")
                        }
                        (Step::Index(i), Value::Array(items)) => &mut items[*i],
                        _ => unreachable!("`applicable` checked every step"),
                    };
                }
                *node = result;
                Ok(())
            }
        }
    }
}

impl ResultSpec {
    /// Whether [`slot`](Self::slot) finds the result's place in `raw`: a one-name path
    /// (`$.name`) into an object.
    pub(crate) fn has_slot(&self, raw: &Value) -> bool {
        matches!((self, raw), (ResultSpec::Merge { steps, .. }, Value::Object(_))
            if matches!(steps.as_slice(), [Step::Name(_)]))
    }

    /// For a one-name path (`$.name`) into an object, the place of the result in `raw`: the
    /// current value under `name`, or a `null` added last (where a merge would add it) when
    /// there is none. `None` when [`has_slot`](Self::has_slot) is false.
    pub(crate) fn slot<'v>(&self, raw: &'v mut Value) -> Option<&'v mut Value> {
        let (ResultSpec::Merge { steps, .. }, Value::Object(map)) = (self, raw) else {
            return None;
        };
        let [Step::Name(name)] = steps.as_slice() else {
            return None;
        };
        if eval::get(map, name).is_none() {
            map.insert(name.clone(), Value::Null);
        }
        eval::get_mut(map, name)
    }

    /// An upper bound of the size estimate ([`crate::limits::estimate`]) of what
    /// [`apply_in_place`](Self::apply_in_place) makes of the raw input, from a bound of the raw
    /// input's (`raw`) and the result's (`result`, computed only when needed); `None` when
    /// unknown.
    pub(crate) fn size_after(
        &self,
        raw: Option<usize>,
        result: impl FnOnce() -> Option<usize>,
    ) -> Option<usize> {
        match self {
            ResultSpec::Replace => result(),
            ResultSpec::Discard => raw,
            ResultSpec::Merge { growth, .. } => raw?.checked_add(result()?)?.checked_add(*growth),
        }
    }
}

/// Whether every step can be taken (missing names are created as objects on the way).
fn applicable(raw: &Value, steps: &[Step]) -> bool {
    let mut node = Some(raw);
    for step in steps {
        node = match (step, node) {
            // A created node is an object, so the remaining names apply; an index does not.
            (Step::Name(_), None) => None,
            (Step::Index(_), None) => return false,
            (Step::Name(name), Some(Value::Object(map))) => eval::get(map, name),
            (Step::Index(i), Some(Value::Array(items))) if *i < items.len() => items.get(*i),
            _ => return false,
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spec(path: &str) -> ResultSpec {
        ResultSpec::compile(Some(&PathOrNull::Path(path.into()))).unwrap()
    }

    /// Applies `spec` to `raw` and returns what `raw` became.
    fn apply(spec: &ResultSpec, raw: &mut Value, result: Value) -> Result<Value, Failure> {
        spec.apply_in_place(raw, result)?;
        Ok(raw.clone())
    }

    #[test]
    fn merging_creates_missing_objects() {
        let mut raw = json!({"a": 1});
        assert_eq!(
            apply(&spec("$.b.c"), &mut raw, json!(2)).unwrap(),
            json!({"a": 1, "b": {"c": 2}})
        );
    }

    #[test]
    fn a_failed_merge_leaves_the_input_unchanged() {
        let mut raw = json!({"a": "text", "x": {}});
        let err = apply(&spec("$.a.b"), &mut raw, json!(1)).unwrap_err();
        assert_eq!(err.error, "States.ResultPathMatchFailure");
        assert_eq!(raw, json!({"a": "text", "x": {}}));
        let err = apply(&spec("$.x.y[0]"), &mut raw, json!(1)).unwrap_err();
        assert_eq!(err.error, "States.ResultPathMatchFailure");
        assert_eq!(raw, json!({"a": "text", "x": {}}));
    }

    #[test]
    fn size_after_bounds_the_merged_estimate() {
        let estimate = |v: &Value| crate::limits::estimate(v).unwrap();
        for (path, raw, result) in [
            ("$.a", json!({"a": [1, 2, 3]}), json!("new")),
            ("$.b.c.d", json!({"a": 1}), json!({"deep": [true]})),
            ("$.a[1]", json!({"a": [0, 1]}), json!({"x": "yy"})),
        ] {
            let spec = spec(path);
            let bound = spec
                .size_after(Some(estimate(&raw)), || Some(estimate(&result)))
                .unwrap();
            let mut raw = raw;
            let merged = apply(&spec, &mut raw, result).unwrap();
            assert!(bound >= estimate(&merged), "{path}: {bound} < {merged}");
        }
    }

    #[test]
    fn one_name_replaces_the_value_in_its_place_or_adds_it_last() {
        let mut raw = json!({"a": 1, "b": {"old": true}, "c": 3});
        let merged = apply(&spec("$.b"), &mut raw, json!([2])).unwrap();
        assert_eq!(merged.to_string(), r#"{"a":1,"b":[2],"c":3}"#);
        let mut raw = json!({"a": 1});
        let merged = apply(&spec("$.z"), &mut raw, json!(null)).unwrap();
        assert_eq!(merged.to_string(), r#"{"a":1,"z":null}"#);
    }

    #[test]
    fn one_name_into_a_non_object_fails_and_keeps_the_input() {
        let mut raw = json!([1, 2]);
        let err = apply(&spec("$.a"), &mut raw, json!(1)).unwrap_err();
        assert_eq!(err.error, "States.ResultPathMatchFailure");
        assert_eq!(raw, json!([1, 2]));
    }

    #[test]
    fn indexes_replace_existing_items() {
        let mut raw = json!({"a": [0, 1]});
        assert_eq!(
            apply(&spec("$.a[1]"), &mut raw, json!(9)).unwrap(),
            json!({"a": [0, 9]})
        );
    }

    #[test]
    fn null_keeps_the_input() {
        let mut raw = json!({"a": 1});
        let discard = ResultSpec::compile(Some(&PathOrNull::Null)).unwrap();
        assert_eq!(
            apply(&discard, &mut raw, json!(2)).unwrap(),
            json!({"a": 1})
        );
    }

    #[test]
    fn variables_and_context_are_not_result_paths() {
        assert!(ResultSpec::compile(Some(&PathOrNull::Path("$$.x".into()))).is_err());
        assert!(ResultSpec::compile(Some(&PathOrNull::Path("$v".into()))).is_err());
    }
}
