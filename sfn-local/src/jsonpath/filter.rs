//! The lenient part of JSONPath evaluation: indefinite segments that collect matches and skip
//! what is missing, filter predicates `[?(…)]`, and trailing functions.

use serde_json::{Number, Value};

use super::parse::{CompareOp, Filter, Function, Operand, Segment};
use super::{NotFound, normalize_index};

/// Applies `segment` to `node`, pushing every match onto `out`. Missing members are skipped.
/// `root` is what `$` means inside filters.
pub(super) fn step<'a>(
    segment: &Segment,
    node: &'a Value,
    root: &'a Value,
    out: &mut Vec<&'a Value>,
) {
    match segment {
        Segment::Child(name) => {
            if let Some(child) = node.as_object().and_then(|map| map.get(name)) {
                out.push(child);
            }
        }
        Segment::Index(index) => {
            if let Value::Array(items) = node
                && let Some(at) = normalize_index(*index, items.len())
            {
                out.push(&items[at]);
            }
        }
        Segment::Wildcard => match node {
            Value::Array(items) => out.extend(items),
            Value::Object(map) => out.extend(map.values()),
            _ => {}
        },
        Segment::Names(names) => {
            if let Value::Object(map) = node {
                out.extend(names.iter().filter_map(|name| map.get(name)));
            }
        }
        Segment::Indexes(indexes) => {
            if let Value::Array(items) = node {
                out.extend(
                    indexes
                        .iter()
                        .filter_map(|&i| normalize_index(i, items.len()))
                        .map(|at| &items[at]),
                );
            }
        }
        Segment::Slice { start, end, step } => {
            if let Value::Array(items) = node {
                slice(items, *start, *end, step.unwrap_or(1), out);
            }
        }
        Segment::Filter(filter) => match node {
            Value::Array(items) => {
                out.extend(items.iter().filter(|item| matches(filter, item, root)));
            }
            Value::Object(_) if matches(filter, node, root) => out.push(node),
            _ => {}
        },
        Segment::Descendant(inner) => descend(inner, node, root, out),
    }
}

/// `..inner`: `inner` applied to `node` and then to every descendant, in document order
/// (pre-order, as Jayway's deep scan).
fn descend<'a>(inner: &Segment, node: &'a Value, root: &'a Value, out: &mut Vec<&'a Value>) {
    step(inner, node, root, out);
    match node {
        Value::Array(items) => {
            for item in items {
                descend(inner, item, root, out);
            }
        }
        Value::Object(map) => {
            for value in map.values() {
                descend(inner, value, root, out);
            }
        }
        _ => {}
    }
}

fn slice<'a>(
    items: &'a [Value],
    start: Option<i64>,
    end: Option<i64>,
    step: i64,
    out: &mut Vec<&'a Value>,
) {
    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let clamp = |i: i64| if i < 0 { (len + i).max(0) } else { i.min(len) };
    if step > 0 {
        let mut i = start.map_or(0, clamp);
        let stop = end.map_or(len, clamp);
        while i < stop {
            // `i` is in `0..len` here, so the conversion and the index cannot fail.
            out.push(&items[i as usize]);
            i += step;
        }
    } else {
        let clamp_back = |i: i64| if i < 0 { len + i } else { i.min(len - 1) };
        let mut i = start.map_or(len - 1, clamp_back);
        let stop = end.map_or(-1, |e| if e < 0 { (len + e).max(-1) } else { e });
        while i > stop && i >= 0 {
            out.push(&items[i as usize]);
            i += step;
        }
    }
}

/// What an operand evaluates to; `None` is Jayway's "undefined" (a path that found nothing).
fn operand<'a>(
    op: &'a Operand,
    current: &'a Value,
    root: &'a Value,
) -> Option<std::borrow::Cow<'a, Value>> {
    use std::borrow::Cow;
    let (start, segments, function) = match op {
        Operand::Literal(value) => return Some(Cow::Borrowed(value)),
        Operand::Regex(_) => return None,
        Operand::Current(segments, function) => (current, segments, function),
        Operand::Root(segments, function) => (root, segments, function),
    };
    let definite = segments.iter().all(Segment::is_definite);
    let mut nodes = vec![start];
    let mut next = Vec::new();
    for segment in segments {
        for node in &nodes {
            step(segment, node, root, &mut next);
        }
        std::mem::swap(&mut nodes, &mut next);
        next.clear();
    }
    let selected = if definite {
        Cow::Borrowed(*nodes.first()?)
    } else {
        Cow::Owned(Value::Array(nodes.into_iter().cloned().collect()))
    };
    match function {
        None => Some(selected),
        Some(function) => apply_function(*function, &selected).ok().map(Cow::Owned),
    }
}

/// Whether `node` passes `filter`.
pub(super) fn matches(filter: &Filter, node: &Value, root: &Value) -> bool {
    match filter {
        Filter::Or(a, b) => matches(a, node, root) || matches(b, node, root),
        Filter::And(a, b) => matches(a, node, root) && matches(b, node, root),
        Filter::Not(inner) => !matches(inner, node, root),
        Filter::Exists(op) => operand(op, node, root).is_some(),
        Filter::Compare(left, op, right) => {
            let l = operand(left, node, root);
            if let (CompareOp::Matches, Operand::Regex(pattern)) = (op, right) {
                return l
                    .as_deref()
                    .and_then(Value::as_str)
                    .is_some_and(|s| pattern.0.is_match(s));
            }
            let r = operand(right, node, root);
            compare(l.as_deref(), *op, r.as_deref())
        }
    }
}

fn compare(left: Option<&Value>, op: CompareOp, right: Option<&Value>) -> bool {
    match op {
        CompareOp::Eq => left.is_some() && right.is_some() && equal(left, right),
        CompareOp::Ne => !(left.is_some() && right.is_some() && equal(left, right)),
        CompareOp::Lt => order(left, right).is_some_and(|o| o.is_lt()),
        CompareOp::Le => order(left, right).is_some_and(|o| o.is_le()),
        CompareOp::Gt => order(left, right).is_some_and(|o| o.is_gt()),
        CompareOp::Ge => order(left, right).is_some_and(|o| o.is_ge()),
        CompareOp::Matches => false,
        CompareOp::In => contains(right, left),
        CompareOp::Nin => !contains(right, left),
        CompareOp::SubsetOf => match (left, right) {
            (Some(Value::Array(l)), Some(r)) => l.iter().all(|x| contains(Some(r), Some(x))),
            _ => false,
        },
        CompareOp::AnyOf => match (left, right) {
            (Some(Value::Array(l)), Some(r)) => l.iter().any(|x| contains(Some(r), Some(x))),
            _ => false,
        },
        CompareOp::NoneOf => match (left, right) {
            (Some(Value::Array(l)), Some(r)) => !l.iter().any(|x| contains(Some(r), Some(x))),
            _ => false,
        },
        CompareOp::Size => {
            let len = match left {
                Some(Value::Array(a)) => a.len(),
                Some(Value::String(s)) => s.chars().count(),
                _ => return false,
            };
            right
                .and_then(Value::as_u64)
                .is_some_and(|n| n == len as u64)
        }
        CompareOp::Empty => {
            let empty = match left {
                Some(Value::Array(a)) => a.is_empty(),
                Some(Value::String(s)) => s.is_empty(),
                _ => return false,
            };
            right.and_then(Value::as_bool) == Some(empty)
        }
        CompareOp::Contains => match (left, right) {
            (Some(Value::String(s)), Some(Value::String(sub))) => s.contains(sub.as_str()),
            (Some(Value::Array(_)), Some(_)) => contains(left, right),
            _ => false,
        },
    }
}

/// Jayway equality: numbers by value (`1 == 1.0`), everything else structurally.
pub(super) fn equal(left: Option<&Value>, right: Option<&Value>) -> bool {
    match (left, right) {
        (Some(Value::Number(a)), Some(Value::Number(b))) => number_eq(a, b),
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(Some(x), Some(y)))
        }
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            a.len() == b.len() && a.iter().all(|(k, v)| equal(Some(v), b.get(k)))
        }
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn number_eq(a: &Number, b: &Number) -> bool {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => x == y,
        _ => a.as_f64() == b.as_f64(),
    }
}

fn order(left: Option<&Value>, right: Option<&Value>) -> Option<std::cmp::Ordering> {
    match (left?, right?) {
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
        },
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// Whether the array `haystack` holds `needle`.
fn contains(haystack: Option<&Value>, needle: Option<&Value>) -> bool {
    match haystack {
        Some(Value::Array(items)) => items.iter().any(|item| equal(Some(item), needle)),
        _ => false,
    }
}

/// Applies a trailing path function to what the path selected.
pub(super) fn apply_function(function: Function, selected: &Value) -> Result<Value, NotFound> {
    let fail = |detail: String| Err(NotFound { detail });
    let numbers = || -> Result<Vec<f64>, NotFound> {
        let Value::Array(items) = selected else {
            return Err(NotFound {
                detail: format!("Aggregation function {function} can only be applied to arrays"),
            });
        };
        let values: Vec<f64> = items.iter().filter_map(Value::as_f64).collect();
        if values.is_empty() {
            return Err(NotFound {
                detail: "Aggregation function attempted to calculate value using empty array"
                    .to_owned(),
            });
        }
        Ok(values)
    };
    let float = |f: f64| Number::from_f64(f).map_or(Value::Null, Value::Number);
    match function {
        Function::Length => match selected {
            Value::Array(items) => Ok(Value::from(items.len())),
            Value::Object(map) => Ok(Value::from(map.len())),
            Value::String(s) => Ok(Value::from(s.chars().count())),
            other => fail(format!("Function {function} cannot be applied to {other}")),
        },
        Function::Keys => match selected {
            Value::Object(map) => Ok(Value::Array(
                map.keys().cloned().map(Value::String).collect(),
            )),
            other => fail(format!("Function {function} cannot be applied to {other}")),
        },
        Function::First | Function::Last => match selected {
            Value::Array(items) => {
                let item = if function == Function::First {
                    items.first()
                } else {
                    items.last()
                };
                item.cloned().ok_or_else(|| NotFound {
                    detail: format!("Function {function} cannot be applied to an empty array"),
                })
            }
            other => fail(format!("Function {function} cannot be applied to {other}")),
        },
        Function::Min => Ok(float(numbers()?.into_iter().fold(f64::INFINITY, f64::min))),
        Function::Max => Ok(float(
            numbers()?.into_iter().fold(f64::NEG_INFINITY, f64::max),
        )),
        Function::Sum => Ok(float(numbers()?.into_iter().sum())),
        Function::Avg => {
            let values = numbers()?;
            Ok(float(values.iter().sum::<f64>() / values.len() as f64))
        }
        Function::Stddev => {
            let values = numbers()?;
            let n = values.len() as f64;
            let mean = values.iter().sum::<f64>() / n;
            let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
            Ok(float(variance.sqrt()))
        }
    }
}
