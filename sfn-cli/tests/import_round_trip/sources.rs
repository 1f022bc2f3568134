//! The definitions `sfn import`'s round trip covers, shared by `main.rs` (which compiles their
//! committed code) and `../import_sync.rs` (which checks that code is what `sfn import` prints).

use std::path::{Path, PathBuf};

use sfn_dsl::{BuildError, Workflow};

/// A function that builds a workflow (an example's, or one `sfn import` wrote).
pub(crate) type Build = fn() -> Result<Workflow, BuildError>;

/// A definition to import and the function name its code gets.
pub(crate) struct Source {
    /// The generated function's (and module's) name.
    pub(crate) name: String,
    /// The definition's file.
    pub(crate) path: PathBuf,
}

/// The examples' workflows written to the scratch directory, the image pipeline's ASL file,
/// and the valid definitions of asl-validator's corpus that our validator accepts (`None` for
/// those when the corpus is absent outside CI).
pub(crate) fn sources() -> (Vec<Source>, bool) {
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
        write_atomically(&path, &json);
        sources.push(Source {
            name: name.to_owned(),
            path,
        });
    }
    sources.push(Source {
        name: "image_pipeline".to_owned(),
        path: Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/asl/image_pipeline.asl.json"),
    });
    // Hand-written definitions with every field, operator and value shape the import writes.
    for name in [
        "every_jsonpath_field",
        "every_jsonata_field",
        "distributed_map_fields",
        "big_payload",
        "branch_fields_and_empty_assign",
        "processor_configs",
    ] {
        sources.push(Source {
            name: name.to_owned(),
            path: Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/import_round_trip/sources/{name}.asl.json")),
        });
    }
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

/// Writes `text` to `path` unless it already holds it, through a rename, so a test reading the
/// file while another test (in this process or another) writes it sees whole contents.
fn write_atomically(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return;
    }
    let unique = format!(
        "{}.{}.{:?}.tmp",
        path.display(),
        std::process::id(),
        std::thread::current().id()
    );
    std::fs::write(&unique, text).expect("the scratch directory is writable");
    std::fs::rename(&unique, path).expect("the scratch file can be renamed");
}
