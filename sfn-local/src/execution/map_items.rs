//! What a Map iterates over: the items of an array, or the key-value pairs of an object.
//!
//! AWS (developer guide, "ItemsPath (Map, JSONPath only)"): "If the input to the Map state is a
//! JSON object, it runs an iteration for each key-value pair in the object, passing the pair to
//! the iteration as input". The pair is `{"Key": key, "Value": value}`, and while `ItemSelector`
//! is evaluated the Context Object has `Map.Item.Key` (the key), `Map.Item.Value` (the value)
//! and `Map.Item.Index` (the pair's position, in the object's order).

use serde_json::{Map, Value};
use sfn_asl::InputType;

use super::Failure;

/// The collection a Map runs over.
pub(super) enum MapItems {
    /// An array: one iteration per element.
    Array(Vec<Value>),
    /// An object: one iteration per key-value pair, in document order.
    Object(Map<String, Value>),
}

impl MapItems {
    /// The items of `value`, or `value` back when it is neither an array nor an object.
    pub(super) fn from_value(value: Value) -> Result<MapItems, Value> {
        match value {
            Value::Array(items) => Ok(MapItems::Array(items)),
            Value::Object(pairs) => Ok(MapItems::Object(pairs)),
            other => Err(other),
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            MapItems::Array(items) => items.len(),
            MapItems::Object(pairs) => pairs.len(),
        }
    }

    /// Keeps the first `max` items (ItemReader's `MaxItems`).
    pub(super) fn truncate(&mut self, max: usize) {
        match self {
            MapItems::Array(items) => items.truncate(max),
            MapItems::Object(pairs) if pairs.len() > max => {
                *pairs = std::mem::take(pairs).into_iter().take(max).collect();
            }
            MapItems::Object(_) => {}
        }
    }

    /// Each item as `(key, value)`: the key is `None` for array elements.
    pub(super) fn into_entries(self) -> Box<dyn Iterator<Item = (Option<String>, Value)>> {
        match self {
            MapItems::Array(items) => Box::new(items.into_iter().map(|v| (None, v))),
            MapItems::Object(pairs) => Box::new(pairs.into_iter().map(|(k, v)| (Some(k), v))),
        }
    }

    /// The collection as JSON again.
    pub(super) fn into_value(self) -> Value {
        match self {
            MapItems::Array(items) => Value::Array(items),
            MapItems::Object(pairs) => Value::Object(pairs),
        }
    }
}

/// The iteration's input when there is no `ItemSelector`: the element, or the pair
/// `{"Key": key, "Value": value}`.
pub(super) fn default_input(key: Option<String>, value: Value) -> Value {
    match key {
        None => value,
        Some(key) => {
            let mut pair = Map::with_capacity(2);
            pair.insert("Key".into(), Value::String(key));
            pair.insert("Value".into(), value);
            Value::Object(pair)
        }
    }
}

/// The Context Object's `Map` node while `ItemSelector` runs: `{"Item": {"Index", "Value"}}`,
/// plus `Key` when iterating an object.
pub(super) fn item_context(index: usize, key: Option<&str>, value: Value) -> Value {
    let mut item = Map::with_capacity(3);
    item.insert("Index".into(), Value::from(index));
    if let Some(key) = key {
        item.insert("Key".into(), Value::String(key.to_owned()));
    }
    item.insert("Value".into(), value);
    let mut map = Map::with_capacity(1);
    map.insert("Item".into(), Value::Object(item));
    Value::Object(map)
}

/// An `s3:getObject` ItemReader with no handler: the object `Bucket`/`Key` of the in-memory S3,
/// read as JSON (the default `InputType`, with `ItemsPointer`) or JSON Lines.
pub(super) fn read_object(
    s3: &crate::ObjectStore,
    state: &str,
    reader: &sfn_asl::ItemReader,
    params: &Value,
) -> Result<Value, Failure> {
    let text = |name: &str| params.get(name).and_then(Value::as_str);
    let object = match (text("Bucket"), text("Key")) {
        (Some(bucket), Some(key)) if reader.resource.ends_with(":s3:getObject") => s3
            .get(bucket, key)
            .map(|body| (format!("s3://{bucket}/{key}"), body)),
        _ => None,
    };
    let Some((location, body)) = object else {
        return Err(Failure::runtime(format!(
            "no handler for the ItemReader resource `{}` of Map state `{state}`: register one with Executor::handle, or put the object in Executor::s3()",
            reader.resource
        )));
    };
    let config = reader.reader_config.as_ref();
    let unreadable = |why: String| {
        Failure::new(
            "States.ItemReaderFailed",
            format!("Cannot read {location}: {why}"),
        )
    };
    match config.and_then(|c| c.input_type) {
        None | Some(InputType::Json) => {
            let value: Value = serde_json::from_slice(&body)
                .map_err(|e| unreadable(format!("it is not valid JSON ({e})")))?;
            match config.and_then(|c| c.items_pointer.as_deref()) {
                None => Ok(value),
                Some(pointer) => value.pointer(pointer).cloned().ok_or_else(|| {
                    unreadable(format!("the ItemsPointer '{pointer}' selects nothing"))
                }),
            }
        }
        Some(InputType::Jsonl) => {
            let text =
                String::from_utf8(body).map_err(|_| unreadable("it is not UTF-8 text".into()))?;
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| {
                    serde_json::from_str(line)
                        .map_err(|e| unreadable(format!("a line is not valid JSON ({e})")))
                })
                .collect::<Result<Vec<Value>, _>>()
                .map(Value::Array)
        }
        Some(other) => Err(Failure::runtime(format!(
            "the in-memory S3 reads JSON and JSONL objects, not {other:?}: answer the ItemReader of Map state `{state}` with a handler for `{}`",
            reader.resource
        ))),
    }
}
