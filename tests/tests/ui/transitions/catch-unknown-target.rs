// A Catcher's `next` and a Choice rule's target are checked like any `next`.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Charge: task {
            resource: "arn:aws:states:::lambda:invoke",
            timeout_seconds: 10,
            catch: [{ error_equals: ["States.ALL"], next: Refnd }],
            next: Route,
        },
        Route: choice { when "$.ok" == true => Shipp, default: Refund },
        Ship: succeed,
        Refund: fail { error: "Refunded" },
    };
}
