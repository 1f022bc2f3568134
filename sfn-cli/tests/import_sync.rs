//! The committed output of `sfn import` (`import_round_trip/imported/`, compiled and run by the
//! `import_round_trip` test) is still exactly what the command prints for each source.
//!
//! After a change to the generator, `SFN_UPDATE_IMPORTED=1 cargo test -p sfn-cli --test
//! import_sync` rewrites `imported/` (then review `git diff`). This test does not compile the
//! generated code, so it can rewrite code that no longer compiles.

#[path = "import_round_trip/sources.rs"]
mod sources;

use std::path::{Path, PathBuf};
use std::process::Command;

use sources::{Source, sources};

/// What `sfn import` prints for `source`.
fn import(source: &Source) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .arg("import")
        .arg(&source.path)
        .args(["--fn-name", &source.name])
        .output()
        .expect("the sfn binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "sfn import {} failed:\n{stderr}",
        source.path.display()
    );
    String::from_utf8(output.stdout).expect("the source is UTF-8")
}

fn imported_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_round_trip/imported")
}

/// `imported.rs`: one module per source and the table of their functions.
fn index(sources: &[Source]) -> String {
    let mut out = String::from(
        "//! The committed output of `sfn import`, one module per definition (written by\n\
         //! `SFN_UPDATE_IMPORTED=1 cargo test -p sfn-cli --test import_sync`).\n\
         #![allow(unreachable_pub, reason = \"`sfn import` writes public functions\")]\n\n",
    );
    for s in sources {
        out.push_str(&format!("mod {};\n", s.name));
    }
    out.push_str(
        "\n/// Each module's function, by name.\n\
         pub(crate) const BUILDERS: &[(&str, crate::Build)] = &[\n",
    );
    for s in sources {
        out.push_str(&format!("    (\"{0}\", {0}::{0}),\n", s.name));
    }
    out.push_str("];\n");
    rustfmt(&out)
}

/// `text` formatted as `cargo fmt` formats the committed files.
fn rustfmt(text: &str) -> String {
    use std::io::Write as _;
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("rustfmt runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(text.as_bytes())
        .expect("rustfmt reads its input");
    let output = child.wait_with_output().expect("rustfmt finishes");
    assert!(output.status.success(), "rustfmt failed on the module list");
    String::from_utf8(output.stdout).expect("rustfmt prints UTF-8")
}

/// Whether `rustfmt` is on the PATH: `sfn import` formats its output with it, so the committed
/// code is what it prints only where rustfmt runs (CI has it: it runs `cargo fmt --check`).
fn have_rustfmt() -> bool {
    let found = Command::new("rustfmt")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "rustfmt is missing and CI is set"
    );
    if !found {
        eprintln!("skipping: rustfmt is not on the PATH");
    }
    found
}

#[test]
fn committed_code_is_what_sfn_import_prints() {
    if !have_rustfmt() {
        return;
    }
    let (sources, complete) = sources();
    let update = std::env::var_os("SFN_UPDATE_IMPORTED").is_some();
    assert!(
        !(update && std::env::var_os("CI").is_some()),
        "SFN_UPDATE_IMPORTED is for a developer's machine, not CI"
    );
    let dir = imported_dir();
    let mut stale = Vec::new();
    for source in &sources {
        let text = import(source);
        let path = dir.join(format!("{}.rs", source.name));
        if update {
            std::fs::write(&path, &text).expect("imported/ is writable");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(source.name.clone());
        }
    }
    if complete {
        let path = dir.with_extension("rs");
        let text = index(&sources);
        if update {
            std::fs::write(&path, &text).expect("imported.rs is writable");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push("imported.rs (the module list)".to_owned());
        }
    }
    assert!(
        stale.is_empty(),
        "`sfn import` no longer prints the committed code for: {stale:?}\n\
         rerun with SFN_UPDATE_IMPORTED=1 and review the diff"
    );
}
