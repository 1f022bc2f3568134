//! `sfn render FILE [--format mermaid|dot|svg] [-o OUT]`: draw a definition as a Mermaid
//! flowchart, a Graphviz DOT digraph or an SVG image; exit 0 (drawn), 1 (the definition does
//! not parse) or 2 (usage or I/O error).
//!
//! The definition only has to parse, not validate: drawing a broken machine is often how one
//! sees what is wrong with it (a `Next` to a missing state is drawn to a dashed node).

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::Status;

/// Arguments of `sfn render`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The definition (ASL JSON) to draw; `-` reads standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// What to draw: a Mermaid flowchart, a Graphviz DOT digraph or an SVG image.
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,

    /// Write the drawing to this file instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
}

/// The drawing's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A Mermaid flowchart (` ```mermaid ` blocks on GitHub and GitLab).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A standalone SVG image, laid out by sfn (no Graphviz needed).
    Svg,
}

/// Runs `sfn render`.
pub(crate) fn run(args: &Args) -> ExitCode {
    match draw(args) {
        Ok(()) => Status::Success.into(),
        Err((status, message)) => {
            eprint!("{message}");
            status.into()
        }
    }
}

fn draw(args: &Args) -> Result<(), (Status, String)> {
    let (name, bytes) = if args.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).map_err(|e| {
            (
                Status::Error,
                format!("sfn: error: cannot read standard input: {e}\n"),
            )
        })?;
        ("<stdin>".to_owned(), buf)
    } else {
        let name = args.file.display().to_string();
        let bytes = std::fs::read(&args.file).map_err(|e| {
            (
                Status::Error,
                format!("sfn: error: cannot read `{name}`: {e}\n"),
            )
        })?;
        (name, bytes)
    };
    let machine = sfn_asl::parse_slice(&bytes).map_err(|e| {
        let mut report = String::new();
        for d in &e.diagnostics {
            let place = match d.location {
                Some(at) => format!("{name}:{}:{}", at.line, at.column),
                None => name.clone(),
            };
            report.push_str(&format!("{place}: error[{}]: {}\n", d.code, d.message));
            if !d.pointer.as_str().is_empty() {
                report.push_str(&format!("  at {}\n", d.pointer.as_str()));
            }
        }
        report.push_str(&format!("sfn: `{name}` does not parse; nothing drawn\n"));
        (Status::Failure, report)
    })?;
    let drawing = match args.format {
        Format::Mermaid => sfn_asl::render::to_mermaid(&machine),
        Format::Dot => sfn_asl::render::to_dot(&machine),
        Format::Svg => sfn_asl::render::to_svg(&machine),
    };
    match args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(path) => std::fs::write(path, drawing).map_err(|e| {
            (
                Status::Error,
                format!("sfn: error: cannot write `{}`: {e}\n", path.display()),
            )
        }),
        None => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(drawing.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A closed pipe (`sfn render … | head`) is the reader's choice, not our error.
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err((
                    Status::Error,
                    format!("sfn: error: cannot write the drawing: {e}\n"),
                )),
                _ => Ok(()),
            }
        }
    }
}
