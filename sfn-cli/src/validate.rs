//! `sfn validate FILE...`: parse and check definitions, report every diagnostic with its
//! file:line:column and JSON Pointer, and exit 0 (valid), 1 (invalid) or 2 (usage or I/O error).

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use sfn_asl::{Code, Diagnostic, Diagnostics, Location, Pointer, Severity};

use crate::Status;
use crate::style::{ColorChoice, Style};

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
    result: Result<Diagnostics, String>,
}

impl Checked {
    fn is_valid(&self) -> bool {
        matches!(&self.result, Ok(d) if !d.has_errors())
    }
}

/// Runs `sfn validate`.
pub(crate) fn run(args: &Args) -> ExitCode {
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
            Ok(d) if d.has_errors() => Status::Failure,
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
        let Ok(diagnostics) = &c.result else {
            // Already said on stderr; the summary line keeps the file in the list.
            let _ = writeln!(
                out,
                "{}: {}",
                style.bold(&c.name),
                style.error("not checked (unreadable)")
            );
            continue;
        };
        out.push_str(&report(&c.name, diagnostics, style));
        let errors = diagnostics.errors().count();
        let warnings = diagnostics.warnings().count();
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

/// One diagnostic in `--format json`; `line`, `column` and `help` are `null` when unknown.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: Code,
    aws_code: &'static str,
    severity: Severity,
    message: &'a str,
    pointer: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
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
                .map(|d| {
                    d.iter()
                        .map(|d| JsonDiagnostic {
                            code: d.code,
                            aws_code: d.code.aws_code(),
                            severity: d.severity,
                            message: &d.message,
                            pointer: d.pointer.as_str(),
                            line: d.location.map(|l| l.line),
                            column: d.location.map(|l| l.column),
                            help: d.help.as_deref(),
                        })
                        .collect()
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
            result: Ok(check_bytes(text.as_bytes())),
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
