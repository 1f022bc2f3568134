//! JSONPath evaluation with the semantics AWS Step Functions has: Jayway JsonPath's.
//!
//! - A *definite* path (only `.name`, `['name']` and `[n]`) returns the value it selects, and
//!   fails when there is none, with Jayway's wording: `Missing property in path $['a']` for a
//!   missing step in the middle, `No results for path: $['a']['b']` for a missing last step.
//! - An *indefinite* path (`*`, `..`, slices, unions, filters) returns an array of every match,
//!   possibly empty; only its definite prefix can fail.
//! - `$…` reads the input, `$$…` the Context Object, `$name…` the variable `name`.
//! - A trailing function (`.length()`, `.min()`, …) applies to what the path selected.
//!
//! Why our own evaluator rather than a JSONPath crate: the crates implement RFC 9535
//! (`serde_json_path`) or their own dialect (`jsonpath-rust`), which always return node lists and
//! differ from Jayway on definite paths, missing-path errors, filter comparisons and `length()`.
//! AWS's behaviour is Jayway's, including its error messages, which the executor reports as
//! causes.
//!
//! [`CompiledPath`] parses once for hot paths; [`select`] takes text and has an allocation-free
//! fast path for the common `$`/`$.a.b` forms.

mod filter;
pub(crate) mod parse;

use serde_json::{Map, Value};
use sfn_asl::PathOrNull;

use crate::eval::{self, EvalError, ParseCache, Scope, compact};
use parse::{Display, Path, Root, Segment};

/// Why a path selected nothing, in Jayway's words (e.g. `Missing property in path $['a']`).
///
/// Callers word the final cause: [`select`] says "Invalid path '$.x' : …"; payload templates say
/// "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '…'".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NotFound {
    /// Jayway's message.
    pub(crate) detail: String,
}

/// A path parsed once, evaluated many times.
#[derive(Clone, Debug)]
pub(crate) struct CompiledPath {
    text: String,
    path: Path,
    definite: bool,
}

impl CompiledPath {
    /// Parses `text`. A syntax error is a `States.Runtime` error ("Invalid path …"): the
    /// validator rejects such paths before a run, so one here means an unchecked definition.
    pub(crate) fn parse(text: &str) -> Result<Self, EvalError> {
        let path = parse::parse(text)
            .map_err(|reason| EvalError::runtime(format!("Invalid path '{text}' : {reason}")))?;
        let definite = path.is_definite();
        Ok(CompiledPath {
            text: text.to_owned(),
            path,
            definite,
        })
    }

    /// The path as written.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the path selects one value rather than a list of matches.
    pub(crate) fn is_definite(&self) -> bool {
        self.definite
    }

    /// Selects from `scope`; `Err(NotFound)` when a definite path (or the definite start of an
    /// indefinite one) selects nothing.
    pub(crate) fn find(&self, scope: &Scope) -> Result<Value, NotFound> {
        let root = root_value(&self.path.root, scope)?;
        let selected = self.select_from(root)?;
        match self.path.function {
            None => Ok(selected),
            Some(function) => filter::apply_function(function, &selected),
        }
    }

    /// Selects from `scope`, failing with `States.Runtime` "Invalid path '…' : …" when nothing
    /// is found.
    pub(crate) fn select(&self, scope: &Scope) -> Result<Value, EvalError> {
        self.find(scope)
            .map_err(|missing| invalid_path(&self.text, &missing))
    }

    /// Selects from `scope`; `None` when nothing is found (Choice `IsPresent`).
    pub(crate) fn select_optional(&self, scope: &Scope) -> Option<Value> {
        self.find(scope).ok()
    }

    fn select_from(&self, root: &Value) -> Result<Value, NotFound> {
        let segments = &self.path.segments;
        if self.definite {
            if let Some((Segment::Names(names), prefix)) = segments.split_last() {
                let node = walk_definite(&self.path.root, root, prefix, segments)?;
                return Ok(merge_names(node, names));
            }
            return walk_definite(&self.path.root, root, segments, segments).cloned();
        }
        // The definite prefix fails like a definite path; the rest collects matches.
        let split = segments
            .iter()
            .position(|s| !s.is_definite())
            .unwrap_or(segments.len());
        let (prefix, rest) = segments.split_at(split);
        let start = walk_definite(&self.path.root, root, prefix, segments)?;
        check_first_indefinite(&self.path.root, start, prefix, rest)?;
        let mut current = vec![start];
        let mut next = Vec::new();
        for (i, segment) in rest.iter().enumerate() {
            let last = i + 1 == rest.len();
            if let (true, Segment::Names(names)) = (last, segment) {
                let merged = current.iter().map(|node| merge_names(node, names));
                return Ok(Value::Array(merged.collect()));
            }
            for node in &current {
                filter::step(segment, node, root, &mut next);
            }
            std::mem::swap(&mut current, &mut next);
            next.clear();
        }
        Ok(Value::Array(current.into_iter().cloned().collect()))
    }
}

/// `Invalid path '<text>' : <jayway detail>`, AWS's cause for InputPath/OutputPath failures.
fn invalid_path(text: &str, missing: &NotFound) -> EvalError {
    EvalError::runtime(format!("Invalid path '{text}' : {}", missing.detail))
}

/// Evaluates `path` (`$…`, `$$…` or `$name…`) against `scope`.
///
/// Fails with `States.Runtime` "Invalid path '$.x' : No results for path: $['x']" when a definite
/// path selects nothing. Callers that need their own wording (payload templates) use
/// [`CompiledPath::find`].
pub(crate) fn select(path: &str, scope: &Scope) -> Result<Value, EvalError> {
    if let Some(value) = select_simple(path, scope) {
        return Ok(value.clone());
    }
    compiled(path)?.select(scope)
}

thread_local! {
    /// Paths given as text, parsed once per thread.
    static PATHS: ParseCache<CompiledPath> = ParseCache::new(4096);
}

/// The parse of `path`, cached per thread.
pub(crate) fn compiled(path: &str) -> Result<std::rc::Rc<CompiledPath>, EvalError> {
    PATHS.with(|cache| cache.get_or_parse(path, CompiledPath::parse))
}

/// Like [`select`], but `Ok(None)` when nothing is found, for Choice `IsPresent` and optional
/// fields. A path that does not parse is still an error.
pub(crate) fn select_optional(path: &str, scope: &Scope) -> Result<Option<Value>, EvalError> {
    if let Some(value) = select_simple(path, scope) {
        return Ok(Some(value.clone()));
    }
    Ok(compiled(path)?.select_optional(scope))
}

/// Like [`select`], but returns why nothing was found instead of an [`EvalError`], so a caller
/// can word the cause itself.
pub(crate) fn find(path: &str, scope: &Scope) -> Result<Result<Value, NotFound>, EvalError> {
    if let Some(value) = select_simple(path, scope) {
        return Ok(Ok(value.clone()));
    }
    Ok(compiled(path)?.find(scope))
}

/// The fast path: `$` or `$.a.b` (plain names only) on the input, found without parsing or
/// allocating. `None` means "take the general path" (other syntax, or nothing found).
fn select_simple<'a>(path: &str, scope: &Scope<'a>) -> Option<&'a Value> {
    let rest = path.strip_prefix('$')?;
    if rest.is_empty() {
        return Some(scope.input);
    }
    let mut node = scope.input;
    for name in rest.strip_prefix('.')?.split('.') {
        if !is_plain_name(name) {
            return None;
        }
        node = eval::get(node.as_object()?, name)?;
    }
    Some(node)
}

/// A name `select_simple` reads itself: letters, digits, `_` and `-`.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The names of a `$` or `$.a.b` path (plain names only); `None` for any other syntax. An
/// item is `None` when that name is not plain, so the caller takes the general path.
fn simple_names(path: &str) -> Option<impl Iterator<Item = Option<&str>>> {
    let rest = path.strip_prefix('$')?;
    let names = match rest {
        "" => None,
        _ => Some(rest.strip_prefix('.')?),
    };
    Some(
        names
            .into_iter()
            .flat_map(|n| n.split('.'))
            .map(|name| is_plain_name(name).then_some(name)),
    )
}

/// A path written in the definition, prepared when the machine is compiled: a plain `$.a.b`
/// is split into its names, and anything else parsed. It selects exactly as [`find`] does on
/// the same text, with no parse cache lookup at run time.
#[derive(Debug)]
pub(crate) struct PathExpr {
    /// The path as written.
    text: String,
    /// The names of a plain `$`/`$.a.b` path, tried first as [`select_simple`] does.
    simple: Option<Vec<String>>,
    /// The parsed path, or why it does not parse (reported when it is evaluated, as before).
    parsed: Result<CompiledPath, EvalError>,
}

impl PathExpr {
    /// Prepares `text`; a path that does not parse fails when evaluated, not here.
    pub(crate) fn new(text: &str) -> Self {
        let simple = simple_names(text)
            .and_then(|names| names.map(|n| n.map(str::to_owned)).collect::<Option<_>>());
        PathExpr {
            text: text.to_owned(),
            simple,
            parsed: CompiledPath::parse(text),
        }
    }

    /// The path as written.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// What [`select_optional`] returns for this path's text, borrowing the value when the
    /// plain names find it.
    pub(crate) fn select_optional<'a>(
        &self,
        scope: &Scope<'a>,
    ) -> Result<Option<std::borrow::Cow<'a, Value>>, EvalError> {
        if let Some(value) = self.find_simple(scope) {
            return Ok(Some(std::borrow::Cow::Borrowed(value)));
        }
        match &self.parsed {
            Ok(path) => Ok(path.select_optional(scope).map(std::borrow::Cow::Owned)),
            Err(e) => Err(e.clone()),
        }
    }

    /// What [`select`] returns for this path's text, borrowing the value when the plain names
    /// find it.
    pub(crate) fn select<'a>(
        &self,
        scope: &Scope<'a>,
    ) -> Result<std::borrow::Cow<'a, Value>, EvalError> {
        if let Some(value) = self.find_simple(scope) {
            return Ok(std::borrow::Cow::Borrowed(value));
        }
        match &self.parsed {
            Ok(path) => path.select(scope).map(std::borrow::Cow::Owned),
            Err(e) => Err(e.clone()),
        }
    }

    fn find_simple<'a>(&self, scope: &Scope<'a>) -> Option<&'a Value> {
        let mut node = scope.input;
        for name in self.simple.as_ref()? {
            node = eval::get(node.as_object()?, name)?;
        }
        Some(node)
    }

    /// What [`find`] returns for this path's text.
    pub(crate) fn find(&self, scope: &Scope) -> Result<Result<Value, NotFound>, EvalError> {
        if let Some(value) = self.find_simple(scope) {
            return Ok(Ok(value.clone()));
        }
        match &self.parsed {
            Ok(path) => Ok(path.find(scope)),
            Err(e) => Err(e.clone()),
        }
    }
}

fn root_value<'a>(root: &Root, scope: &Scope<'a>) -> Result<&'a Value, NotFound> {
    match root {
        Root::Input => Ok(scope.input),
        Root::Context => Ok(scope.context),
        Root::Variable(name) => scope.variables.get(name).ok_or_else(|| NotFound {
            detail: format!("The variable '${name}' is not defined"),
        }),
    }
}

/// Walks definite segments, failing with Jayway's messages. `full` is the whole path, named in
/// "No results for path: …".
fn walk_definite<'a>(
    root: &Root,
    start: &'a Value,
    segments: &[Segment],
    full: &[Segment],
) -> Result<&'a Value, NotFound> {
    let shown = |upto: usize| {
        Display {
            root,
            segments: &full[..upto],
        }
        .to_string()
    };
    let mut node = start;
    for (i, segment) in segments.iter().enumerate() {
        let is_last = i + 1 == full.len();
        node = match segment {
            Segment::Child(name) => match node {
                Value::Object(map) => match eval::get(map, name) {
                    Some(child) => child,
                    None if is_last => {
                        return Err(NotFound {
                            detail: format!("No results for path: {}", shown(full.len())),
                        });
                    }
                    None => {
                        return Err(NotFound {
                            detail: format!("Missing property in path {}", shown(i + 1)),
                        });
                    }
                },
                other => {
                    return Err(NotFound {
                        detail: format!(
                            "Expected to find an object with property ['{name}'] in path {} but found '{}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
                            shown(i),
                            java_class(other)
                        ),
                    });
                }
            },
            Segment::Index(index) => match node {
                Value::Array(items) => match normalize_index(*index, items.len()) {
                    Some(at) => &items[at],
                    None => {
                        return Err(NotFound {
                            detail: format!("No results for path: {}", shown(full.len())),
                        });
                    }
                },
                Value::Null => {
                    return Err(NotFound {
                        detail: format!("The path {} is null", shown(i)),
                    });
                }
                other => {
                    return Err(NotFound {
                        detail: format!(
                            "Filter: [{index}] can only be applied to arrays. Current context is: {}",
                            compact(other)
                        ),
                    });
                }
            },
            // Only definite segments reach here (see `CompiledPath::select_from`).
            _ => return Ok(node),
        };
    }
    Ok(node)
}

/// Jayway refuses array operations on a non-array right after a definite prefix.
fn check_first_indefinite(
    root: &Root,
    node: &Value,
    prefix: &[Segment],
    rest: &[Segment],
) -> Result<(), NotFound> {
    let Some(first) = rest.first() else {
        return Ok(());
    };
    let array_only = matches!(first, Segment::Indexes(_) | Segment::Slice { .. });
    if !array_only || node.is_array() {
        return Ok(());
    }
    let shown = Display {
        root,
        segments: prefix,
    };
    let operation = Display {
        root: &Root::Input,
        segments: std::slice::from_ref(first),
    }
    .to_string();
    let operation = operation.trim_start_matches('$');
    Err(NotFound {
        detail: if node.is_null() {
            format!("The path {shown} is null")
        } else {
            format!(
                "Filter: {operation} can only be applied to arrays. Current context is: {}",
                compact(node)
            )
        },
    })
}

/// The object made of `names`' members of `node` that exist (Jayway's multi-property merge).
fn merge_names(node: &Value, names: &[String]) -> Value {
    let mut merged = Map::new();
    if let Value::Object(map) = node {
        for name in names {
            if let Some(value) = eval::get(map, name) {
                merged.insert(name.clone(), value.clone());
            }
        }
    }
    Value::Object(merged)
}

/// Deep equality as JSONPath filters and `States.ArrayContains` use it: numbers by value
/// (`1 == 1.0`), arrays and objects member by member.
pub(crate) fn equal(a: &Value, b: &Value) -> bool {
    filter::equal(Some(a), Some(b))
}

/// `index` counted from the end when negative; `None` when outside `0..len`.
pub(crate) fn normalize_index(index: i64, len: usize) -> Option<usize> {
    let len_i = i64::try_from(len).ok()?;
    let at = if index < 0 { len_i + index } else { index };
    // `at` is in `0..len`, so it fits a usize.
    (0..len_i).contains(&at).then_some(at as usize)
}

/// The Java class Jayway's default provider (json-smart) would name for `value`.
fn java_class(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "java.lang.Integer",
        Value::Number(_) => "java.lang.Double",
        Value::String(_) => "java.lang.String",
        Value::Array(_) => "net.minidev.json.JSONArray",
        Value::Object(_) => "net.minidev.json.JSONObject",
    }
}

/// Merges `result` into `raw_input` as `ResultPath` says: absent or `$` → the result replaces
/// the input; `null` → the input is kept and the result discarded; `$.a.b` → the result is
/// stored there, creating missing objects on the way.
///
/// Fails with `States.ResultPathMatchFailure` when the path crosses something that is not an
/// object (or an array index that does not exist), and with `States.Runtime` when the path is
/// not a reference path.
pub(crate) fn apply_result_path(
    raw_input: &Value,
    result_path: Option<&PathOrNull>,
    result: Value,
) -> Result<Value, EvalError> {
    match result_path {
        None => Ok(result),
        Some(PathOrNull::Null) => Ok(raw_input.clone()),
        Some(PathOrNull::Path(path)) if path == "$" => Ok(result),
        Some(PathOrNull::Path(path)) => merge_at(raw_input.clone(), path, result),
    }
}

/// [`apply_result_path`] on an owned input, which saves a copy when the caller no longer needs
/// the raw input.
pub(crate) fn apply_result_path_owned(
    raw_input: Value,
    result_path: Option<&PathOrNull>,
    result: Value,
) -> Result<Value, EvalError> {
    match result_path {
        None => Ok(result),
        Some(PathOrNull::Null) => Ok(raw_input),
        Some(PathOrNull::Path(path)) if path == "$" => Ok(result),
        Some(PathOrNull::Path(path)) => merge_at(raw_input, path, result),
    }
}

fn merge_at(mut input: Value, path: &str, result: Value) -> Result<Value, EvalError> {
    let parsed = parse::parse(path)
        .map_err(|reason| EvalError::runtime(format!("Invalid path '{path}' : {reason}")))?;
    if parsed.root != Root::Input || parsed.function.is_some() || !parsed.is_definite() {
        return Err(EvalError::runtime(format!(
            "Invalid ResultPath '{path}' : a ResultPath must be a reference path on the input"
        )));
    }
    let mut node = &mut input;
    for segment in &parsed.segments {
        node = match (segment, node) {
            (Segment::Child(name), Value::Object(map)) => map
                .entry(name.clone())
                .or_insert_with(|| Value::Object(Map::new())),
            (Segment::Index(index), Value::Array(items)) => {
                match normalize_index(*index, items.len()) {
                    Some(at) => &mut items[at],
                    None => return Err(result_path_failure(path, &input)),
                }
            }
            _ => return Err(result_path_failure(path, &input)),
        };
    }
    *node = result;
    Ok(input)
}

fn result_path_failure(path: &str, input: &Value) -> EvalError {
    EvalError::result_path(format!(
        "Unable to apply ReferencePath {path} to input {}",
        compact(input)
    ))
}

#[cfg(test)]
mod tests;
