// The four ways a Wait waits.
fn main() {
    let wf = sfn_dsl::workflow! {
        A: wait { seconds: 5, next: B },
        B: wait { seconds_path: "$.delay", next: C },
        C: wait { timestamp: "2030-01-01T00:00:00Z", next: D },
        D: wait { timestamp_path: "$.until", end },
    };
    assert!(wf.json().contains(r#""Timestamp":"2030-01-01T00:00:00Z""#));
}
