// What would make the JSON differ from the template is rejected, every case at once.
use std::collections::BTreeMap;

#[derive(serde::Serialize, sfn_dsl::Payload)]
#[serde(tag = "kind")]
struct Event {
    #[serde(flatten)]
    extra: BTreeMap<String, String>,
    #[serde(rename = "id")]
    event_id: String,
    id: String,
}

#[derive(serde::Serialize, sfn_dsl::Payload)]
struct Pair(String, u64);

fn main() {}
