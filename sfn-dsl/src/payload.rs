//! Payload templates and JSONata expressions.

use serde::Serialize;
use serde_json::Value;
use sfn_asl::Expr;

/// A JSONata expression, written `{% … %}` in ASL.
///
/// It goes wherever a JSONata state takes an expression: a number field
/// ([`Task::timeout_seconds`](crate::Task::timeout_seconds), [`Wait::seconds`](crate::Wait::seconds)),
/// a Choice rule's `Condition`, or any place in an `Arguments`/`Output`/`Assign` payload.
///
/// ```
/// use sfn_dsl::jsonata;
/// assert_eq!(jsonata("$states.input.total > 100").as_str(), "{% $states.input.total > 100 %}");
/// // Already delimited text is kept as written.
/// assert_eq!(jsonata("{% $x %}").as_str(), "{% $x %}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Jsonata(String);

/// A JSONata expression: `body` wrapped in `{% … %}` unless it already is.
///
/// ```
/// let wait = sfn_dsl::wait("Pause").seconds(sfn_dsl::jsonata("$states.input.delay"));
/// # let _ = wait;
/// ```
pub fn jsonata(body: impl AsRef<str>) -> Jsonata {
    let body = body.as_ref().trim();
    if body.starts_with("{%") && body.ends_with("%}") {
        Jsonata(body.to_owned())
    } else {
        Jsonata(format!("{{% {body} %}}"))
    }
}

impl Jsonata {
    /// The expression with its `{% %}` delimiters.
    ///
    /// ```
    /// assert_eq!(sfn_dsl::jsonata("1 + 1").as_str(), "{% 1 + 1 %}");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! into_expr {
    ($($t:ty),*) => {$(
        impl From<Jsonata> for Expr<$t> {
            fn from(expr: Jsonata) -> Self {
                Expr::Jsonata(expr.0)
            }
        }
    )*};
}
into_expr!(u64, f64, bool);

impl From<Jsonata> for Value {
    fn from(expr: Jsonata) -> Self {
        Value::String(expr.0)
    }
}

impl From<Jsonata> for String {
    fn from(expr: Jsonata) -> Self {
        expr.0
    }
}

impl Serialize for Jsonata {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Turns a payload into JSON; the error text says why it is not JSON.
pub(crate) fn to_value<T: Serialize>(payload: T) -> Result<Value, String> {
    serde_json::to_value(payload).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonata_wraps_bare_expressions() {
        assert_eq!(jsonata(" $a + 1 ").as_str(), "{% $a + 1 %}");
    }

    #[test]
    fn maps_with_non_string_keys_are_not_payloads() {
        let mut map = std::collections::BTreeMap::new();
        map.insert((1, 2), "x");
        assert!(to_value(map).is_err());
    }
}
