//! A Task's `Credentials`: the role AWS assumes to run the task (cross-account access).
//!
//! AWS (developer guide, "Task workflow state", `Credentials`): an object with `RoleArn`, a
//! literal ARN, or in JSONPath states `RoleArn.$`, a path (to the input, the Context Object or
//! a variable) or an intrinsic function; in JSONata states `RoleArn` may be a `{% %}`
//! expression. It is evaluated on the state's effective input, like `Parameters`, and the
//! resolved role is reported in `TaskScheduled`'s `taskCredentials.roleArn`.

use serde_json::Value;

use super::Failure;
use crate::eval::Scope;
use crate::template;

/// `Credentials` of a JSONPath Task, evaluated as a payload template (so `RoleArn.$` resolves
/// like a `Parameters` field: a missing path is AWS's `States.Runtime` "Invalid path" error).
pub(super) fn jsonpath_role_arn(credentials: &Value, scope: &Scope<'_>) -> Result<String, Failure> {
    let resolved = template::evaluate_template(credentials, scope)?;
    role_arn(&resolved).ok_or_else(|| {
        Failure::runtime(format!(
            "The field 'RoleArn' of 'Credentials' must resolve to a string, but it resolved to {}",
            field_text(&resolved)
        ))
    })
}

/// `Credentials` of a JSONata Task, already evaluated; `RoleArn` must be a string.
pub(super) fn jsonata_role_arn(resolved: &Value) -> Result<String, Failure> {
    role_arn(resolved).ok_or_else(|| {
        Failure::query(format!(
            "The field 'Credentials/RoleArn' returned an unexpected result type. Expected 'string', but was {}",
            field_text(resolved)
        ))
    })
}

fn role_arn(resolved: &Value) -> Option<String> {
    resolved.get("RoleArn")?.as_str().map(str::to_owned)
}

/// The resolved `RoleArn` as the cause shows it (`null` when missing).
fn field_text(resolved: &Value) -> String {
    resolved
        .get("RoleArn")
        .map_or_else(|| "null".to_owned(), Value::to_string)
}
