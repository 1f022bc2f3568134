//! `sfn validate FILE...`: parse and check definitions, report every diagnostic with its
//! file:line:column and JSON Pointer, and exit 0 (valid), 1 (invalid) or 2 (usage or I/O error).
//!
//! `${NAME}` placeholders are substituted first (`--substitute`, `--substitutions`); one left
//! without a value is an `unresolved_placeholder` error at its place (a warning when no values
//! were given at all), unless `--allow-placeholders` gives it a stand-in.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use sfn_asl::{Code, Diagnostic, Diagnostics, Location, Pointer, Severity};

use crate::Status;
use crate::style::{ColorChoice, Style};
use crate::substitute::{self, Substitutions, Unresolved};

/// Arguments of `sfn validate`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Definition files (ASL JSON) to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Output format: `human` for people, `json` for tools (one JSON document on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// When to colour human output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    #[command(flatten)]
    substitutions: substitute::Options,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// `file:line:col: error[code]: message`, with the pointer and help on the next lines.
    Human,
    /// One JSON array with an object per file.
    Json,
}

/// What became of one input.
struct Checked {
    /// The name to print: the path as given, or `<stdin>`.
    name: String,
    /// The diagnostics, or why the input could not be read.
    result: Result<Report, String>,
}

/// What was found in one readable input.
struct Report {
    /// Placeholders left without a value, in the file as written.
    unresolved: Vec<Unresolved>,
    /// Whether those are errors (values were given, one is missing) or warnings.
    unresolved_severity: Severity,
    /// The parser's and validator's diagnostics, located in the file as written.
    diagnostics: Diagnostics,
}

impl Report {
    fn has_errors(&self) -> bool {
        (self.unresolved_severity == Severity::Error && !self.unresolved.is_empty())
            || self.diagnostics.has_errors()
    }

    /// How many unresolved placeholders count as `severity`.
    fn unresolved_counted_as(&self, severity: Severity) -> usize {
        if self.unresolved_severity == severity {
            self.unresolved.len()
        } else {
            0
        }
    }
}

impl Checked {
    fn is_valid(&self) -> bool {
        matches!(&self.result, Ok(r) if !r.has_errors())
    }
}

/// Runs `sfn validate`.
pub(crate) fn run(args: &Args) -> ExitCode {
    let substitutions = match args.substitutions.load() {
        Ok(s) => s,
        Err(message) => {
            eprintln!("sfn: error: {message}");
            return Status::Error.into();
        }
    };
    let check_bytes = |bytes: &[u8]| check(bytes, &substitutions);
    let mut stdin_text: Option<Result<Vec<u8>, String>> = None;
    let checked: Vec<Checked> = args
        .files
        .iter()
        .map(|path| {
            if path.as_os_str() == "-" {
                let bytes = stdin_text.get_or_insert_with(|| {
                    let mut buf = Vec::new();
                    io::stdin()
                        .read_to_end(&mut buf)
                        .map(|_| buf)
                        .map_err(|e| format!("cannot read standard input: {e}"))
                });
                Checked {
                    name: "<stdin>".to_owned(),
                    result: bytes.as_deref().map(check_bytes).map_err(Clone::clone),
                }
            } else {
                let name = path.display().to_string();
                let result = std::fs::read(path)
                    .map(|bytes| check_bytes(&bytes))
                    .map_err(|e| format!("cannot read `{name}`: {e}"));
                Checked { name, result }
            }
        })
        .collect();

    let status = checked
        .iter()
        .map(|c| match &c.result {
            Err(_) => Status::Error,
            Ok(r) if r.has_errors() => Status::Failure,
            Ok(_) => Status::Success,
        })
        .max()
        .unwrap_or(Status::Success);

    for c in &checked {
        if let Err(message) = &c.result {
            eprintln!("sfn: error: {message}");
        }
    }
    let output = match args.format {
        Format::Human => human(&checked, args.color.for_stdout()),
        Format::Json => json(&checked),
    };
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => status.into(),
        // A closed pipe (`sfn validate … | head`) is the reader's choice, not our error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status.into(),
        Err(e) => {
            eprintln!("sfn: error: cannot write the report: {e}");
            Status::Error.into()
        }
    }
}

/// Parses and validates one input's bytes.
pub(crate) fn check_bytes(bytes: &[u8]) -> Diagnostics {
    match std::str::from_utf8(bytes) {
        Ok(text) => sfn_asl::validate_str(text),
        Err(e) => {
            let location = location_of(bytes, e.valid_up_to());
            Diagnostics(vec![
                Diagnostic::error(
                    Code::InvalidJson,
                    Pointer::root(),
                    "the definition is not UTF-8 text",
                )
                .with_location(location),
            ])
        }
    }
}

/// Substitutes, parses and validates one input's bytes.
fn check(bytes: &[u8], substitutions: &Substitutions) -> Report {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Report {
            unresolved: Vec::new(),
            unresolved_severity: Severity::Warning,
            diagnostics: check_bytes(bytes),
        };
    };
    let substituted = substitutions.apply(text);
    let mut diagnostics = sfn_asl::validate_str(&substituted.text);
    for d in &mut diagnostics.0 {
        d.location = d.location.map(|l| substituted.original_location(l));
    }
    Report {
        unresolved_severity: if substituted.unresolved_are_errors {
            Severity::Error
        } else {
            Severity::Warning
        },
        unresolved: substituted.unresolved,
        diagnostics,
    }
}

/// The message and help of an `unresolved_placeholder` error.
fn unresolved_message(u: &Unresolved) -> (String, String) {
    (
        format!("placeholder `${{{}}}` has no value", u.name),
        format!(
            "pass `--substitute {}=VALUE` or list it in `--substitutions FILE.json` (or accept stand-ins with `--allow-placeholders`)",
            u.name
        ),
    )
}

/// The id of the error for a placeholder without a value (not an sfn-asl [`Code`]: AWS never
/// sees the placeholder, CloudFormation or the CDK replaces it first).
const UNRESOLVED_PLACEHOLDER: &str = "unresolved_placeholder";

/// The 1-based line and character column of byte `offset` (which ends valid UTF-8).
fn location_of(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Location {
        line: before.iter().filter(|&&b| b == b'\n').count() + 1,
        column: String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1,
    }
}

/// The human report: one block per diagnostic, a summary line per file, and a total when there
/// are several files.
fn human(checked: &[Checked], style: Style) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for c in checked {
        let Ok(checked_report) = &c.result else {
            // Already said on stderr; the summary line keeps the file in the list.
            let _ = writeln!(
                out,
                "{}: {}",
                style.bold(&c.name),
                style.error("not checked (unreadable)")
            );
            continue;
        };
        for u in &checked_report.unresolved {
            let (message, help) = unresolved_message(u);
            let label = match checked_report.unresolved_severity {
                Severity::Error => style.error(&format!("error[{UNRESOLVED_PLACEHOLDER}]")),
                Severity::Warning => style.warning(&format!("warning[{UNRESOLVED_PLACEHOLDER}]")),
            };
            let _ = writeln!(
                out,
                "{}: {label}: {}",
                style.bold(&format!("{}:{}", c.name, u.location)),
                style.bold(&message)
            );
            let _ = writeln!(out, "  {} {help}", style.help("help:"));
        }
        let diagnostics = &checked_report.diagnostics;
        out.push_str(&report(&c.name, diagnostics, style));
        let errors =
            diagnostics.errors().count() + checked_report.unresolved_counted_as(Severity::Error);
        let warnings = diagnostics.warnings().count()
            + checked_report.unresolved_counted_as(Severity::Warning);
        let verdict = if errors > 0 {
            style.error("invalid")
        } else {
            style.success("valid")
        };
        let mut counts = Vec::new();
        if errors > 0 {
            counts.push(plural(errors, "error"));
        }
        if warnings > 0 {
            counts.push(plural(warnings, "warning"));
        }
        let counts = if counts.is_empty() {
            String::new()
        } else {
            format!(" ({})", counts.join(", "))
        };
        let _ = writeln!(out, "{}: {verdict}{counts}", style.bold(&c.name));
    }
    if checked.len() > 1 {
        let valid = checked.iter().filter(|c| c.is_valid()).count();
        let unreadable = checked.iter().filter(|c| c.result.is_err()).count();
        let invalid = checked.len() - valid - unreadable;
        let mut parts = vec![format!("{valid} valid"), format!("{invalid} invalid")];
        if unreadable > 0 {
            parts.push(format!("{unreadable} unreadable"));
        }
        let _ = writeln!(
            out,
            "{}: {}",
            plural(checked.len(), "file"),
            parts.join(", ")
        );
    }
    out
}

/// The human report of one input's diagnostics: a block per diagnostic with `name:line:col`,
/// the JSON Pointer and the help (`sfn import` prints the same for a definition it rejects).
pub(crate) fn report(name: &str, diagnostics: &Diagnostics, style: Style) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for d in diagnostics {
        let place = match d.location {
            Some(at) => format!("{}:{}:{}", name, at.line, at.column),
            None => name.to_owned(),
        };
        let label = match d.severity {
            Severity::Error => style.error(&format!("error[{}]", d.code)),
            Severity::Warning => style.warning(&format!("warning[{}]", d.code)),
        };
        let _ = writeln!(
            out,
            "{}: {label}: {}",
            style.bold(&place),
            style.bold(&d.message)
        );
        let pointer = if d.pointer.as_str().is_empty() {
            "(the whole definition)"
        } else {
            d.pointer.as_str()
        };
        let _ = writeln!(out, "  {} {}", style.dim("at"), pointer);
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  {} {help}", style.help("help:"));
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One file in `--format json`.
#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    valid: bool,
    /// Why the file could not be read; absent when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One diagnostic in `--format json`; `line`, `column` and `help` are `null` when unknown, and
/// `aws_code` and `pointer` for an `unresolved_placeholder` (a check of sfn's own, on the text).
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    aws_code: Option<&'static str>,
    severity: Severity,
    message: std::borrow::Cow<'a, str>,
    pointer: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<std::borrow::Cow<'a, str>>,
}

fn json(checked: &[Checked]) -> String {
    let files: Vec<JsonFile<'_>> = checked
        .iter()
        .map(|c| JsonFile {
            file: &c.name,
            valid: c.is_valid(),
            error: c.result.as_ref().err().map(String::as_str),
            diagnostics: c
                .result
                .as_ref()
                .map(|r| {
                    let unresolved = r.unresolved.iter().map(|u| {
                        let (message, help) = unresolved_message(u);
                        JsonDiagnostic {
                            code: UNRESOLVED_PLACEHOLDER,
                            aws_code: None,
                            severity: r.unresolved_severity,
                            message: message.into(),
                            pointer: None,
                            line: Some(u.location.line),
                            column: Some(u.location.column),
                            help: Some(help.into()),
                        }
                    });
                    let diagnostics = r.diagnostics.iter().map(|d| JsonDiagnostic {
                        code: d.code.id(),
                        aws_code: Some(d.code.aws_code()),
                        severity: d.severity,
                        message: d.message.as_str().into(),
                        pointer: Some(d.pointer.as_str()),
                        line: d.location.map(|l| l.line),
                        column: d.location.map(|l| l.column),
                        help: d.help.as_deref().map(Into::into),
                    });
                    unresolved.chain(diagnostics).collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    // Serializing plain structs of strings, numbers and options to a String cannot fail.
    let mut text = serde_json::to_string_pretty(&files).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(name: &str, text: &str) -> Checked {
        Checked {
            name: name.to_owned(),
            result: Ok(check(text.as_bytes(), &Substitutions::default())),
        }
    }

    // One error only: `A`'s `Next` names no state. (Without the Choice and `C`, the machine
    // would also have no terminal state, which AWS reports too.)
    const BAD_NEXT: &str = "{\"StartAt\": \"B\",\n \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Ab\"}, \
        \"B\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, \"Next\": \"A\"}], \
        \"Default\": \"C\"}, \"C\": {\"Type\": \"Succeed\"}}}";

    #[test]
    fn human_line_names_file_line_column_and_code() {
        let out = human(
            &[checked("m.json", BAD_NEXT)],
            ColorChoice::Never.for_stdout(),
        );
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "m.json:2:35: error[unknown_next_state]: Missing 'Next' target: Ab"
        );
        assert!(out.contains("\n  at /States/A/Next\n"), "{out}");
        assert!(out.contains("\n  help: did you mean `A`?\n"), "{out}");
        assert!(out.ends_with("m.json: invalid (1 error)\n"), "{out}");
    }

    #[test]
    fn human_summary_counts_files() {
        let ok = r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#;
        let out = human(
            &[checked("a.json", ok), checked("b.json", BAD_NEXT)],
            ColorChoice::Never.for_stdout(),
        );
        assert!(out.contains("a.json: valid\n"), "{out}");
        assert!(out.ends_with("2 files: 1 valid, 1 invalid\n"), "{out}");
    }

    #[test]
    fn json_lists_every_field() {
        let out = json(&[checked("m.json", BAD_NEXT)]);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let d = &value[0]["diagnostics"][0];
        assert_eq!(value[0]["valid"], false);
        assert_eq!(d["code"], "unknown_next_state");
        assert_eq!(d["aws_code"], "MISSING_TRANSITION_TARGET");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["pointer"], "/States/A/Next");
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(2), Some(35))
        );
        assert_eq!(d["help"], "did you mean `A`?");
    }

    #[test]
    fn non_utf8_input_is_an_invalid_json_diagnostic_with_its_place() {
        let d = check_bytes(b"{\n  \"a\xff\": 1}");
        assert_eq!(d.0[0].code, Code::InvalidJson);
        assert_eq!(d.0[0].location, Some(Location { line: 2, column: 5 }));
    }
}
