//! Deep nesting never panics or overflows a normal 2 MiB thread stack, even in a debug build:
//! text nested 10,000 deep gets a clear, located error, and text nested as deep as the parser
//! accepts is parsed, validated, serialized and dropped.

use sfn_asl::{
    BoolExpr, Branch, ChoiceRule, ChoiceState, Code, Comparison, ComparisonOperator, ParallelState,
    PassState, StateMachine, States, SucceedState, Transition,
};

const DEPTH: usize = 10_000;

/// Runs `f` on a thread with the 2 MiB stack a spawned thread gets by default, so the test
/// proves what a user's program would see (the test harness's own threads may differ).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("a thread starts")
        .join()
        .expect("no panic and no stack overflow")
}

/// `depth` Parallel states, each the only state of its parent's one branch; the innermost
/// branch is a single Pass. State names are unique (`P0`, `P1`, …), so the text is valid.
fn nested_parallel_text(depth: usize) -> String {
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(&format!(
            r#"{{"StartAt":"P{i}","States":{{"P{i}":{{"Type":"Parallel","Branches":["#
        ));
    }
    text.push_str(r#"{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}"#);
    text.push_str(&r#"],"End":true}}}"#.repeat(depth));
    text
}

/// `depth` Map states, each the only state of its parent's `ItemProcessor`.
fn nested_map_text(depth: usize) -> String {
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(&format!(
            r#"{{"StartAt":"M{i}","States":{{"M{i}":{{"Type":"Map","ItemProcessor":"#
        ));
    }
    text.push_str(r#"{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}"#);
    text.push_str(&r#","End":true}}}"#.repeat(depth));
    text
}

/// A Choice whose one rule is `Not` nested `depth` times around a comparison.
fn nested_not_text(depth: usize) -> String {
    let mut text = String::from(r#"{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"#);
    text.push_str(&r#""Not":{"#.repeat(depth));
    text.push_str(r#""Variable":"$.x","IsPresent":true"#);
    text.push_str(&"}".repeat(depth));
    text.push_str(r#","Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}"#);
    text
}

fn nested_parallel_model(depth: usize) -> StateMachine {
    let mut inner = States::new();
    inner.insert("X".into(), PassState::new(Transition::End).into());
    let mut branch = Branch::new("X", inner);
    for i in 0..depth {
        let name = format!("P{i}");
        let mut states = States::new();
        states.insert(
            name.as_str().into(),
            ParallelState::new(vec![branch], Transition::End).into(),
        );
        branch = Branch::new(name.as_str(), states);
    }
    StateMachine::new(branch.start_at, branch.states)
}

fn nested_not_model(depth: usize) -> StateMachine {
    let mut expr = BoolExpr::Compare(Comparison::new("$.x", ComparisonOperator::IsPresent(true)));
    for _ in 0..depth {
        expr = BoolExpr::Not(Box::new(expr));
    }
    let mut choice = ChoiceState::new(vec![ChoiceRule::new(expr, "D")]);
    choice.default = Some("D".into());
    let mut states = States::new();
    states.insert("C".into(), choice.into());
    states.insert("D".into(), SucceedState::default().into());
    StateMachine::new("C", states)
}

/// The deepest nesting of each kind that fits serde_json's 128-level limit: each Parallel level
/// opens 4 JSON containers (branch, `States`, state, `Branches`), each Map level 3, each `Not` 1.
const MAX_PARALLEL: usize = 31;
const MAX_MAP: usize = 41;
const MAX_NOT: usize = 122;

fn assert_too_deep(text: String) {
    let diagnostics = on_small_stack(move || sfn_asl::validate_str(&text));
    let d = diagnostics.errors().next().expect("an error");
    assert_eq!(d.code, Code::InvalidJson, "{d}");
    assert!(
        d.message
            .contains("the definition nests too deeply (more than 128 levels)"),
        "{d}"
    );
    assert!(d.location.is_some(), "{d}");
}

/// Parses, validates, reserializes and drops on a 2 MiB stack; returns the diagnostics' ids.
fn round_trip_on_small_stack(text: String) -> Vec<&'static str> {
    on_small_stack(move || {
        let machine = sfn_asl::parse(&text).expect("the definition parses");
        let ids = sfn_asl::validate(&machine)
            .iter()
            .map(|d| d.code.id())
            .collect();
        assert_eq!(machine.to_json(), text);
        drop(machine);
        ids
    })
}

#[test]
fn text_with_10000_nested_parallel_branches_is_a_clear_located_error() {
    assert_too_deep(nested_parallel_text(DEPTH));
}

#[test]
fn text_with_10000_nested_map_processors_is_a_clear_located_error() {
    assert_too_deep(nested_map_text(DEPTH));
}

#[test]
fn text_with_10000_nested_not_rules_is_a_clear_located_error() {
    assert_too_deep(nested_not_text(DEPTH));
}

#[test]
fn one_level_past_the_limit_is_the_nesting_error() {
    assert_too_deep(nested_parallel_text(MAX_PARALLEL + 1));
    assert_too_deep(nested_map_text(MAX_MAP + 1));
    assert_too_deep(nested_not_text(MAX_NOT + 1));
}

#[test]
fn parallel_nested_as_deep_as_the_parser_allows_round_trips() {
    assert_eq!(
        round_trip_on_small_stack(nested_parallel_text(MAX_PARALLEL)),
        Vec::<&str>::new()
    );
}

#[test]
fn map_nested_as_deep_as_the_parser_allows_round_trips() {
    assert_eq!(
        round_trip_on_small_stack(nested_map_text(MAX_MAP)),
        Vec::<&str>::new()
    );
}

#[test]
fn not_nested_as_deep_as_the_parser_allows_round_trips() {
    assert_eq!(
        round_trip_on_small_stack(nested_not_text(MAX_NOT)),
        Vec::<&str>::new()
    );
}

#[test]
fn model_with_10000_nested_not_rules_validates_and_drops() {
    let count = on_small_stack(|| sfn_asl::validate(&nested_not_model(DEPTH)).len());
    assert_eq!(count, 0);
}

/// A model built in Rust can nest deeper than any text. Ten times the parser's limit is safe;
/// at a few thousand levels the model's recursive `validate`, `to_json` and drop glue overflow a
/// 2 MiB stack (a known limitation of the model, not of parsing).
#[test]
fn model_with_300_nested_parallel_states_validates_serializes_and_drops() {
    let json_len = on_small_stack(|| {
        let machine = nested_parallel_model(10 * MAX_PARALLEL);
        assert!(sfn_asl::validate(&machine).is_empty());
        machine.to_json().len()
    });
    assert!(json_len > 10 * MAX_PARALLEL * 60, "{json_len}");
}

#[test]
fn model_with_1000_nested_not_rules_serializes() {
    let json = on_small_stack(|| nested_not_model(1000).to_json());
    assert_eq!(json.matches(r#"{"Not":"#).count(), 1000);
}
