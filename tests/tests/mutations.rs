//! The fuzz target's properties on stable Rust (`fuzz/` needs nightly): thousands of
//! deterministic mutations of real definitions go through parse and validate on a 2 MiB stack.
//! None may panic or overflow, every diagnostic must render and point inside the text, and a
//! definition that parses must survive `to_json` → `parse` unchanged.

use std::path::{Path, PathBuf};

/// Mutations per seed file.
const MUTATIONS: usize = 40;

use sfn_tests::Rng;

/// Fragments that steer mutations toward the parser's and validator's interesting paths.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "0.5",
    "\"\"",
    "\"$\"",
    "\"$.x\"",
    "\"States.ALL\"",
    "\"Type\"",
    "\"Next\"",
    "\"End\"",
    "\"States\"",
    "\"StartAt\"",
    "\"Branches\"",
    "\"ItemProcessor\"",
    "\"Choices\"",
    "\"Not\"",
    "\"And\"",
    "\"Parameters\"",
    "\"Catch\"",
    "\"Retry\"",
    "\"Parallel\"",
    "\"Map\"",
    "\"Choice\"",
    "\"Task\"",
    "\"{% $x %}\"",
    "\"States.Format('{}', $.a)\"",
    "\\u0000",
    "\\ud800",
    "é",
    "\u{1F600}",
    "~1",
    "/",
];

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let len = bytes.len().max(1);
        let at = rng.below(len).min(bytes.len());
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(16)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(64)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            3 | 4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            5 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + rng.below(256)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

/// Checks one input (panicking on a broken property); returns whether it parsed.
fn check(bytes: &[u8]) -> bool {
    // parse_slice takes bytes as they come, invalid UTF-8 included.
    let _ = sfn_asl::parse_slice(bytes);
    let text = String::from_utf8_lossy(bytes);
    let diagnostics = sfn_asl::validate_str(&text);
    let lines = text.lines().count().max(1) + 1;
    for d in &diagnostics {
        let _ = d.to_string();
        if let Some(at) = d.location {
            assert!(
                at.line >= 1 && at.line <= lines && at.column >= 1,
                "{d} is outside the text"
            );
        }
    }
    if let Ok(machine) = sfn_asl::parse(&text) {
        let json = machine.to_json();
        let again = sfn_asl::parse(&json)
            .unwrap_or_else(|e| panic!("to_json's output does not parse: {e}\n{json}"));
        assert_eq!(again, machine, "the round trip changed the model:\n{json}");
        assert_eq!(again.to_json(), json, "to_json is not stable");
        let _ = sfn_asl::validate(&machine);
        return true;
    }
    false
}

fn seeds() -> Option<Vec<(PathBuf, Vec<u8>)>> {
    let corpus = sfn_tests::conformance_dir()?.join("validator");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/asl");
    let mut files = Vec::new();
    let mut dirs = vec![corpus, examples];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(
        files
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("a seed file is readable");
                (p, bytes)
            })
            .collect(),
    )
}

#[test]
fn mutated_definitions_never_panic_and_round_trip() {
    let Some(seeds) = seeds() else { return };
    assert!(seeds.len() > 10, "too few seeds: {}", seeds.len());
    let (checked, parsed) = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let mut rng = Rng(0x5EED_5F4E_0000_0001);
            let (mut checked, mut parsed) = (0, 0);
            for (i, (path, seed)) in seeds.iter().enumerate() {
                let _ = check(seed);
                let other = &seeds[(i + 1) % seeds.len()].1;
                for n in 0..MUTATIONS {
                    let input = mutate(&mut rng, seed, other);
                    match std::panic::catch_unwind(|| check(&input)) {
                        Ok(did_parse) => parsed += usize::from(did_parse),
                        Err(_) => panic!(
                            "mutation {n} of {} failed; input:\n{}",
                            path.display(),
                            String::from_utf8_lossy(&input)
                        ),
                    }
                    checked += 1;
                }
            }
            (checked, parsed)
        })
        .expect("a thread starts")
        .join()
        .expect("no panic and no stack overflow");
    assert!(checked > 1000, "{checked}");
    // Enough mutants still parse for the round-trip property to be exercised.
    assert!(parsed > 100, "only {parsed} of {checked} mutants parsed");
}

#[test]
fn generated_nesting_of_every_kind_never_panics() {
    // Open many containers of the kinds the parser recurses through, in random order, then
    // close some: deep, unbalanced and mixed shapes.
    let openers = [
        r#"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":["#,
        r#"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":"#,
        r#"{"Type":"Choice","Choices":[{"Next":"X","Not":"#,
        r#"{"Parameters":"#,
        "[",
    ];
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let mut rng = Rng(42);
            for _ in 0..50 {
                let mut text = String::new();
                for _ in 0..rng.below(400) {
                    text.push_str(openers[rng.below(openers.len())]);
                }
                for _ in 0..rng.below(400) {
                    text.push_str(["}", "]", "}}}", "]}}}"][rng.below(4)]);
                }
                let _ = check(text.as_bytes());
            }
        })
        .expect("a thread starts")
        .join()
        .expect("no panic and no stack overflow");
}
