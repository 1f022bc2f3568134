// `include_asl!` of a file that does not exist.
fn main() {
    let _wf = sfn_dsl::include_asl!("workflows/missing.asl.json");
}
