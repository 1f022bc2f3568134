//! Every diagnostic is located where a walk of the whole text puts its pointer, however the
//! parser found it: `validate_str` and `parse` locate most diagnostics by walking only the state
//! they are in (from the offset of the state's name, kept while parsing), falling back to the
//! whole walk for names with escapes or given twice. Real definitions, edited in ways that keep
//! them parseable (a state with an escaped name, unknown targets with `~` and `/`, states named
//! twice), must give the same line:column both ways.

use sfn_asl::{Code, SourceMap};
use sfn_tests::Rng;

/// Edits per seed file.
const EDITS: usize = 60;

/// Edits that keep a definition parseable but add diagnostics inside states.
fn edit(rng: &mut Rng, text: &str) -> String {
    let mut text = text.to_owned();
    for _ in 0..=rng.below(3) {
        let states: Vec<usize> = text
            .match_indices("\"States\": {")
            .map(|(i, _)| i + 11)
            .collect();
        let nexts: Vec<usize> = text
            .match_indices("\"Next\": \"")
            .map(|(i, _)| i + 9)
            .collect();
        match rng.below(3) {
            // A Task without a timeout (a warning) whose name has escapes and a `/`.
            0 if !states.is_empty() => {
                let at = states[rng.below(states.len())];
                text.insert_str(
                    at,
                    r#""\u0058/\u007e": {"Type": "Task", "Resource": "arn:x", "Next": "Nope"}, "#,
                );
            }
            // A Wait looping on itself, possibly in several scopes (names given twice).
            1 if !states.is_empty() => {
                let at = states[rng.below(states.len())];
                text.insert_str(at, r#""Z": {"Type": "Wait", "Seconds": 1, "Next": "Z"}, "#);
            }
            // An unknown target whose name needs escaping in a pointer.
            _ if !nexts.is_empty() => {
                let at = nexts[rng.below(nexts.len())];
                text.insert_str(at, "Q~/");
            }
            _ => {}
        }
    }
    text
}

/// Checks one text: every located diagnostic is where the whole walk puts its pointer.
fn check(text: &str) -> usize {
    let map = SourceMap::new(text.as_bytes());
    let mut compared = 0;
    match sfn_asl::parse(text) {
        Err(error) => {
            for d in error.diagnostics.iter() {
                // The parser's own shape checks (serde's errors carry serde's position).
                let from_lowering = matches!(
                    d.code,
                    Code::FieldNotAllowed
                        | Code::MissingField
                        | Code::ConflictingFields
                        | Code::MissingTransition
                        | Code::DuplicateStateName
                        | Code::InvalidStateType
                        | Code::InvalidChoiceRule
                );
                if from_lowering {
                    assert_eq!(d.location, map.locate(&d.pointer), "{d}\n{text}");
                    compared += 1;
                }
            }
        }
        Ok(machine) => {
            let located = sfn_asl::validate_str(text);
            for d in sfn_asl::validate(&machine).iter() {
                let found = located
                    .iter()
                    .find(|l| l.pointer == d.pointer && l.code == d.code)
                    .unwrap_or_else(|| panic!("validate_str misses {d}\n{text}"));
                if found.code != Code::DefinitionTooLarge {
                    assert_eq!(found.location, map.locate(&d.pointer), "{d}\n{text}");
                    compared += 1;
                }
            }
        }
    }
    compared
}

#[test]
fn diagnostics_are_located_as_the_whole_walk_locates_them() {
    let Some(corpus) = sfn_tests::conformance_dir() else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("validator/asl-validator"))
        .expect("the validator corpus is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut rng = Rng(0x10CA_7E5E_0000_0001);
    let mut compared = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("a corpus file is readable");
        compared += check(&text);
        for _ in 0..EDITS {
            compared += check(&edit(&mut rng, &text));
        }
    }
    // Enough diagnostics are compared for the property to mean something.
    assert!(compared > 5_000, "only {compared} locations compared");
}
