//! The JSONata pipeline: `Arguments` → work → `Output`/`Assign`, with `$states.input`,
//! `$states.result`, `$states.errorOutput` and `$states.context`, and `{% %}` expressions in the
//! numeric and timestamp fields.

use std::borrow::Cow;

use serde_json::{Map, Value, json};
use sfn_asl::{Condition, Expr, State, WaitDuration};

use super::map_items::{self, MapItems};
use super::result_writer::ResultWriter;
use super::{Failure, Frame, Halt, Runner, Work, apply_vars};
use crate::clock::Instant;
use crate::jsonata::{self, JsonataScope};
use crate::program::Compiled;

impl Runner<'_> {
    /// `$states` for a state: `{"input", "context"}`, or `null` when the state never reads it.
    fn states_value(
        &self,
        st: &Compiled,
        frame: &Frame,
        raw: &Value,
        retry_count: u32,
        token: Option<&str>,
    ) -> Value {
        if !st.needs_context {
            return Value::Null;
        }
        let mut context = self.context_always(st, frame, retry_count);
        if let Some(token) = token {
            context["Task"] = json!({"Token": token});
        }
        json!({"input": raw, "context": context})
    }

    fn jscope<'a>(&'a self, states: &'a Value, frame: &'a Frame) -> JsonataScope<'a> {
        JsonataScope {
            states,
            variables: &frame.vars,
            rng: &self.rng,
        }
    }

    /// A field that may hold `{% %}` expressions at any depth.
    fn field(
        &self,
        name: &str,
        value: &Value,
        states: &Value,
        frame: &Frame,
    ) -> Result<Value, Failure> {
        jsonata::evaluate_field_value(name, value, &self.jscope(states, frame))
    }

    /// `Assign`, evaluated with the variables as they were when the state was entered.
    fn jsonata_assign(
        &self,
        assign: Option<&Map<String, Value>>,
        states: &Value,
        frame: &Frame,
    ) -> Result<Option<Map<String, Value>>, Failure> {
        let Some(assign) = assign else {
            return Ok(None);
        };
        let mut vars = Map::with_capacity(assign.len());
        for (name, value) in assign {
            vars.insert(
                name.clone(),
                self.field(&format!("Assign/{name}"), value, states, frame)?,
            );
        }
        Ok(Some(vars))
    }

    /// `Output` when present, else `default`.
    fn jsonata_output(
        &self,
        output: Option<&Value>,
        default: Value,
        states: &Value,
        frame: &Frame,
    ) -> Result<Value, Failure> {
        match output {
            Some(output) => self.field("Output", output, states, frame),
            None => Ok(default),
        }
    }

    /// A whole-number field (`Seconds`, `TimeoutSeconds`, `MaxConcurrency`, …): a literal or a
    /// `{% %}` expression that must yield a non-negative integer.
    fn jsonata_count(
        &self,
        name: &str,
        expr: Option<&Expr<u64>>,
        states: &Value,
        frame: &Frame,
    ) -> Result<Option<u64>, Failure> {
        match expr {
            None => Ok(None),
            Some(Expr::Literal(n)) => Ok(Some(*n)),
            Some(Expr::Jsonata(text)) => {
                let value = self.field(name, &Value::String(text.clone()), states, frame)?;
                match value.as_u64().or_else(|| {
                    value
                        .as_f64()
                        .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                        .map(|f| f as u64)
                }) {
                    Some(n) => Ok(Some(n)),
                    None => Err(Failure::query(format!(
                        "The JSONata expression '{text}' specified for the field '{name}' returned an unexpected result type. Expected a non-negative integer, but was {value}"
                    ))),
                }
            }
        }
    }

    /// Pass, Choice, Wait, Succeed and Fail in a JSONata state.
    pub(super) fn jsonata_state(
        &mut self,
        st: &Compiled,
        raw: Value,
        frame: &mut Frame,
    ) -> Result<(Value, Option<usize>), Halt> {
        let states = self.states_value(st, frame, &raw, 0, None);
        match &st.def {
            State::Pass(p) => {
                let vars = self.jsonata_assign(p.assign.as_ref(), &states, frame)?;
                let output = self.jsonata_output(p.output.as_ref(), raw, &states, frame)?;
                apply_vars(frame, vars);
                Ok((output, st.next))
            }
            State::Succeed(s) => Ok((
                self.jsonata_output(s.output.as_ref(), raw, &states, frame)?,
                None,
            )),
            State::Choice(c) => {
                let mut chosen = None;
                for (i, rule) in c.choices.iter().enumerate() {
                    let Condition::Jsonata(condition) = &rule.condition else {
                        continue;
                    };
                    let holds = match condition {
                        Expr::Literal(b) => *b,
                        Expr::Jsonata(text) => match self.field(
                            "Condition",
                            &Value::String(text.clone()),
                            &states,
                            frame,
                        )? {
                            Value::Bool(b) => b,
                            other => {
                                return Err(Failure::query(format!(
                                    "The JSONata expression '{text}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was {other}"
                                ))
                                .into());
                            }
                        },
                    };
                    if holds {
                        chosen = Some(i);
                        break;
                    }
                }
                let (assign, output, next) = match chosen {
                    Some(i) => (
                        c.choices[i].assign.as_ref(),
                        c.choices[i].output.as_ref(),
                        st.choice_next[i],
                    ),
                    None => (
                        c.assign.as_ref(),
                        c.output.as_ref(),
                        st.default
                            .ok_or_else(|| Failure::new("States.NoChoiceMatched", "No Matches!"))?,
                    ),
                };
                let vars = self.jsonata_assign(assign, &states, frame)?;
                let output = self.jsonata_output(output, raw, &states, frame)?;
                apply_vars(frame, vars);
                Ok((output, Some(next)))
            }
            State::Wait(w) => {
                let until = match &w.duration {
                    WaitDuration::Seconds(expr) => {
                        let seconds = self
                            .jsonata_count("Seconds", Some(expr), &states, frame)?
                            .unwrap_or(0);
                        frame.clock.plus_millis(super::seconds_ms(seconds)?)
                    }
                    WaitDuration::Timestamp(text) => {
                        let value =
                            self.field("Timestamp", &Value::String(text.clone()), &states, frame)?;
                        value.as_str().and_then(Instant::parse_rfc3339).ok_or_else(|| {
                            Failure::query("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string")
                        })?
                    }
                    WaitDuration::SecondsPath(_) | WaitDuration::TimestampPath(_) => {
                        return Err(Failure::runtime(
                            "`SecondsPath` and `TimestampPath` are JSONPath fields",
                        )
                        .into());
                    }
                };
                let vars = self.jsonata_assign(w.assign.as_ref(), &states, frame)?;
                let output = self.jsonata_output(w.output.as_ref(), raw, &states, frame)?;
                self.sleep_until(frame, until)?;
                apply_vars(frame, vars);
                Ok((output, st.next))
            }
            State::Fail(f) => {
                let text = |name: &str, value: &Option<String>| -> Result<String, Failure> {
                    match value {
                        None => Ok(String::new()),
                        Some(v) => {
                            match self.field(name, &Value::String(v.clone()), &states, frame)? {
                                Value::String(s) => Ok(s),
                                other => Err(Failure::query(format!(
                                    "The JSONata expression '{v}' specified for the field '{name}' returned an unexpected result type. Expected 'string', but was {other}"
                                ))),
                            }
                        }
                    }
                };
                let error = text("Error", &f.error)?;
                let cause = text("Cause", &f.cause)?;
                Err(Halt::error(Failure { error, cause }))
            }
            State::Task(_) | State::Parallel(_) | State::Map(_) => {
                unreachable!("Task, Parallel and Map go through with_retry")
            }
        }
    }

    /// The work of a JSONata Task, Parallel or Map; `Work::ctx` carries `$states`.
    pub(super) fn jsonata_work(
        &mut self,
        st: &Compiled,
        idx: usize,
        raw: &Value,
        frame: &mut Frame,
        retry_count: u32,
    ) -> Result<Work, Halt> {
        match &st.def {
            State::Task(t) => {
                let info = st.task_resource();
                let token = info.token.then(|| {
                    self.tokens += 1;
                    format!("{}-token-{}", self.opts.name, self.tokens)
                });
                let states = self.states_value(st, frame, raw, retry_count, token.as_deref());
                let args = match &t.arguments {
                    Some(arguments) => {
                        let args = self.field("Arguments", arguments, &states, frame)?;
                        crate::limits::check_payload(&args, || {
                            format!("the input of state '{}'", st.name)
                        })?;
                        Cow::Owned(args)
                    }
                    None => Cow::Borrowed(raw),
                };
                let timeout = self.jsonata_count(
                    "TimeoutSeconds",
                    t.timeout_seconds.as_ref(),
                    &states,
                    frame,
                )?;
                let heartbeat = self.jsonata_count(
                    "HeartbeatSeconds",
                    t.heartbeat_seconds.as_ref(),
                    &states,
                    frame,
                )?;
                let role_arn =
                    match &t.credentials {
                        Some(credentials) => Some(super::credentials::jsonata_role_arn(
                            &self.field("Credentials", credentials, &states, frame)?,
                        )?),
                        None => None,
                    };
                let (result, size) = self.invoke(
                    st,
                    idx,
                    &args,
                    token.as_deref(),
                    retry_count,
                    timeout,
                    heartbeat,
                    role_arn.as_deref(),
                    frame,
                )?;
                Ok(Work {
                    result,
                    ctx: states,
                    size,
                })
            }
            State::Parallel(p) => {
                let states = self.states_value(st, frame, raw, retry_count, None);
                let input = match &p.arguments {
                    Some(arguments) => {
                        Cow::Owned(self.field("Arguments", arguments, &states, frame)?)
                    }
                    None => Cow::Borrowed(raw),
                };
                let (results, size) = self.branches(st, input, frame)?;
                Ok(Work {
                    result: Value::Array(results),
                    ctx: states,
                    size,
                })
            }
            State::Map(m) => {
                let states = self.states_value(st, frame, raw, retry_count, None);
                let items = match (&m.item_reader, &m.items) {
                    (Some(reader), _) => {
                        let params = match &reader.arguments {
                            Some(a) => self.field("ItemReader/Arguments", a, &states, frame)?,
                            None => Value::Object(Map::new()),
                        };
                        let max_items = self.jsonata_count(
                            "MaxItems",
                            reader
                                .reader_config
                                .as_ref()
                                .and_then(|c| c.max_items.as_ref()),
                            &states,
                            frame,
                        )?;
                        self.read_items(st, idx, reader, &params, max_items, frame)?
                    }
                    (None, Some(items)) => self.field("Items", items, &states, frame)?,
                    (None, None) => raw.clone(),
                };
                // An array, or an object iterated by key-value pair (as on AWS); the cause
                // for anything else is AWS's recorded one, which predates objects.
                let items = MapItems::from_value(items).map_err(|items| {
                    Failure::query(format!(
                        "The field 'Items' returned an unexpected result type. Expected 'array', but was {}",
                        type_name(&items)
                    ))
                })?;
                let concurrency = self
                    .jsonata_count("MaxConcurrency", m.max_concurrency.as_ref(), &states, frame)?
                    .unwrap_or(0);
                let count = self.jsonata_count(
                    "ToleratedFailureCount",
                    m.tolerated_failure_count.as_ref(),
                    &states,
                    frame,
                )?;
                let percentage = match &m.tolerated_failure_percentage {
                    None => None,
                    Some(Expr::Literal(p)) => Some(*p),
                    Some(Expr::Jsonata(text)) => {
                        let value = self.field(
                            "ToleratedFailurePercentage",
                            &Value::String(text.clone()),
                            &states,
                            frame,
                        )?;
                        Some(value.as_f64().filter(|p| (0.0..=100.0).contains(p)).ok_or_else(|| {
                            Failure::query(format!("The JSONata expression '{text}' specified for the field 'ToleratedFailurePercentage' returned a value out of range [0, 100]: {value}"))
                        })?)
                    }
                };
                let tolerance =
                    (count.is_some() || percentage.is_some()).then_some((count, percentage));
                let mut inputs = Vec::with_capacity(items.len());
                for (index, (key, item)) in items.into_entries().enumerate() {
                    match &m.item_selector {
                        Some(selector) => {
                            let mut item_states = if states.is_null() {
                                json!({"input": raw, "context": self.context_always(st, frame, retry_count)})
                            } else {
                                states.clone()
                            };
                            item_states["context"]["Map"] =
                                map_items::item_context(index, key.as_deref(), item);
                            inputs.push(self.field(
                                "ItemSelector",
                                selector,
                                &item_states,
                                frame,
                            )?);
                        }
                        None => inputs.push(map_items::default_input(key, item)),
                    }
                }
                let inputs = self.jsonata_batch(m, inputs, &states, frame)?;
                let writer = match &m.result_writer {
                    Some(rw) => {
                        let args = rw
                            .arguments
                            .as_ref()
                            .map(|a| self.field("ResultWriter/Arguments", a, &states, frame))
                            .transpose()?;
                        Some(ResultWriter::new(rw, args)?)
                    }
                    None => None,
                };
                let result = self.run_map(
                    st,
                    m,
                    inputs,
                    usize::try_from(concurrency).unwrap_or(usize::MAX),
                    tolerance,
                    writer,
                    frame,
                )?;
                Ok(Work {
                    result,
                    ctx: states,
                    size: None,
                })
            }
            _ => unreachable!("only Task, Parallel and Map states do work"),
        }
    }

    /// `ItemBatcher` in a JSONata Map: `MaxItemsPerBatch` and `MaxInputBytesPerBatch` may be
    /// `{% %}` expressions yielding positive integers, and `BatchInput` any JSON with
    /// expressions at any depth.
    fn jsonata_batch(
        &self,
        m: &sfn_asl::MapState,
        inputs: Vec<Value>,
        states: &Value,
        frame: &Frame,
    ) -> Result<Vec<Value>, Failure> {
        let Some(batcher) = &m.item_batcher else {
            return Ok(inputs);
        };
        let positive = |name: &str, expr: Option<&Expr<u64>>| -> Result<Option<u64>, Failure> {
            match self.jsonata_count(name, expr, states, frame)? {
                Some(0) => Err(Failure::query(format!(
                    "The JSONata expression specified for the field '{name}' returned an unexpected result. Expected a positive integer, but was 0"
                ))),
                n => Ok(n),
            }
        };
        let max_items = positive("MaxItemsPerBatch", batcher.max_items_per_batch.as_ref())?;
        let max_bytes = positive(
            "MaxInputBytesPerBatch",
            batcher.max_input_bytes_per_batch.as_ref(),
        )?;
        let batch_input = batcher
            .batch_input
            .as_ref()
            .map(|input| self.field("BatchInput", input, states, frame))
            .transpose()?;
        Ok(super::group_batches(
            inputs,
            max_items,
            max_bytes,
            batch_input.as_ref(),
        ))
    }

    /// `Assign` and `Output` (default: the result) after the work of a JSONata state.
    pub(super) fn jsonata_finish(
        &self,
        st: &Compiled,
        work: Work,
        frame: &mut Frame,
    ) -> Result<Value, Halt> {
        let (output, assign) = match &st.def {
            State::Task(t) => (t.output.as_ref(), t.assign.as_ref()),
            State::Parallel(p) => (p.output.as_ref(), p.assign.as_ref()),
            State::Map(m) => (m.output.as_ref(), m.assign.as_ref()),
            _ => (None, None),
        };
        let Work {
            result,
            ctx: mut states,
            ..
        } = work;
        if output.is_none() && assign.is_none() {
            return Ok(result);
        }
        if states.is_null() {
            states = json!({});
        }
        states["result"] = result;
        let vars = self.jsonata_assign(assign, &states, frame)?;
        let default = states["result"].take();
        let output = match output {
            Some(output) => {
                states["result"] = default;
                self.field("Output", output, &states, frame)?
            }
            None => default,
        };
        apply_vars(frame, vars);
        Ok(output)
    }

    /// A Catcher of a JSONata state: `Output` (default: the error output) and `Assign`, with
    /// `$states.errorOutput`.
    pub(super) fn jsonata_catch(
        &mut self,
        st: &Compiled,
        index: usize,
        raw: &Value,
        failure: Failure,
        frame: &mut Frame,
    ) -> Result<Value, Halt> {
        let catcher = &st.def.catch()[index];
        let error_output = json!({"Error": failure.error, "Cause": failure.cause});
        if catcher.output.is_none() && catcher.assign.is_none() {
            return Ok(error_output);
        }
        let mut states = self.states_value(st, frame, raw, 0, None);
        if states.is_null() {
            states = json!({});
        }
        states["errorOutput"] = error_output;
        let vars = self.jsonata_assign(catcher.assign.as_ref(), &states, frame)?;
        let output = match &catcher.output {
            Some(output) => self.field("Output", output, &states, frame)?,
            None => states["errorOutput"].take(),
        };
        apply_vars(frame, vars);
        Ok(output)
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
