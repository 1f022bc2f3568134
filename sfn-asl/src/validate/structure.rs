//! Which fields a state may have: per state type and query language, `X` vs `XPath` pairs, state
//! names, Map inline vs distributed fields, `Credentials` and `Resource`.

use serde_json::Value;

use super::StateCx;
use crate::model::{
    CsvHeaderLocation, ItemProcessor, MapState, ParallelState, Processor, QueryLanguage, TaskState,
    WaitDuration,
};
use crate::{Code, Diagnostic, MAX_STATE_NAME_CHARS, State};

/// Every structural rule for one state.
pub(super) fn check_state(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    check_state_name(cx, out);
    check_query_language(cx, out);
    check_language_fields(cx, out);
    check_path_pairs(cx, out);
    match cx.state {
        State::Task(task) => {
            check_credentials(cx, task, out);
            check_resource(cx, task, out);
        }
        State::Parallel(parallel) => check_branches(cx, parallel, out),
        State::Map(map) => {
            check_distributed_fields(cx, map, out);
            check_map_exclusive_fields(cx, map, out);
            check_item_reader(cx, map, out);
            check_item_batcher(cx, map, out);
            check_result_writer(cx, map, out);
            check_label(cx, map, out);
        }
        _ => {}
    }
}

// AWS: state names are 1 to 80 characters (ASL spec "States"; Developer Guide, "Step Functions
// service quotas": "State name: 80 characters"), in every scope. We count Unicode code points,
// as the ASL spec words it ("Unicode characters"). AWS reports `INVALID_STATE_NAME`.
fn check_state_name(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    // 1 to 80 bytes is 1 to 80 characters: no need to count them.
    if (1..=MAX_STATE_NAME_CHARS).contains(&cx.name.as_str().len()) || cx.name.is_well_formed() {
        return;
    }
    let chars = cx.name.as_str().chars().count();
    let message = if chars == 0 {
        "a state name cannot be empty".to_owned()
    } else {
        format!(
            "the state name `{}` is {chars} characters long; AWS allows at most {MAX_STATE_NAME_CHARS}",
            cx.name
        )
    };
    out.push(Diagnostic::error(Code::InvalidStateName, cx.at(), message));
}

// AWS: a JSONPath machine may hold JSONata states, but a JSONata machine may not hold JSONPath
// states (ASL spec, "Query Languages"). AWS's message, recorded by LocalStack's AWS-validated
// snapshots: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine".
fn check_query_language(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    if cx.machine_language == QueryLanguage::Jsonata
        && cx.state.query_language() == Some(QueryLanguage::JsonPath)
    {
        out.push(
            Diagnostic::error(
                Code::InvalidQueryLanguage,
                cx.at().field("QueryLanguage"),
                "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
            )
            .with_help("remove the state's `QueryLanguage`, or make the machine JSONPath"),
        );
    }
}

/// A field of a state, as pointer tokens below the state, and whether it is present.
type Field<'a> = (&'a [&'a str], bool);

// AWS: a state's fields depend on its query language (ASL spec, "State Types" tables and
// "Document History, November 22, 2024"; Developer Guide, "Transforming data with JSONata"):
// JSONata states have no `InputPath`, `OutputPath`, `Parameters`, `ResultSelector`,
// `ResultPath`, `Result` nor any `…Path` field; JSONPath states have no `Arguments`, `Output`
// nor `Items`. AWS reports `SCHEMA_VALIDATION_FAILED: Field 'X' is not supported`.
fn check_language_fields(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    let mut fields = Fields(Vec::new());
    if cx.is_jsonata() {
        jsonpath_fields(cx.state, &mut fields);
    } else {
        jsonata_fields(cx.state, &mut fields);
    }
    for (tokens, _) in fields.0 {
        let mut at = cx.at();
        for t in tokens {
            at = at.field(t);
        }
        let field = tokens.last().copied().unwrap_or_default();
        let d = if cx.is_jsonata() {
            Diagnostic::error(
                Code::FieldNotAllowed,
                at,
                format!("the field `{field}` is not supported in a JSONata state"),
            )
            .with_help(jsonata_replacement(cx.state, tokens))
        } else {
            Diagnostic::error(
                Code::FieldNotAllowed,
                at,
                format!("the field `{field}` is not supported in a JSONPath state"),
            )
            .with_help(format!(
                "`{field}` is a JSONata field: set `\"QueryLanguage\": \"JSONata\"` on the state or the machine"
            ))
        };
        out.push(d);
    }
}

/// The fields found present, in order; allocates only when one is.
struct Fields<'a>(Vec<Field<'a>>);

impl<'a> Fields<'a> {
    fn push(&mut self, field: Field<'a>) {
        if field.1 {
            self.0.push(field);
        }
    }

    fn extend(&mut self, fields: impl IntoIterator<Item = Field<'a>>) {
        for field in fields {
            self.push(field);
        }
    }
}

/// The JSONPath-only fields a state holds.
fn jsonpath_fields(state: &State, f: &mut Fields<'_>) {
    match state {
        State::Task(t) => f.extend([
            (&["InputPath"][..], t.input_path.is_some()),
            (&["Parameters"], t.parameters.is_some()),
            (&["ResultSelector"], t.result_selector.is_some()),
            (&["ResultPath"], t.result_path.is_some()),
            (&["OutputPath"], t.output_path.is_some()),
            (&["TimeoutSecondsPath"], t.timeout_seconds_path.is_some()),
            (
                &["HeartbeatSecondsPath"],
                t.heartbeat_seconds_path.is_some(),
            ),
        ]),
        State::Pass(p) => f.extend([
            (&["InputPath"][..], p.input_path.is_some()),
            (&["Parameters"], p.parameters.is_some()),
            (&["Result"], p.result.is_some()),
            (&["ResultPath"], p.result_path.is_some()),
            (&["OutputPath"], p.output_path.is_some()),
        ]),
        State::Choice(c) => f.extend([
            (&["InputPath"][..], c.input_path.is_some()),
            (&["OutputPath"], c.output_path.is_some()),
        ]),
        State::Wait(w) => f.extend([
            (&["InputPath"][..], w.input_path.is_some()),
            (&["OutputPath"], w.output_path.is_some()),
            (
                &["SecondsPath"],
                matches!(w.duration, WaitDuration::SecondsPath(_)),
            ),
            (
                &["TimestampPath"],
                matches!(w.duration, WaitDuration::TimestampPath(_)),
            ),
        ]),
        State::Succeed(s) => f.extend([
            (&["InputPath"][..], s.input_path.is_some()),
            (&["OutputPath"], s.output_path.is_some()),
        ]),
        State::Fail(s) => f.extend([
            (&["ErrorPath"][..], s.error_path.is_some()),
            (&["CausePath"], s.cause_path.is_some()),
        ]),
        State::Parallel(p) => f.extend([
            (&["InputPath"][..], p.input_path.is_some()),
            (&["Parameters"], p.parameters.is_some()),
            (&["ResultSelector"], p.result_selector.is_some()),
            (&["ResultPath"], p.result_path.is_some()),
            (&["OutputPath"], p.output_path.is_some()),
        ]),
        State::Map(m) => {
            f.extend([
                (&["InputPath"][..], m.input_path.is_some()),
                (&["ItemsPath"], m.items_path.is_some()),
                (&["Parameters"], m.parameters.is_some()),
                (&["MaxConcurrencyPath"], m.max_concurrency_path.is_some()),
                (
                    &["ToleratedFailurePercentagePath"],
                    m.tolerated_failure_percentage_path.is_some(),
                ),
                (
                    &["ToleratedFailureCountPath"],
                    m.tolerated_failure_count_path.is_some(),
                ),
                (&["ResultSelector"], m.result_selector.is_some()),
                (&["ResultPath"], m.result_path.is_some()),
                (&["OutputPath"], m.output_path.is_some()),
            ]);
            if let Some(reader) = &m.item_reader {
                f.push((&["ItemReader", "Parameters"], reader.parameters.is_some()));
                if let Some(config) = &reader.reader_config {
                    f.push((
                        &["ItemReader", "ReaderConfig", "MaxItemsPath"],
                        config.max_items_path.is_some(),
                    ));
                }
            }
            if let Some(batcher) = &m.item_batcher {
                f.extend([
                    (
                        &["ItemBatcher", "MaxItemsPerBatchPath"][..],
                        batcher.max_items_per_batch_path.is_some(),
                    ),
                    (
                        &["ItemBatcher", "MaxInputBytesPerBatchPath"],
                        batcher.max_input_bytes_per_batch_path.is_some(),
                    ),
                ]);
            }
            if let Some(writer) = &m.result_writer {
                f.push((&["ResultWriter", "Parameters"], writer.parameters.is_some()));
            }
        }
    }
}

/// The JSONata-only fields a state holds.
fn jsonata_fields(state: &State, f: &mut Fields<'_>) {
    match state {
        State::Task(t) => f.extend([
            (&["Arguments"][..], t.arguments.is_some()),
            (&["Output"], t.output.is_some()),
        ]),
        State::Pass(p) => f.push((&["Output"], p.output.is_some())),
        State::Choice(c) => f.push((&["Output"], c.output.is_some())),
        State::Wait(w) => f.push((&["Output"], w.output.is_some())),
        State::Succeed(s) => f.push((&["Output"], s.output.is_some())),
        State::Fail(_) => {}
        State::Parallel(p) => f.extend([
            (&["Arguments"][..], p.arguments.is_some()),
            (&["Output"], p.output.is_some()),
        ]),
        State::Map(m) => {
            f.extend([
                (&["Items"][..], m.items.is_some()),
                (&["Output"], m.output.is_some()),
            ]);
            if let Some(reader) = &m.item_reader {
                f.push((&["ItemReader", "Arguments"], reader.arguments.is_some()));
            }
            if let Some(writer) = &m.result_writer {
                f.push((&["ResultWriter", "Arguments"], writer.arguments.is_some()));
            }
        }
    }
}

/// What a JSONata state uses instead of the JSONPath field at `tokens` (below the state).
fn jsonata_replacement(state: &State, tokens: &[&str]) -> String {
    let field = tokens.last().copied().unwrap_or_default();
    let nested = tokens.len() > 1;
    let instead = match (state, field) {
        // `ItemReader.Parameters`, `ResultWriter.Parameters`.
        (_, "Parameters") if nested => "use `Arguments`",
        (State::Map(_), "Parameters") => "use `ItemSelector`",
        (State::Map(_), "ItemsPath") => "use `Items`",
        (State::Task(_) | State::Parallel(_), "Parameters" | "InputPath") => {
            "use `Arguments` (the input is `$states.input`)"
        }
        (State::Wait(_), "SecondsPath") => "use `Seconds` with a `{% %}` expression",
        (State::Wait(_), "TimestampPath") => "use `Timestamp` with a `{% %}` expression",
        (State::Fail(_), "ErrorPath") => "use `Error` with a `{% %}` expression",
        (State::Fail(_), "CausePath") => "use `Cause` with a `{% %}` expression",
        (
            _,
            "ResultSelector" | "ResultPath" | "OutputPath" | "Result" | "InputPath" | "Parameters",
        ) => "use `Output` (the result is `$states.result`, the input `$states.input`)",
        (_, f) if f.ends_with("Path") => {
            return format!(
                "use `{}` with a `{{% %}}` expression",
                f.trim_end_matches("Path")
            );
        }
        _ => "remove it, or set `\"QueryLanguage\": \"JSONPath\"` on the state",
    };
    instead.to_owned()
}

// AWS: a field and its `…Path` form exclude each other: `TimeoutSeconds`/`TimeoutSecondsPath`,
// `HeartbeatSeconds`/`HeartbeatSecondsPath` (ASL spec, "Task State"), `Error`/`ErrorPath`,
// `Cause`/`CausePath` ("Fail State"), `MaxConcurrency`, `ToleratedFailureCount`,
// `ToleratedFailurePercentage`, `MaxItems`, `MaxItemsPerBatch`, `MaxInputBytesPerBatch` ("Map
// State"). The Wait state's four fields are checked by the parser.
fn check_path_pairs(cx: &StateCx<'_>, out: &mut Vec<Diagnostic>) {
    let mut pairs: Vec<(&[&str], &str, bool)> = Vec::new();
    match cx.state {
        State::Task(task) => pairs.extend([
            (
                &[][..],
                "TimeoutSeconds",
                task.timeout_seconds.is_some() && task.timeout_seconds_path.is_some(),
            ),
            (
                &[],
                "HeartbeatSeconds",
                task.heartbeat_seconds.is_some() && task.heartbeat_seconds_path.is_some(),
            ),
        ]),
        State::Fail(fail) => pairs.extend([
            (
                &[][..],
                "Error",
                fail.error.is_some() && fail.error_path.is_some(),
            ),
            (
                &[],
                "Cause",
                fail.cause.is_some() && fail.cause_path.is_some(),
            ),
        ]),
        State::Map(m) => {
            pairs.extend([
                (
                    &[][..],
                    "MaxConcurrency",
                    m.max_concurrency.is_some() && m.max_concurrency_path.is_some(),
                ),
                (
                    &[],
                    "ToleratedFailureCount",
                    m.tolerated_failure_count.is_some() && m.tolerated_failure_count_path.is_some(),
                ),
                (
                    &[],
                    "ToleratedFailurePercentage",
                    m.tolerated_failure_percentage.is_some()
                        && m.tolerated_failure_percentage_path.is_some(),
                ),
            ]);
            if let Some(config) = m
                .item_reader
                .as_ref()
                .and_then(|r| r.reader_config.as_ref())
            {
                pairs.push((
                    &["ItemReader", "ReaderConfig"],
                    "MaxItems",
                    config.max_items.is_some() && config.max_items_path.is_some(),
                ));
            }
            if let Some(b) = &m.item_batcher {
                pairs.extend([
                    (
                        &["ItemBatcher"][..],
                        "MaxItemsPerBatch",
                        b.max_items_per_batch.is_some() && b.max_items_per_batch_path.is_some(),
                    ),
                    (
                        &["ItemBatcher"],
                        "MaxInputBytesPerBatch",
                        b.max_input_bytes_per_batch.is_some()
                            && b.max_input_bytes_per_batch_path.is_some(),
                    ),
                ]);
            }
        }
        _ => {}
    }
    for (tokens, field, both) in pairs {
        if !both {
            continue;
        }
        let mut at = cx.at();
        for t in tokens {
            at = at.field(t);
        }
        out.push(
            Diagnostic::error(
                Code::ConflictingFields,
                at.field(&format!("{field}Path")),
                format!("`{field}` and `{field}Path` cannot both be set"),
            )
            .with_help(format!("keep one of `{field}` and `{field}Path`")),
        );
    }
}

// AWS: `Items` and `ItemsPath` exclude each other, as do `ItemSelector` and its deprecated
// JSONPath name `Parameters` (ASL spec, "Map State"; Developer Guide, "ItemSelector").
fn check_map_exclusive_fields(cx: &StateCx<'_>, map: &MapState, out: &mut Vec<Diagnostic>) {
    if map.items.is_some() && map.items_path.is_some() {
        out.push(Diagnostic::error(
            Code::ConflictingFields,
            cx.at().field("ItemsPath"),
            "`Items` and `ItemsPath` cannot both be set",
        ));
    }
    if map.item_selector.is_some() && map.parameters.is_some() {
        out.push(
            Diagnostic::error(
                Code::ConflictingFields,
                cx.at().field("Parameters"),
                "`ItemSelector` and `Parameters` cannot both be set",
            )
            .with_help(
                "`Parameters` is the deprecated name of `ItemSelector`: keep `ItemSelector`",
            ),
        );
    }
}

// AWS: `ItemReader`, `ItemBatcher`, `ResultWriter`, `ToleratedFailureCount(Path)`,
// `ToleratedFailurePercentage(Path)` and `Label` belong to a distributed Map (Developer Guide,
// "Map state in Distributed mode"; the CDK models them on `DistributedMap` only). An inline Map
// (no `ProcessorConfig.Mode: DISTRIBUTED`, or a legacy `Iterator`) with them is rejected.
fn check_distributed_fields(cx: &StateCx<'_>, map: &MapState, out: &mut Vec<Diagnostic>) {
    if map.is_distributed() {
        check_execution_type(cx, map, out);
        return;
    }
    let fields = [
        ("ItemReader", map.item_reader.is_some()),
        ("ItemBatcher", map.item_batcher.is_some()),
        ("ResultWriter", map.result_writer.is_some()),
        (
            "ToleratedFailurePercentage",
            map.tolerated_failure_percentage.is_some(),
        ),
        (
            "ToleratedFailurePercentagePath",
            map.tolerated_failure_percentage_path.is_some(),
        ),
        (
            "ToleratedFailureCount",
            map.tolerated_failure_count.is_some(),
        ),
        (
            "ToleratedFailureCountPath",
            map.tolerated_failure_count_path.is_some(),
        ),
        ("Label", map.label.is_some()),
    ];
    for (field, present) in fields {
        if present {
            out.push(
                Diagnostic::error(
                    Code::FieldNotAllowed,
                    cx.at().field(field),
                    format!("the field `{field}` is only supported in a distributed Map"),
                )
                .with_help(
                    "set `\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}` in `ItemProcessor`",
                ),
            );
        }
    }
}

// AWS: `ProcessorConfig.ExecutionType` is "required if Mode is DISTRIBUTED" (Developer Guide,
// "ItemProcessor (Map)"; the CDK's `ProcessorConfig` says the same, and asl-validator's schema
// requires it): the child executions have no default type.
fn check_execution_type(cx: &StateCx<'_>, map: &MapState, out: &mut Vec<Diagnostic>) {
    let Processor::ItemProcessor(ItemProcessor {
        processor_config: Some(config),
        ..
    }) = &map.processor
    else {
        return;
    };
    if config.execution_type.is_none() {
        out.push(
            Diagnostic::error(
                Code::MissingField,
                cx.at_path(&["ItemProcessor", "ProcessorConfig"]),
                "a distributed Map needs `ExecutionType` (`STANDARD` or `EXPRESS`) in `ProcessorConfig`",
            )
            .with_help("add `\"ExecutionType\": \"STANDARD\"` next to `\"Mode\": \"DISTRIBUTED\"`"),
        );
    }
}

// AWS: `ReaderConfig.CSVHeaders` is required when `CSVHeaderLocation` is `GIVEN` (Developer
// Guide, "ItemReader (Map)").
fn check_item_reader(cx: &StateCx<'_>, map: &MapState, out: &mut Vec<Diagnostic>) {
    let Some(config) = map
        .item_reader
        .as_ref()
        .and_then(|r| r.reader_config.as_ref())
    else {
        return;
    };
    if config.csv_header_location == Some(CsvHeaderLocation::Given) && config.csv_headers.is_none()
    {
        out.push(Diagnostic::error(
            Code::MissingField,
            cx.at().field("ItemReader").field("ReaderConfig"),
            "the field `CSVHeaders` is required when `CSVHeaderLocation` is `GIVEN`",
        ));
    }
}

// AWS: an `ItemBatcher` sets at least one of `MaxItemsPerBatch`, `MaxInputBytesPerBatch` or
// their `…Path` forms (Developer Guide, "ItemBatcher (Map)": "you must specify at least one").
fn check_item_batcher(cx: &StateCx<'_>, map: &MapState, out: &mut Vec<Diagnostic>) {
    let Some(b) = &map.item_batcher else { return };
    if b.max_items_per_batch.is_none()
        && b.max_items_per_batch_path.is_none()
        && b.max_input_bytes_per_batch.is_none()
        && b.max_input_bytes_per_batch_path.is_none()
    {
        out.push(Diagnostic::error(
            Code::MissingField,
            cx.at().field("ItemBatcher"),
            "`ItemBatcher` needs `MaxItemsPerBatch`, `MaxInputBytesPerBatch` or one of their `…Path` forms",
        ));
    }
}

// AWS: a `ResultWriter` must say where or how to write: `Resource` with `Parameters`/`Arguments`,
// or `WriterConfig` (Developer Guide, "ResultWriter (Map)"). The CDK rejects an empty one because
// AWS accepts it at creation and then fails the run; we reject it as well.
fn check_result_writer(cx: &StateCx<'_>, map: &MapState, out: &mut Vec<Diagnostic>) {
    let Some(w) = &map.result_writer else { return };
    if w.resource.is_none()
        && w.parameters.is_none()
        && w.arguments.is_none()
        && w.writer_config.is_none()
    {
        out.push(
            Diagnostic::error(
                Code::InvalidValue,
                cx.at().field("ResultWriter"),
                "`ResultWriter` cannot be empty",
            )
            .with_help("set `Resource` and `Parameters` (or `Arguments`), or `WriterConfig`"),
        );
    }
}

/// The characters a distributed Map `Label` cannot hold (besides whitespace and controls).
const LABEL_FORBIDDEN: &str = "?*<>{}[]:;,\\|^~$#%&`\"";
/// The longest `Label`.
const MAX_LABEL_CHARS: usize = 40;

// AWS: a distributed Map's `Label` is at most 40 characters, without whitespace, the characters
// ``? * < > { } [ ] : ; , \ | ^ ~ $ # % & ` "`` or control characters U+0000–U+001F and
// U+007F–U+009F (Developer Guide, "Map state in Distributed mode"; the CDK's `DistributedMap`
// checks the same).
fn check_label(cx: &StateCx<'_>, map: &MapState, out: &mut Vec<Diagnostic>) {
    let Some(label) = &map.label else { return };
    let at = cx.at().field("Label");
    let chars = label.chars().count();
    if chars > MAX_LABEL_CHARS {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            at.clone(),
            format!("`Label` is {chars} characters long; AWS allows at most {MAX_LABEL_CHARS}"),
        ));
    }
    if let Some(bad) = label.chars().find(|&c| {
        c.is_whitespace()
            || LABEL_FORBIDDEN.contains(c)
            || ('\u{0}'..='\u{1f}').contains(&c)
            || ('\u{7f}'..='\u{9f}').contains(&c)
    }) {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            at,
            format!("`Label` cannot contain {bad:?}"),
        ));
    }
}

// AWS: `Branches` is a non-empty array (LocalStack's AWS-validated snapshot: "Value cannot be
// empty at /States/S/Branches").
fn check_branches(cx: &StateCx<'_>, parallel: &ParallelState, out: &mut Vec<Diagnostic>) {
    if parallel.branches.is_empty() {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            cx.at().field("Branches"),
            "`Branches` cannot be empty",
        ));
    }
}

// AWS: `Credentials` is an object with exactly one of `RoleArn` (a string; a JSONata expression
// in JSONata states) and `RoleArn.$` (JSONPath states). An object without either is rejected
// with "The field 'RoleArn' is required but was missing" (LocalStack's AWS-validated snapshot
// `test_credentials_base`).
fn check_credentials(cx: &StateCx<'_>, task: &TaskState, out: &mut Vec<Diagnostic>) {
    let Some(credentials) = &task.credentials else {
        return;
    };
    let at = cx.at().field("Credentials");
    let Value::Object(fields) = credentials else {
        out.push(Diagnostic::error(
            Code::InvalidType,
            at,
            format!(
                "`Credentials` must be an object with `RoleArn`, not {}",
                crate::parse::kind(credentials)
            ),
        ));
        return;
    };
    let role = fields.get("RoleArn");
    let role_path = fields.get("RoleArn.$");
    for key in fields.keys() {
        if key != "RoleArn" && key != "RoleArn.$" {
            out.push(Diagnostic::error(
                Code::UnknownField,
                at.field(key),
                format!("the field `{key}` is not supported in `Credentials`"),
            ));
        }
    }
    match (role, role_path) {
        (None, None) => out.push(Diagnostic::error(
            Code::MissingField,
            at,
            "the field `RoleArn` is required but was missing",
        )),
        // `RoleArn` with `RoleArn.$` is a payload-template key collision, reported as such by
        // the template rules.
        (Some(_), Some(_)) => {}
        (Some(value), None) | (None, Some(value)) => {
            let key = if role.is_some() {
                "RoleArn"
            } else {
                "RoleArn.$"
            };
            if !value.is_string() {
                out.push(Diagnostic::error(
                    Code::InvalidType,
                    at.field(key),
                    format!(
                        "`{key}` must be a string, not {}",
                        crate::parse::kind(value)
                    ),
                ));
            }
            if role_path.is_some() && cx.is_jsonata() {
                out.push(
                    Diagnostic::error(
                        Code::FieldNotAllowed,
                        at.field(key),
                        "the field `RoleArn.$` is not supported in a JSONata state",
                    )
                    .with_help("use `RoleArn` with a `{% %}` expression"),
                );
            }
        }
    }
}

/// The integration patterns a `arn:…:states:::service:api` resource may end with.
const RESOURCE_OPTIONS: &[&str] = &["sync", "sync:2", "waitForTaskToken"];

// AWS: a Task's `Resource` is an ARN that Step Functions recognises; anything else is rejected
// with `INVALID_RESOURCE` ("The resource provided … is not recognized. The value is not a valid
// resource ARN", LocalStack's AWS-validated snapshots). We check the forms that can be checked
// without a service catalogue (Developer Guide, "Integrating services" and "Lambda"):
// - an ARN at all (`arn:<partition>:<service>:<region>:<account>:<resource>`), so CloudFormation
//   `${Placeholder}` strings, which only CloudFormation/CDK/Terraform resolve, are rejected;
// - Lambda: `function:<name>[:<version or alias>]`, the qualifier `$LATEST` or `[A-Za-z0-9_-]+`;
// - Step Functions: `activity:<name>`, or `:::<service>:<api>[.sync|.sync:2|.waitForTaskToken]`
//   (`aws-sdk:<service>:<api>` takes no `.sync`).
fn check_resource(cx: &StateCx<'_>, task: &TaskState, out: &mut Vec<Diagnostic>) {
    if let Some(problem) = resource_problem(&task.resource) {
        let mut d = Diagnostic::error(
            Code::InvalidResource,
            cx.at().field("Resource"),
            format!(
                "the resource provided `{}` is not a valid resource ARN: {problem}",
                task.resource
            ),
        );
        if task.resource.contains("${") {
            d = d.with_help(
                "`${...}` placeholders are resolved by CloudFormation, the CDK or Terraform; validate the definition after substitution",
            );
        }
        out.push(d);
    }
}

/// Why `resource` is not a Task resource AWS accepts, if it is not.
fn resource_problem(resource: &str) -> Option<&'static str> {
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let &[arn, partition, service, region, account, rest] = parts.as_slice() else {
        return Some(
            "an ARN has the form `arn:<partition>:<service>:<region>:<account>:<resource>`",
        );
    };
    if arn != "arn" || partition.is_empty() || service.is_empty() {
        return Some(
            "an ARN has the form `arn:<partition>:<service>:<region>:<account>:<resource>`",
        );
    }
    if !partition
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Some("the partition is not a valid AWS partition");
    }
    match service {
        "lambda" => lambda_problem(rest),
        "states" if region.is_empty() && account.is_empty() => integration_problem(rest),
        "states" => match rest.split_once(':') {
            Some(("activity", name)) if !name.is_empty() && !name.contains(':') => None,
            _ => Some("a Step Functions ARN with a region names an `activity:<name>`"),
        },
        _ => None,
    }
}

fn lambda_problem(rest: &str) -> Option<&'static str> {
    let Some(function) = rest.strip_prefix("function:") else {
        return Some("a Lambda ARN names a `function:<name>`");
    };
    let (name, qualifier) = match function.split_once(':') {
        Some((name, qualifier)) => (name, Some(qualifier)),
        None => (function, None),
    };
    let word = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if !word(name) || name.len() > 64 {
        return Some("a Lambda function name is 1 to 64 of `A-Z a-z 0-9 - _`");
    }
    match qualifier {
        Some(q) if q != "$LATEST" && (!word(q) || q.len() > 128) => Some(
            "a Lambda qualifier is `$LATEST`, a version number or an alias of `A-Z a-z 0-9 - _`",
        ),
        _ => None,
    }
}

fn integration_problem(rest: &str) -> Option<&'static str> {
    let (api, option) = match rest.split_once('.') {
        Some((api, option)) => (api, Some(option)),
        None => (rest, None),
    };
    let segments: Vec<&str> = api.split(':').collect();
    let sdk = segments.first() == Some(&"aws-sdk");
    let expected = if sdk { 3 } else { 2 };
    if segments.len() != expected || segments.iter().any(|s| s.is_empty()) {
        return Some(
            "an integration is `arn:aws:states:::<service>:<api>` or `arn:aws:states:::aws-sdk:<service>:<api>`",
        );
    }
    match option {
        None => None,
        Some(o) if !RESOURCE_OPTIONS.contains(&o) => {
            Some("the integration pattern is `.sync`, `.sync:2` or `.waitForTaskToken`")
        }
        Some(o) if sdk && o.starts_with("sync") => {
            Some("AWS SDK integrations do not support `.sync`")
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{errors, one, one_jsonata};
    use crate::Code;

    const PASS_END: &str = r#"{"Type": "Pass", "End": true}"#;

    #[test]
    fn state_name_over_80_characters_is_rejected() {
        let long = "x".repeat(81);
        assert_eq!(
            crate::Code::InvalidStateName.aws_code(),
            "INVALID_STATE_NAME"
        );
        let text = format!(r#"{{"StartAt": "{long}", "States": {{"{long}": {PASS_END}}}}}"#);
        assert_eq!(
            errors(&text),
            [(Code::InvalidStateName, format!("/States/{long}"))]
        );
    }

    #[test]
    fn state_name_of_80_astral_characters_is_accepted() {
        let name = "😀".repeat(80);
        let text = format!(r#"{{"StartAt": "{name}", "States": {{"{name}": {PASS_END}}}}}"#);
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn nested_state_name_too_long_is_rejected() {
        let long = "y".repeat(81);
        let text = format!(
            r#"{{"StartAt": "P", "States": {{"P": {{"Type": "Parallel", "End": true,
                "Branches": [{{"StartAt": "{long}", "States": {{"{long}": {PASS_END}}}}}]}}}}}}"#
        );
        assert_eq!(
            errors(&text),
            [(
                Code::InvalidStateName,
                format!("/States/P/Branches/0/States/{long}")
            )]
        );
    }

    #[test]
    fn empty_state_name_is_rejected() {
        let text = format!(r#"{{"StartAt": "", "States": {{"": {PASS_END}}}}}"#);
        assert_eq!(errors(&text), [(Code::InvalidStateName, "/States/".into())]);
    }

    #[test]
    fn jsonpath_state_in_jsonata_machine_is_rejected() {
        let text = one_jsonata(r#"{"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}"#);
        let d = super::super::test_support::check(&text);
        assert_eq!(
            errors(&text),
            [(Code::InvalidQueryLanguage, "/States/S/QueryLanguage".into())]
        );
        assert_eq!(
            d.0[0].message,
            "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"
        );
    }

    #[test]
    fn jsonata_state_in_jsonpath_machine_is_accepted() {
        let text =
            one(r#"{"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"a": 1}, "End": true}"#);
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn jsonata_state_rejects_jsonpath_fields() {
        let text = one_jsonata(
            r#"{"Type": "Pass", "InputPath": "$.a", "Parameters": {}, "Result": 1,
                "ResultPath": "$.b", "OutputPath": "$", "End": true}"#,
        );
        assert_eq!(
            errors(&text),
            [
                (Code::FieldNotAllowed, "/States/S/InputPath".into()),
                (Code::FieldNotAllowed, "/States/S/Parameters".into()),
                (Code::FieldNotAllowed, "/States/S/Result".into()),
                (Code::FieldNotAllowed, "/States/S/ResultPath".into()),
                (Code::FieldNotAllowed, "/States/S/OutputPath".into()),
            ]
        );
    }

    #[test]
    fn jsonata_task_rejects_path_variants() {
        let text = one_jsonata(
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSecondsPath": "$.t", "HeartbeatSecondsPath": "$.h", "End": true}"#,
        );
        assert_eq!(
            errors(&text),
            [
                (Code::FieldNotAllowed, "/States/S/TimeoutSecondsPath".into()),
                (
                    Code::FieldNotAllowed,
                    "/States/S/HeartbeatSecondsPath".into()
                ),
            ]
        );
    }

    #[test]
    fn jsonata_wait_and_fail_reject_paths() {
        let text = r#"{"QueryLanguage": "JSONata", "StartAt": "W", "States": {
            "W": {"Type": "Wait", "SecondsPath": "$.s", "Next": "F"},
            "F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}}}"#;
        assert_eq!(
            errors(text),
            [
                (Code::FieldNotAllowed, "/States/W/SecondsPath".into()),
                (Code::FieldNotAllowed, "/States/F/ErrorPath".into()),
                (Code::FieldNotAllowed, "/States/F/CausePath".into()),
            ]
        );
    }

    #[test]
    fn jsonpath_state_rejects_jsonata_fields() {
        let text = one(
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {}, "Output": {}, "End": true}"#,
        );
        assert_eq!(
            errors(&text),
            [
                (Code::FieldNotAllowed, "/States/S/Arguments".into()),
                (Code::FieldNotAllowed, "/States/S/Output".into()),
            ]
        );
    }

    #[test]
    fn nested_states_take_the_machine_language_not_the_parallels() {
        // The Parallel is JSONata, but its branch's state defaults to the machine's JSONPath.
        let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel",
            "QueryLanguage": "JSONata", "End": true, "Branches": [{"StartAt": "A",
            "States": {"A": {"Type": "Pass", "Output": 1, "End": true}}}]}}}"#;
        assert_eq!(
            errors(text),
            [(
                Code::FieldNotAllowed,
                "/States/P/Branches/0/States/A/Output".into()
            )]
        );
    }

    #[test]
    fn jsonata_map_rejects_items_path_and_items_with_items_path_conflict() {
        let text = one_jsonata(
            r#"{"Type": "Map", "Items": [1], "ItemsPath": "$.a", "End": true,
                "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}}"#,
        );
        assert_eq!(
            errors(&text),
            [
                (Code::FieldNotAllowed, "/States/S/ItemsPath".into()),
                (Code::ConflictingFields, "/States/S/ItemsPath".into()),
            ]
        );
    }

    #[test]
    fn timeout_and_timeout_path_conflict() {
        let text = one(
            r#"{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t",
                "HeartbeatSeconds": 1, "HeartbeatSecondsPath": "$.h", "End": true}"#,
        );
        assert_eq!(
            errors(&text),
            [
                (
                    Code::ConflictingFields,
                    "/States/S/TimeoutSecondsPath".into()
                ),
                (
                    Code::ConflictingFields,
                    "/States/S/HeartbeatSecondsPath".into()
                ),
            ]
        );
    }

    #[test]
    fn fail_error_and_error_path_conflict() {
        let text = one(
            r#"{"Type": "Fail", "Error": "E", "ErrorPath": "$.e", "Cause": "C", "CausePath": "$.c"}"#,
        );
        assert_eq!(
            errors(&text),
            [
                (Code::ConflictingFields, "/States/S/ErrorPath".into()),
                (Code::ConflictingFields, "/States/S/CausePath".into()),
            ]
        );
    }

    const DISTRIBUTED: &str = r#""ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
        "ExecutionType": "STANDARD"}, "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
    const INLINE: &str =
        r#""ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

    #[test]
    fn distributed_fields_on_inline_map_are_rejected() {
        let text = one(&format!(
            r#"{{"Type": "Map", {INLINE}, "ToleratedFailureCount": 1, "Label": "x",
                "ItemBatcher": {{"MaxItemsPerBatch": 2}}, "End": true}}"#
        ));
        assert_eq!(
            errors(&text),
            [
                (
                    Code::FieldNotAllowed,
                    "/States/S/ToleratedFailureCount".into()
                ),
                (Code::FieldNotAllowed, "/States/S/Label".into()),
                (Code::FieldNotAllowed, "/States/S/ItemBatcher".into()),
            ]
        );
    }

    #[test]
    fn distributed_map_without_execution_type_is_rejected() {
        let text = one(
            r#"{"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}, "End": true}"#,
        );
        assert_eq!(
            errors(&text),
            [(
                Code::MissingField,
                "/States/S/ItemProcessor/ProcessorConfig".into()
            )]
        );
    }

    #[test]
    fn distributed_fields_on_distributed_map_are_accepted() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "ToleratedFailureCount": 1, "Label": "batch-1",
                "ItemBatcher": {{"MaxItemsPerBatch": 2}}, "End": true}}"#
        ));
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn max_items_and_max_items_path_conflict() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true, "ItemReader": {{
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW",
                    "MaxItems": 1, "MaxItemsPath": "$.m"}}}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::ConflictingFields,
                "/States/S/ItemReader/ReaderConfig/MaxItemsPath".into()
            )]
        );
    }

    #[test]
    fn csv_headers_required_when_given() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true, "ItemReader": {{
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {{"InputType": "CSV", "CSVHeaderLocation": "GIVEN"}}}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::MissingField,
                "/States/S/ItemReader/ReaderConfig".into()
            )]
        );
    }

    #[test]
    fn item_batcher_needs_a_limit() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true, "ItemBatcher": {{"BatchInput": {{}}}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::MissingField, "/States/S/ItemBatcher".into())]
        );
    }

    #[test]
    fn empty_result_writer_is_rejected() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true, "ResultWriter": {{}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::InvalidValue, "/States/S/ResultWriter".into())]
        );
    }

    #[test]
    fn label_too_long_or_with_forbidden_characters_is_rejected() {
        let long = "l".repeat(41);
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true, "Label": "{long}"}}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::InvalidValue, "/States/S/Label".into())]
        );
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true, "Label": "a b"}}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::InvalidValue, "/States/S/Label".into())]
        );
    }

    #[test]
    fn item_selector_and_parameters_conflict() {
        let text = one(&format!(
            r#"{{"Type": "Map", {INLINE}, "ItemSelector": {{}}, "Parameters": {{}}, "End": true}}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::ConflictingFields, "/States/S/Parameters".into())]
        );
    }

    #[test]
    fn empty_branches_are_rejected() {
        let text = one(r#"{"Type": "Parallel", "Branches": [], "End": true}"#);
        assert_eq!(
            errors(&text),
            [(Code::InvalidValue, "/States/S/Branches".into())]
        );
    }

    #[test]
    fn jsonpath_map_rejects_items_and_reader_arguments() {
        let text = one(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "Items": [1], "End": true, "ItemReader": {{
                "Resource": "arn:aws:states:::s3:getObject", "Arguments": {{}}}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [
                (Code::FieldNotAllowed, "/States/S/Items".into()),
                (
                    Code::FieldNotAllowed,
                    "/States/S/ItemReader/Arguments".into()
                ),
            ]
        );
    }

    #[test]
    fn jsonata_map_rejects_writer_parameters_and_batch_paths() {
        let text = one_jsonata(&format!(
            r#"{{"Type": "Map", {DISTRIBUTED}, "End": true,
                "ItemBatcher": {{"MaxItemsPerBatchPath": "$.n"}},
                "ResultWriter": {{"Resource": "arn:aws:states:::s3:putObject", "Parameters": {{}}}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [
                (
                    Code::FieldNotAllowed,
                    "/States/S/ItemBatcher/MaxItemsPerBatchPath".into()
                ),
                (
                    Code::FieldNotAllowed,
                    "/States/S/ResultWriter/Parameters".into()
                ),
            ]
        );
        let d = super::super::test_support::check(&text);
        assert_eq!(d.0[1].help.as_deref(), Some("use `Arguments`"));
    }

    #[test]
    fn max_concurrency_and_its_path_conflict() {
        let text = one(&format!(
            r#"{{"Type": "Map", {INLINE}, "MaxConcurrency": 1, "MaxConcurrencyPath": "$.m", "End": true}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::ConflictingFields,
                "/States/S/MaxConcurrencyPath".into()
            )]
        );
    }

    const TASK: &str = r#""Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "End": true"#;

    #[test]
    fn credentials_without_role_arn_are_rejected_in_aws_words() {
        let text = one(&format!(r#"{{{TASK}, "Credentials": {{}}}}"#));
        let d = super::super::test_support::check(&text);
        assert_eq!(
            errors(&text),
            [(Code::MissingField, "/States/S/Credentials".into())]
        );
        assert_eq!(
            d.0[0].message,
            "the field `RoleArn` is required but was missing"
        );
    }

    #[test]
    fn credentials_null_or_with_unknown_fields_are_rejected() {
        let text = one(&format!(r#"{{{TASK}, "Credentials": null}}"#));
        assert_eq!(
            errors(&text),
            [(Code::InvalidType, "/States/S/Credentials".into())]
        );
        let text = one(&format!(
            r#"{{{TASK}, "Credentials": {{"RoleArn": "arn:aws:iam::1:role/r", "flag": true}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(Code::UnknownField, "/States/S/Credentials/flag".into())]
        );
    }

    #[test]
    fn credentials_with_role_arn_path_are_accepted() {
        let text = one(&format!(
            r#"{{{TASK}, "Credentials": {{"RoleArn.$": "$.role"}}}}"#
        ));
        assert_eq!(errors(&text), []);
    }

    #[test]
    fn credentials_role_arn_path_in_jsonata_state_is_rejected() {
        let text = one_jsonata(&format!(
            r#"{{{TASK}, "Credentials": {{"RoleArn.$": "$.role"}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::FieldNotAllowed,
                "/States/S/Credentials/RoleArn.$".into()
            )]
        );
    }

    #[test]
    fn credentials_with_both_role_fields_or_a_non_string_are_rejected() {
        let text = one(&format!(
            r#"{{{TASK}, "Credentials": {{"RoleArn": "arn:aws:iam::1:role/r", "RoleArn.$": "$.r"}}}}"#
        ));
        assert_eq!(
            errors(&text),
            [(
                Code::InvalidPayloadTemplate,
                "/States/S/Credentials/RoleArn.$".into()
            )]
        );
        let text = one(&format!(r#"{{{TASK}, "Credentials": {{"RoleArn": 5}}}}"#));
        assert_eq!(
            errors(&text),
            [(Code::InvalidType, "/States/S/Credentials/RoleArn".into())]
        );
    }

    #[test]
    fn resource_errors_carry_aws_invalid_resource() {
        let d = super::super::test_support::check(&one(
            r#"{"Type": "Task", "Resource": "not-an-arn", "TimeoutSeconds": 5, "End": true}"#,
        ));
        assert_eq!(d.0[0].code.aws_code(), "INVALID_RESOURCE");
    }

    #[test]
    fn activity_arn_needs_a_name() {
        assert_eq!(
            resource("arn:aws:states:us-east-1:1:stateMachine:m"),
            [(Code::InvalidResource, "/States/S/Resource".into())]
        );
    }

    fn resource(resource: &str) -> Vec<(Code, String)> {
        errors(&one(&format!(
            r#"{{"Type": "Task", "Resource": "{resource}", "TimeoutSeconds": 5, "End": true}}"#
        )))
    }

    #[test]
    fn valid_resources_are_accepted() {
        for r in [
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
            "arn:aws:lambda:us-east-1:123456789012:function:f:prod-2",
            "arn:aws:states:::lambda:invoke",
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "arn:aws:states:::states:startExecution.sync:2",
            "arn:aws:states:::aws-sdk:s3:listBuckets",
            "arn:aws-cn:states:::batch:submitJob.sync",
            "arn:aws:states:us-east-1:123456789012:activity:work",
        ] {
            assert_eq!(resource(r), [], "{r}");
        }
    }

    #[test]
    fn placeholder_resource_is_rejected() {
        assert_eq!(
            resource("${lambdaArn}"),
            [(Code::InvalidResource, "/States/S/Resource".into())]
        );
    }

    #[test]
    fn malformed_lambda_qualifier_is_rejected() {
        for r in [
            "arn:aws:lambda:us-east-1:1:function:f:",
            "arn:aws:lambda:us-east-1:1:function:f:$*#$7485",
        ] {
            assert_eq!(
                resource(r),
                [(Code::InvalidResource, "/States/S/Resource".into())],
                "{r}"
            );
        }
    }

    #[test]
    fn bad_integration_pattern_is_rejected() {
        for r in [
            "arn:aws:states:::lambda:invoke.async",
            "arn:aws:states:::aws-sdk:s3:listBuckets.sync",
            "arn:aws:states:::lambda",
        ] {
            assert_eq!(
                resource(r),
                [(Code::InvalidResource, "/States/S/Resource".into())],
                "{r}"
            );
        }
    }
}
