//! `Map` states, inline and distributed, with their reader, batcher and writer.

use serde_json::Value;
use sfn_asl::{
    Branch, CsvDelimiter, CsvHeaderLocation, ExecutionType, Expr, InputType, ItemBatcher,
    ItemProcessor, ItemReader, MapState, Processor, ProcessorConfig, ProcessorMode, ReaderConfig,
    ResultWriter, StateName, States, WriterConfig,
};

use crate::builder::{Link, builder, fields, transition};
use crate::chain::{Chain, Node};
use crate::error::Problem;
use crate::retry::Catch;

/// Starts a `Map` state called `name`; give it the states run per item with
/// [`Map::item_processor`] (inline) or [`Map::distributed`].
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let each = map("EachItem")
///     .items_path("$.items")
///     .max_concurrency(10)
///     .item_processor(pass("Handle"));
/// let workflow = Workflow::builder(each).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"EachItem","States":{"EachItem":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"Handle","States":{"Handle":{"Type":"Pass","End":true}}},"MaxConcurrency":10,"End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn map(name: impl Into<StateName>) -> Map {
    Map {
        name: name.into(),
        state: MapState::new(
            Processor::ItemProcessor(ItemProcessor {
                processor_config: None,
                branch: Branch::new("", States::new()),
            }),
            sfn_asl::Transition::End,
        ),
        processor: None,
        next: None,
        catch: Vec::new(),
        problems: Vec::new(),
        item: None,
    }
}

/// A `Map` state being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let each: sfn_dsl::Map = map("Each").items_path("$.items").item_processor(pass("Handle"));
/// assert_eq!(each.name().as_str(), "Each");
/// ```
#[derive(Clone, Debug)]
pub struct Map {
    pub(crate) name: StateName,
    pub(crate) state: MapState,
    processor: Option<crate::Branch>,
    pub(crate) next: Option<Link>,
    pub(crate) catch: Vec<Catch>,
    pub(crate) problems: Vec<Problem>,
    item: Option<crate::Template>,
}

builder!(Map, "map(\"M\").item_processor(pass(\"A\"))");
fields!(Map, "map(\"M\").item_processor(pass(\"A\"))" {
    comment, query_language, input_path, parameters, result_selector, result_path, output_path,
    output, assign, retry, catch, next,
});

impl Map {
    /// `ItemProcessor` (inline mode): the states run per item, in their own scope. A
    /// [`Branch`](crate::Branch) gives the processor its own `Comment` or `QueryLanguage`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").items_path("$.lines").item_processor(pass("Price").then(pass("Tax")));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemProcessor":{"StartAt":"Price","States":{"Price":{"Type":"Pass","Next":"Tax"}"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn item_processor(mut self, processor: impl Into<crate::Branch>) -> Self {
        self.state.processor = Processor::ItemProcessor(ItemProcessor {
            processor_config: None,
            branch: Branch::new("", States::new()),
        });
        self.processor = Some(processor.into());
        self
    }

    /// Same as [`Map::item_processor`].
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").items_path("$.items").processor(pass("Handle"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemProcessor":{"StartAt":"Handle""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn processor(self, processor: impl Into<crate::Branch>) -> Self {
        self.item_processor(processor)
    }

    /// `ItemProcessor` with `ProcessorConfig.Mode: INLINE` written out.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").items_path("$.items").inline(pass("Handle"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ProcessorConfig":{"Mode":"INLINE"}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn inline(mut self, processor: impl Into<crate::Branch>) -> Self {
        self.state.processor = Processor::ItemProcessor(ItemProcessor {
            processor_config: Some(ProcessorConfig {
                mode: Some(ProcessorMode::Inline),
                execution_type: None,
            }),
            branch: Branch::new("", States::new()),
        });
        self.processor = Some(processor.into());
        self
    }

    /// `ItemProcessor` in `DISTRIBUTED` mode: each item (or batch) runs as a child execution
    /// of `execution_type`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn distributed(
        mut self,
        execution_type: ExecutionType,
        processor: impl Into<crate::Branch>,
    ) -> Self {
        self.state.processor = Processor::ItemProcessor(ItemProcessor {
            processor_config: Some(ProcessorConfig {
                mode: Some(ProcessorMode::Distributed),
                execution_type: Some(execution_type),
            }),
            branch: Branch::new("", States::new()),
        });
        self.processor = Some(processor.into());
        self
    }

    /// `ItemProcessor` with `ProcessorConfig` written as given. [`Map::inline`] and
    /// [`Map::distributed`] write the shapes AWS documents; this writes any other one the
    /// validator accepts (an empty `ProcessorConfig`, `ExecutionType` without `Mode`, …). It
    /// exists for a faithful round trip of a definition that has one, as `sfn import` writes it.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// use sfn_dsl::asl::ProcessorConfig;
    /// let each = map("Each").items_path("$.items").item_processor_with_config(ProcessorConfig::default(), pass("Handle"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemProcessor":{"ProcessorConfig":{},"StartAt":"Handle""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn item_processor_with_config(
        mut self,
        config: ProcessorConfig,
        processor: impl Into<crate::Branch>,
    ) -> Self {
        self.state.processor = Processor::ItemProcessor(ItemProcessor {
            processor_config: Some(config),
            branch: Branch::new("", States::new()),
        });
        self.processor = Some(processor.into());
        self
    }

    /// `Iterator`: the legacy name of an inline `ItemProcessor`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").items_path("$.items").iterator(pass("Handle"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""Iterator":{"StartAt":"Handle""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn iterator(mut self, processor: impl Into<crate::Branch>) -> Self {
        self.state.processor = Processor::Iterator(Branch::new("", States::new()));
        self.processor = Some(processor.into());
        self
    }

    /// `ItemsPath` (JSONPath): where the items array is in the input.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").item_processor(pass("Handle")).items_path("$.orders");
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemsPath":"$.orders""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn items_path(mut self, path: impl Into<String>) -> Self {
        self.state.items_path = Some(path.into());
        self
    }

    /// `Items` (JSONata): an array, or a [`jsonata`](crate::jsonata) expression yielding one.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").item_processor(pass("Handle")).items(jsonata("$states.input.orders"));
    /// let json = Workflow::builder(each).query_language(QueryLanguage::Jsonata).build()?.to_json();
    /// assert!(json.contains(r#""Items":"{% $states.input.orders %}""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn items(mut self, items: impl serde::Serialize) -> Self {
        self.state.items = self.payload("Items", items);
        self
    }

    /// `ItemSelector`: the template each item is turned into (`$$.Map.Item.Value` is the item).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").items_path("$.items").item_processor(pass("Handle")).item_selector(serde_json::json!({"item.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"}));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemSelector":{"item.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn item_selector(mut self, template: impl serde::Serialize) -> Self {
        self.state.item_selector = self.payload("ItemSelector", template);
        self
    }

    /// `ItemSelector` from the item's type: `select` gets the typed paths into the current
    /// item (`$$.Map.Item.Value` in JSONPath, `$states.context.Map.Item.Value` in JSONata) and
    /// returns the template of what each iteration receives; a [`Path::input`](crate::Path::input)
    /// in it reads the Map state's input. A key the item type does not have, or of another type,
    /// does not compile; setting [`item_selector`](Map::item_selector) as well is a
    /// [`BuildError`](crate::BuildError).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// #[derive(serde::Deserialize, Payload)]
    /// struct Line {
    ///     sku: String,
    ///     qty: u32,
    /// }
    /// #[derive(serde::Serialize, Payload)]
    /// struct Reserve {
    ///     sku: String,
    ///     qty: u32,
    ///     order_id: String,
    /// }
    ///
    /// let each = map("ReserveEach")
    ///     .items_path("$.lines")
    ///     .select_item::<Line, _>(|line| ReserveTemplate {
    ///         sku: line.sku.into(),
    ///         qty: line.qty.into(),
    ///         order_id: Field::path("$.orderId"),
    ///     })
    ///     .item_processor(pass("Reserve"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(
    ///     r#""ItemSelector":{"sku.$":"$$.Map.Item.Value.sku","qty.$":"$$.Map.Item.Value.qty","order_id.$":"$.orderId"}"#
    /// ));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn select_item<I: crate::Payload, S: crate::PayloadTemplate>(
        mut self,
        select: impl FnOnce(I::Paths) -> S,
    ) -> Self {
        self.item = Some(select(crate::Path::<I>::map_item().fields()).into_template());
        self
    }

    /// `ItemReader` (distributed): where the items come from ([`Reader`]).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).item_reader(Reader::s3_objects("my-bucket", "incoming/"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn item_reader(mut self, reader: impl Into<ItemReader>) -> Self {
        self.state.item_reader = Some(reader.into());
        self
    }

    /// `ItemBatcher` (distributed): how items are grouped per child execution ([`Batcher`]).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).item_batcher(Batcher::new().max_items_per_batch(50));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemBatcher":{"MaxItemsPerBatch":50}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn item_batcher(mut self, batcher: impl Into<ItemBatcher>) -> Self {
        self.state.item_batcher = Some(batcher.into());
        self
    }

    /// `ResultWriter` (distributed): where results are written ([`Writer`]).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).result_writer(Writer::s3("results", "runs/"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ResultWriter":{"Resource":"arn:aws:states:::s3:putObject""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn result_writer(mut self, writer: impl Into<ResultWriter>) -> Self {
        self.state.result_writer = Some(writer.into());
        self
    }

    /// `MaxConcurrency`: iterations at once (0 = as many as allowed), or a JSONata expression.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").items_path("$.items").item_processor(pass("Handle")).max_concurrency(5);
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""MaxConcurrency":5"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn max_concurrency(mut self, n: impl Into<Expr<u64>>) -> Self {
        self.state.max_concurrency = Some(n.into());
        self
    }

    /// `MaxConcurrencyPath` (JSONPath).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").items_path("$.items").item_processor(pass("Handle")).max_concurrency_path("$.parallelism");
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""MaxConcurrencyPath":"$.parallelism""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn max_concurrency_path(mut self, path: impl Into<String>) -> Self {
        self.state.max_concurrency_path = Some(path.into());
        self
    }

    /// `ToleratedFailurePercentage` (distributed, 0–100).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).tolerated_failure_percentage(5.0);
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ToleratedFailurePercentage":5"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn tolerated_failure_percentage(mut self, percent: impl Into<Expr<f64>>) -> Self {
        self.state.tolerated_failure_percentage = Some(percent.into());
        self
    }

    /// `ToleratedFailurePercentagePath` (distributed, JSONPath).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).tolerated_failure_percentage_path("$.tolerance");
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ToleratedFailurePercentagePath":"$.tolerance""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn tolerated_failure_percentage_path(mut self, path: impl Into<String>) -> Self {
        self.state.tolerated_failure_percentage_path = Some(path.into());
        self
    }

    /// `ToleratedFailureCount` (distributed).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).tolerated_failure_count(10);
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ToleratedFailureCount":10"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn tolerated_failure_count(mut self, count: impl Into<Expr<u64>>) -> Self {
        self.state.tolerated_failure_count = Some(count.into());
        self
    }

    /// `ToleratedFailureCountPath` (distributed, JSONPath).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).tolerated_failure_count_path("$.maxFailures");
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ToleratedFailureCountPath":"$.maxFailures""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn tolerated_failure_count_path(mut self, path: impl Into<String>) -> Self {
        self.state.tolerated_failure_count_path = Some(path.into());
        self
    }

    /// `Label` (distributed): names the child executions.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each").distributed(ExecutionType::Express, pass("Handle")).label("orders");
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""Label":"orders""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.state.label = Some(label.into());
        self
    }

    fn into_chain(self) -> Chain {
        let Map {
            name,
            mut state,
            processor,
            next,
            catch,
            mut problems,
            item,
        } = self;
        let (t, open) = transition(next);
        state.transition = t;
        let scopes = match processor {
            Some(p) => vec![p],
            None => {
                problems.push(Problem::MissingField {
                    state: name.clone(),
                    field: "ItemProcessor",
                });
                Vec::new()
            }
        };
        let mut node = Node::new(name, state);
        node.scopes = scopes;
        if let Some(item) = item {
            let declared = crate::typed::Declared {
                item: Some(item),
                ..Default::default()
            };
            node.declared = Some(Box::new((declared, crate::typed::Placement::default())));
        }
        let mut chain = Chain::single(node, open, problems);
        crate::chain::add_catches(&mut chain, catch);
        chain
    }
}

/// An `ItemReader` being built: S3 objects or the lines, rows or elements of one S3 object.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let reader: sfn_asl::ItemReader = Reader::s3_csv("my-bucket", "orders.csv").max_items(1000).into();
/// assert_eq!(
///     serde_json::to_string(&reader).unwrap(),
///     r#"{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItems":1000},"Parameters":{"Bucket":"my-bucket","Key":"orders.csv"}}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Reader(ItemReader);

impl Reader {
    /// `arn:aws:states:::s3:listObjectsV2`: one item per object under `prefix`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_objects("my-bucket", "in/"))).expect("JSON");
    /// assert!(json.contains(r#""Parameters":{"Bucket":"my-bucket","Prefix":"in/"}"#), "{json}");
    /// ```
    pub fn s3_objects(bucket: impl Into<String>, prefix: impl Into<String>) -> Self {
        Reader(ItemReader {
            resource: "arn:aws:states:::s3:listObjectsV2".into(),
            reader_config: None,
            parameters: Some(
                serde_json::json!({ "Bucket": bucket.into(), "Prefix": prefix.into() }),
            ),
            arguments: None,
        })
    }

    /// `arn:aws:states:::s3:getObject` of a file of `input_type` (JSON, JSONL, CSV, …).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_object("my-bucket", "orders.jsonl", InputType::Jsonl))).expect("JSON");
    /// assert!(json.contains(r#""InputType":"JSONL""#), "{json}");
    /// ```
    pub fn s3_object(
        bucket: impl Into<String>,
        key: impl Into<String>,
        input_type: InputType,
    ) -> Self {
        Reader(ItemReader {
            resource: "arn:aws:states:::s3:getObject".into(),
            reader_config: Some(ReaderConfig {
                input_type: Some(input_type),
                ..ReaderConfig::default()
            }),
            parameters: Some(serde_json::json!({ "Bucket": bucket.into(), "Key": key.into() })),
            arguments: None,
        })
    }

    /// A CSV file whose first row holds the headers.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_csv("my-bucket", "orders.csv"))).expect("JSON");
    /// assert!(json.contains(r#""CSVHeaderLocation":"FIRST_ROW""#), "{json}");
    /// ```
    pub fn s3_csv(bucket: impl Into<String>, key: impl Into<String>) -> Self {
        let mut reader = Reader::s3_object(bucket, key, InputType::Csv);
        reader.config().csv_header_location = Some(CsvHeaderLocation::FirstRow);
        reader
    }

    fn config(&mut self) -> &mut ReaderConfig {
        self.0
            .reader_config
            .get_or_insert_with(ReaderConfig::default)
    }

    /// `ReaderConfig.MaxItems`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_objects("b", "p").max_items(100))).expect("JSON");
    /// assert!(json.contains(r#""MaxItems":100"#), "{json}");
    /// ```
    pub fn max_items(mut self, n: impl Into<Expr<u64>>) -> Self {
        self.config().max_items = Some(n.into());
        self
    }

    /// `ReaderConfig.MaxItemsPath` (JSONPath).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_objects("b", "p").max_items_path("$.limit"))).expect("JSON");
    /// assert!(json.contains(r#""MaxItemsPath":"$.limit""#), "{json}");
    /// ```
    pub fn max_items_path(mut self, path: impl Into<String>) -> Self {
        self.config().max_items_path = Some(path.into());
        self
    }

    /// `ReaderConfig.CSVHeaders` with `CSVHeaderLocation: GIVEN`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_object("b", "k.csv", InputType::Csv).csv_headers(["id", "qty"]))).expect("JSON");
    /// assert!(json.contains(r#""CSVHeaders":["id","qty"]"#), "{json}");
    /// ```
    pub fn csv_headers<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        let config = self.config();
        config.csv_header_location = Some(CsvHeaderLocation::Given);
        config.csv_headers = Some(headers.into_iter().map(Into::into).collect());
        self
    }

    /// `ReaderConfig.CSVDelimiter`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_csv("b", "k.csv").csv_delimiter(CsvDelimiter::Semicolon))).expect("JSON");
    /// assert!(json.contains(r#""CSVDelimiter":"SEMICOLON""#), "{json}");
    /// ```
    pub fn csv_delimiter(mut self, delimiter: CsvDelimiter) -> Self {
        self.config().csv_delimiter = Some(delimiter);
        self
    }

    /// `ReaderConfig.Transformation` (`LOAD_AND_FLATTEN` reads each listed object's content).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_objects("b", "p").transformation("LOAD_AND_FLATTEN"))).expect("JSON");
    /// assert!(json.contains(r#""Transformation":"LOAD_AND_FLATTEN""#), "{json}");
    /// ```
    pub fn transformation(mut self, transformation: impl Into<String>) -> Self {
        self.config().transformation = Some(transformation.into());
        self
    }

    /// `ReaderConfig.ItemsPointer`: a JSON Pointer into a JSON file.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_object("b", "k.json", InputType::Json).items_pointer("/orders"))).expect("JSON");
    /// assert!(json.contains(r#""ItemsPointer":"/orders""#), "{json}");
    /// ```
    pub fn items_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.config().items_pointer = Some(pointer.into());
        self
    }

    /// Replaces `Parameters` (JSONPath) with `template`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_objects("b", "p").parameters(serde_json::json!({"Bucket.$": "$.bucket"})))).expect("JSON");
    /// assert!(json.contains(r#""Parameters":{"Bucket.$":"$.bucket"}"#), "{json}");
    /// ```
    pub fn parameters(mut self, template: Value) -> Self {
        self.0.parameters = Some(template);
        self
    }

    /// Replaces `Parameters` with JSONata `Arguments`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemReader::from(Reader::s3_objects("b", "p").arguments(serde_json::json!({"Bucket": "{% $states.input.bucket %}"})))).expect("JSON");
    /// assert!(json.contains(r#""Arguments":{"Bucket":"{% $states.input.bucket %}"}"#), "{json}");
    /// ```
    pub fn arguments(mut self, arguments: Value) -> Self {
        self.0.parameters = None;
        self.0.arguments = Some(arguments);
        self
    }
}

impl From<Reader> for ItemReader {
    fn from(reader: Reader) -> Self {
        reader.0
    }
}

/// An `ItemBatcher` being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let batcher: sfn_asl::ItemBatcher = Batcher::new().max_items_per_batch(100).into();
/// assert_eq!(serde_json::to_string(&batcher).unwrap(), r#"{"MaxItemsPerBatch":100}"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batcher(ItemBatcher);

impl Batcher {
    /// An empty batcher (give it at least one limit).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemBatcher::from(Batcher::new().max_items_per_batch(10))).expect("JSON");
    /// assert!(json.contains(r#""MaxItemsPerBatch":10"#), "{json}");
    /// ```
    pub fn new() -> Self {
        Batcher::default()
    }

    /// `MaxItemsPerBatch`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemBatcher::from(Batcher::new().max_items_per_batch(10))).expect("JSON");
    /// assert!(json.contains(r#""MaxItemsPerBatch":10"#), "{json}");
    /// ```
    pub fn max_items_per_batch(mut self, n: impl Into<Expr<u64>>) -> Self {
        self.0.max_items_per_batch = Some(n.into());
        self
    }

    /// `MaxItemsPerBatchPath` (JSONPath).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemBatcher::from(Batcher::new().max_items_per_batch_path("$.batch"))).expect("JSON");
    /// assert!(json.contains(r#""MaxItemsPerBatchPath":"$.batch""#), "{json}");
    /// ```
    pub fn max_items_per_batch_path(mut self, path: impl Into<String>) -> Self {
        self.0.max_items_per_batch_path = Some(path.into());
        self
    }

    /// `MaxInputBytesPerBatch` (≤ 262,144).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemBatcher::from(Batcher::new().max_input_bytes_per_batch(65536))).expect("JSON");
    /// assert!(json.contains(r#""MaxInputBytesPerBatch":65536"#), "{json}");
    /// ```
    pub fn max_input_bytes_per_batch(mut self, n: impl Into<Expr<u64>>) -> Self {
        self.0.max_input_bytes_per_batch = Some(n.into());
        self
    }

    /// `MaxInputBytesPerBatchPath` (JSONPath).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemBatcher::from(Batcher::new().max_input_bytes_per_batch_path("$.bytes"))).expect("JSON");
    /// assert!(json.contains(r#""MaxInputBytesPerBatchPath":"$.bytes""#), "{json}");
    /// ```
    pub fn max_input_bytes_per_batch_path(mut self, path: impl Into<String>) -> Self {
        self.0.max_input_bytes_per_batch_path = Some(path.into());
        self
    }

    /// `BatchInput`: a template added to every batch.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ItemBatcher::from(Batcher::new().max_items_per_batch(10).batch_input(serde_json::json!({"run": "nightly"})))).expect("JSON");
    /// assert!(json.contains(r#""BatchInput":{"run":"nightly"}"#), "{json}");
    /// ```
    pub fn batch_input(mut self, template: Value) -> Self {
        self.0.batch_input = Some(template);
        self
    }
}

impl From<Batcher> for ItemBatcher {
    fn from(batcher: Batcher) -> Self {
        batcher.0
    }
}

/// A `ResultWriter` being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let writer: sfn_asl::ResultWriter = Writer::s3("results", "runs/").into();
/// assert_eq!(
///     serde_json::to_string(&writer).unwrap(),
///     r#"{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"results","Prefix":"runs/"}}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Writer(ResultWriter);

impl Writer {
    /// `arn:aws:states:::s3:putObject` into `bucket` under `prefix`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ResultWriter::from(Writer::s3("results", "runs/"))).expect("JSON");
    /// assert!(json.contains(r#""Parameters":{"Bucket":"results","Prefix":"runs/"}"#), "{json}");
    /// ```
    pub fn s3(bucket: impl Into<String>, prefix: impl Into<String>) -> Self {
        Writer(ResultWriter {
            resource: Some("arn:aws:states:::s3:putObject".into()),
            parameters: Some(
                serde_json::json!({ "Bucket": bucket.into(), "Prefix": prefix.into() }),
            ),
            arguments: None,
            writer_config: None,
        })
    }

    /// `WriterConfig` with `OutputType` (`JSON` or `JSONL`) and `Transformation` (`NONE`,
    /// `COMPACT` or `FLATTEN`).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ResultWriter::from(Writer::s3("results", "runs/").writer_config("JSONL", "COMPACT"))).expect("JSON");
    /// assert!(json.contains(r#""WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}"#), "{json}");
    /// ```
    pub fn writer_config(
        mut self,
        output_type: impl Into<String>,
        transformation: impl Into<String>,
    ) -> Self {
        self.0.writer_config = Some(WriterConfig {
            output_type: Some(output_type.into()),
            transformation: Some(transformation.into()),
        });
        self
    }

    /// Replaces `Parameters` with JSONata `Arguments`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let json = serde_json::to_string(&sfn_asl::ResultWriter::from(Writer::s3("results", "runs/").arguments(serde_json::json!({"Bucket": "results"})))).expect("JSON");
    /// assert!(json.contains(r#""Arguments":{"Bucket":"results"}"#), "{json}");
    /// ```
    pub fn arguments(mut self, arguments: Value) -> Self {
        self.0.parameters = None;
        self.0.arguments = Some(arguments);
        self
    }
}

impl From<Writer> for ResultWriter {
    fn from(writer: Writer) -> Self {
        writer.0
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use sfn_asl::{ProcessorConfig, ProcessorMode};

    use crate::prelude::*;

    fn processor_json(config: ProcessorConfig) -> serde_json::Value {
        let each = map("Each")
            .items_path("$.items")
            .item_processor_with_config(config, pass("Handle"));
        let machine = Workflow::builder(each).build().expect("valid");
        let value: serde_json::Value = serde_json::from_str(&machine.to_json()).expect("JSON");
        value["States"]["Each"]["ItemProcessor"]["ProcessorConfig"].clone()
    }

    #[test]
    fn item_processor_with_config_writes_an_empty_config() {
        assert_eq!(processor_json(ProcessorConfig::default()), json!({}));
    }

    #[test]
    fn item_processor_with_config_writes_the_fields_as_given() {
        let inline_with_type = ProcessorConfig {
            mode: Some(ProcessorMode::Inline),
            execution_type: Some(ExecutionType::Standard),
        };
        assert_eq!(
            processor_json(inline_with_type),
            json!({"Mode": "INLINE", "ExecutionType": "STANDARD"})
        );
        let type_alone = ProcessorConfig {
            mode: None,
            execution_type: Some(ExecutionType::Express),
        };
        assert_eq!(
            processor_json(type_alone),
            json!({"ExecutionType": "EXPRESS"})
        );
    }
}
