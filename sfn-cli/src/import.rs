//! `sfn import FILE [-o OUT.rs] [--fn-name NAME]`: turn an ASL definition into Rust source that
//! rebuilds the same workflow with the sfn-dsl builder.
//!
//! The definition is parsed and validated first: one that `sfn validate` rejects gets the same
//! located diagnostics and exit status 1 (the generated code could never build it). A construct
//! the builder cannot write (`Credentials` other than `{"RoleArn": …}`/`{"RoleArn.$": …}`, a
//! JSONata field that is not one `{% … %}` expression; the validator rejects both first) is an
//! error naming the field's JSON Pointer, also exit 1; the command never writes code that
//! builds another workflow. I/O and usage errors exit 2.
//!
//! What the builder writes only for a faithful round trip is written too: a branch's or item
//! processor's own `Comment` and `QueryLanguage` as `Branch::new(chain).comment(..)`, an empty
//! `"Assign": {}` as `.assign_empty()`, a `ProcessorConfig` that is neither `INLINE` alone nor
//! `DISTRIBUTED` with an `ExecutionType` through `.item_processor_with_config(..)`.
//!
//! The code is one function returning `Result<Workflow, BuildError>`, with one `let` per state:
//! the states a state goes to are written before it, so transitions are handles (`&check`); a
//! loop back to a state written later is `StateRef::named("…")`. When `rustfmt` is on the PATH
//! the output goes through it; otherwise it is printed as generated, already indented.

mod code;
mod names;
mod states;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use sfn_asl::{Code as DiagnosticCode, StateMachine};

use crate::Status;
use crate::style::ColorChoice;
use code::Code;
use names::Names;
pub(crate) use states::Unsupported;

/// Arguments of `sfn import`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition (ASL JSON) to import; `-` reads standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Write the Rust source to this file instead of standard output.
    #[arg(short, long, value_name = "OUT.rs")]
    output: Option<PathBuf>,

    /// The generated function's name (default: the file name up to its first dot, in
    /// snake_case; `workflow` for standard input).
    #[arg(long, value_name = "NAME")]
    fn_name: Option<String>,
}

/// Runs `sfn import`.
pub(crate) fn run(args: &Args) -> ExitCode {
    let reading_stdin = args.file.as_os_str() == "-";
    let (name, bytes) = if reading_stdin {
        let mut buf = Vec::new();
        if let Err(e) = io::stdin().read_to_end(&mut buf) {
            eprintln!("sfn: error: cannot read standard input: {e}");
            return Status::Error.into();
        }
        ("<stdin>".to_owned(), buf)
    } else {
        let name = args.file.display().to_string();
        match std::fs::read(&args.file) {
            Ok(bytes) => (name, bytes),
            Err(e) => {
                eprintln!("sfn: error: cannot read `{name}`: {e}");
                return Status::Error.into();
            }
        }
    };
    let fn_name = match &args.fn_name {
        Some(f) if is_identifier(f) => f.clone(),
        Some(f) => {
            eprintln!("sfn: error: `--fn-name {f}` is not a Rust identifier");
            return Status::Error.into();
        }
        None if reading_stdin => "workflow".to_owned(),
        None => default_fn_name(&args.file),
    };

    // The located diagnostics of `sfn validate`, except that a `${Name}` placeholder in a
    // `Resource` is fine: the builder checks it as the deploy tool will see it once substituted.
    let diagnostics = crate::validate::check_bytes(&bytes);
    let blocking = diagnostics
        .errors()
        .any(|d| !(d.code == DiagnosticCode::InvalidResource && d.message.contains("${")));
    if blocking {
        let report = crate::validate::report(&name, &diagnostics, ColorChoice::Never.for_stdout());
        eprint!("{report}");
        return Status::Failure.into();
    }
    // The errors left are placeholders, so the bytes are UTF-8 and parse.
    let machine = match std::str::from_utf8(&bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| sfn_asl::parse(text).map_err(|e| e.diagnostics.to_string()))
    {
        Ok(machine) => machine,
        Err(message) => {
            eprintln!("sfn: error: {name}: {message}");
            return Status::Failure.into();
        }
    };
    // What the generated code's `build()` will check, exactly (placeholders stood in for).
    if let Err(error) = sfn_dsl::Workflow::from_definition(machine.clone()) {
        eprintln!("sfn: error: {name}: the builder would reject this definition: {error}");
        return Status::Failure.into();
    }
    let source = if reading_stdin {
        None
    } else {
        args.file
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
    };
    let text = match generate(&machine, &fn_name, source.as_deref()) {
        Ok(text) => rustfmt(text),
        Err(unsupported) => {
            eprintln!("sfn: error: {name}: {unsupported}");
            return Status::Failure.into();
        }
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        None => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write the source: {e}"))
                }
                _ => Ok(()),
            }
        }
    };
    match written {
        Ok(()) => Status::Success.into(),
        Err(message) => {
            eprintln!("sfn: error: {message}");
            Status::Error.into()
        }
    }
}

/// The Rust source of a file with one function, `fn_name`, that rebuilds `machine` with the
/// sfn-dsl builder; `source` names the definition's file in the header comment.
pub(crate) fn generate(
    machine: &StateMachine,
    fn_name: &str,
    source: Option<&str>,
) -> Result<String, Unsupported> {
    let mut names = Names::default();
    names.reserve(fn_name);
    let mut writer = states::Writer::new(&mut names);
    // Every field by name: a field added to the model fails to compile here until it is written.
    let StateMachine {
        query_language,
        comment,
        start_at,
        states,
        timeout_seconds,
        version,
    } = machine;
    let scope = writer.scope("", start_at, states)?;
    let body = writer.body;

    let mut wf = Code::call("Workflow::builder", vec![Code::raw(scope.start)]);
    if let Some(comment) = comment {
        wf = wf.method("comment", vec![Code::str(comment)]);
    }
    if let Some(language) = *query_language {
        wf = wf.method("query_language", vec![states::language_code(language)]);
    }
    if let Some(seconds) = timeout_seconds {
        wf = wf.method("timeout_seconds", vec![Code::raw(seconds.to_string())]);
    }
    if let Some(version) = version {
        wf = wf.method("version", vec![Code::str(version)]);
    }
    for other in scope.others {
        wf = wf.method("state", vec![Code::raw(other)]);
    }
    wf = wf.method("build", Vec::new());

    let mut out = String::new();
    match source {
        Some(file) => out.push_str(&format!(
            "// Generated by `sfn import` from `{}`.\n\n",
            file.replace('\n', " ")
        )),
        None => out.push_str("// Generated by `sfn import`.\n\n"),
    }
    if body.uses_json {
        out.push_str("use serde_json::json;\n");
    }
    out.push_str("use sfn_dsl::prelude::*;\n\n");
    out.push_str(&format!(
        "/// Builds the workflow{}.\n",
        source.map_or(String::new(), |f| format!(" of `{}`", f.replace('\n', " ")))
    ));
    out.push_str(&format!(
        "pub fn {fn_name}() -> Result<Workflow, BuildError> {{\n"
    ));
    for (var, code) in &body.lets {
        let prefix = format!("let {var} = ");
        out.push_str(&format!("    {prefix}{};\n", code.print(4, prefix.len())));
    }
    if !body.lets.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("    {}\n}}\n", wf.print(4, 0)));
    Ok(out)
}

/// Formats `text` with `rustfmt` when it is on the PATH (edition 2024, the configuration found
/// from the current directory), else returns it unchanged.
fn rustfmt(text: String) -> String {
    let child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return text };
    if let Some(mut stdin) = child.stdin.take()
        && stdin.write_all(text.as_bytes()).is_err()
    {
        let _ = child.kill();
        let _ = child.wait();
        return text;
    }
    match child.wait_with_output() {
        Ok(output) if output.status.success() && !output.stdout.is_empty() => {
            String::from_utf8(output.stdout).unwrap_or(text)
        }
        _ => text,
    }
}

/// `image_pipeline.asl.json` → `image_pipeline`; a name that gives no identifier → `workflow`.
fn default_fn_name(path: &Path) -> String {
    let stem = path
        .file_name()
        .and_then(|f| f.to_str())
        .and_then(|f| f.split('.').next())
        .unwrap_or_default();
    match names::snake_case(stem) {
        Some(s) if !s.starts_with(|c: char| c.is_ascii_digit()) => s,
        _ => "workflow".to_owned(),
    }
}

/// Whether `name` is an ASCII Rust identifier that is neither a keyword nor a name the
/// generated code calls.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && !names::is_reserved(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(text: &str) -> Result<String, Unsupported> {
        generate(&sfn_asl::parse(text).unwrap(), "workflow", None)
    }

    #[test]
    fn default_function_name_is_the_file_stem() {
        assert_eq!(
            default_fn_name(Path::new("a/image_pipeline.asl.json")),
            "image_pipeline"
        );
        assert_eq!(default_fn_name(Path::new("OrderFlow.json")), "order_flow");
        assert_eq!(default_fn_name(Path::new("주문.json")), "workflow");
    }

    #[test]
    fn keywords_are_not_function_names() {
        assert!(is_identifier("order_flow"));
        assert!(!is_identifier("fn"));
        assert!(!is_identifier("1st"));
        assert!(!is_identifier("a-b"));
    }

    #[test]
    fn a_linear_flow_writes_targets_first() {
        let text = import(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#,
        )
        .unwrap();
        let b = text.find("let b = succeed(\"B\");").unwrap();
        let a = text.find("let a = pass(\"A\").next(&b);").unwrap();
        assert!(b < a, "{text}");
        assert!(
            text.contains("Workflow::builder(a).state(b).build()"),
            "{text}"
        );
    }

    #[test]
    fn a_loop_refers_back_by_name() {
        let text = import(
            r#"{"StartAt": "Check", "States": {
                "Check": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Pause"},
                "Pause": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
                "Done": {"Type": "Succeed"}}}"#,
        )
        .unwrap();
        assert!(
            text.contains(r#"wait("Pause").seconds(5).next(StateRef::named("Check"))"#),
            "{text}"
        );
        assert!(
            text.contains(r#".when(path("$.done").eq(true), &done)"#),
            "{text}"
        );
    }

    #[test]
    fn an_empty_assign_is_written_with_assign_empty() {
        let text = import(
            r#"{"StartAt": "C", "States": {
                "C": {"Type": "Choice", "Assign": {}, "Default": "T",
                      "Choices": [{"Variable": "$.a", "BooleanEquals": true, "Assign": {}, "Next": "T"}]},
                "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {}, "Next": "D"}], "End": true},
                "D": {"Type": "Succeed"}}}"#,
        )
        .unwrap();
        // Long chains break one call per line; compare without the line breaks.
        let flat: String = text.split_whitespace().collect();
        assert!(
            flat.contains(r#"choice("C").assign_empty()"#),
            "the state's: {text}"
        );
        assert!(
            flat.contains(r#"Rule::new(path("$.a").eq(true)).assign_empty()"#),
            "the rule's: {text}"
        );
        assert!(
            flat.contains(r#"Catch::all().assign_empty().next(&d)"#),
            "the catcher's: {text}"
        );
    }

    #[test]
    fn a_branch_comment_and_query_language_are_written_with_branch_new() {
        let text = import(
            r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                {"Comment": "c", "QueryLanguage": "JSONPath", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
                {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}}}"#,
        )
        .unwrap();
        assert!(
            text.contains(
                r#".branch(Branch::new(a).comment("c").query_language(QueryLanguage::JsonPath))"#
            ),
            "{text}"
        );
        assert!(text.contains(".branch(b)"), "{text}");
    }

    #[test]
    fn a_construct_the_builder_cannot_write_is_refused_with_its_pointer() {
        // The validator rejects this one first; the generator still refuses it by itself.
        let error = import(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "End": true,
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F",
                "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/R", "RoleArn.$": "$.r"}}}}"#,
        )
        .unwrap_err();
        assert_eq!(error.pointer, "/States/A/Credentials");
    }

    #[test]
    fn a_processor_config_without_a_shortcut_is_written_as_the_models_struct() {
        let text = import(
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor":
                {"ProcessorConfig": {"ExecutionType": "EXPRESS"}, "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}}}}"#,
        )
        .unwrap();
        let flat: String = text.split_whitespace().collect();
        assert!(
            flat.contains(
                ".item_processor_with_config(sfn_dsl::asl::ProcessorConfig{mode:None,execution_type:Some(ExecutionType::Express),},a,)"
            ),
            "{text}"
        );
    }

    #[test]
    fn an_item_processor_comment_is_written_with_branch_new() {
        let text = import(
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor":
                {"Comment": "per item", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}}}}"#,
        )
        .unwrap();
        assert!(
            text.contains(r#".item_processor(Branch::new(a).comment("per item"))"#),
            "{text}"
        );
    }
}
