//! A distributed Map's `ResultWriter`: the child executions' results, written to S3 (the
//! executor's in-memory [`ObjectStore`](crate::ObjectStore)) or previewed as the state's result.
//!
//! AWS (developer guide, "ResultWriter (Map)", input-output-resultwriter.html):
//! - `WriterConfig.Transformation`: `NONE` gives each child execution's metadata with its
//!   output (the default when exporting to S3 without `WriterConfig`), `COMPACT` only the
//!   outputs (the default without `ResultWriter`), `FLATTEN` the outputs with array outputs
//!   flattened into the list. A failed child keeps its full metadata whatever the option.
//! - `WriterConfig.OutputType`: `JSON` (an array) or `JSONL` (one line per result).
//! - `WriterConfig` alone previews the formatted results as the state's result; `Resource` +
//!   `Parameters` (`Bucket`, `Prefix`) export them to `Prefix/<map run id>/`: `SUCCEEDED_0.json`,
//!   `FAILED_0.json` and `manifest.json` listing them, and the state's result becomes
//!   `{"MapRunArn": …, "ResultWriterDetails": {"Bucket": …, "Key": <manifest key>}}`.

use serde_json::{Map, Value, json};
use sfn_asl::MapState;

use super::{Failure, Frame, Halt, Runner};
use crate::clock::Instant;
use crate::eval::{Rng, compact};
use crate::program::Compiled;

/// When one iteration (child execution) ran and how it ended.
#[derive(Debug)]
pub(crate) struct ChildRun {
    pub(crate) start: Instant,
    pub(crate) stop: Instant,
    /// `None` when it succeeded; its error when it failed within the tolerated threshold.
    pub(crate) failure: Option<Failure>,
}

/// `WriterConfig.Transformation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transformation {
    None,
    Compact,
    Flatten,
}

/// A `ResultWriter`, its `Parameters`/`Arguments` evaluated.
#[derive(Debug)]
pub(crate) struct ResultWriter {
    /// `(Bucket, Prefix)` when the results are exported to S3.
    target: Option<(String, String)>,
    transformation: Transformation,
    json_lines: bool,
}

impl ResultWriter {
    /// `params` is the evaluated `Parameters` (JSONPath) or `Arguments` (JSONata).
    pub(crate) fn new(
        rw: &sfn_asl::ResultWriter,
        params: Option<Value>,
    ) -> Result<ResultWriter, Failure> {
        let failed = |cause: String| Failure::new("States.ResultWriterFailed", cause);
        let target = match (&rw.resource, params) {
            (None, None) => None,
            (_, params) => {
                let params = params.unwrap_or(Value::Null);
                let bucket = params
                    .get("Bucket")
                    .and_then(Value::as_str)
                    .filter(|b| !b.is_empty())
                    .ok_or_else(|| {
                        failed(format!(
                            "The ResultWriter parameters must name a 'Bucket' (a non-empty string), but were {}",
                            compact(&params)
                        ))
                    })?;
                let prefix = match params.get("Prefix") {
                    None | Some(Value::Null) => "",
                    Some(Value::String(p)) => p.as_str(),
                    Some(other) => {
                        return Err(failed(format!(
                            "The ResultWriter parameter 'Prefix' must be a string, but was {}",
                            compact(other)
                        )));
                    }
                };
                Some((bucket.to_owned(), prefix.to_owned()))
            }
        };
        let config = rw.writer_config.as_ref();
        if target.is_none() && config.is_none() {
            // AWS accepts an empty ResultWriter at creation and fails when the Map runs.
            return Err(failed(
                "The ResultWriter needs a WriterConfig, or a Resource with Parameters naming a Bucket"
                    .into(),
            ));
        }
        let transformation = match config.and_then(|c| c.transformation.as_deref()) {
            None if target.is_some() => Transformation::None,
            None | Some("COMPACT") => Transformation::Compact,
            Some("NONE") => Transformation::None,
            Some("FLATTEN") => Transformation::Flatten,
            Some(other) => {
                return Err(failed(format!(
                    "WriterConfig.Transformation must be NONE, COMPACT or FLATTEN, not '{other}'"
                )));
            }
        };
        let json_lines = match config.and_then(|c| c.output_type.as_deref()) {
            None | Some("JSON") => false,
            Some("JSONL") => true,
            Some(other) => {
                return Err(failed(format!(
                    "WriterConfig.OutputType must be JSON or JSONL, not '{other}'"
                )));
            }
        };
        Ok(ResultWriter {
            target,
            transformation,
            json_lines,
        })
    }
}

impl Runner<'_> {
    /// Runs the iterations; with a `ResultWriter`, hands their results to it and returns what
    /// it makes of them, else the outputs in item order.
    #[allow(clippy::too_many_arguments, reason = "the Map's settings, all needed")]
    pub(super) fn run_map(
        &mut self,
        st: &Compiled,
        m: &MapState,
        inputs: Vec<Value>,
        concurrency: usize,
        tolerance: Option<(Option<u64>, Option<f64>)>,
        writer: Option<ResultWriter>,
        frame: &mut Frame,
    ) -> Result<Value, Halt> {
        let Some(writer) = writer else {
            let outputs = self.iterations(st, m, inputs, concurrency, tolerance, None, frame)?;
            return Ok(Value::Array(outputs));
        };
        // The NONE transformation reports each child's input: keep a copy.
        let kept = inputs.clone();
        let mut runs = Vec::with_capacity(inputs.len());
        let outputs = self.iterations(
            st,
            m,
            inputs,
            concurrency,
            tolerance,
            Some(&mut runs),
            frame,
        )?;
        Ok(self.write_results(st, m, &writer, kept, outputs, runs, frame))
    }

    #[allow(clippy::too_many_arguments, reason = "the Map run's parts, all needed")]
    fn write_results(
        &self,
        st: &Compiled,
        m: &MapState,
        writer: &ResultWriter,
        inputs: Vec<Value>,
        outputs: Vec<Value>,
        runs: Vec<ChildRun>,
        frame: &Frame,
    ) -> Value {
        let opts = self.opts;
        // Map run and child execution ids are UUIDs from their own seeded generator, so a
        // ResultWriter leaves the execution's random draws (jitter, States.UUID) unchanged.
        let mut ids =
            Rng::seeded(opts.seed ^ frame.entered_id.rotate_left(32) ^ 0x5265_7375_6c74_5772);
        let map_run_id = ids.uuid_v4();
        let label = m.label.as_deref().unwrap_or(&st.name);
        let child_machine = format!("{}/{}", opts.state_machine_name, label);
        let arn = |kind: &str, tail: &str| {
            format!(
                "arn:aws:states:{}:{}:{kind}:{tail}",
                opts.region, opts.account
            )
        };
        let map_run_arn = arn("mapRun", &format!("{child_machine}:{map_run_id}"));
        let child_machine_arn = arn("stateMachine", &child_machine);
        let mut succeeded = Vec::new();
        let mut failed = Vec::new();
        let mut in_order = Vec::new();
        for ((input, output), run) in inputs.into_iter().zip(outputs).zip(runs) {
            let name = ids.uuid_v4();
            let full = |output: Option<&Value>| {
                let mut r = Map::new();
                r.insert(
                    "ExecutionArn".into(),
                    arn("execution", &format!("{child_machine}:{name}")).into(),
                );
                r.insert("Input".into(), compact(&input).into());
                r.insert("InputDetails".into(), json!({"Included": true}));
                r.insert("Name".into(), name.clone().into());
                match (output, &run.failure) {
                    (Some(output), _) => {
                        r.insert("Output".into(), compact(output).into());
                        r.insert("OutputDetails".into(), json!({"Included": true}));
                    }
                    (None, Some(f)) => {
                        r.insert("Error".into(), f.error.clone().into());
                        r.insert("Cause".into(), f.cause.clone().into());
                    }
                    (None, None) => {}
                }
                r.insert("RedriveCount".into(), 0.into());
                r.insert("StartDate".into(), run.start.to_string().into());
                r.insert("StateMachineArn".into(), child_machine_arn.clone().into());
                let status = if run.failure.is_some() {
                    "FAILED"
                } else {
                    "SUCCEEDED"
                };
                r.insert("Status".into(), status.into());
                r.insert("StopDate".into(), run.stop.to_string().into());
                Value::Object(r)
            };
            let entries = match (&run.failure, writer.transformation) {
                (Some(_), _) => vec![full(None)],
                (None, Transformation::None) => vec![full(Some(&output))],
                (None, Transformation::Compact) => vec![output],
                (None, Transformation::Flatten) => match output {
                    Value::Array(items) => items,
                    other => vec![other],
                },
            };
            if writer.target.is_none() {
                in_order.extend(entries);
            } else if run.failure.is_some() {
                failed.extend(entries);
            } else {
                succeeded.extend(entries);
            }
        }
        let Some((bucket, prefix)) = &writer.target else {
            return Value::Array(in_order);
        };
        let dir = match prefix.trim_end_matches('/') {
            "" => map_run_id.clone(),
            p => format!("{p}/{map_run_id}"),
        };
        let s3 = self.executor.s3();
        let files = |status: &str, results: Vec<Value>| -> Vec<Value> {
            if results.is_empty() {
                return Vec::new();
            }
            let body = if writer.json_lines {
                results
                    .iter()
                    .map(|r| compact(r) + "\n")
                    .collect::<String>()
            } else {
                compact(&Value::Array(results))
            };
            let key = format!("{dir}/{status}_0.json");
            let size = body.len();
            s3.put(bucket, &key, body);
            vec![json!({"Key": key, "Size": size})]
        };
        let succeeded_files = files("SUCCEEDED", succeeded);
        let failed_files = files("FAILED", failed);
        let manifest_key = format!("{dir}/manifest.json");
        let manifest = json!({
            "DestinationBucket": bucket,
            "MapRunArn": map_run_arn,
            "ResultFiles": {
                "FAILED": failed_files,
                "PENDING": [],
                "SUCCEEDED": succeeded_files,
            },
        });
        s3.put(bucket, &manifest_key, compact(&manifest));
        json!({
            "MapRunArn": map_run_arn,
            "ResultWriterDetails": {"Bucket": bucket, "Key": manifest_key},
        })
    }
}
