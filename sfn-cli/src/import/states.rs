//! One `let` per state: the sfn-dsl builder calls that rebuild each state of a scope, targets
//! before the states that go to them, so transitions are written as handles (`&check_stock`);
//! a jump back to a state not yet written (a loop) is `StateRef::named("…")`.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Value};
use sfn_asl::{
    BoolExpr, Catcher, ChoiceRule, ChoiceState, ComparisonOperator as Op, Condition, ExecutionType,
    Expr, FailState, ItemBatcher, ItemReader, MapState, ParallelState, PassState, PathOrNull,
    Processor, ProcessorConfig, ProcessorMode, QueryLanguage, ReaderConfig, ResultWriter, Retrier,
    State, StateName, States, SucceedState, TaskState, Transition, WaitDuration, WaitState,
};

use super::code::{Code, float_literal, number_literal};
use super::names::Names;

/// A construct the sfn-dsl builder cannot write: the import fails rather than emit code that
/// builds another workflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unsupported {
    /// The JSON Pointer of the field.
    pub(crate) pointer: String,
    /// Why the builder cannot write it.
    pub(crate) reason: String,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` cannot be written with the sfn-dsl builder: {}",
            self.pointer, self.reason
        )
    }
}

/// A JSON Pointer token (`~` and `/` escaped).
fn token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

type Result<T> = std::result::Result<T, Unsupported>;

/// What the generated function's body is made of.
#[derive(Debug, Default)]
pub(crate) struct Body {
    /// `let name = code;`, in order.
    pub(crate) lets: Vec<(String, Code)>,
    /// Whether any `json!` is used (the file then imports it).
    pub(crate) uses_json: bool,
}

/// The states of one scope, once written: the start state's variable and the others', in the
/// definition's order.
pub(crate) struct Scope {
    pub(crate) start: String,
    pub(crate) others: Vec<String>,
}

/// Writes the states of a machine.
pub(crate) struct Writer<'a> {
    names: &'a mut Names,
    pub(crate) body: Body,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(names: &'a mut Names) -> Self {
        Writer {
            names,
            body: Body::default(),
        }
    }

    /// Writes every state of `states` (and of their nested scopes); `at` is the scope's JSON
    /// Pointer (`` for the machine, `/States/P/Branches/0` for a branch).
    pub(crate) fn scope(&mut self, at: &str, start: &StateName, states: &States) -> Result<Scope> {
        // Names first, in the definition's order, so `state_N` follows the file.
        let vars: HashMap<&StateName, String> = states
            .keys()
            .map(|name| (name, self.names.state(name.as_str())))
            .collect();
        let mut written: HashSet<&StateName> = HashSet::new();
        for name in post_order(start, states) {
            let state = &states[name];
            let ctx = Ctx {
                at: format!("{at}/States/{}", token(name.as_str())),
                vars: &vars,
                written: &written,
            };
            let code = self.state(&ctx, name, state)?;
            self.body.lets.push((vars[name].clone(), code));
            written.insert(name);
        }
        Ok(Scope {
            start: vars.get(start).cloned().unwrap_or_default(),
            others: states
                .keys()
                .filter(|n| *n != start)
                .map(|n| vars[n].clone())
                .collect(),
        })
    }

    fn state(&mut self, ctx: &Ctx<'_>, name: &StateName, state: &State) -> Result<Code> {
        match state {
            State::Task(s) => self.task(ctx, name, s),
            State::Pass(s) => self.pass(ctx, name, s),
            State::Choice(s) => self.choice(ctx, name, s),
            State::Wait(s) => self.wait(ctx, name, s),
            State::Succeed(s) => Ok(self.succeed(name, s)),
            State::Fail(s) => Ok(fail(name, s)),
            State::Parallel(s) => self.parallel(ctx, name, s),
            State::Map(s) => self.map(ctx, name, s),
        }
    }

    fn task(&mut self, ctx: &Ctx<'_>, name: &StateName, s: &TaskState) -> Result<Code> {
        // Every field by name: a field added to the model fails to compile here until the
        // import writes it.
        let TaskState {
            comment,
            query_language,
            resource,
            input_path,
            parameters,
            arguments,
            result_selector,
            result_path,
            output_path,
            output,
            assign,
            timeout_seconds,
            timeout_seconds_path,
            heartbeat_seconds,
            heartbeat_seconds_path,
            credentials,
            retry,
            catch,
            transition,
        } = s;
        let mut c = head("task", name, comment, *query_language);
        c = c.method(
            "resource",
            vec![Code::call("Resource::arn", vec![Code::str(resource)])],
        );
        c = paths_in(c, input_path);
        c = self.payload(c, "parameters", parameters);
        c = self.payload(c, "arguments", arguments);
        c = self.payload(c, "result_selector", result_selector);
        c = path_opt(c, "result_path", result_path);
        c = path_opt(c, "output_path", output_path);
        c = self.payload(c, "output", output);
        c = self.assign(c, assign);
        c = expr_u64(ctx, c, "timeout_seconds", "TimeoutSeconds", timeout_seconds)?;
        c = string_opt(c, "timeout_seconds_path", timeout_seconds_path);
        c = expr_u64(
            ctx,
            c,
            "heartbeat_seconds",
            "HeartbeatSeconds",
            heartbeat_seconds,
        )?;
        c = string_opt(c, "heartbeat_seconds_path", heartbeat_seconds_path);
        if let Some(credentials) = credentials {
            c = credentials_code(ctx, c, credentials)?;
        }
        c = retries(c, retry);
        c = self.catches(ctx, c, catch);
        Ok(transition_code(ctx, c, transition))
    }

    fn pass(&mut self, ctx: &Ctx<'_>, name: &StateName, s: &PassState) -> Result<Code> {
        // Every field by name: a field added to the model fails to compile here until the
        // import writes it.
        let PassState {
            comment,
            query_language,
            input_path,
            parameters,
            result,
            result_path,
            output_path,
            output,
            assign,
            transition,
        } = s;
        let mut c = head("pass", name, comment, *query_language);
        c = paths_in(c, input_path);
        c = self.payload(c, "parameters", parameters);
        c = self.payload(c, "result", result);
        c = path_opt(c, "result_path", result_path);
        c = path_opt(c, "output_path", output_path);
        c = self.payload(c, "output", output);
        c = self.assign(c, assign);
        Ok(transition_code(ctx, c, transition))
    }

    fn choice(&mut self, ctx: &Ctx<'_>, name: &StateName, s: &ChoiceState) -> Result<Code> {
        // Every field by name: a field added to the model fails to compile here until the
        // import writes it.
        let ChoiceState {
            comment,
            query_language,
            choices,
            default,
            input_path,
            output_path,
            output,
            assign,
        } = s;
        let mut c = head("choice", name, comment, *query_language);
        c = paths_in(c, input_path);
        c = path_opt(c, "output_path", output_path);
        c = self.payload(c, "output", output);
        c = self.assign(c, assign);
        for (i, rule) in choices.iter().enumerate() {
            let ChoiceRule {
                condition,
                next,
                assign,
                output,
                comment,
            } = rule;
            let at = format!("/Choices/{i}");
            let mut r = match condition {
                Condition::JsonPath(expr) => bool_expr(expr),
                Condition::Jsonata(Expr::Literal(b)) => Code::raw(b.to_string()),
                Condition::Jsonata(Expr::Jsonata(text)) => {
                    jsonata(ctx, &format!("{at}/Condition"), text)?
                }
            };
            if assign.is_some() || output.is_some() || comment.is_some() {
                r = Code::call("Rule::new", vec![r]);
                if let Some(comment) = comment {
                    r = r.method("comment", vec![Code::str(comment)]);
                }
                r = self.payload(r, "output", output);
                r = self.assign(r, assign);
            }
            c = c.method("when", vec![r, ctx.target(next)]);
        }
        if let Some(default) = default {
            c = c.method("otherwise", vec![ctx.target(default)]);
        }
        Ok(c)
    }

    fn wait(&mut self, ctx: &Ctx<'_>, name: &StateName, s: &WaitState) -> Result<Code> {
        // Every field by name: a field added to the model fails to compile here until the
        // import writes it.
        let WaitState {
            comment,
            query_language,
            duration,
            input_path,
            output_path,
            output,
            assign,
            transition,
        } = s;
        let mut c = head("wait", name, comment, *query_language);
        c = match duration {
            WaitDuration::Seconds(seconds) => {
                expr_u64(ctx, c, "seconds", "Seconds", &Some(seconds.clone()))?
            }
            WaitDuration::SecondsPath(p) => c.method("seconds_path", vec![Code::str(p)]),
            WaitDuration::Timestamp(t) => c.method("timestamp", vec![Code::str(t)]),
            WaitDuration::TimestampPath(p) => c.method("timestamp_path", vec![Code::str(p)]),
        };
        c = paths_in(c, input_path);
        c = path_opt(c, "output_path", output_path);
        c = self.payload(c, "output", output);
        c = self.assign(c, assign);
        Ok(transition_code(ctx, c, transition))
    }

    fn succeed(&mut self, name: &StateName, s: &SucceedState) -> Code {
        // Every field by name: a field added to the model fails to compile here until the
        // import writes it.
        let SucceedState {
            comment,
            query_language,
            input_path,
            output_path,
            output,
        } = s;
        let mut c = head("succeed", name, comment, *query_language);
        c = paths_in(c, input_path);
        c = path_opt(c, "output_path", output_path);
        self.payload(c, "output", output)
    }

    fn parallel(&mut self, ctx: &Ctx<'_>, name: &StateName, s: &ParallelState) -> Result<Code> {
        // Every field by name: a field added to the model fails to compile here until the
        // import writes it.
        let ParallelState {
            comment,
            query_language,
            branches,
            input_path,
            parameters,
            arguments,
            result_selector,
            result_path,
            output_path,
            output,
            assign,
            retry,
            catch,
            transition,
        } = s;
        let mut c = head("parallel", name, comment, *query_language);
        for (i, branch) in branches.iter().enumerate() {
            let at = format!("{}/Branches/{i}", ctx.at);
            let scope = self.scope(&at, &branch.start_at, &branch.states)?;
            c = c.method("branch", vec![branch_code(branch, scope)]);
        }
        c = paths_in(c, input_path);
        c = self.payload(c, "parameters", parameters);
        c = self.payload(c, "arguments", arguments);
        c = self.payload(c, "result_selector", result_selector);
        c = path_opt(c, "result_path", result_path);
        c = path_opt(c, "output_path", output_path);
        c = self.payload(c, "output", output);
        c = self.assign(c, assign);
        c = retries(c, retry);
        c = self.catches(ctx, c, catch);
        Ok(transition_code(ctx, c, transition))
    }

    fn map(&mut self, ctx: &Ctx<'_>, name: &StateName, s: &MapState) -> Result<Code> {
        // Every field by name: a field added to the model fails to compile here until the
        // import writes it.
        let MapState {
            comment,
            query_language,
            processor,
            items_path,
            items,
            item_selector,
            parameters,
            item_reader,
            item_batcher,
            result_writer,
            max_concurrency,
            max_concurrency_path,
            tolerated_failure_percentage,
            tolerated_failure_percentage_path,
            tolerated_failure_count,
            tolerated_failure_count_path,
            label,
            input_path,
            result_selector,
            result_path,
            output_path,
            output,
            assign,
            retry,
            catch,
            transition,
        } = s;
        let mut c = head("map", name, comment, *query_language);
        c = string_opt(c, "items_path", items_path);
        c = self.payload(c, "items", items);
        c = self.payload(c, "item_selector", item_selector);
        if let Some(reader) = item_reader {
            let code = self.item_reader(reader);
            c = c.method("item_reader", vec![code]);
        }
        if let Some(batcher) = item_batcher {
            let code = self.item_batcher(ctx, batcher)?;
            c = c.method("item_batcher", vec![code]);
        }
        if let Some(writer) = result_writer {
            let code = self.result_writer(writer);
            c = c.method("result_writer", vec![code]);
        }
        c = expr_u64(ctx, c, "max_concurrency", "MaxConcurrency", max_concurrency)?;
        c = string_opt(c, "max_concurrency_path", max_concurrency_path);
        if let Some(p) = tolerated_failure_percentage {
            let arg = match p {
                Expr::Literal(f) => Code::raw(float_literal(*f)),
                Expr::Jsonata(text) => {
                    jsonata(ctx, &format!("{}/ToleratedFailurePercentage", ctx.at), text)?
                }
            };
            c = c.method("tolerated_failure_percentage", vec![arg]);
        }
        c = string_opt(
            c,
            "tolerated_failure_percentage_path",
            tolerated_failure_percentage_path,
        );
        c = expr_u64(
            ctx,
            c,
            "tolerated_failure_count",
            "ToleratedFailureCount",
            tolerated_failure_count,
        )?;
        c = string_opt(
            c,
            "tolerated_failure_count_path",
            tolerated_failure_count_path,
        );
        c = string_opt(c, "label", label);
        c = paths_in(c, input_path);
        c = self.payload(c, "parameters", parameters);
        c = self.payload(c, "result_selector", result_selector);
        c = path_opt(c, "result_path", result_path);
        c = path_opt(c, "output_path", output_path);
        c = self.payload(c, "output", output);
        c = self.assign(c, assign);
        c = retries(c, retry);
        c = self.catches(ctx, c, catch);
        // The processor last among the fields, so the item's states read after the Map's own.
        // The method, and the arguments that come before the processor's chain.
        let (method, field, branch, mut args) = match processor {
            Processor::Iterator(b) => ("iterator", "Iterator", b, Vec::new()),
            Processor::ItemProcessor(p) => {
                let (method, args) = match &p.processor_config {
                    None => ("item_processor", Vec::new()),
                    Some(ProcessorConfig {
                        mode: Some(ProcessorMode::Inline),
                        execution_type: None,
                    }) => ("inline", Vec::new()),
                    Some(ProcessorConfig {
                        mode: Some(ProcessorMode::Distributed),
                        execution_type: Some(t),
                    }) => ("distributed", vec![execution_type_code(*t)]),
                    Some(config) => (
                        "item_processor_with_config",
                        vec![processor_config_code(config)],
                    ),
                };
                (method, "ItemProcessor", &p.branch, args)
            }
        };
        let at = format!("{}/{field}", ctx.at);
        let scope = self.scope(&at, &branch.start_at, &branch.states)?;
        args.push(branch_code(branch, scope));
        c = c.method(method, args);
        Ok(transition_code(ctx, c, transition))
    }

    /// `ItemReader` as the model's struct, which `Map::item_reader` takes as it is.
    fn item_reader(&mut self, reader: &ItemReader) -> Code {
        let mut fields = vec![(
            "resource",
            Code::raw(format!(
                "{}.into()",
                Code::str(&reader.resource).print(0, 0)
            )),
        )];
        fields.push((
            "reader_config",
            match &reader.reader_config {
                Some(config) => Code::call("Some", vec![reader_config(config)]),
                None => Code::raw("None"),
            },
        ));
        fields.push(("parameters", self.option_value(&reader.parameters)));
        fields.push(("arguments", self.option_value(&reader.arguments)));
        Code::Struct("sfn_dsl::asl::ItemReader".to_owned(), fields, false)
    }

    fn item_batcher(&mut self, ctx: &Ctx<'_>, b: &ItemBatcher) -> Result<Code> {
        let at = format!("{}/ItemBatcher", ctx.at);
        let mut c = Code::call("Batcher::new", Vec::new());
        let expr = |c: Code, method: &'static str, field: &str, e: &Option<Expr<u64>>| {
            Ok::<_, Unsupported>(match e {
                None => c,
                Some(Expr::Literal(n)) => c.method(method, vec![Code::raw(n.to_string())]),
                Some(Expr::Jsonata(text)) => {
                    c.method(method, vec![jsonata(ctx, &format!("{at}/{field}"), text)?])
                }
            })
        };
        c = expr(
            c,
            "max_items_per_batch",
            "MaxItemsPerBatch",
            &b.max_items_per_batch,
        )?;
        c = expr(
            c,
            "max_input_bytes_per_batch",
            "MaxInputBytesPerBatch",
            &b.max_input_bytes_per_batch,
        )?;
        c = string_opt(c, "max_items_per_batch_path", &b.max_items_per_batch_path);
        c = string_opt(
            c,
            "max_input_bytes_per_batch_path",
            &b.max_input_bytes_per_batch_path,
        );
        if let Some(input) = &b.batch_input {
            self.body.uses_json = true;
            c = c.method("batch_input", vec![Code::json(input)]);
        }
        Ok(c)
    }

    /// `ResultWriter` as the model's struct.
    fn result_writer(&mut self, writer: &ResultWriter) -> Code {
        let mut fields = Vec::new();
        if let Some(resource) = &writer.resource {
            fields.push((
                "resource",
                Code::call(
                    "Some",
                    vec![Code::raw(format!(
                        "{}.into()",
                        Code::str(resource).print(0, 0)
                    ))],
                ),
            ));
        }
        if writer.parameters.is_some() {
            fields.push(("parameters", self.option_value(&writer.parameters)));
        }
        if writer.arguments.is_some() {
            fields.push(("arguments", self.option_value(&writer.arguments)));
        }
        if let Some(config) = &writer.writer_config {
            let mut cf = Vec::new();
            if let Some(t) = &config.output_type {
                cf.push(("output_type", some_string(t)));
            }
            if let Some(t) = &config.transformation {
                cf.push(("transformation", some_string(t)));
            }
            let rest = cf.len() < 2;
            let config = Code::Struct("sfn_dsl::asl::WriterConfig".to_owned(), cf, rest);
            fields.push(("writer_config", Code::call("Some", vec![config])));
        }
        // `..Default::default()` only for fields left out (clippy's `needless_update`).
        let rest = fields.len() < 4;
        Code::Struct("sfn_dsl::asl::ResultWriter".to_owned(), fields, rest)
    }

    fn option_value(&mut self, value: &Option<Value>) -> Code {
        match value {
            Some(v) => {
                self.body.uses_json = true;
                Code::call("Some", vec![Code::json(v)])
            }
            None => Code::raw("None"),
        }
    }

    /// `.method(value)` for a payload field, when set.
    fn payload(&mut self, c: Code, method: &'static str, value: &Option<Value>) -> Code {
        match value {
            Some(v) => {
                let arg = self.value(v);
                c.method(method, vec![arg])
            }
            None => c,
        }
    }

    /// A JSON value as an `impl Serialize` argument: strings, booleans and small integers as
    /// literals, the rest through `json!`.
    fn value(&mut self, value: &Value) -> Code {
        match value {
            Value::String(s) => Code::str(s),
            Value::Bool(b) => Code::raw(b.to_string()),
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                let text = number_literal(n);
                if text.ends_with("u64") || text.ends_with("i64") {
                    self.body.uses_json = true;
                    Code::json(value)
                } else {
                    Code::raw(text)
                }
            }
            _ => {
                self.body.uses_json = true;
                Code::json(value)
            }
        }
    }

    /// `.assign(name, value)` per variable; `.assign_empty()` for an empty `Assign` object.
    fn assign(&mut self, mut c: Code, assign: &Option<Map<String, Value>>) -> Code {
        let Some(assign) = assign else { return c };
        if assign.is_empty() {
            return c.method("assign_empty", Vec::new());
        }
        for (name, value) in assign {
            let arg = self.value(value);
            c = c.method("assign", vec![Code::str(name), arg]);
        }
        c
    }

    fn catches(&mut self, ctx: &Ctx<'_>, mut c: Code, catches: &[Catcher]) -> Code {
        for catcher in catches {
            let Catcher {
                error_equals,
                next,
                result_path,
                output,
                assign,
                comment,
            } = catcher;
            let mut r = errors("Catch", error_equals);
            if let Some(p) = result_path {
                r = r.method("result_path", vec![path_or_null(p)]);
            }
            r = self.payload(r, "output", output);
            r = self.assign(r, assign);
            if let Some(comment) = comment {
                r = r.method("comment", vec![Code::str(comment)]);
            }
            r = r.method("next", vec![ctx.target(next)]);
            c = c.method("catch", vec![r]);
        }
        c
    }
}

/// What a state's code needs to know about its scope.
struct Ctx<'a> {
    /// The state's JSON Pointer.
    at: String,
    vars: &'a HashMap<&'a StateName, String>,
    written: &'a HashSet<&'a StateName>,
}

impl Ctx<'_> {
    /// A transition target: the handle of a state already written, else a named reference.
    fn target(&self, name: &StateName) -> Code {
        match self.vars.get(name) {
            Some(var) if self.written.contains(name) => Code::raw(format!("&{var}")),
            _ => Code::call("StateRef::named", vec![Code::str(name.as_str())]),
        }
    }
}

/// The scope's states from `start`, each after every state it goes to (except along a loop),
/// then the states not reached from `start`, in the definition's order.
fn post_order<'s>(start: &'s StateName, states: &'s States) -> Vec<&'s StateName> {
    let mut seen: HashSet<&StateName> = HashSet::new();
    let mut order = Vec::with_capacity(states.len());
    let roots = states
        .get_key_value(start)
        .map(|(k, _)| k)
        .into_iter()
        .chain(states.keys());
    for root in roots {
        if !seen.insert(root) {
            continue;
        }
        // An explicit stack: a chain of 10,000 states must not overflow the real one.
        let mut stack: Vec<(&StateName, Vec<&StateName>, usize)> =
            vec![(root, targets(&states[root]), 0)];
        while let Some((name, targets_of, i)) = stack.last_mut() {
            if let Some(&next) = targets_of.get(*i) {
                *i += 1;
                if let Some((key, state)) = states.get_key_value(next)
                    && seen.insert(key)
                {
                    stack.push((key, targets(state), 0));
                }
            } else {
                order.push(*name);
                stack.pop();
            }
        }
    }
    order
}

fn targets(state: &State) -> Vec<&StateName> {
    state.targets().into_iter().map(|(_, t)| t).collect()
}

/// `task("Name")` with the comment and query language first.
fn head(
    ctor: &str,
    name: &StateName,
    comment: &Option<String>,
    language: Option<QueryLanguage>,
) -> Code {
    let mut c = Code::call(ctor, vec![Code::str(name.as_str())]);
    if let Some(comment) = comment {
        c = c.method("comment", vec![Code::str(comment)]);
    }
    if let Some(language) = language {
        c = c.method("query_language", vec![language_code(language)]);
    }
    c
}

pub(crate) fn language_code(language: QueryLanguage) -> Code {
    Code::raw(match language {
        QueryLanguage::JsonPath => "QueryLanguage::JsonPath",
        QueryLanguage::Jsonata => "QueryLanguage::Jsonata",
    })
}

fn fail(name: &StateName, s: &FailState) -> Code {
    // Every field by name: a field added to the model fails to compile here until the
    // import writes it.
    let FailState {
        comment,
        query_language,
        error,
        error_path,
        cause,
        cause_path,
    } = s;
    let mut c = head("fail", name, comment, *query_language);
    c = string_opt(c, "error", error);
    c = string_opt(c, "error_path", error_path);
    c = string_opt(c, "cause", cause);
    string_opt(c, "cause_path", cause_path)
}

fn execution_type_code(t: ExecutionType) -> Code {
    Code::raw(format!("ExecutionType::{t:?}"))
}

/// A `ProcessorConfig` that neither `Map::inline` nor `Map::distributed` writes, as the model's
/// struct for `Map::item_processor_with_config`.
fn processor_config_code(config: &ProcessorConfig) -> Code {
    let ProcessorConfig {
        mode,
        execution_type,
    } = config;
    let mode = match mode {
        Some(m) => Code::raw(format!("Some(sfn_dsl::asl::ProcessorMode::{m:?})")),
        None => Code::raw("None"),
    };
    let execution_type = match execution_type {
        Some(t) => Code::call("Some", vec![execution_type_code(*t)]),
        None => Code::raw("None"),
    };
    Code::Struct(
        "sfn_dsl::asl::ProcessorConfig".to_owned(),
        vec![("mode", mode), ("execution_type", execution_type)],
        false,
    )
}

/// A branch or processor as the argument of `.branch(…)` / `.item_processor(…)`: its chain,
/// wrapped in `Branch::new(…)` when the scope has a `Comment` or `QueryLanguage` of its own.
fn branch_code(branch: &sfn_asl::Branch, scope: Scope) -> Code {
    let chain = scope_chain(scope);
    if branch.comment.is_none() && branch.query_language.is_none() {
        return chain;
    }
    let mut c = Code::call("Branch::new", vec![chain]);
    if let Some(comment) = &branch.comment {
        c = c.method("comment", vec![Code::str(comment)]);
    }
    if let Some(language) = branch.query_language {
        c = c.method("query_language", vec![language_code(language)]);
    }
    c
}

/// A scope as a builder value: its one state, or `Chain::from(start).state(…)…`.
fn scope_chain(scope: Scope) -> Code {
    if scope.others.is_empty() {
        return Code::raw(scope.start);
    }
    let mut c = Code::call("Chain::from", vec![Code::raw(scope.start)]);
    for other in scope.others {
        c = c.method("state", vec![Code::raw(other)]);
    }
    c
}

fn transition_code(ctx: &Ctx<'_>, c: Code, t: &Transition) -> Code {
    match t {
        Transition::Next(next) => c.method("next", vec![ctx.target(next)]),
        Transition::End => c.method("end", Vec::new()),
    }
}

fn paths_in(c: Code, input_path: &Option<PathOrNull>) -> Code {
    path_opt(c, "input_path", input_path)
}

fn path_opt(c: Code, method: &'static str, path: &Option<PathOrNull>) -> Code {
    match path {
        Some(p) => c.method(method, vec![path_or_null(p)]),
        None => c,
    }
}

fn path_or_null(p: &PathOrNull) -> Code {
    match p {
        PathOrNull::Path(p) => Code::str(p),
        PathOrNull::Null => Code::raw("PathOrNull::Null"),
    }
}

fn string_opt(c: Code, method: &'static str, value: &Option<String>) -> Code {
    match value {
        Some(v) => c.method(method, vec![Code::str(v)]),
        None => c,
    }
}

fn some_string(text: &str) -> Code {
    Code::call(
        "Some",
        vec![Code::raw(format!("{}.into()", Code::str(text).print(0, 0)))],
    )
}

fn expr_u64(
    ctx: &Ctx<'_>,
    c: Code,
    method: &'static str,
    field: &str,
    value: &Option<Expr<u64>>,
) -> Result<Code> {
    Ok(match value {
        None => c,
        Some(Expr::Literal(n)) => c.method(method, vec![Code::raw(n.to_string())]),
        Some(Expr::Jsonata(text)) => {
            c.method(method, vec![jsonata(ctx, &format!("/{field}"), text)?])
        }
    })
}

/// `jsonata("{% … %}")`, which keeps the text as written only when it is already delimited and
/// has no surrounding blanks.
fn jsonata(ctx: &Ctx<'_>, field: &str, text: &str) -> Result<Code> {
    if text.trim() == text && text.starts_with("{%") && text.ends_with("%}") {
        Ok(Code::call("jsonata", vec![Code::str(text)]))
    } else {
        Err(Unsupported {
            pointer: format!("{}{field}", ctx.at),
            reason: format!(
                "`jsonata(..)` writes `{{% … %}}` expressions; {text:?} is not one (AWS rejects it too)"
            ),
        })
    }
}

fn credentials_code(ctx: &Ctx<'_>, c: Code, credentials: &Value) -> Result<Code> {
    if let Value::Object(map) = credentials
        && map.len() == 1
    {
        match map.iter().next() {
            Some((k, Value::String(arn))) if k == "RoleArn" => {
                return Ok(c.method("credentials_role_arn", vec![Code::str(arn)]));
            }
            Some((k, Value::String(path))) if k == "RoleArn.$" => {
                return Ok(c.method("credentials_role_arn_path", vec![Code::str(path)]));
            }
            _ => {}
        }
    }
    Err(Unsupported {
        pointer: format!("{}/Credentials", ctx.at),
        reason: "the builder writes `Credentials` as `{\"RoleArn\": …}` or `{\"RoleArn.$\": …}` \
                 with a string, nothing else"
            .to_owned(),
    })
}

/// `Retry::all()`, `Retry::on([...])` or `Catch::…`, for the `ErrorEquals` list.
fn errors(kind: &str, names: &[sfn_asl::ErrorName]) -> Code {
    if let [sfn_asl::ErrorName::All] = names {
        return Code::call(format!("{kind}::all"), Vec::new());
    }
    if names.is_empty() {
        return Code::call(
            format!("{kind}::on"),
            vec![Code::raw("Vec::<ErrorName>::new()")],
        );
    }
    let items = names.iter().map(|n| Code::str(n.as_str())).collect();
    Code::call(format!("{kind}::on"), vec![Code::Array(items)])
}

fn retries(mut c: Code, retriers: &[Retrier]) -> Code {
    for r in retriers {
        let Retrier {
            error_equals,
            interval_seconds,
            max_attempts,
            backoff_rate,
            max_delay_seconds,
            jitter_strategy,
            comment,
        } = r;
        let mut code = errors("Retry", error_equals);
        if let Some(n) = *interval_seconds {
            code = code.method("interval_seconds", vec![Code::raw(n.to_string())]);
        }
        if let Some(n) = *max_attempts {
            code = code.method("max_attempts", vec![Code::raw(n.to_string())]);
        }
        if let Some(rate) = *backoff_rate {
            code = code.method("backoff_rate", vec![Code::raw(float_literal(rate))]);
        }
        if let Some(n) = *max_delay_seconds {
            code = code.method("max_delay_seconds", vec![Code::raw(n.to_string())]);
        }
        if let Some(j) = *jitter_strategy {
            code = code.method(
                "jitter_strategy",
                vec![Code::raw(format!("JitterStrategy::{j:?}"))],
            );
        }
        if let Some(comment) = comment {
            code = code.method("comment", vec![Code::str(comment)]);
        }
        c = c.method("retry", vec![code]);
    }
    c
}

fn reader_config(config: &ReaderConfig) -> Code {
    let mut fields = Vec::new();
    if let Some(t) = config.input_type {
        fields.push(("input_type", Code::raw(format!("Some(InputType::{t:?})"))));
    }
    if let Some(t) = &config.transformation {
        fields.push(("transformation", some_string(t)));
    }
    if let Some(t) = config.manifest_type {
        fields.push((
            "manifest_type",
            Code::raw(format!("Some(sfn_dsl::asl::ManifestType::{t:?})")),
        ));
    }
    if let Some(l) = config.csv_header_location {
        fields.push((
            "csv_header_location",
            Code::raw(format!("Some(sfn_dsl::asl::CsvHeaderLocation::{l:?})")),
        ));
    }
    if let Some(headers) = &config.csv_headers {
        let items = headers
            .iter()
            .map(|h| Code::raw(format!("{}.into()", Code::str(h).print(0, 0))))
            .collect();
        fields.push((
            "csv_headers",
            Code::call(
                "Some",
                vec![Code::call("Vec::from", vec![Code::Array(items)])],
            ),
        ));
    }
    if let Some(d) = config.csv_delimiter {
        fields.push((
            "csv_delimiter",
            Code::raw(format!("Some(CsvDelimiter::{d:?})")),
        ));
    }
    if let Some(p) = &config.items_pointer {
        fields.push(("items_pointer", some_string(p)));
    }
    if let Some(n) = &config.max_items {
        let arg = match n {
            Expr::Literal(n) => Code::raw(format!("sfn_dsl::asl::Expr::Literal({n})")),
            Expr::Jsonata(text) => Code::raw(format!(
                "sfn_dsl::asl::Expr::Jsonata({}.into())",
                Code::str(text).print(0, 0)
            )),
        };
        fields.push(("max_items", Code::call("Some", vec![arg])));
    }
    if let Some(p) = &config.max_items_path {
        fields.push(("max_items_path", some_string(p)));
    }
    let rest = fields.len() < 9;
    Code::Struct("sfn_dsl::asl::ReaderConfig".to_owned(), fields, rest)
}

/// A JSONPath condition: `path("$.x").gt(10)`, `and([..])`, `or([..])`, `not(..)`.
fn bool_expr(expr: &BoolExpr) -> Code {
    match expr {
        BoolExpr::And(items) => Code::call(
            "and",
            vec![Code::Array(items.iter().map(bool_expr).collect())],
        ),
        BoolExpr::Or(items) => Code::call(
            "or",
            vec![Code::Array(items.iter().map(bool_expr).collect())],
        ),
        BoolExpr::Not(inner) => Code::call("not", vec![bool_expr(inner)]),
        BoolExpr::Compare(c) => {
            let var = Code::call("path", vec![Code::str(&c.variable)]);
            let (method, arg) = comparison(&c.operator);
            var.method(method, arg.into_iter().collect())
        }
    }
}

/// The `Var` method for an operator and its argument.
fn comparison(op: &Op) -> (&'static str, Option<Code>) {
    let s = |text: &String| Some(Code::str(text));
    let n = |number: &serde_json::Number| Some(Code::raw(number_literal(number)));
    match op {
        Op::StringEquals(v) => ("eq", s(v)),
        Op::StringLessThan(v) => ("lt", s(v)),
        Op::StringGreaterThan(v) => ("gt", s(v)),
        Op::StringLessThanEquals(v) => ("le", s(v)),
        Op::StringGreaterThanEquals(v) => ("ge", s(v)),
        Op::StringMatches(v) => ("matches", s(v)),
        Op::NumericEquals(v) => ("eq", n(v)),
        Op::NumericLessThan(v) => ("lt", n(v)),
        Op::NumericGreaterThan(v) => ("gt", n(v)),
        Op::NumericLessThanEquals(v) => ("le", n(v)),
        Op::NumericGreaterThanEquals(v) => ("ge", n(v)),
        Op::BooleanEquals(b) => ("eq", Some(Code::raw(b.to_string()))),
        Op::TimestampEquals(v) => ("timestamp_eq", s(v)),
        Op::TimestampLessThan(v) => ("timestamp_lt", s(v)),
        Op::TimestampGreaterThan(v) => ("timestamp_gt", s(v)),
        Op::TimestampLessThanEquals(v) => ("timestamp_le", s(v)),
        Op::TimestampGreaterThanEquals(v) => ("timestamp_ge", s(v)),
        Op::StringEqualsPath(v) => ("string_eq_path", s(v)),
        Op::StringLessThanPath(v) => ("string_lt_path", s(v)),
        Op::StringGreaterThanPath(v) => ("string_gt_path", s(v)),
        Op::StringLessThanEqualsPath(v) => ("string_le_path", s(v)),
        Op::StringGreaterThanEqualsPath(v) => ("string_ge_path", s(v)),
        Op::NumericEqualsPath(v) => ("numeric_eq_path", s(v)),
        Op::NumericLessThanPath(v) => ("numeric_lt_path", s(v)),
        Op::NumericGreaterThanPath(v) => ("numeric_gt_path", s(v)),
        Op::NumericLessThanEqualsPath(v) => ("numeric_le_path", s(v)),
        Op::NumericGreaterThanEqualsPath(v) => ("numeric_ge_path", s(v)),
        Op::BooleanEqualsPath(v) => ("boolean_eq_path", s(v)),
        Op::TimestampEqualsPath(v) => ("timestamp_eq_path", s(v)),
        Op::TimestampLessThanPath(v) => ("timestamp_lt_path", s(v)),
        Op::TimestampGreaterThanPath(v) => ("timestamp_gt_path", s(v)),
        Op::TimestampLessThanEqualsPath(v) => ("timestamp_le_path", s(v)),
        Op::TimestampGreaterThanEqualsPath(v) => ("timestamp_ge_path", s(v)),
        Op::IsPresent(true) => ("is_present", None),
        Op::IsPresent(false) => ("is_absent", None),
        Op::IsNull(true) => ("is_null", None),
        Op::IsNumeric(true) => ("is_numeric", None),
        Op::IsString(true) => ("is_string", None),
        Op::IsBoolean(true) => ("is_boolean", None),
        Op::IsTimestamp(true) => ("is_timestamp", None),
        Op::IsNull(false)
        | Op::IsNumeric(false)
        | Op::IsString(false)
        | Op::IsBoolean(false)
        | Op::IsTimestamp(false) => (
            "test",
            Some(Code::raw(format!(
                "sfn_dsl::asl::ComparisonOperator::{}(false)",
                op.name()
            ))),
        ),
    }
}
