//! build.rs helpers: write workflows as `.asl.json` files (only when their bytes change), with
//! the deploy snippets that use them (Terraform, CloudFormation) and the IAM policy the state
//! machine's role needs.
//!
//! ```no_run
//! // build.rs
//! use sfn_dsl::prelude::*;
//!
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let order = Workflow::builder(
//!         task("ValidateOrder").resource(lambda(arn!("${ValidateOrderArn}"))),
//!     )
//!     .build()?;
//!     sfn_dsl::emit::Emitter::new("workflows")
//!         .workflow("order", &order)
//!         .terraform(true)
//!         .cloudformation(true)
//!         .iam_policy(true)
//!         .rerun_if_changed("src/workflows.rs")
//!         .write()?;
//!     Ok(())
//! }
//! ```

mod iam;

use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};
use sfn_asl::{State, StateMachine};

use crate::Workflow;

pub use iam::{Policy, Statement, iam_policy};

/// Writes workflows and their deploy snippets into one directory.
///
/// ```
/// // In build.rs:
/// # fn order_workflow() -> Result<sfn_dsl::Workflow, sfn_dsl::BuildError> { sfn_dsl::Workflow::builder(sfn_dsl::succeed("Done")).build() }
/// let emitter = sfn_dsl::emit::Emitter::new("asl").workflow("order", &order_workflow()?).terraform(true);
/// # let _ = emitter;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
#[must_use = "nothing is written until `write` is called"]
pub struct Emitter {
    dir: PathBuf,
    workflows: Vec<(String, Workflow)>,
    terraform: bool,
    cloudformation: bool,
    iam_policy: bool,
    sources: Vec<PathBuf>,
    cargo: bool,
}

/// What [`Emitter::write`] did.
///
/// ```
/// let report = sfn_dsl::emit::Report::default();
/// assert!(report.written.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Every file the emitter is responsible for, in the order produced.
    pub files: Vec<PathBuf>,
    /// The files whose bytes changed (and were therefore rewritten).
    pub written: Vec<PathBuf>,
}

impl Emitter {
    /// Writes into `dir` (created if needed).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
    /// let emitter = sfn_dsl::emit::Emitter::new("target/asl");
    /// # let _ = emitter;
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Emitter {
            dir: dir.into(),
            workflows: Vec::new(),
            terraform: false,
            cloudformation: false,
            iam_policy: false,
            sources: Vec::new(),
            cargo: true,
        }
    }

    /// Adds a workflow, written as `NAME.asl.json` (pretty-printed, byte-stable).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
    /// let emitter = sfn_dsl::emit::Emitter::new("target/asl").workflow("work", &workflow);
    /// # let _ = emitter;
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn workflow(mut self, name: impl Into<String>, workflow: &Workflow) -> Self {
        self.workflows.push((name.into(), workflow.clone()));
        self
    }

    /// Also writes `NAME.tf.json`: an `aws_sfn_state_machine` whose definition is
    /// `templatefile("NAME.asl.json", {placeholder = var.placeholder, …})`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
    /// let emitter = sfn_dsl::emit::Emitter::new("target/asl").workflow("work", &workflow).terraform(true);
    /// # let _ = emitter;
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn terraform(mut self, on: bool) -> Self {
        self.terraform = on;
        self
    }

    /// Also writes `NAME.cfn.json`: an `AWS::StepFunctions::StateMachine` with the definition
    /// and `DefinitionSubstitutions` from template parameters.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
    /// let emitter = sfn_dsl::emit::Emitter::new("target/asl").workflow("work", &workflow).cloudformation(true);
    /// # let _ = emitter;
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn cloudformation(mut self, on: bool) -> Self {
        self.cloudformation = on;
        self
    }

    /// Also writes `NAME.iam.json`: the policy the state machine's role needs ([`iam_policy`]).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
    /// let emitter = sfn_dsl::emit::Emitter::new("target/asl").workflow("work", &workflow).iam_policy(true);
    /// # let _ = emitter;
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn iam_policy(mut self, on: bool) -> Self {
        self.iam_policy = on;
        self
    }

    /// A source file the workflows are defined in, announced to cargo with
    /// `cargo:rerun-if-changed`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
    /// let emitter = sfn_dsl::emit::Emitter::new("target/asl").workflow("work", &workflow).rerun_if_changed("src/workflows.rs");
    /// # let _ = emitter;
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn rerun_if_changed(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.push(path.into());
        self
    }

    /// Whether to print `cargo:` lines (on by default; off outside build scripts).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
    /// let emitter = sfn_dsl::emit::Emitter::new("target/asl").workflow("work", &workflow).cargo_directives(false);
    /// # let _ = emitter;
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn cargo_directives(mut self, on: bool) -> Self {
        self.cargo = on;
        self
    }

    /// Writes every file whose bytes differ from what is on disk and prints the
    /// `cargo:rerun-if-changed` lines (build.rs, the declared sources and the outputs, so a
    /// deleted or edited output is regenerated).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(succeed("Done")).build()?;
    /// let dir = std::env::temp_dir().join(format!("sfn-dsl-doc-emit-{}", std::process::id()));
    /// let emit = || sfn_dsl::emit::Emitter::new(&dir).workflow("done", &workflow).cargo_directives(false).write();
    /// let first = emit().expect("writes");
    /// assert_eq!(first.written, [dir.join("done.asl.json")]);
    /// // Unchanged bytes are not rewritten.
    /// assert!(emit().expect("writes").written.is_empty());
    /// std::fs::remove_dir_all(&dir).expect("cleans up");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn write(self) -> io::Result<Report> {
        std::fs::create_dir_all(&self.dir)?;
        let mut report = Report::default();
        for (name, workflow) in &self.workflows {
            let mut outputs = vec![(format!("{name}.asl.json"), workflow.to_json_pretty() + "\n")];
            if self.terraform {
                outputs.push((
                    format!("{name}.tf.json"),
                    pretty(&terraform(name, workflow)),
                ));
            }
            if self.cloudformation {
                outputs.push((
                    format!("{name}.cfn.json"),
                    pretty(&cloudformation(name, workflow)),
                ));
            }
            if self.iam_policy {
                outputs.push((
                    format!("{name}.iam.json"),
                    pretty(&iam_policy(workflow.definition()).to_value()),
                ));
            }
            for (file, text) in outputs {
                let path = self.dir.join(file);
                if write_if_changed(&path, text.as_bytes())? {
                    report.written.push(path.clone());
                }
                report.files.push(path);
            }
        }
        if self.cargo {
            println!("cargo:rerun-if-changed=build.rs");
            for path in self.sources.iter().chain(&report.files) {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        Ok(report)
    }
}

fn pretty(value: &Value) -> String {
    // A `Value` always serializes (its keys are strings and its numbers finite).
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// Writes `bytes` to `path` unless the file already holds exactly them; returns whether it wrote.
///
/// ```
/// let path = std::env::temp_dir().join(format!("sfn-dsl-doc-wic-{}.json", std::process::id()));
/// assert!(sfn_dsl::emit::write_if_changed(&path, b"{}")?);
/// assert!(!sfn_dsl::emit::write_if_changed(&path, b"{}")?);
/// std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    match std::fs::read(path) {
        Ok(existing) if existing == bytes => Ok(false),
        _ => std::fs::write(path, bytes).map(|()| true),
    }
}

/// The Terraform JSON (`.tf.json`) for one workflow: an `aws_sfn_state_machine` reading
/// `NAME.asl.json` through `templatefile`, with a variable per placeholder and for the role.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
/// let module = sfn_dsl::emit::terraform("work", &workflow);
/// assert!(module["resource"]["aws_sfn_state_machine"]["work"].is_object());
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn terraform(name: &str, workflow: &Workflow) -> Value {
    let ident = identifier(name);
    let placeholders = workflow.placeholders();
    let vars: Vec<String> = placeholders
        .iter()
        .map(|p| format!("{p} = var.{p}"))
        .collect();
    let mut variables = Map::new();
    variables.insert(
        format!("{ident}_role_arn"),
        json!({"type": "string", "description": format!("the IAM role `{name}` runs as")}),
    );
    for p in &placeholders {
        variables.insert(
            p.clone(),
            json!({"type": "string", "description": format!("fills `${{{p}}}` in {name}.asl.json")}),
        );
    }
    json!({
        "variable": variables,
        "resource": {
            "aws_sfn_state_machine": {
                ident.clone(): {
                    "name": name,
                    "role_arn": format!("${{var.{ident}_role_arn}}"),
                    "definition": format!(
                        "${{templatefile(\"${{path.module}}/{name}.asl.json\", {{ {} }})}}",
                        vars.join(", ")
                    ),
                }
            }
        }
    })
}

/// The CloudFormation template (JSON) for one workflow: the definition, its
/// `DefinitionSubstitutions` from one parameter per placeholder, and a role parameter.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
/// let template = sfn_dsl::emit::cloudformation("work", &workflow);
/// assert!(template.to_string().contains("DefinitionSubstitutions"));
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn cloudformation(name: &str, workflow: &Workflow) -> Value {
    let logical = logical_id(name);
    let mut parameters = Map::new();
    parameters.insert(format!("{logical}RoleArn"), json!({"Type": "String"}));
    let mut substitutions = Map::new();
    for p in workflow.placeholders() {
        parameters.insert(p.clone(), json!({"Type": "String"}));
        substitutions.insert(p.clone(), json!({"Ref": p}));
    }
    let mut properties = Map::new();
    properties.insert("StateMachineName".into(), json!(name));
    properties.insert(
        "RoleArn".into(),
        json!({"Ref": format!("{logical}RoleArn")}),
    );
    properties.insert("DefinitionString".into(), json!(workflow.to_json()));
    if !substitutions.is_empty() {
        properties.insert(
            "DefinitionSubstitutions".into(),
            Value::Object(substitutions),
        );
    }
    json!({
        "Parameters": parameters,
        "Resources": {
            logical: {
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": properties,
            }
        }
    })
}

fn identifier(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn logical_id(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    if out.is_empty() {
        "StateMachine".into()
    } else {
        out
    }
}

/// The `${Name}` placeholders in a machine, by name, in order of first use.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let workflow = Workflow::builder(task("Work").resource(lambda(arn!("${WorkArn}")))).build()?;
/// assert_eq!(sfn_dsl::emit::placeholders(workflow.definition()), ["WorkArn"]);
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn placeholders(machine: &StateMachine) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut stack = vec![machine.to_value()];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) => {
                for name in scan_placeholders(&s) {
                    if !out.iter().any(|o| o == name) {
                        out.push(name.to_owned());
                    }
                }
            }
            // Pushed in reverse so they are popped (and found) in document order.
            Value::Array(items) => stack.extend(items.into_iter().rev()),
            Value::Object(map) => {
                let items: Vec<Value> = map.into_iter().map(|(_, v)| v).collect();
                stack.extend(items.into_iter().rev());
            }
            _ => {}
        }
    }
    out
}

/// The names of the `${Name}` placeholders in one string.
fn scan_placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
        {
            out.push(name);
        }
        rest = &after[end + 1..];
    }
    out
}

/// Every Task state of a machine, nested scopes included, with the query language it runs in.
pub(crate) fn states(machine: &StateMachine) -> Vec<&State> {
    let mut out = Vec::new();
    let mut scopes = vec![&machine.states];
    while let Some(states) = scopes.pop() {
        for state in states.values() {
            out.push(state);
            for (_, branch) in state.scopes() {
                scopes.push(&branch.states);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_inside_strings() {
        assert_eq!(scan_placeholders("a${One}b${Two}${}"), ["One", "Two"]);
        assert_eq!(scan_placeholders("no ${ closing"), Vec::<&str>::new());
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = std::env::temp_dir().join(format!("sfn-dsl-emit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.json");
        assert!(write_if_changed(&path, b"{}").unwrap());
        assert!(!write_if_changed(&path, b"{}").unwrap());
        assert!(write_if_changed(&path, b"[]").unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn logical_ids_are_pascal_case() {
        assert_eq!(logical_id("order_processing"), "OrderProcessing");
        assert_eq!(identifier("order-processing"), "order_processing");
    }
}
