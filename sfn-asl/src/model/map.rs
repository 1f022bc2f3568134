use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Branch, Catcher, Expr, PathOrNull, QueryLanguage, Retrier, Transition};

/// A `Map` state: runs its processor once per item, inline or as a distributed map of child
/// executions; the result is the array of the iterations' outputs, in item order.
#[derive(Clone, Debug, PartialEq)]
pub struct MapState {
    /// `Comment`.
    pub comment: Option<String>,
    /// `QueryLanguage`.
    pub query_language: Option<QueryLanguage>,
    /// `ItemProcessor` or the legacy `Iterator`.
    pub processor: Processor,
    /// `ItemsPath` (JSONPath): where the items array is in the input (default `$`).
    pub items_path: Option<String>,
    /// `Items` (JSONata): an array, or a `{% %}` expression yielding one.
    pub items: Option<Value>,
    /// `ItemSelector`: the template each item is turned into.
    pub item_selector: Option<Value>,
    /// `Parameters` (JSONPath, legacy): the old name of `ItemSelector`.
    pub parameters: Option<Value>,
    /// `ItemReader` (distributed): read the items from S3.
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher` (distributed): group items into batches.
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter` (distributed): write the results to S3.
    pub result_writer: Option<ResultWriter>,
    /// `MaxConcurrency`: iterations at once (0 = as many as allowed).
    pub max_concurrency: Option<Expr<u64>>,
    /// `MaxConcurrencyPath` (JSONPath).
    pub max_concurrency_path: Option<String>,
    /// `ToleratedFailurePercentage` (distributed, 0–100).
    pub tolerated_failure_percentage: Option<Expr<f64>>,
    /// `ToleratedFailurePercentagePath` (distributed, JSONPath).
    pub tolerated_failure_percentage_path: Option<String>,
    /// `ToleratedFailureCount` (distributed).
    pub tolerated_failure_count: Option<Expr<u64>>,
    /// `ToleratedFailureCountPath` (distributed, JSONPath).
    pub tolerated_failure_count_path: Option<String>,
    /// `Label` (distributed): names the child executions.
    pub label: Option<String>,
    /// `InputPath` (JSONPath).
    pub input_path: Option<PathOrNull>,
    /// `ResultSelector` (JSONPath).
    pub result_selector: Option<Value>,
    /// `ResultPath` (JSONPath).
    pub result_path: Option<PathOrNull>,
    /// `OutputPath` (JSONPath).
    pub output_path: Option<PathOrNull>,
    /// `Output` (JSONata).
    pub output: Option<Value>,
    /// `Assign`.
    pub assign: Option<Map<String, Value>>,
    /// `Retry`.
    pub retry: Vec<Retrier>,
    /// `Catch`.
    pub catch: Vec<Catcher>,
    /// `Next` or `End`.
    pub transition: Transition,
}

impl MapState {
    /// A Map state running `processor` per item, then taking `transition`.
    pub fn new(processor: Processor, transition: Transition) -> Self {
        MapState {
            comment: None,
            query_language: None,
            processor,
            items_path: None,
            items: None,
            item_selector: None,
            parameters: None,
            item_reader: None,
            item_batcher: None,
            result_writer: None,
            max_concurrency: None,
            max_concurrency_path: None,
            tolerated_failure_percentage: None,
            tolerated_failure_percentage_path: None,
            tolerated_failure_count: None,
            tolerated_failure_count_path: None,
            label: None,
            input_path: None,
            result_selector: None,
            result_path: None,
            output_path: None,
            output: None,
            assign: None,
            retry: Vec::new(),
            catch: Vec::new(),
            transition,
        }
    }

    /// Whether this Map runs as a distributed map (child executions).
    pub fn is_distributed(&self) -> bool {
        matches!(
            &self.processor,
            Processor::ItemProcessor(ItemProcessor {
                processor_config: Some(ProcessorConfig {
                    mode: Some(ProcessorMode::Distributed),
                    ..
                }),
                ..
            })
        )
    }

    /// The processor's states, whichever field holds them.
    pub fn branch(&self) -> &Branch {
        match &self.processor {
            Processor::ItemProcessor(p) => &p.branch,
            Processor::Iterator(b) => b,
        }
    }
}

/// What a Map runs per item: exactly one of `ItemProcessor` and the legacy `Iterator`.
#[derive(Clone, Debug, PartialEq)]
pub enum Processor {
    /// `ItemProcessor`.
    ItemProcessor(ItemProcessor),
    /// `Iterator` (legacy, inline only).
    Iterator(Branch),
}

/// `ItemProcessor`: the states run per item, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemProcessor {
    /// `ProcessorConfig`.
    pub processor_config: Option<ProcessorConfig>,
    /// `Comment`, `StartAt` and `States`.
    pub branch: Branch,
}

/// `ProcessorConfig`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ProcessorConfig {
    /// `Mode`: `INLINE` (default) or `DISTRIBUTED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ProcessorMode>,
    /// `ExecutionType` (distributed): `STANDARD` or `EXPRESS` child executions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_type: Option<ExecutionType>,
}

/// `ProcessorConfig.Mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ProcessorMode {
    /// Iterations run inside this execution.
    Inline,
    /// Iterations run as child executions.
    Distributed,
}

/// `ProcessorConfig.ExecutionType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ExecutionType {
    /// Standard child executions.
    Standard,
    /// Express child executions (5 minutes at most).
    Express,
}

/// `ItemReader` (distributed Map): where the items come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ItemReader {
    /// `Resource`: `arn:aws:states:::s3:getObject` or `…:s3:listObjectsV2`.
    pub resource: String,
    /// `ReaderConfig`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader_config: Option<ReaderConfig>,
    /// `Parameters` (JSONPath): `Bucket`, `Key` or `Prefix`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Value>,
}

/// `ItemReader.ReaderConfig`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ReaderConfig {
    /// `InputType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_type: Option<InputType>,
    /// `Transformation`: `NONE` or `LOAD_AND_FLATTEN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transformation: Option<String>,
    /// `ManifestType`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_type: Option<ManifestType>,
    /// `CSVHeaderLocation` (AWS spells it in capitals).
    #[serde(
        rename = "CSVHeaderLocation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub csv_header_location: Option<CsvHeaderLocation>,
    /// `CSVHeaders`: required with `CSVHeaderLocation: GIVEN`.
    #[serde(
        rename = "CSVHeaders",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub csv_headers: Option<Vec<String>>,
    /// `CSVDelimiter`.
    #[serde(
        rename = "CSVDelimiter",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub csv_delimiter: Option<CsvDelimiter>,
    /// `ItemsPointer`: a JSON Pointer into a JSON file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_pointer: Option<String>,
    /// `MaxItems`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<Expr<u64>>,
    /// `MaxItemsPath` (JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items_path: Option<String>,
}

/// `ReaderConfig.InputType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum InputType {
    /// Comma- (or otherwise) separated values.
    Csv,
    /// A JSON array.
    Json,
    /// JSON Lines.
    Jsonl,
    /// An S3 inventory or Athena manifest.
    Manifest,
    /// Apache Parquet.
    Parquet,
}

/// `ReaderConfig.ManifestType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ManifestType {
    /// An Athena data manifest.
    AthenaData,
    /// An S3 inventory manifest.
    S3Inventory,
}

/// `ReaderConfig.CSVHeaderLocation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CsvHeaderLocation {
    /// The first row holds the headers.
    FirstRow,
    /// `CSVHeaders` gives them.
    Given,
}

/// `ReaderConfig.CSVDelimiter`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum CsvDelimiter {
    /// `,` (the default).
    Comma,
    /// `|`.
    Pipe,
    /// `;`.
    Semicolon,
    /// ` `.
    Space,
    /// Tab.
    Tab,
}

/// `ItemBatcher` (distributed Map): how items are grouped per child execution.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items_per_batch: Option<Expr<u64>>,
    /// `MaxItemsPerBatchPath` (JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items_per_batch_path: Option<String>,
    /// `MaxInputBytesPerBatch` (≤ 262,144).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_input_bytes_per_batch: Option<Expr<u64>>,
    /// `MaxInputBytesPerBatchPath` (JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_input_bytes_per_batch_path: Option<String>,
    /// `BatchInput`: a template added to every batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_input: Option<Value>,
}

/// `ResultWriter` (distributed Map): where results are written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ResultWriter {
    /// `Resource`: `arn:aws:states:::s3:putObject`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// `Parameters` (JSONPath): `Bucket`, `Prefix`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Value>,
    /// `WriterConfig`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writer_config: Option<WriterConfig>,
}

/// `ResultWriter.WriterConfig`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct WriterConfig {
    /// `OutputType`: `JSON` or `JSONL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_type: Option<String>,
    /// `Transformation`: `NONE`, `COMPACT` or `FLATTEN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transformation: Option<String>,
}
