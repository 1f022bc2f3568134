//! `sfn import`'s round trip, compiled: `imported/*.rs` is what `sfn import` printed for every
//! valid definition we have (the examples' workflows, the image pipeline's ASL file, the valid
//! files of asl-validator's corpus, and `sources/`, written to use every field, operator and
//! value shape the import knows). This crate compiles that code, runs each function and checks
//! that it builds the very definition it was imported from. `../import_sync.rs` runs `sfn
//! import` again on each source and checks the committed code is still exactly what it prints.

mod imported;
mod sources;

use sources::{Build, sources};

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
