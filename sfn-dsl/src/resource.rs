//! Typed Task resources: the services the seed names, each with its integration pattern and
//! parameters, plus deploy-time placeholders.

use serde::Serialize;
use serde_json::{Map, Value};

/// What a Task runs: an ARN, its integration pattern and the parameters the service needs.
///
/// The parameters go into the Task's `Parameters` (JSONPath) or `Arguments` (JSONata) when the
/// workflow is built; keys the Task sets itself win.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let notify = task("Notify")
///     .resource(sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/orders").message_body_path("$"));
/// let workflow = Workflow::builder(notify).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Notify","States":{"Notify":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/orders","MessageBody.$":"$"},"End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    arn: String,
    pattern: Option<IntegrationPattern>,
    pub(crate) params: Map<String, Value>,
    pub(crate) problems: Vec<String>,
}

/// How Step Functions waits for an integrated service.
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(ecs_run_task("c", "t").sync().pattern(), Some(sfn_dsl::IntegrationPattern::Sync));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntegrationPattern {
    /// `.sync`: run a job and wait for it to finish.
    Sync,
    /// `.sync:2`: as `.sync`, with the result as parsed JSON (nested Step Functions executions).
    SyncV2,
    /// `.waitForTaskToken`: pass a task token and wait for `SendTaskSuccess`/`SendTaskFailure`.
    WaitForTaskToken,
}

impl IntegrationPattern {
    /// The ARN suffix, e.g. `.waitForTaskToken`.
    ///
    /// ```
    /// assert_eq!(sfn_dsl::IntegrationPattern::WaitForTaskToken.suffix(), ".waitForTaskToken");
    /// ```
    pub fn suffix(self) -> &'static str {
        match self {
            IntegrationPattern::Sync => ".sync",
            IntegrationPattern::SyncV2 => ".sync:2",
            IntegrationPattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }
}

impl Resource {
    /// Any resource ARN, used as written (request/response).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let resource = Resource::arn("arn:aws:states:::glue:startJobRun").sync().param("JobName", "nightly");
    /// assert_eq!(resource.to_arn(), "arn:aws:states:::glue:startJobRun.sync");
    /// ```
    pub fn arn(arn: impl Into<String>) -> Self {
        Resource {
            arn: arn.into(),
            pattern: None,
            params: Map::new(),
            problems: Vec::new(),
        }
    }

    /// A deploy-time placeholder: the Resource is `${name}`, which CDK's
    /// `definitionSubstitutions`, CloudFormation's `DefinitionSubstitutions` and Terraform's
    /// `templatefile()` fill in.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let wf = Workflow::builder(task("Validate").resource(Resource::placeholder("ValidateOrderArn"))).build()?;
    /// assert_eq!(wf.placeholders(), ["ValidateOrderArn"]);
    /// assert!(wf.to_json().contains(r#""Resource":"${ValidateOrderArn}""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn placeholder(name: &str) -> Self {
        Resource::arn(placeholder(name))
    }

    /// The ARN as it will appear in `Resource`, with the integration pattern's suffix.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// assert_eq!(ecs_run_task("c", "t").sync().to_arn(), "arn:aws:states:::ecs:runTask.sync");
    /// ```
    pub fn to_arn(&self) -> String {
        match self.pattern {
            Some(p) => format!("{}{}", self.arn, p.suffix()),
            None => self.arn.clone(),
        }
    }

    /// Where a typed Task's input template and declared output sit for this resource.
    pub(crate) fn placement(&self) -> crate::typed::Placement {
        let payload_key = match self.arn.as_str() {
            "arn:aws:states:::lambda:invoke" => Some("Payload"),
            "arn:aws:states:::sqs:sendMessage" => Some("MessageBody"),
            "arn:aws:states:::sns:publish" => Some("Message"),
            "arn:aws:states:::states:startExecution" => Some("Input"),
            _ => None,
        };
        // A callback (`.waitForTaskToken`) result is what `SendTaskSuccess` sends, unwrapped.
        let result_key = match (self.arn.as_str(), self.pattern) {
            ("arn:aws:states:::lambda:invoke", None) => Some("Payload"),
            ("arn:aws:states:::states:startExecution", Some(IntegrationPattern::SyncV2)) => {
                Some("Output")
            }
            _ => None,
        };
        crate::typed::Placement {
            payload_key,
            result_key,
        }
    }

    /// The integration pattern, when not request/response.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// assert_eq!(sqs_send_message("q").wait_for_task_token().pattern(), Some(sfn_dsl::IntegrationPattern::WaitForTaskToken));
    /// assert_eq!(lambda_invoke("F").pattern(), None);
    /// ```
    pub fn pattern(&self) -> Option<IntegrationPattern> {
        self.pattern
    }

    /// `.sync`: waits for the job (ECS, EKS, nested executions …) to finish.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// assert_eq!(start_execution("arn:aws:states:us-east-1:123456789012:stateMachine:Child").sync().to_arn(), "arn:aws:states:::states:startExecution.sync");
    /// ```
    pub fn sync(mut self) -> Self {
        self.pattern = Some(IntegrationPattern::Sync);
        self
    }

    /// `.sync:2`: as [`Resource::sync`], the nested execution's output parsed as JSON.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// assert!(start_execution("arn:aws:states:us-east-1:123456789012:stateMachine:Child").sync_v2().to_arn().ends_with(".sync:2"));
    /// ```
    pub fn sync_v2(mut self) -> Self {
        self.pattern = Some(IntegrationPattern::SyncV2);
        self
    }

    /// `.waitForTaskToken`: the callback pattern; pass `$$.Task.Token` (JSONPath) or
    /// `$states.context.Task.Token` (JSONata) in the parameters and pair it with a heartbeat.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let ask = task("Approve")
    ///     .resource(sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/approvals")
    ///         .wait_for_task_token()
    ///         .message_body(serde_json::json!({"token.$": "$$.Task.Token"})))
    ///     .heartbeat_seconds(600);
    /// let json = Workflow::builder(ask).build()?.to_json();
    /// assert!(json.contains(r#""Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn wait_for_task_token(mut self) -> Self {
        self.pattern = Some(IntegrationPattern::WaitForTaskToken);
        self
    }

    /// Sets parameter `key` to `value` (any `Serialize` value).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(dynamodb_get_item("Orders").param("Key", serde_json::json!({"id": {"S": "o-1"}})))).build()?.to_json();
    /// assert!(json.contains(r#""Parameters":{"TableName":"Orders","Key":{"id":{"S":"o-1"}}}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn param(mut self, key: impl Into<String>, value: impl Serialize) -> Self {
        match crate::payload::to_value(value) {
            Ok(v) => {
                self.params.insert(key.into(), v);
            }
            Err(e) => self.problems.push(e),
        }
        self
    }

    /// Sets parameter `key.$` to a JSONPath path, context path (`$$.…`), variable or intrinsic.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(dynamodb_get_item("Orders").param_path("ConsistentRead", "$.consistent"))).build()?.to_json();
    /// assert!(json.contains(r#""ConsistentRead.$":"$.consistent""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn param_path(self, key: &str, path: impl Into<String>) -> Self {
        self.param(format!("{key}.$"), path.into())
    }

    /// `Payload` (Lambda invoke): the event sent to the function, any `Serialize` value, such
    /// as the function's own input type.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(serde::Serialize)]
    /// struct Reindex {
    ///     index: &'static str,
    ///     #[serde(rename = "since.$")]
    ///     since: &'static str,
    /// }
    /// let reindex = task("Reindex").resource(
    ///     lambda_invoke("Reindexer").payload(Reindex { index: "orders", since: "$.lastRun" }),
    /// );
    /// let json = Workflow::builder(reindex).build()?.to_json();
    /// assert!(json.contains(r#""Payload":{"index":"orders","since.$":"$.lastRun"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn payload(self, payload: impl Serialize) -> Self {
        self.param("Payload", payload)
    }

    /// `Payload.$` (Lambda invoke): the event, taken from a path.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(lambda_invoke("F").payload_path("$.order"))).build()?.to_json();
    /// assert!(json.contains(r#""Parameters":{"FunctionName":"F","Payload.$":"$.order"}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn payload_path(self, path: impl Into<String>) -> Self {
        self.param_path("Payload", path)
    }

    /// `MessageBody` (SQS).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/q").message_body("hello"))).build()?.to_json();
    /// assert!(json.contains(r#""MessageBody":"hello""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn message_body(self, body: impl Serialize) -> Self {
        self.param("MessageBody", body)
    }

    /// `MessageBody.$` (SQS): the body, taken from a path (`$` sends the whole input).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/q").message_body_path("$.order"))).build()?.to_json();
    /// assert!(json.contains(r#""MessageBody.$":"$.order""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn message_body_path(self, path: impl Into<String>) -> Self {
        self.param_path("MessageBody", path)
    }

    /// `Message` (SNS).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(sns_publish("arn:aws:sns:us-east-1:123456789012:t").message("shipped"))).build()?.to_json();
    /// assert!(json.contains(r#""Message":"shipped""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn message(self, message: impl Serialize) -> Self {
        self.param("Message", message)
    }

    /// `Message.$` (SNS): the message, taken from a path.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(sns_publish("arn:aws:sns:us-east-1:123456789012:t").message_path("$.text"))).build()?.to_json();
    /// assert!(json.contains(r#""Message.$":"$.text""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn message_path(self, path: impl Into<String>) -> Self {
        self.param_path("Message", path)
    }

    /// `Input` (nested Step Functions execution).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(start_execution("arn:aws:states:us-east-1:123456789012:stateMachine:Child").input(serde_json::json!({"mode": "full"})))).build()?.to_json();
    /// assert!(json.contains(r#""Input":{"mode":"full"}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn input(self, input: impl Serialize) -> Self {
        self.param("Input", input)
    }

    /// `Input.$` (nested Step Functions execution): the input, taken from a path.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = Workflow::builder(task("T").resource(start_execution("arn:aws:states:us-east-1:123456789012:stateMachine:Child").input_path("$.child"))).build()?.to_json();
    /// assert!(json.contains(r#""Input.$":"$.child""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn input_path(self, path: impl Into<String>) -> Self {
        self.param_path("Input", path)
    }
}

/// `${name}`: a deploy-time placeholder.
pub(crate) fn placeholder(name: &str) -> String {
    format!("${{{name}}}")
}

/// A Lambda function called directly by its ARN (or a placeholder such as
/// `arn!("${ValidateOrderArn}")`); the result is the function's return value.
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(lambda("arn:aws:lambda:us-east-1:123456789012:function:F").to_arn(), "arn:aws:lambda:us-east-1:123456789012:function:F");
/// ```
pub fn lambda(function_arn: impl Into<String>) -> Resource {
    Resource::arn(function_arn)
}

/// `arn:aws:states:::lambda:invoke` with `FunctionName`: the optimized integration (the result
/// is wrapped in `{Payload, StatusCode, …}`; add `.payload_path("$")` to send the input).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(lambda_invoke("F").payload_path("$").to_arn(), "arn:aws:states:::lambda:invoke");
/// ```
pub fn lambda_invoke(function_name: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::lambda:invoke").param("FunctionName", function_name.into())
}

/// An activity worker: `arn:aws:states:REGION:ACCOUNT:activity:NAME` (Standard workflows only).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(activity("arn:aws:states:us-east-1:123456789012:activity:Review").to_arn(), "arn:aws:states:us-east-1:123456789012:activity:Review");
/// ```
pub fn activity(activity_arn: impl Into<String>) -> Resource {
    Resource::arn(activity_arn)
}

/// `arn:aws:states:::ecs:runTask` with `Cluster` and `TaskDefinition` (add `.sync()` to wait).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(ecs_run_task("arn:aws:ecs:us-east-1:123456789012:cluster/c", "job:1").sync().to_arn(), "arn:aws:states:::ecs:runTask.sync");
/// ```
pub fn ecs_run_task(
    cluster_arn: impl Into<String>,
    task_definition: impl Into<String>,
) -> Resource {
    Resource::arn("arn:aws:states:::ecs:runTask")
        .param("Cluster", cluster_arn.into())
        .param("TaskDefinition", task_definition.into())
}

/// `arn:aws:states:::eks:runJob` with `ClusterName` (add `CertificateAuthority`, `Endpoint`,
/// `Job` with [`Resource::param`]; `.sync()` to wait).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(eks_run_job("main").sync().to_arn(), "arn:aws:states:::eks:runJob.sync");
/// ```
pub fn eks_run_job(cluster_name: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::eks:runJob").param("ClusterName", cluster_name.into())
}

/// `arn:aws:states:::sqs:sendMessage` with `QueueUrl`.
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(sqs_send_message("https://sqs.us-east-1.amazonaws.com/123456789012/q").wait_for_task_token().to_arn(), "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
/// ```
pub fn sqs_send_message(queue_url: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::sqs:sendMessage").param("QueueUrl", queue_url.into())
}

/// `arn:aws:states:::sns:publish` with `TopicArn`.
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(sns_publish("arn:aws:sns:us-east-1:123456789012:t").message_path("$").to_arn(), "arn:aws:states:::sns:publish");
/// ```
pub fn sns_publish(topic_arn: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::sns:publish").param("TopicArn", topic_arn.into())
}

/// `arn:aws:states:::states:startExecution` with `StateMachineArn`: a nested execution
/// (`.sync()` / `.sync_v2()` to wait for it).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(start_execution("arn:aws:states:us-east-1:123456789012:stateMachine:Child").sync_v2().to_arn(), "arn:aws:states:::states:startExecution.sync:2");
/// ```
pub fn start_execution(state_machine_arn: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::states:startExecution")
        .param("StateMachineArn", state_machine_arn.into())
}

/// `arn:aws:states:::dynamodb:getItem` with `TableName` (add `Key` with [`Resource::param`]).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(dynamodb_get_item("Orders").to_arn(), "arn:aws:states:::dynamodb:getItem");
/// ```
pub fn dynamodb_get_item(table: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::dynamodb:getItem").param("TableName", table.into())
}

/// `arn:aws:states:::dynamodb:putItem` with `TableName` (add `Item`).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(dynamodb_put_item("Orders").to_arn(), "arn:aws:states:::dynamodb:putItem");
/// ```
pub fn dynamodb_put_item(table: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::dynamodb:putItem").param("TableName", table.into())
}

/// `arn:aws:states:::dynamodb:updateItem` with `TableName` (add `Key`, `UpdateExpression`, …).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(dynamodb_update_item("Orders").to_arn(), "arn:aws:states:::dynamodb:updateItem");
/// ```
pub fn dynamodb_update_item(table: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::dynamodb:updateItem").param("TableName", table.into())
}

/// `arn:aws:states:::dynamodb:deleteItem` with `TableName` (add `Key`).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(dynamodb_delete_item("Orders").to_arn(), "arn:aws:states:::dynamodb:deleteItem");
/// ```
pub fn dynamodb_delete_item(table: impl Into<String>) -> Resource {
    Resource::arn("arn:aws:states:::dynamodb:deleteItem").param("TableName", table.into())
}

/// `arn:aws:states:::aws-sdk:SERVICE:ACTION`: any AWS API through the SDK integration
/// (`service` as the SDK names it, `action` in camelCase, e.g. `aws_sdk("s3", "getObject")`).
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(aws_sdk("s3", "getObject").to_arn(), "arn:aws:states:::aws-sdk:s3:getObject");
/// ```
pub fn aws_sdk(service: &str, action: &str) -> Resource {
    Resource::arn(format!("arn:aws:states:::aws-sdk:{service}:{action}"))
}

/// `arn:aws:states:::http:invoke` with `ApiEndpoint`, `Method` and the EventBridge
/// `ConnectionArn` that holds the credentials.
///
/// ```
/// use sfn_dsl::prelude::*;
/// assert_eq!(http_invoke("https://api.example.com", "GET", "arn:aws:events:us-east-1:123456789012:connection/c/1").to_arn(), "arn:aws:states:::http:invoke");
/// ```
pub fn http_invoke(api_endpoint: &str, method: &str, connection_arn: &str) -> Resource {
    Resource::arn("arn:aws:states:::http:invoke")
        .param("ApiEndpoint", api_endpoint)
        .param("Method", method)
        .param(
            "Authentication",
            serde_json::json!({ "ConnectionArn": connection_arn }),
        )
}

/// Whether `text` is an ARN (`arn:…`) or a whole `${Placeholder}`; usable in constants.
///
/// ```
/// assert!(sfn_dsl::is_arn_or_placeholder("${ChargeArn}"));
/// assert!(!sfn_dsl::is_arn_or_placeholder("Charge"));
/// ```
pub const fn is_arn_or_placeholder(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() > 4 && b[0] == b'a' && b[1] == b'r' && b[2] == b'n' && b[3] == b':' {
        return true;
    }
    if b.len() < 4 || b[0] != b'$' || b[1] != b'{' || b[b.len() - 1] != b'}' {
        return false;
    }
    let mut i = 2;
    while i < b.len() - 1 {
        let c = b[i];
        if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.' || c == b':') {
            return false;
        }
        i += 1;
    }
    true
}

/// An ARN literal checked at compile time: an `arn:…` string or a whole `${Placeholder}` that
/// deploy tools substitute.
///
/// ```
/// use sfn_dsl::{arn, lambda};
/// let resource = lambda(arn!("${ValidateOrderArn}"));
/// assert_eq!(resource.to_arn(), "${ValidateOrderArn}");
/// ```
///
/// Anything else does not compile:
///
/// ```compile_fail
/// let resource = sfn_dsl::lambda(sfn_dsl::arn!("ValidateOrder"));
/// ```
#[macro_export]
macro_rules! arn {
    ($text:literal) => {{
        const _: () = ::core::assert!(
            $crate::is_arn_or_placeholder($text),
            "arn!: expected `arn:…` or a whole `${{Placeholder}}`"
        );
        $text
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_arns_are_recognised() {
        assert!(is_arn_or_placeholder(
            "arn:aws:lambda:us-east-1:1:function:F"
        ));
        assert!(is_arn_or_placeholder("${ValidateOrderArn}"));
        assert!(!is_arn_or_placeholder("${}"));
        assert!(!is_arn_or_placeholder("ValidateOrder"));
        assert!(!is_arn_or_placeholder("${a b}"));
    }

    #[test]
    fn pattern_suffix_is_appended() {
        assert_eq!(
            sqs_send_message("q").wait_for_task_token().to_arn(),
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
        );
        assert_eq!(
            start_execution("arn:x").sync_v2().to_arn(),
            "arn:aws:states:::states:startExecution.sync:2"
        );
    }
}
