use serde::{Deserialize, Serialize};

/// A path field that may also be `null`: `InputPath`, `OutputPath` and `ResultPath`.
///
/// `null` has a meaning of its own: for `InputPath` and `OutputPath` it gives `{}`, for
/// `ResultPath` it discards the result and keeps the input.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum PathOrNull {
    /// A path such as `$.result`.
    Path(String),
    /// `null`.
    Null,
}

impl PathOrNull {
    /// The path, unless this is `null`.
    pub fn path(&self) -> Option<&str> {
        match self {
            PathOrNull::Path(p) => Some(p),
            PathOrNull::Null => None,
        }
    }
}

impl From<&str> for PathOrNull {
    fn from(path: &str) -> Self {
        PathOrNull::Path(path.to_owned())
    }
}

/// A field that holds a literal value, or (in JSONata states) a `{% … %}` expression string
/// that yields it at run time: `TimeoutSeconds`, `Seconds`, `MaxConcurrency`, ….
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Expr<T> {
    /// A literal, e.g. `30`.
    Literal(T),
    /// A JSONata expression, e.g. `"{% $states.input.timeout %}"`.
    Jsonata(String),
}

impl<T> Expr<T> {
    /// The literal, unless this is an expression.
    pub fn literal(&self) -> Option<&T> {
        match self {
            Expr::Literal(v) => Some(v),
            Expr::Jsonata(_) => None,
        }
    }
}

impl<T> From<T> for Expr<T> {
    fn from(value: T) -> Self {
        Expr::Literal(value)
    }
}

/// Deserializes a field that is present (possibly as `null`) into `Some`, so `"ResultPath": null`
/// is kept apart from an absent `ResultPath`.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

impl<'de> Deserialize<'de> for PathOrNull {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<String>::deserialize(deserializer)? {
            Some(path) => PathOrNull::Path(path),
            None => PathOrNull::Null,
        })
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Expr<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(expr) => Ok(Expr::Jsonata(expr)),
            other => T::deserialize(other)
                .map(Expr::Literal)
                .map_err(serde::de::Error::custom),
        }
    }
}
