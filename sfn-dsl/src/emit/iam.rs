//! The IAM actions a state machine's role needs, derived from its Task resources and its
//! distributed Maps.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use serde_json::{Value, json};
use sfn_asl::{MapState, State, StateMachine, TaskState};

/// An IAM policy document: one statement per action, each with its resources.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let flow = task("Validate")
///     .resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Validate"))
///     .then(task("Dlq").resource(sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/dlq").message_body_path("$")));
/// let policy = sfn_dsl::emit::iam_policy(Workflow::builder(flow).build()?.definition());
/// assert_eq!(policy.actions(), ["lambda:InvokeFunction", "sqs:SendMessage"]);
/// assert_eq!(
///     policy.statement("sqs:SendMessage").unwrap().resources,
///     ["arn:aws:sqs:us-east-1:123456789012:dlq"]
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// The statements, sorted by action.
    pub statements: Vec<Statement>,
}

/// One `Allow` statement: an action on some resources.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let workflow = Workflow::builder(task("Q").resource(sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/q"))).build()?;
/// let policy = sfn_dsl::emit::iam_policy(workflow.definition());
/// assert_eq!(policy.statement("sqs:SendMessage").map(|s| s.action.as_str()), Some("sqs:SendMessage"));
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The IAM action, e.g. `lambda:InvokeFunction`.
    pub action: String,
    /// The resource ARNs (`*` when the target is only known at run time), sorted.
    pub resources: Vec<String>,
}

impl Policy {
    /// The actions, sorted.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))).build()?;
    /// let policy = sfn_dsl::emit::iam_policy(workflow.definition());
    /// assert_eq!(policy.actions(), ["lambda:InvokeFunction"]);
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn actions(&self) -> Vec<&str> {
        self.statements.iter().map(|s| s.action.as_str()).collect()
    }

    /// The statement for `action`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))).build()?;
    /// let policy = sfn_dsl::emit::iam_policy(workflow.definition());
    /// let invoke = policy.statement("lambda:InvokeFunction").expect("a statement");
    /// assert_eq!(invoke.resources, ["arn:aws:lambda:us-east-1:123456789012:function:Work"]);
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn statement(&self, action: &str) -> Option<&Statement> {
        self.statements.iter().find(|s| s.action == action)
    }

    /// The policy document as JSON (`Version` 2012-10-17).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let workflow = Workflow::builder(task("Work").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))).build()?;
    /// let policy = sfn_dsl::emit::iam_policy(workflow.definition());
    /// assert_eq!(policy.to_value()["Version"], "2012-10-17");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn to_value(&self) -> Value {
        let statements: Vec<Value> = self
            .statements
            .iter()
            .map(|s| json!({"Effect": "Allow", "Action": s.action, "Resource": s.resources}))
            .collect();
        json!({"Version": "2012-10-17", "Statement": statements})
    }
}

#[derive(Default)]
struct Acc(BTreeMap<String, BTreeSet<String>>);

impl Acc {
    fn allow(&mut self, action: &str, resource: impl Into<String>) {
        self.0
            .entry(action.to_owned())
            .or_default()
            .insert(resource.into());
    }
}

/// Derives the role's policy from a machine: `lambda:InvokeFunction` on each function,
/// `sqs:SendMessage` on each queue, `sns:Publish`, `states:StartExecution` for nested machines
/// (plus what `.sync` needs), DynamoDB item actions, ECS `RunTask`, SDK integration actions, and
/// for a distributed Map its S3 reads and writes and its child executions.
///
/// Targets that are only known at run time (a `FunctionName.$` path) get `*`; placeholders
/// stay as written, for the deploy tool to fill in. An SDK integration
/// (`aws-sdk:SERVICE:ACTION`) maps to `SERVICE:Action` on `*`, which is the IAM action for most
/// APIs but not all (`s3:listBuckets` is `s3:ListAllMyBuckets`): review the policy.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let workflow = Workflow::builder(task("Work").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Work"))).build()?;
/// let policy = sfn_dsl::emit::iam_policy(workflow.definition());
/// assert!(policy.statement("lambda:InvokeFunction").is_some());
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn iam_policy(machine: &StateMachine) -> Policy {
    let mut acc = Acc::default();
    for state in super::states(machine) {
        match state {
            State::Task(task) => task_actions(task, &mut acc),
            State::Map(map) if map.is_distributed() => map_actions(map, &mut acc),
            _ => {}
        }
    }
    Policy {
        statements: acc
            .0
            .into_iter()
            .map(|(action, resources)| Statement {
                action,
                resources: resources.into_iter().collect(),
            })
            .collect(),
    }
}

/// A static string parameter of a Task (`Parameters` or `Arguments`), or `*` when it is dynamic
/// or absent.
fn param(task: &TaskState, key: &str) -> String {
    [&task.parameters, &task.arguments]
        .into_iter()
        .flatten()
        .find_map(|p| p.get(key).and_then(Value::as_str))
        .filter(|s| !s.starts_with("{%"))
        .map_or_else(|| "*".to_owned(), str::to_owned)
}

fn task_actions(task: &TaskState, acc: &mut Acc) {
    let resource = task.resource.as_str();
    let Some(integration) = resource
        .strip_prefix("arn:aws:states:::")
        .or_else(|| resource.split_once(":states:::").map(|(_, rest)| rest))
    else {
        if resource.contains(":lambda:") || resource.starts_with("${") {
            // A function called directly by its ARN (or a placeholder for one).
            if !resource.contains(":activity:") {
                acc.allow("lambda:InvokeFunction", resource);
            }
        }
        return;
    };
    let (api, pattern) = match integration.split_once('.') {
        Some((api, pattern)) => (api, Some(pattern)),
        None => (integration, None),
    };
    let sync = matches!(pattern, Some(p) if p.starts_with("sync"));
    match api {
        "lambda:invoke" => {
            let function = param(task, "FunctionName");
            if function != "*" && !function.starts_with("arn:") && !function.starts_with("${") {
                acc.allow("lambda:InvokeFunction", "*");
            } else {
                acc.allow("lambda:InvokeFunction", function.clone());
                if function != "*" {
                    acc.allow("lambda:InvokeFunction", format!("{function}:*"));
                }
            }
        }
        "sqs:sendMessage" => acc.allow("sqs:SendMessage", queue_arn(&param(task, "QueueUrl"))),
        "sns:publish" => acc.allow("sns:Publish", param(task, "TopicArn")),
        "states:startExecution" => {
            let machine = param(task, "StateMachineArn");
            acc.allow("states:StartExecution", machine.clone());
            if sync {
                // Executions of a known machine; of any machine when it is a placeholder.
                let executions = if machine.contains(":stateMachine:") {
                    format!("{}:*", machine.replacen(":stateMachine:", ":execution:", 1))
                } else {
                    "*".to_owned()
                };
                acc.allow("states:DescribeExecution", executions.clone());
                acc.allow("states:StopExecution", executions);
                events_rule(acc, "StepFunctionsGetEventsForStepFunctionsExecutionRule");
            }
        }
        "dynamodb:getItem" | "dynamodb:putItem" | "dynamodb:updateItem" | "dynamodb:deleteItem" => {
            let action = format!("dynamodb:{}", pascal(&api["dynamodb:".len()..]));
            let table = param(task, "TableName");
            let arn = if table == "*" || table.starts_with("arn:") {
                table
            } else {
                format!("arn:aws:dynamodb:*:*:table/{table}")
            };
            acc.allow(&action, arn);
        }
        "ecs:runTask" => {
            acc.allow("ecs:RunTask", param(task, "TaskDefinition"));
            acc.allow("iam:PassRole", "*");
            if sync {
                acc.allow("ecs:StopTask", "*");
                acc.allow("ecs:DescribeTasks", "*");
                events_rule(acc, "StepFunctionsGetEventsForECSTaskRule");
            }
        }
        "eks:runJob" | "eks:call" => {
            acc.allow("eks:DescribeCluster", "*");
        }
        "http:invoke" => {
            acc.allow("states:InvokeHTTPEndpoint", "*");
            acc.allow("events:RetrieveConnectionCredentials", "*");
        }
        other => {
            if let Some(sdk) = other.strip_prefix("aws-sdk:") {
                if let Some((service, action)) = sdk.split_once(':') {
                    acc.allow(&format!("{service}:{}", pascal(action)), "*");
                }
            } else if let Some((service, action)) = other.split_once(':') {
                acc.allow(&format!("{service}:{}", pascal(action)), "*");
            }
        }
    }
}

fn map_actions(map: &MapState, acc: &mut Acc) {
    // Child executions of the machine itself; its own ARN is only known once deployed.
    acc.allow("states:StartExecution", "*");
    acc.allow("states:DescribeExecution", "*");
    acc.allow("states:StopExecution", "*");
    if let Some(reader) = &map.item_reader {
        let bucket = s3_param(reader.parameters.as_ref(), "Bucket");
        if reader.resource.ends_with("s3:listObjectsV2") {
            acc.allow("s3:ListBucket", format!("arn:aws:s3:::{bucket}"));
            acc.allow("s3:GetObject", format!("arn:aws:s3:::{bucket}/*"));
        } else {
            let key = s3_param(reader.parameters.as_ref(), "Key");
            acc.allow("s3:GetObject", format!("arn:aws:s3:::{bucket}/{key}"));
        }
    }
    if let Some(writer) = &map.result_writer {
        let bucket = s3_param(writer.parameters.as_ref(), "Bucket");
        let prefix = s3_param(writer.parameters.as_ref(), "Prefix");
        let prefix = if prefix == "*" { String::new() } else { prefix };
        acc.allow("s3:PutObject", format!("arn:aws:s3:::{bucket}/{prefix}*"));
        acc.allow("s3:GetObject", format!("arn:aws:s3:::{bucket}/{prefix}*"));
        acc.allow(
            "s3:ListMultipartUploadParts",
            format!("arn:aws:s3:::{bucket}/{prefix}*"),
        );
        acc.allow(
            "s3:AbortMultipartUpload",
            format!("arn:aws:s3:::{bucket}/{prefix}*"),
        );
    }
}

fn s3_param(params: Option<&Value>, key: &str) -> String {
    params
        .and_then(|p| p.get(key))
        .and_then(Value::as_str)
        .filter(|s| !s.starts_with("{%"))
        .map_or_else(|| "*".to_owned(), str::to_owned)
}

fn events_rule(acc: &mut Acc, rule: &str) {
    let arn = format!("arn:aws:events:*:*:rule/{rule}");
    for action in ["events:PutTargets", "events:PutRule", "events:DescribeRule"] {
        acc.allow(action, arn.clone());
    }
}

/// `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` → `arn:aws:sqs:REGION:ACCOUNT:NAME`.
fn queue_arn(url: &str) -> String {
    let parsed = url
        .strip_prefix("https://sqs.")
        .and_then(|rest| rest.split_once(".amazonaws.com/"))
        .and_then(|(region, path)| {
            path.split_once('/')
                .map(|(account, name)| (region, account, name))
        });
    match parsed {
        Some((region, account, name)) if !name.contains('/') => {
            format!("arn:aws:sqs:{region}:{account}:{name}")
        }
        _ => "*".to_owned(),
    }
}

fn pascal(action: &str) -> String {
    let mut chars = action.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_urls_become_arns() {
        assert_eq!(
            queue_arn("https://sqs.eu-west-1.amazonaws.com/111122223333/dlq"),
            "arn:aws:sqs:eu-west-1:111122223333:dlq"
        );
        assert_eq!(queue_arn("${DlqUrl}"), "*");
    }

    #[test]
    fn sdk_actions_are_pascal_cased() {
        assert_eq!(pascal("getObject"), "GetObject");
    }
}
