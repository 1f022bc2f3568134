//! Any text through `parse` and `validate`: never a panic or a stack overflow, and a definition
//! that parses survives a round trip through `to_json` unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let diagnostics = sfn_asl::validate_str(text);
    let _ = diagnostics.to_string();
    if let Ok(machine) = sfn_asl::parse(text) {
        let json = machine.to_json();
        let again = sfn_asl::parse(&json).expect("to_json's output parses");
        assert_eq!(again, machine, "the round trip changed the model");
        assert_eq!(again.to_json(), json, "to_json is not stable");
        let _ = sfn_asl::validate(&machine);
    }
});
