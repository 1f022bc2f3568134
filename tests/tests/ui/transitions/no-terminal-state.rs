// Two states that only go to each other: no terminal state is reachable.
fn main() {
    let _wf = sfn_dsl::workflow! {
        Ping: pass { next: Pong },
        Pong: pass { next: Ping },
    };
}
