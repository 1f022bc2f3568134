//! The languages inside a definition's strings: which field holds what (a Path, a Reference
//! Path, a payload template, an intrinsic call, a JSONata expression, a timestamp), per state
//! type and query language. Each field is handed to the checker of its language; the variables
//! read on the way are returned for the dataflow check in `variables.rs`.

use serde_json::{Map, Value};

use super::paths::PathRule;
use super::{intrinsics, jsonata, literals, paths, templates};
use crate::model::{
    BoolExpr, Catcher, Condition, Expr, ItemBatcher, ItemReader, MapState, PathOrNull, ResultWriter,
};
use crate::pointer::Loc;
use crate::{Diagnostic, Pointer, QueryLanguage, State, WaitDuration};

/// A variable read: its name (without `$`) and where.
pub(super) type Read = (String, Pointer);

/// What the checkers share: the diagnostics found and the variables read.
pub(super) struct Ctx<'o> {
    pub(super) out: &'o mut Vec<Diagnostic>,
    pub(super) reads: Vec<Read>,
}

impl Ctx<'_> {
    pub(super) fn read(&mut self, name: &str, at: &Loc<'_>) {
        self.reads.push((name.to_owned(), at.pointer()));
    }
}

/// Which fields of `$states` a JSONata field may read.
#[derive(Clone, Copy)]
pub(super) enum StatesScope {
    /// `input` and `context` only.
    Input,
    /// Also `result`: the top-level `Output` and `Assign` of Task, Parallel and Map.
    Result,
    /// Also `errorOutput`: a Catcher's `Output` and `Assign`.
    ErrorOutput,
}

/// Checks every language-bearing field of `state` (at `at`, in query language `ql`) and returns
/// the variables it reads, including those of its Choice rules and Catchers (all of which see
/// the variables' values at state entry).
pub(super) fn check_state(
    state: &State,
    ql: QueryLanguage,
    at: &Loc<'_>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Read> {
    let mut ctx = Ctx {
        out,
        reads: Vec::new(),
    };
    match ql {
        QueryLanguage::JsonPath => jsonpath_state(&mut ctx, state, at),
        QueryLanguage::Jsonata => jsonata_state(&mut ctx, state, at),
    }
    ctx.reads
}

fn opt_path(
    ctx: &mut Ctx<'_>,
    path: &Option<PathOrNull>,
    at: &Loc<'_>,
    field: &str,
    rule: PathRule,
) {
    if let Some(PathOrNull::Path(p)) = path {
        paths::check(ctx, p, &at.field(field), field, rule);
    }
}

fn opt_ref(ctx: &mut Ctx<'_>, path: &Option<String>, at: &Loc<'_>, field: &str) {
    if let Some(p) = path {
        paths::check(ctx, p, &at.field(field), field, PathRule::Reference);
    }
}

fn opt_template(ctx: &mut Ctx<'_>, value: &Option<Value>, at: &Loc<'_>, field: &str) {
    if let Some(v) = value {
        templates::check(ctx, v, &at.field(field));
    }
}

fn assign_template(ctx: &mut Ctx<'_>, assign: &Option<Map<String, Value>>, at: &Loc<'_>) {
    if let Some(map) = assign {
        templates::check_object(ctx, map, &at.field("Assign"));
    }
}

fn jsonpath_io(
    ctx: &mut Ctx<'_>,
    at: &Loc<'_>,
    input_path: &Option<PathOrNull>,
    output_path: &Option<PathOrNull>,
) {
    opt_path(ctx, input_path, at, "InputPath", PathRule::Any);
    opt_path(ctx, output_path, at, "OutputPath", PathRule::Any);
}

fn jsonpath_catchers(ctx: &mut Ctx<'_>, catch: &[Catcher], at: &Loc<'_>) {
    for (i, c) in catch.iter().enumerate() {
        let catch_at = at.field("Catch");
        let at = catch_at.index(i);
        opt_path(ctx, &c.result_path, &at, "ResultPath", PathRule::Result);
        assign_template(ctx, &c.assign, &at);
    }
}

fn jsonpath_state(ctx: &mut Ctx<'_>, state: &State, at: &Loc<'_>) {
    match state {
        State::Task(s) => {
            jsonpath_io(ctx, at, &s.input_path, &s.output_path);
            opt_path(ctx, &s.result_path, at, "ResultPath", PathRule::Result);
            opt_template(ctx, &s.parameters, at, "Parameters");
            opt_template(ctx, &s.result_selector, at, "ResultSelector");
            opt_template(ctx, &s.credentials, at, "Credentials");
            opt_ref(ctx, &s.timeout_seconds_path, at, "TimeoutSecondsPath");
            opt_ref(ctx, &s.heartbeat_seconds_path, at, "HeartbeatSecondsPath");
            assign_template(ctx, &s.assign, at);
            jsonpath_catchers(ctx, &s.catch, at);
        }
        State::Pass(s) => {
            jsonpath_io(ctx, at, &s.input_path, &s.output_path);
            opt_path(ctx, &s.result_path, at, "ResultPath", PathRule::Result);
            opt_template(ctx, &s.parameters, at, "Parameters");
            assign_template(ctx, &s.assign, at);
        }
        State::Choice(s) => {
            jsonpath_io(ctx, at, &s.input_path, &s.output_path);
            for (i, rule) in s.choices.iter().enumerate() {
                let choices_at = at.field("Choices");
                let rule_at = choices_at.index(i);
                if let Condition::JsonPath(expr) = &rule.condition {
                    bool_expr(ctx, expr, &rule_at);
                }
                assign_template(ctx, &rule.assign, &rule_at);
            }
            assign_template(ctx, &s.assign, at);
        }
        State::Wait(s) => {
            jsonpath_io(ctx, at, &s.input_path, &s.output_path);
            let field_at = at.field(s.duration.field());
            match &s.duration {
                WaitDuration::SecondsPath(p) | WaitDuration::TimestampPath(p) => {
                    paths::check(ctx, p, &field_at, s.duration.field(), PathRule::Reference);
                }
                WaitDuration::Timestamp(t) => literals::check_timestamp(ctx, t, &field_at),
                WaitDuration::Seconds(_) => {}
            }
            assign_template(ctx, &s.assign, at);
        }
        State::Succeed(s) => jsonpath_io(ctx, at, &s.input_path, &s.output_path),
        State::Fail(s) => {
            for (field, value) in [("ErrorPath", &s.error_path), ("CausePath", &s.cause_path)] {
                if let Some(text) = value {
                    let field_at = at.field(field);
                    if text.starts_with('$') {
                        paths::check(ctx, text, &field_at, field, PathRule::Reference);
                    } else {
                        intrinsics::check(ctx, text, &field_at, field);
                    }
                }
            }
        }
        State::Parallel(s) => {
            jsonpath_io(ctx, at, &s.input_path, &s.output_path);
            opt_path(ctx, &s.result_path, at, "ResultPath", PathRule::Result);
            opt_template(ctx, &s.parameters, at, "Parameters");
            opt_template(ctx, &s.result_selector, at, "ResultSelector");
            assign_template(ctx, &s.assign, at);
            jsonpath_catchers(ctx, &s.catch, at);
        }
        State::Map(s) => jsonpath_map(ctx, s, at),
    }
}

fn jsonpath_map(ctx: &mut Ctx<'_>, s: &MapState, at: &Loc<'_>) {
    jsonpath_io(ctx, at, &s.input_path, &s.output_path);
    opt_path(ctx, &s.result_path, at, "ResultPath", PathRule::Result);
    opt_ref(ctx, &s.items_path, at, "ItemsPath");
    opt_template(ctx, &s.item_selector, at, "ItemSelector");
    opt_template(ctx, &s.parameters, at, "Parameters");
    opt_template(ctx, &s.result_selector, at, "ResultSelector");
    opt_ref(ctx, &s.max_concurrency_path, at, "MaxConcurrencyPath");
    opt_ref(
        ctx,
        &s.tolerated_failure_percentage_path,
        at,
        "ToleratedFailurePercentagePath",
    );
    opt_ref(
        ctx,
        &s.tolerated_failure_count_path,
        at,
        "ToleratedFailureCountPath",
    );
    if let Some(ItemReader {
        parameters,
        reader_config,
        ..
    }) = &s.item_reader
    {
        let reader_at = at.field("ItemReader");
        opt_template(ctx, parameters, &reader_at, "Parameters");
        if let Some(config) = reader_config {
            opt_ref(
                ctx,
                &config.max_items_path,
                &reader_at.field("ReaderConfig"),
                "MaxItemsPath",
            );
        }
    }
    if let Some(ItemBatcher {
        max_items_per_batch_path,
        max_input_bytes_per_batch_path,
        batch_input,
        ..
    }) = &s.item_batcher
    {
        let batcher_at = at.field("ItemBatcher");
        opt_ref(
            ctx,
            max_items_per_batch_path,
            &batcher_at,
            "MaxItemsPerBatchPath",
        );
        opt_ref(
            ctx,
            max_input_bytes_per_batch_path,
            &batcher_at,
            "MaxInputBytesPerBatchPath",
        );
        opt_template(ctx, batch_input, &batcher_at, "BatchInput");
    }
    if let Some(ResultWriter { parameters, .. }) = &s.result_writer {
        opt_template(ctx, parameters, &at.field("ResultWriter"), "Parameters");
    }
    assign_template(ctx, &s.assign, at);
    jsonpath_catchers(ctx, &s.catch, at);
}

/// A JSONPath Choice rule: `Variable` and `…Path` operands are Paths; timestamp and
/// `StringMatches` literals have a syntax of their own. Iterative over `And`/`Or`/`Not`.
fn bool_expr(ctx: &mut Ctx<'_>, expr: &BoolExpr, at: &Loc<'_>) {
    // Most rules are one comparison: no stack and no pointer for those.
    if let BoolExpr::Compare(c) = expr {
        return comparison(ctx, c, at);
    }
    let mut stack = vec![(expr, at.pointer())];
    while let Some((expr, at)) = stack.pop() {
        let at = Loc::At(&at);
        match expr {
            BoolExpr::Compare(c) => comparison(ctx, c, &at),
            BoolExpr::And(rules) | BoolExpr::Or(rules) => {
                let field = if matches!(expr, BoolExpr::And(_)) {
                    "And"
                } else {
                    "Or"
                };
                for (i, r) in rules.iter().enumerate().rev() {
                    stack.push((r, at.field(field).index(i).pointer()));
                }
            }
            BoolExpr::Not(r) => stack.push((r, at.field("Not").pointer())),
        }
    }
}

/// One comparison: its `Variable` and its operand.
fn comparison(ctx: &mut Ctx<'_>, c: &crate::Comparison, at: &Loc<'_>) {
    paths::check(
        ctx,
        &c.variable,
        &at.field("Variable"),
        "Variable",
        PathRule::Any,
    );
    let op = c.operator.name();
    let op_at = at.field(op);
    if let Some(p) = c.operator.operand_path() {
        paths::check(ctx, &p, &op_at, op, PathRule::Any);
    } else if let Some(t) = c.operator.timestamp_literal() {
        literals::check_timestamp(ctx, t, &op_at);
    } else if let crate::ComparisonOperator::StringMatches(pattern) = &c.operator {
        literals::check_string_matches(ctx, pattern, &op_at);
    }
}

fn ata(ctx: &mut Ctx<'_>, value: &Option<Value>, at: &Loc<'_>, field: &str, scope: StatesScope) {
    if let Some(v) = value {
        jsonata::check_value(ctx, v, &at.field(field), field, scope);
    }
}

fn ata_assign(
    ctx: &mut Ctx<'_>,
    assign: &Option<Map<String, Value>>,
    at: &Loc<'_>,
    scope: StatesScope,
) {
    if let Some(map) = assign {
        let at = at.field("Assign");
        for (k, v) in map {
            jsonata::check_value(ctx, v, &at.field(k), "Assign", scope);
        }
    }
}

fn ata_expr<T>(ctx: &mut Ctx<'_>, expr: &Option<Expr<T>>, at: &Loc<'_>, field: &str) {
    if let Some(Expr::Jsonata(text)) = expr {
        jsonata::check_string(ctx, text, &at.field(field), field, StatesScope::Input);
    }
}

fn ata_catchers(ctx: &mut Ctx<'_>, catch: &[Catcher], at: &Loc<'_>) {
    for (i, c) in catch.iter().enumerate() {
        let catch_at = at.field("Catch");
        let at = catch_at.index(i);
        ata(ctx, &c.output, &at, "Output", StatesScope::ErrorOutput);
        ata_assign(ctx, &c.assign, &at, StatesScope::ErrorOutput);
    }
}

fn jsonata_state(ctx: &mut Ctx<'_>, state: &State, at: &Loc<'_>) {
    let input = StatesScope::Input;
    let result = StatesScope::Result;
    match state {
        State::Task(s) => {
            ata(ctx, &s.arguments, at, "Arguments", input);
            ata(ctx, &s.credentials, at, "Credentials", input);
            ata_expr(ctx, &s.timeout_seconds, at, "TimeoutSeconds");
            ata_expr(ctx, &s.heartbeat_seconds, at, "HeartbeatSeconds");
            ata(ctx, &s.output, at, "Output", result);
            ata_assign(ctx, &s.assign, at, result);
            ata_catchers(ctx, &s.catch, at);
        }
        State::Pass(s) => {
            ata(ctx, &s.output, at, "Output", input);
            ata_assign(ctx, &s.assign, at, input);
        }
        State::Choice(s) => {
            for (i, rule) in s.choices.iter().enumerate() {
                let choices_at = at.field("Choices");
                let rule_at = choices_at.index(i);
                if let Condition::Jsonata(Expr::Jsonata(text)) = &rule.condition {
                    jsonata::check_string(
                        ctx,
                        text,
                        &rule_at.field("Condition"),
                        "Condition",
                        input,
                    );
                }
                ata(ctx, &rule.output, &rule_at, "Output", input);
                ata_assign(ctx, &rule.assign, &rule_at, input);
            }
            ata(ctx, &s.output, at, "Output", input);
            ata_assign(ctx, &s.assign, at, input);
        }
        State::Wait(s) => {
            let field = s.duration.field();
            match &s.duration {
                WaitDuration::Seconds(Expr::Jsonata(text)) => {
                    jsonata::check_string(ctx, text, &at.field(field), field, input);
                }
                WaitDuration::Timestamp(text) => {
                    if crate::jsonata::strip_delimiters(text).is_some() {
                        jsonata::check_string(ctx, text, &at.field(field), field, input);
                    } else {
                        literals::check_timestamp(ctx, text, &at.field(field));
                    }
                }
                _ => {}
            }
            ata(ctx, &s.output, at, "Output", input);
            ata_assign(ctx, &s.assign, at, input);
        }
        State::Succeed(s) => ata(ctx, &s.output, at, "Output", input),
        State::Fail(s) => {
            for (field, value) in [("Error", &s.error), ("Cause", &s.cause)] {
                if let Some(text) = value {
                    jsonata::check_string(ctx, text, &at.field(field), field, input);
                }
            }
        }
        State::Parallel(s) => {
            ata(ctx, &s.arguments, at, "Arguments", input);
            ata(ctx, &s.output, at, "Output", result);
            ata_assign(ctx, &s.assign, at, result);
            ata_catchers(ctx, &s.catch, at);
        }
        State::Map(s) => {
            ata(ctx, &s.items, at, "Items", input);
            ata(ctx, &s.item_selector, at, "ItemSelector", input);
            ata_expr(ctx, &s.max_concurrency, at, "MaxConcurrency");
            ata_expr(
                ctx,
                &s.tolerated_failure_percentage,
                at,
                "ToleratedFailurePercentage",
            );
            ata_expr(ctx, &s.tolerated_failure_count, at, "ToleratedFailureCount");
            if let Some(reader) = &s.item_reader {
                let reader_at = at.field("ItemReader");
                ata(ctx, &reader.arguments, &reader_at, "Arguments", input);
                if let Some(config) = &reader.reader_config {
                    ata_expr(
                        ctx,
                        &config.max_items,
                        &reader_at.field("ReaderConfig"),
                        "MaxItems",
                    );
                }
            }
            if let Some(batcher) = &s.item_batcher {
                let batcher_at = at.field("ItemBatcher");
                ata_expr(
                    ctx,
                    &batcher.max_items_per_batch,
                    &batcher_at,
                    "MaxItemsPerBatch",
                );
                ata_expr(
                    ctx,
                    &batcher.max_input_bytes_per_batch,
                    &batcher_at,
                    "MaxInputBytesPerBatch",
                );
                ata(ctx, &batcher.batch_input, &batcher_at, "BatchInput", input);
            }
            if let Some(writer) = &s.result_writer {
                ata(
                    ctx,
                    &writer.arguments,
                    &at.field("ResultWriter"),
                    "Arguments",
                    input,
                );
            }
            ata(ctx, &s.output, at, "Output", result);
            ata_assign(ctx, &s.assign, at, result);
            ata_catchers(ctx, &s.catch, at);
        }
    }
}
