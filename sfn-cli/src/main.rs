//! `sfn`: validate, render, run and import AWS Step Functions workflows.
//!
//! Each subcommand lives in its own module with a clap `Args` struct and a `run` function that
//! returns the process exit status; `main` only dispatches.
#![forbid(unsafe_code)]

mod import;
mod render;
mod run;
mod style;
mod substitute;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// AWS Step Functions workflows, checked and run on your machine.
#[derive(Parser)]
#[command(name = "sfn", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check Amazon States Language definitions the way AWS does.
    ///
    /// Exit status: 0 when every file is valid (warnings allowed), 1 when any file is invalid,
    /// 2 on usage or I/O errors.
    Validate(validate::Args),
    /// Run a workflow locally, with Task states answered by a mock file, and print its output.
    ///
    /// Exit status: 0 when the execution succeeded, 1 when it failed or timed out, 2 on usage
    /// or I/O errors.
    Run(run::Args),
    /// Turn an ASL definition into Rust source that rebuilds it with the sfn-dsl builder.
    ///
    /// Exit status: 0 when the source was written, 1 when the definition is invalid or uses a
    /// construct the builder cannot write (the error names its JSON Pointer), 2 on usage or I/O
    /// errors.
    Import(import::Args),
    /// Draw a workflow as a Mermaid flowchart or a Graphviz DOT digraph.
    ///
    /// Exit status: 0 when drawn, 1 when the definition does not parse, 2 on usage or I/O
    /// errors.
    Render(render::Args),
}

fn main() -> ExitCode {
    // clap exits with status 2 on a usage error, and 0 after `--help` or `--version`.
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Render(args) => render::run(&args),
    }
}

/// The exit statuses every subcommand shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// Everything checked out.
    Success = 0,
    /// The input was read but is wrong (an invalid definition, a failed execution).
    Failure = 1,
    /// A usage or I/O error: the command could not do its job.
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status as u8)
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn worse_status_compares_greater() {
        assert!(Status::Error > Status::Failure && Status::Failure > Status::Success);
    }
}
