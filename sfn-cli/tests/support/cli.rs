//! Running the `sfn` binary from a test, shared by the CLI test files (each includes it with
//! `#[path = "support/cli.rs"] mod support;`).
#![allow(dead_code, reason = "each test binary uses only some of these helpers")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs `sfn ARGS` with no input.
pub(crate) fn sfn(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .output()
        .expect("the sfn binary runs")
}

/// Runs `sfn ARGS` with `stdin` piped in (and `NO_COLOR` unset, so `--color` tests see what a
/// user's terminal would).
pub(crate) fn sfn_piped(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sfn binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // sfn may exit (on a usage error) before reading its input: a closed pipe is fine here.
    if let Err(e) = pipe.write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(pipe);
    child.wait_with_output().expect("sfn finishes")
}

/// A path named `name` in a scratch directory of its own: tests run in parallel, and two
/// writing one file would truncate each other's while the other's `sfn` reads it. The file name
/// itself is kept (`sfn import` names the function after it).
pub(crate) fn scratch(name: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("scratch-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the scratch directory can be made");
    dir.join(name)
}

/// Writes `text` to a scratch file of its own and returns its path.
pub(crate) fn file(name: &str, text: &str) -> String {
    let path = scratch(name);
    std::fs::write(&path, text).expect("the scratch directory is writable");
    path.display().to_string()
}

/// The output's stdout as text.
pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// The output's stderr as text.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}
