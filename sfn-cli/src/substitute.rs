//! `${NAME}` placeholders, replaced before a definition is read: `--substitute NAME=VALUE`,
//! `--substitutions FILE.json` and `--allow-placeholders`, shared by `sfn validate` and `sfn run`.
//!
//! The replacement is what CloudFormation does with `DefinitionSubstitutions` (and the CDK with
//! `definitionSubstitutions`, Terraform with `templatefile`): plain text, `${NAME}` → `VALUE`,
//! in one pass, before the JSON is parsed. A placeholder left without a value is reported at its
//! line and column in the file as written: an error when values were given (one is missing), a
//! warning when none were (the text is then checked as AWS would see it, placeholders and all).
//! `--allow-placeholders` gives it a well-formed stand-in instead (an ARN, when it is a whole
//! string), as `sfn-dsl`'s `build()` does.
//!
//! Locations found in the substituted text (by the parser or the validator) are mapped back to
//! the file as written, so a diagnostic after a long ARN still points at the right column.

use std::collections::BTreeMap;
use std::path::PathBuf;

use sfn_asl::Location;

/// The substitution options of `sfn validate` and `sfn run`.
#[derive(Debug, Default, clap::Args)]
pub(crate) struct Options {
    /// Replace `${NAME}` by VALUE before reading the definition (repeatable; wins over
    /// `--substitutions`), as CloudFormation's `DefinitionSubstitutions` does.
    #[arg(long = "substitute", value_name = "NAME=VALUE", value_parser = pair)]
    substitute: Vec<(String, String)>,

    /// A JSON object of substitutions, `{"NAME": "VALUE", …}` (numbers and booleans are
    /// written as their JSON text).
    #[arg(long, value_name = "FILE.json")]
    substitutions: Option<PathBuf>,

    /// Give every `${NAME}` without a value a well-formed stand-in (an ARN for a whole string)
    /// instead of reporting it.
    #[arg(long)]
    allow_placeholders: bool,
}

fn pair(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    let name = name
        .strip_prefix("${")
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(name);
    if !is_name(name) {
        return Err(format!(
            "`{name}` is not a placeholder name (letters, digits, `_`, `-`, `.` and `:`)"
        ));
    }
    Ok((name.to_owned(), value.to_owned()))
}

fn is_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(is_name_byte)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')
}

impl Options {
    /// The substitutions these options ask for; an unreadable or malformed file is an error
    /// message (a usage error).
    pub(crate) fn load(&self) -> Result<Substitutions, String> {
        let mut values = BTreeMap::new();
        if let Some(path) = &self.substitutions {
            let shown = path.display();
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
            let json: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("`{shown}` is not JSON: {e}"))?;
            let serde_json::Value::Object(object) = json else {
                return Err(format!(
                    "`{shown}` must be a JSON object of `\"NAME\": \"VALUE\"` pairs"
                ));
            };
            for (name, value) in object {
                let value = match value {
                    serde_json::Value::String(s) => s,
                    v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => {
                        v.to_string()
                    }
                    _ => {
                        return Err(format!(
                            "`{shown}`: the value of `{name}` must be a string, number or boolean"
                        ));
                    }
                };
                if !is_name(&name) {
                    return Err(format!("`{shown}`: `{name}` is not a placeholder name"));
                }
                values.insert(name, value);
            }
        }
        for (name, value) in &self.substitute {
            values.insert(name.clone(), value.clone());
        }
        Ok(Substitutions {
            values,
            declared: self.substitutions.is_some() || !self.substitute.is_empty(),
            allow_placeholders: self.allow_placeholders,
        })
    }
}

/// Values for `${NAME}` placeholders, and what to do with the others.
#[derive(Debug, Default)]
pub(crate) struct Substitutions {
    values: BTreeMap<String, String>,
    /// Whether values were given at all (`--substitute` or `--substitutions`).
    declared: bool,
    allow_placeholders: bool,
}

/// A placeholder with no value, where it is in the file as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unresolved {
    /// The name between `${` and `}`.
    pub(crate) name: String,
    /// Its `$`.
    pub(crate) location: Location,
}

/// A definition's text after substitution.
#[derive(Debug)]
pub(crate) struct Substituted {
    /// The text to parse.
    pub(crate) text: String,
    /// Placeholders with neither a value nor `--allow-placeholders`. When values were given,
    /// each got a stand-in (so the validator does not report it a second time); when none were,
    /// each is left as written.
    pub(crate) unresolved: Vec<Unresolved>,
    /// Whether `unresolved` are errors (values were given, so one is missing) or warnings.
    pub(crate) unresolved_are_errors: bool,
    /// The replaced spans: (start, end) in `text`, (start, end) in the original, in order.
    spans: Vec<(usize, usize, usize, usize)>,
    original: String,
}

impl Substitutions {
    /// `text` with every `${NAME}` replaced.
    pub(crate) fn apply(&self, text: &str) -> Substituted {
        let mut out = String::with_capacity(text.len());
        let mut unresolved = Vec::new();
        let mut spans = Vec::new();
        let bytes = text.as_bytes();
        let mut copied = 0;
        let mut at = 0;
        while let Some(found) = text[at..].find("${") {
            let start = at + found;
            let name_len = bytes[start + 2..]
                .iter()
                .take_while(|&&b| is_name_byte(b))
                .count();
            let end = start + 2 + name_len;
            if name_len == 0 || bytes.get(end) != Some(&b'}') {
                at = start + 2;
                continue;
            }
            let name = &text[start + 2..end];
            let replacement = match self.values.get(name) {
                Some(value) => value.clone(),
                None => {
                    if !self.allow_placeholders {
                        unresolved.push(Unresolved {
                            name: name.to_owned(),
                            location: location_at(text, start),
                        });
                        if !self.declared {
                            at = end + 1;
                            continue;
                        }
                    }
                    let whole_string =
                        start > 0 && bytes[start - 1] == b'"' && bytes.get(end + 1) == Some(&b'"');
                    stand_in(name, whole_string)
                }
            };
            out.push_str(&text[copied..start]);
            let new_start = out.len();
            out.push_str(&replacement);
            spans.push((new_start, out.len(), start, end + 1));
            copied = end + 1;
            at = end + 1;
        }
        let unresolved_are_errors = self.declared;
        if spans.is_empty() {
            return Substituted {
                text: text.to_owned(),
                unresolved,
                unresolved_are_errors,
                spans,
                original: String::new(),
            };
        }
        out.push_str(&text[copied..]);
        Substituted {
            text: out,
            unresolved,
            unresolved_are_errors,
            spans,
            original: text.to_owned(),
        }
    }
}

/// A stand-in for `${name}`: a Lambda function ARN named after it when it is a whole JSON
/// string (a `Resource`, most likely), else its letters and digits (a region, an account or a
/// name segment inside a longer ARN).
fn stand_in(name: &str, whole_string: bool) -> String {
    let word: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let word = if word.is_empty() {
        "placeholder".to_owned()
    } else {
        word
    };
    if whole_string {
        format!("arn:aws:lambda:us-east-1:123456789012:function:{word}")
    } else {
        word
    }
}

impl Substituted {
    /// Where `location` (in the substituted text) is in the file as written: after a replaced
    /// value it shifts back; inside one it is the placeholder's `$`.
    pub(crate) fn original_location(&self, location: Location) -> Location {
        if self.spans.is_empty() {
            return location;
        }
        let offset = offset_at(&self.text, location);
        let original = match self.spans.iter().rev().find(|s| s.0 <= offset) {
            Some(&(new_start, new_end, old_start, old_end)) => {
                if offset < new_end && offset >= new_start {
                    old_start
                } else {
                    old_end + (offset - new_end)
                }
            }
            None => offset,
        };
        location_at(&self.original, original)
    }
}

/// The 1-based line and character column of byte `offset` in `text`.
fn location_at(text: &str, offset: usize) -> Location {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The byte offset of `location` in `text` (clamped to the end of its line and of the text).
fn offset_at(text: &str, location: Location) -> usize {
    let mut line_start = 0;
    for _ in 1..location.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    line_start
        + line
            .char_indices()
            .nth(location.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(values: &[(&str, &str)]) -> Substitutions {
        Substitutions {
            values: values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            declared: true,
            allow_placeholders: false,
        }
    }

    #[test]
    fn every_occurrence_is_replaced_as_plain_text() {
        let s = with(&[("Arn", "arn:x"), ("Q", "q")]).apply(r#"["${Arn}", "${Arn}/${Q}"]"#);
        assert_eq!(s.text, r#"["arn:x", "arn:x/q"]"#);
        assert!(s.unresolved.is_empty());
    }

    #[test]
    fn a_value_is_not_substituted_again() {
        let s = with(&[("A", "${B}"), ("B", "b")]).apply("${A}");
        assert_eq!(s.text, "${B}");
    }

    #[test]
    fn unresolved_placeholder_is_reported_at_its_place_and_stood_in_for() {
        let s = with(&[]).apply("{\n  \"Resource\": \"${FnArn}\"}");
        assert_eq!(
            s.unresolved,
            [Unresolved {
                name: "FnArn".to_owned(),
                location: Location {
                    line: 2,
                    column: 16
                }
            }]
        );
        assert_eq!(
            s.text,
            "{\n  \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:FnArn\"}"
        );
    }

    #[test]
    fn without_values_a_placeholder_is_left_as_written_and_reported() {
        let s = Substitutions::default().apply(r#""${Fn}""#);
        assert_eq!(s.text, r#""${Fn}""#);
        assert_eq!(s.unresolved.len(), 1);
        assert!(!s.unresolved_are_errors);
    }

    #[test]
    fn allow_placeholders_stands_in_for_segments_without_reporting() {
        let mut subs = with(&[]);
        subs.allow_placeholders = true;
        let s = subs.apply(r#""arn:aws:lambda:${AWS::Region}:1:function:F""#);
        assert_eq!(s.text, r#""arn:aws:lambda:AWSRegion:1:function:F""#);
        assert!(s.unresolved.is_empty());
    }

    #[test]
    fn dollar_braces_that_are_not_placeholders_are_left_alone() {
        let s = with(&[]).apply(r#""${} ${a b} ${x""#);
        assert_eq!(s.text, r#""${} ${a b} ${x""#);
        assert!(s.unresolved.is_empty());
    }

    #[test]
    fn locations_after_a_value_map_back_to_the_file() {
        let s = with(&[("A", "a-much-longer-value")]).apply("\"${A}\", 가x");
        // `x` is at column 25 of the substituted text and column 10 of the file.
        assert_eq!(
            s.original_location(Location {
                line: 1,
                column: 25
            }),
            Location {
                line: 1,
                column: 10
            }
        );
        // Inside the value: the placeholder's `$`.
        assert_eq!(
            s.original_location(Location { line: 1, column: 5 }),
            Location { line: 1, column: 2 }
        );
    }

    #[test]
    fn substitute_flag_accepts_the_braced_form_and_rejects_bad_names() {
        assert_eq!(
            pair("${Fn}=arn:a=b"),
            Ok(("Fn".to_owned(), "arn:a=b".to_owned()))
        );
        assert!(pair("no-equals").is_err());
        assert!(pair("a b=c").is_err());
    }
}
