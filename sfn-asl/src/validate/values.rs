//! Numeric fields: their ranges, and whether they may hold a JSONata expression.

use std::ops::RangeInclusive;

use super::StateCx;
use crate::model::{Expr, WaitDuration};
use crate::{Code, Diagnostic, Pointer, State, StateMachine};

/// The largest `TimeoutSeconds`/`HeartbeatSeconds` AWS accepts (and its default).
pub(crate) const MAX_SECONDS: u64 = 99_999_999;
/// The largest `MaxItems` of a distributed Map's `ItemReader`.
const MAX_ITEMS: u64 = 100_000_000;
/// The largest `MaxInputBytesPerBatch` (256 KiB).
const MAX_BATCH_BYTES: u64 = 262_144;

// AWS: the machine's `TimeoutSeconds` is an integer up to 99999999 (the AWS language service's
// schema, `base.json`).
pub(super) fn check_machine(machine: &StateMachine, out: &mut Vec<Diagnostic>) {
    if let Some(t) = machine.timeout_seconds
        && t > MAX_SECONDS
    {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            Pointer::root().field("TimeoutSeconds"),
            format!("`TimeoutSeconds` must be at most {MAX_SECONDS}, not {t}"),
        ));
    }
}

/// Every value rule for one state.
pub(super) fn check_state(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    match cx.state {
        State::Task(task) => {
            check_task_timeouts(
                cx,
                task.timeout_seconds.as_ref(),
                task.heartbeat_seconds.as_ref(),
                out,
            );
        }
        State::Wait(wait) => {
            if let WaitDuration::Seconds(seconds) = &wait.duration {
                check_integer(cx, &[], "Seconds", seconds, 0..=u64::MAX, out);
            }
        }
        State::Map(map) => check_map_values(cx, map, out),
        _ => {}
    }
}

// AWS: a Task's `TimeoutSeconds` and `HeartbeatSeconds` are positive integers (ASL spec, "Task
// State") up to 99999999 (Developer Guide, "Task"; service quotas), and the heartbeat must be
// shorter than the timeout: "HeartbeatSeconds … MUST be smaller than TimeoutSeconds" (ASL spec).
fn check_task_timeouts(
    cx: &StateCx<'_>,
    timeout: Option<&Expr<u64>>,
    heartbeat: Option<&Expr<u64>>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(t) = timeout {
        check_integer(cx, &[], "TimeoutSeconds", t, 1..=MAX_SECONDS, out);
    }
    if let Some(h) = heartbeat {
        check_integer(cx, &[], "HeartbeatSeconds", h, 1..=MAX_SECONDS, out);
    }
    if let (Some(&t), Some(&h)) = (
        timeout.and_then(Expr::literal),
        heartbeat.and_then(Expr::literal),
    ) && h >= t
    {
        out.push(
            Diagnostic::error(
                Code::InvalidValue,
                cx.at().field("HeartbeatSeconds"),
                format!("`HeartbeatSeconds` ({h}) must be smaller than `TimeoutSeconds` ({t})"),
            )
            .with_help("a heartbeat longer than the timeout can never be missed"),
        );
    }
}

// AWS: `MaxConcurrency` and `ToleratedFailureCount` are non-negative integers,
// `ToleratedFailurePercentage` a number from 0 to 100, `MaxItems` at most 100,000,000,
// `MaxItemsPerBatch` and `MaxInputBytesPerBatch` positive, the latter at most 262,144 bytes
// (Developer Guide, "Map state in Distributed mode", "ItemReader", "ItemBatcher").
fn check_map_values(cx: &StateCx<'_>, map: &crate::MapState, out: &mut Vec<Diagnostic>) {
    if let Some(m) = &map.max_concurrency {
        check_integer(cx, &[], "MaxConcurrency", m, 0..=u64::MAX, out);
    }
    if let Some(c) = &map.tolerated_failure_count {
        check_integer(cx, &[], "ToleratedFailureCount", c, 0..=u64::MAX, out);
    }
    if let Some(p) = &map.tolerated_failure_percentage {
        let at = cx.at().field("ToleratedFailurePercentage");
        match p {
            Expr::Literal(v) if !(0.0..=100.0).contains(v) => out.push(Diagnostic::error(
                Code::InvalidValue,
                at,
                format!("`ToleratedFailurePercentage` must be between 0 and 100, not {v}"),
            )),
            Expr::Literal(_) => {}
            Expr::Jsonata(text) => {
                check_expression(cx, at, "ToleratedFailurePercentage", "a number", text, out);
            }
        }
    }
    if let Some(config) = map
        .item_reader
        .as_ref()
        .and_then(|r| r.reader_config.as_ref())
        && let Some(m) = &config.max_items
    {
        let at = ["ItemReader", "ReaderConfig"];
        check_integer(cx, &at, "MaxItems", m, 0..=MAX_ITEMS, out);
    }
    if let Some(b) = &map.item_batcher {
        let at = ["ItemBatcher"];
        if let Some(m) = &b.max_items_per_batch {
            check_integer(cx, &at, "MaxItemsPerBatch", m, 1..=u64::MAX, out);
        }
        if let Some(m) = &b.max_input_bytes_per_batch {
            check_integer(
                cx,
                &at,
                "MaxInputBytesPerBatch",
                m,
                1..=MAX_BATCH_BYTES,
                out,
            );
        }
    }
}

// AWS: in a JSONPath state a numeric field holds a number; a computed value comes from its
// `…Path` form. In a JSONata state it may instead hold a whole `{% … %}` expression, and any
// other string is not a number (ASL spec, "Document History, November 22, 2024": "JSONata
// states … may use JSONata expressions in TimeoutSeconds, HeartbeatSeconds, …").
fn check_integer(
    cx: &StateCx<'_>,
    parent: &[&str],
    field: &str,
    value: &Expr<u64>,
    range: RangeInclusive<u64>,
    out: &mut Vec<Diagnostic>,
) {
    let at = || cx.at_path(parent).field(field);
    match value {
        Expr::Literal(v) if !range.contains(v) => {
            let message = if *range.end() == u64::MAX {
                format!("`{field}` must be at least {}, not {v}", range.start())
            } else {
                format!(
                    "`{field}` must be between {} and {}, not {v}",
                    range.start(),
                    range.end()
                )
            };
            out.push(Diagnostic::error(Code::InvalidValue, at(), message));
        }
        Expr::Literal(_) => {}
        Expr::Jsonata(text) => check_expression(cx, at(), field, "an integer", text, out),
    }
}

/// A string in a numeric field: an error in JSONPath states, and in JSONata states unless it is
/// a `{% … %}` expression (whose inside the JSONata rules check).
fn check_expression(
    cx: &StateCx<'_>,
    at: Pointer,
    field: &str,
    expected: &str,
    text: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !cx.is_jsonata() {
        out.push(
            Diagnostic::error(
                Code::InvalidType,
                at,
                format!("`{field}` must be {expected} in a JSONPath state, not a string"),
            )
            .with_help(format!(
                "to compute it, use `{field}Path`, or set `\"QueryLanguage\": \"JSONata\"` to use a `{{% %}}` expression"
            )),
        );
    } else if !is_jsonata_expression(text) {
        out.push(Diagnostic::error(
            Code::InvalidType,
            at,
            format!("`{field}` must be {expected} or a `{{% %}}` JSONata expression, not the string {text:?}"),
        ));
    }
}

/// Whether `text` is written as a JSONata expression (`{%` … `%}`).
fn is_jsonata_expression(text: &str) -> bool {
    text.len() >= 4 && text.starts_with("{%") && text.ends_with("%}")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{errors, one, one_jsonata};
    use crate::Code;

    fn task(fields: &str) -> String {
        one(&format!(
            r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", {fields}, "End": true}}"#
        ))
    }

    #[test]
    fn timeout_seconds_must_be_positive() {
        assert_eq!(
            errors(&task(r#""TimeoutSeconds": 0"#)),
            [(Code::InvalidValue, "/States/S/TimeoutSeconds".into())]
        );
    }

    #[test]
    fn timeout_seconds_at_most_99999999() {
        assert_eq!(errors(&task(r#""TimeoutSeconds": 99999999"#)), []);
        assert_eq!(
            errors(&task(r#""TimeoutSeconds": 100000000"#)),
            [(Code::InvalidValue, "/States/S/TimeoutSeconds".into())]
        );
    }

    #[test]
    fn heartbeat_must_be_smaller_than_timeout() {
        assert_eq!(
            errors(&task(r#""TimeoutSeconds": 10, "HeartbeatSeconds": 9"#)),
            []
        );
        assert_eq!(
            errors(&task(r#""TimeoutSeconds": 10, "HeartbeatSeconds": 10"#)),
            [(Code::InvalidValue, "/States/S/HeartbeatSeconds".into())]
        );
    }

    #[test]
    fn jsonata_string_in_jsonpath_state_is_rejected() {
        assert_eq!(
            errors(&task(r#""TimeoutSeconds": "{% $t %}""#)),
            [(Code::InvalidType, "/States/S/TimeoutSeconds".into())]
        );
    }

    #[test]
    fn jsonata_expression_in_jsonata_state_is_accepted() {
        let text = one_jsonata(
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSeconds": "{% $states.input.t %}", "HeartbeatSeconds": 5, "End": true}"#,
        );
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn plain_string_in_jsonata_numeric_field_is_rejected() {
        let text = one_jsonata(r#"{"Type": "Wait", "Seconds": "10", "End": true}"#);
        assert_eq!(
            errors(&text),
            [(Code::InvalidType, "/States/S/Seconds".into())]
        );
    }

    #[test]
    fn machine_timeout_at_most_99999999() {
        let text = r#"{"TimeoutSeconds": 100000000, "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}"#;
        assert_eq!(
            errors(text),
            [(Code::InvalidValue, "/TimeoutSeconds".into())]
        );
    }

    const DISTRIBUTED: &str = r#""ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
        "ExecutionType": "STANDARD"}, "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

    #[test]
    fn tolerated_failure_percentage_between_0_and_100() {
        let map = |p: &str| {
            one(&format!(
                r#"{{"Type": "Map", {DISTRIBUTED}, "ToleratedFailurePercentage": {p}, "End": true}}"#
            ))
        };
        assert_eq!(errors(&map("100")), []);
        assert_eq!(errors(&map("2.5")), []);
        assert_eq!(
            errors(&map("105")),
            [(
                Code::InvalidValue,
                "/States/S/ToleratedFailurePercentage".into()
            )]
        );
    }

    #[test]
    fn jsonata_percentage_in_jsonpath_state_is_rejected() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "ToleratedFailurePercentage": "{{% 5 %}}", "End": true}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::InvalidType,
                "/States/S/ToleratedFailurePercentage".into()
            )]
        );
    }

    #[test]
    fn max_input_bytes_per_batch_at_most_256_kib() {
        let map = |b: u64| {
            one(&format!(
                r#"{{"Type": "Map", {DISTRIBUTED}, "ItemBatcher": {{"MaxInputBytesPerBatch": {b}}}, "End": true}}"#
            ))
        };
        assert_eq!(errors(&map(262_144)), []);
        assert_eq!(
            errors(&map(262_145)),
            [(
                Code::InvalidValue,
                "/States/S/ItemBatcher/MaxInputBytesPerBatch".into()
            )]
        );
    }

    #[test]
    fn max_items_at_most_100_million() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true, "ItemReader": {{
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {{"InputType": "JSON", "MaxItems": 100000001}}}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::InvalidValue,
                "/States/S/ItemReader/ReaderConfig/MaxItems".into()
            )]
        );
    }

    #[test]
    fn max_items_per_batch_must_be_positive() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "ItemBatcher": {{"MaxItemsPerBatch": 0}}, "End": true}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::InvalidValue,
                "/States/S/ItemBatcher/MaxItemsPerBatch".into()
            )]
        );
    }
}
