//! build.rs → ASL files: writes the deployable `order_api` workflow to `deploy/generated/`
//! (`order_api.asl.json`, a Terraform `.tf.json`, a CloudFormation template and the IAM policy),
//! rewriting only files whose bytes changed. `deploy/cdk/` and `deploy/terraform/` use them.

#[allow(
    unreachable_pub,
    reason = "the library's module, shared with build.rs as written"
)]
#[path = "src/order_api.rs"]
mod order_api;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let workflow = order_api::workflow()?;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/generated");
    sfn_dsl::emit::Emitter::new(dir)
        .workflow("order_api", &workflow)
        .terraform(true)
        .cloudformation(true)
        .iam_policy(true)
        .rerun_if_changed("src/order_api.rs")
        .write()?;
    Ok(())
}
