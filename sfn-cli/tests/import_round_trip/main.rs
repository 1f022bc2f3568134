//! `sfn import`'s round trip, compiled: `imported/*.rs` is what `sfn import` printed for every
//! valid definition we have (the examples' workflows, the image pipeline's ASL file and the valid
//! files of asl-validator's corpus). This crate compiles that code, runs each function and checks
//! that it builds the very definition it was imported from; and it runs `sfn import` again on
//! each source to check the committed code is still exactly what the command prints.
//!
//! After a change to the generator, `SFN_UPDATE_IMPORTED=1 cargo test -p sfn-cli --test
//! import_round_trip` rewrites `imported/` (then review `git diff`).

mod imported;

use std::path::{Path, PathBuf};
use std::process::Command;

use sfn_dsl::{BuildError, Workflow};

/// A function `sfn import` wrote.
type Build = fn() -> Result<Workflow, BuildError>;

/// A definition to import and the function name its code gets.
struct Source {
    /// The generated function's (and module's) name.
    name: String,
    /// The definition's file.
    path: PathBuf,
}

/// The examples' workflows written to the scratch directory, the image pipeline's ASL file,
/// and the valid definitions of asl-validator's corpus that our validator accepts (`None` for
/// those when the corpus is absent outside CI).
fn sources() -> (Vec<Source>, bool) {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("import_round_trip");
    std::fs::create_dir_all(&scratch).expect("the scratch directory can be made");
    let built: [(&str, Build); 9] = [
        ("callback", examples::callback::workflow),
        ("distributed_map", examples::distributed_map::workflow),
        ("jsonata_variables", examples::jsonata_variables::workflow),
        ("manager_approval", examples::manager_approval::workflow),
        ("order_api", examples::order_api::workflow),
        ("order_processing", examples::order_processing::workflow),
        ("retry_dlq", examples::retry_dlq::workflow),
        ("typed_payloads", examples::typed_payloads::workflow),
        ("workload", || examples::workload::workflow(3)),
    ];
    let mut sources = Vec::new();
    for (name, build) in built {
        let path = scratch.join(format!("{name}.asl.json"));
        let json = build().expect("the example builds").to_json_pretty();
        // The tests run in parallel and each calls `sources()`: write a private file and rename
        // it into place, so a test reading `path` never sees it truncated or half-written.
        let private = scratch.join(format!(
            "{name}.asl.json.{:?}.tmp",
            std::thread::current().id()
        ));
        std::fs::write(&private, json).expect("the scratch directory is writable");
        std::fs::rename(&private, &path).expect("the scratch directory is writable");
        sources.push(Source {
            name: name.to_owned(),
            path,
        });
    }
    sources.push(Source {
        name: "image_pipeline".to_owned(),
        path: Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/asl/image_pipeline.asl.json"),
    });
    let Some(dir) = sfn_tests::conformance_dir() else {
        return (sources, false);
    };
    let dir = dir.join("validator/asl-validator");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("valid-") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a readable definition");
        // The corpus's `valid-` files that our validator rejects (the allow-list says why) are
        // refused by `sfn import` too; see `invalid_definitions_are_not_imported`.
        if sfn_asl::validate_str(&text).has_errors() {
            continue;
        }
        let stem = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('.').next())
            .expect("a UTF-8 file name");
        sources.push(Source {
            name: stem.replace('-', "_").to_lowercase(),
            path,
        });
    }
    (sources, true)
}

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
         //! `SFN_UPDATE_IMPORTED=1`; see `main.rs`).\n\
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

#[test]
fn imported_code_rebuilds_each_definition() {
    let (sources, _) = sources();
    let mut checked = 0;
    for &(name, build) in imported::BUILDERS {
        let Some(source) = sources.iter().find(|s| s.name == name) else {
            continue; // A corpus file, and the corpus is absent outside CI.
        };
        let text = std::fs::read_to_string(&source.path).expect("a readable definition");
        let original = sfn_asl::parse(&text).expect("the source parses");
        let rebuilt = build().unwrap_or_else(|e| panic!("{name} does not build: {e}"));
        assert!(
            rebuilt.definition() == &original,
            "{name}: the imported code builds another definition\n--- source\n{}\n--- rebuilt\n{}",
            original.to_json_pretty(),
            rebuilt.to_json_pretty()
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} definitions were checked");
}

#[test]
fn every_source_has_committed_code() {
    let (sources, _) = sources();
    for source in &sources {
        assert!(
            imported::BUILDERS
                .iter()
                .any(|(name, _)| *name == source.name),
            "{} has no committed code in imported/; rerun with SFN_UPDATE_IMPORTED=1",
            source.name
        );
    }
}
