//! Templates and references rendered for a query language: `key.$` entries in JSONPath,
//! `{% … %}` strings in JSONata.

use serde_json::{Map, Value};
use sfn_asl::QueryLanguage;
use sfn_asl::path::{Root as AslRoot, Segment, Selector};

use super::{Entry, Reference, Root, Step, Template};

/// Which field a template fills: what `$` means there, and which references it may read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// `Parameters` / `Arguments`: the state's input.
    Input,
    /// `ResultSelector` (JSONPath, `$` is the result) / `Output` (JSONata).
    Result,
}

/// Renders `template` as an object; each problem is pushed to `messages`, naming its key.
/// `result_steps` are the keys of the raw result a [`Root::Result`] reference starts inside
/// (`Payload` for `lambda:invoke`).
pub(crate) fn render(
    template: &Template,
    language: QueryLanguage,
    slot: Slot,
    result_steps: &[&str],
    messages: &mut Vec<String>,
) -> Value {
    let cx = Cx {
        language,
        slot,
        result_steps,
    };
    let mut at = Vec::new();
    cx.object(template, &mut at, messages)
}

struct Cx<'a> {
    language: QueryLanguage,
    slot: Slot,
    result_steps: &'a [&'a str],
}

/// One value, rendered: JSON to write as is, or (JSONPath) a path or intrinsic for a `key.$`.
enum Rendered {
    Plain(Value),
    Dynamic(String),
    Failed,
}

/// `a.b[0].c`: where a message is about.
fn label(at: &[String]) -> String {
    let mut out = String::new();
    for part in at {
        if !out.is_empty() && !part.starts_with('[') {
            out.push('.');
        }
        out.push_str(part);
    }
    out
}

impl Cx<'_> {
    fn object(
        &self,
        template: &Template,
        at: &mut Vec<String>,
        messages: &mut Vec<String>,
    ) -> Value {
        let mut out = Map::new();
        for (key, entry) in &template.entries {
            at.push(key.clone());
            match self.value(entry, at, messages) {
                Rendered::Plain(value) => {
                    out.insert(key.clone(), value);
                }
                Rendered::Dynamic(text) => {
                    out.insert(format!("{key}.$"), Value::String(text));
                }
                Rendered::Failed => {}
            }
            at.pop();
        }
        Value::Object(out)
    }

    fn array(&self, items: &[Entry], at: &mut Vec<String>, messages: &mut Vec<String>) -> Value {
        let mut out = Vec::with_capacity(items.len());
        for (i, entry) in items.iter().enumerate() {
            at.push(format!("[{i}]"));
            match self.value(entry, at, messages) {
                Rendered::Plain(value) => out.push(value),
                Rendered::Dynamic(_) => messages.push(format!(
                    "`{}`: a JSONPath state cannot take a path or intrinsic as an array element (there is no key to mark with `.$`); give the whole list with `Field::intrinsic(\"States.Array(…)\")` or a path",
                    label(at)
                )),
                Rendered::Failed => {}
            }
            at.pop();
        }
        Value::Array(out)
    }

    fn value(&self, entry: &Entry, at: &mut Vec<String>, messages: &mut Vec<String>) -> Rendered {
        let mut fail = |message: String| {
            messages.push(format!("`{}`: {message}", label(at)));
            Rendered::Failed
        };
        match (entry, self.language) {
            (Entry::Literal(value), language) => match literal_problem(value, language) {
                Some(problem) => fail(problem),
                None => Rendered::Plain(value.clone()),
            },
            (Entry::Unserializable(message), _) => {
                fail(format!("the value is not JSON: {message}"))
            }
            (Entry::JsonPath(path), QueryLanguage::JsonPath) => Rendered::Dynamic(path.clone()),
            (Entry::Intrinsic(call), QueryLanguage::JsonPath) => Rendered::Dynamic(call.clone()),
            (Entry::JsonPath(_), QueryLanguage::Jsonata) => fail(
                "a JSONPath path cannot be used in a JSONata state; use a typed `Path` or `Field::jsonata`"
                    .to_owned(),
            ),
            (Entry::Intrinsic(_), QueryLanguage::Jsonata) => fail(
                "an intrinsic function cannot be used in a JSONata state; use `Field::jsonata`"
                    .to_owned(),
            ),
            (Entry::Jsonata(expr), QueryLanguage::Jsonata) => {
                Rendered::Plain(Value::String(expr.clone()))
            }
            (Entry::Jsonata(_), QueryLanguage::JsonPath) => fail(
                "a JSONata expression cannot be used in a JSONPath state; use a `Path`, `Field::path` or `Field::intrinsic`"
                    .to_owned(),
            ),
            (Entry::Ref(reference), language) => match self.reference(reference, language) {
                Ok(text) => match language {
                    QueryLanguage::JsonPath => Rendered::Dynamic(text),
                    QueryLanguage::Jsonata => {
                        Rendered::Plain(Value::String(format!("{{% {text} %}}")))
                    }
                },
                Err(message) => fail(message),
            },
            (Entry::Nested(nested), _) => Rendered::Plain(self.object(nested, at, messages)),
            (Entry::List(items), _) => Rendered::Plain(self.array(items, at, messages)),
        }
    }

    fn reference(&self, reference: &Reference, language: QueryLanguage) -> Result<String, String> {
        match (&reference.root, self.slot, language) {
            (Root::Result, Slot::Input, _) => {
                return Err(
                    "refers to the task's result, which is not known before the task runs"
                        .to_owned(),
                );
            }
            (Root::Input, Slot::Result, QueryLanguage::JsonPath) => {
                return Err(
                    "refers to the state's input, which `ResultSelector` cannot read (its `$` is the result); use a variable".to_owned(),
                );
            }
            _ => {}
        }
        let prefix: &[&str] = if reference.root == Root::Result {
            self.result_steps
        } else {
            &[]
        };
        match language {
            QueryLanguage::JsonPath => jsonpath(reference, prefix),
            QueryLanguage::Jsonata => jsonata(reference, prefix),
        }
    }
}

/// Why a literal would not stay literal in `language`: a JSONata state evaluates a `{% … %}`
/// string anywhere in a payload, and a JSONPath state reads a `key.$` key as a path.
fn literal_problem(value: &Value, language: QueryLanguage) -> Option<String> {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) if language == QueryLanguage::Jsonata => {
                let t = s.trim();
                if t.starts_with("{%") && t.ends_with("%}") {
                    return Some(format!(
                        "the literal `{s}` would be evaluated as JSONata; use `Field::jsonata` for an expression"
                    ));
                }
            }
            Value::Object(map) => {
                if language == QueryLanguage::JsonPath
                    && let Some(k) = map.keys().find(|k| k.ends_with(".$"))
                {
                    return Some(format!(
                        "the literal's key `{k}` would be read as a path; use `Field::path` for a path"
                    ));
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    None
}

/// Whether `key` can follow a `.` as written: ASCII letters, digits and `_`, not starting
/// with a digit.
fn is_plain(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The reference in JSONPath (Jayway) syntax; `prefix` keys go right after a result root.
/// The text is read back with sfn-asl's path parser, so what is rendered is what was meant.
pub(crate) fn jsonpath(reference: &Reference, prefix: &[&str]) -> Result<String, String> {
    let mut text = match &reference.root {
        Root::Input | Root::Result => "$".to_owned(),
        Root::Context => "$$".to_owned(),
        Root::Variable(name) => format!("${name}"),
    };
    let steps = steps(reference, prefix);
    for step in &steps {
        match step {
            Step::Key(key) if is_plain(key) => {
                text.push('.');
                text.push_str(key);
            }
            Step::Key(key) => {
                text.push_str("['");
                text.push_str(&key.replace('\\', "\\\\").replace('\'', "\\'"));
                text.push_str("']");
            }
            Step::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    let parsed =
        sfn_asl::path::parse(&text).map_err(|e| format!("`{text}` is not a valid path: {e}"))?;
    let root_ok = match (&reference.root, &parsed.root) {
        (Root::Input | Root::Result, AslRoot::Input) | (Root::Context, AslRoot::Context) => true,
        (Root::Variable(a), AslRoot::Variable(b)) => a == b,
        _ => false,
    };
    let steps_ok = parsed.segments.len() == steps.len()
        && parsed
            .segments
            .iter()
            .zip(&steps)
            .all(|(seg, step)| match (seg, step) {
                (Segment::Child(Selector::Name(a)), Step::Key(b)) => a == b,
                (Segment::Child(Selector::Index(a)), Step::Index(b)) => {
                    usize::try_from(*a).is_ok_and(|a| a == *b)
                }
                _ => false,
            });
    if root_ok && steps_ok {
        Ok(text)
    } else {
        Err(format!(
            "`{text}` does not read back as the path it was built from"
        ))
    }
}

/// JSONata words that cannot be a bare name after `.`.
const JSONATA_WORDS: &[&str] = &["and", "or", "in", "true", "false", "null", "function"];

/// The reference as a JSONata expression (no delimiters); `prefix` keys go right after a
/// result root.
pub(crate) fn jsonata(reference: &Reference, prefix: &[&str]) -> Result<String, String> {
    let mut text = match &reference.root {
        Root::Input => "$states.input".to_owned(),
        Root::Result => "$states.result".to_owned(),
        Root::Context => "$states.context".to_owned(),
        Root::Variable(name) if is_plain(name) => format!("${name}"),
        Root::Variable(name) => return Err(format!("`{name}` is not a variable name")),
    };
    for step in steps(reference, prefix) {
        match step {
            Step::Key(key) if is_plain(&key) && !JSONATA_WORDS.contains(&key.as_str()) => {
                text.push('.');
                text.push_str(&key);
            }
            Step::Key(key) if !key.contains('`') => {
                text.push_str(".`");
                text.push_str(&key);
                text.push('`');
            }
            Step::Key(key) => {
                return Err(format!(
                    "the key `{key}` contains a backtick, which JSONata cannot quote"
                ));
            }
            Step::Index(i) => text.push_str(&format!("[{i}]")),
        }
    }
    Ok(text)
}

fn steps(reference: &Reference, prefix: &[&str]) -> Vec<Step> {
    prefix
        .iter()
        .map(|k| Step::Key((*k).to_owned()))
        .chain(reference.steps.iter().cloned())
        .collect()
}
