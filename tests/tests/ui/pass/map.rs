// An inline Map (ItemProcessor), a legacy Iterator Map, and a distributed Map.
fn main() {
    let wf = sfn_dsl::workflow! {
        Inline: map {
            items_path: "$.items",
            item_selector: { "value.$": "$$.Map.Item.Value" },
            max_concurrency: 2,
            item_processor: { Each: pass { end } },
            next: Legacy,
        },
        Legacy: map { iterator: { Old: pass { end } }, next: Distributed },
        Distributed: map {
            item_reader: { resource: "arn:aws:states:::s3:listObjectsV2", parameters: { Bucket: "b" } },
            item_processor: {
                processor_config: { mode: DISTRIBUTED, execution_type: EXPRESS },
                Work: pass { end },
            },
            tolerated_failure_percentage: 10,
            end,
        },
    };
    assert_eq!(wf.states.Work, "Work");
}
