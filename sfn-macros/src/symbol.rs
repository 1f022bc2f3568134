//! The keywords of the macro: state types and, for every kind of object, its keys with the ASL
//! field each one writes and how its value is read (serde's `symbol.rs`). Keys are the ASL field
//! names in snake_case; [`asl_name`] converts, with AWS's few irregular spellings.

/// How a key's value is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Any JSON value, keys inside objects kept verbatim (payload templates, paths, numbers).
    Json,
    /// A state name: an identifier or a string literal.
    StateRef,
    /// `end` alone, or `end: true` / `end: false`.
    Flag,
    /// A fixed word: an identifier (`JSONata`, `DISTRIBUTED`) or a string literal.
    Word,
    /// `[ { .. }, .. ]` of objects read with a table.
    List(Table),
    /// `{ .. }` read with a table.
    Struct(Table),
    /// `[ { .. }, .. ]` of Choice rules.
    Rules,
    /// `{ .. }` of one Choice rule (`not`).
    Rule,
    /// `[ { .. }, .. ]` of Parallel branches, each a nested workflow.
    Branches,
    /// `{ .. }`: a Map's nested workflow.
    Processor(Scope),
}

/// Which nested objects exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Table {
    Retrier,
    Catcher,
    ItemReader,
    ReaderConfig,
    ItemBatcher,
    ResultWriter,
    WriterConfig,
    ProcessorConfig,
    /// The extras of a `when` rule's target: `T { assign: .., output: .., comment: .. }`.
    RuleExtras,
}

/// Which kind of workflow body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The whole machine.
    Machine,
    /// A Parallel branch or a legacy Map `iterator`.
    Branch,
    /// A Map `item_processor` (may have `processor_config`).
    ItemProcessor,
}

/// The eight state types, as written (`task`) and as ASL spells them (`Task`).
pub(crate) const STATE_TYPES: &[(&str, &str)] = &[
    ("task", "Task"),
    ("pass", "Pass"),
    ("choice", "Choice"),
    ("wait", "Wait"),
    ("succeed", "Succeed"),
    ("fail", "Fail"),
    ("parallel", "Parallel"),
    ("map", "Map"),
];

/// The keys of a workflow body (besides its states).
pub(crate) fn scope_keys(scope: Scope) -> &'static [(&'static str, Kind)] {
    match scope {
        Scope::Machine => &[
            ("comment", Kind::Json),
            ("start_at", Kind::StateRef),
            ("query_language", Kind::Word),
            ("timeout_seconds", Kind::Json),
            ("version", Kind::Json),
        ],
        Scope::Branch => &[
            ("comment", Kind::Json),
            ("start_at", Kind::StateRef),
            ("query_language", Kind::Word),
        ],
        Scope::ItemProcessor => &[
            ("comment", Kind::Json),
            ("start_at", Kind::StateRef),
            ("query_language", Kind::Word),
            ("processor_config", Kind::Struct(Table::ProcessorConfig)),
        ],
    }
}

/// Every field any state type has. Which state types allow which field is sfn-asl's rule
/// (`field_not_allowed`), so it is not repeated here.
pub(crate) const STATE_KEYS: &[(&str, Kind)] = &[
    ("comment", Kind::Json),
    ("query_language", Kind::Word),
    ("resource", Kind::Json),
    ("input_path", Kind::Json),
    ("parameters", Kind::Json),
    ("arguments", Kind::Json),
    ("result", Kind::Json),
    ("result_selector", Kind::Json),
    ("result_path", Kind::Json),
    ("output_path", Kind::Json),
    ("output", Kind::Json),
    ("assign", Kind::Json),
    ("timeout_seconds", Kind::Json),
    ("timeout_seconds_path", Kind::Json),
    ("heartbeat_seconds", Kind::Json),
    ("heartbeat_seconds_path", Kind::Json),
    ("credentials", Kind::Json),
    ("retry", Kind::List(Table::Retrier)),
    ("catch", Kind::List(Table::Catcher)),
    ("next", Kind::StateRef),
    ("end", Kind::Flag),
    ("choices", Kind::Rules),
    ("default", Kind::StateRef),
    ("seconds", Kind::Json),
    ("seconds_path", Kind::Json),
    ("timestamp", Kind::Json),
    ("timestamp_path", Kind::Json),
    ("error", Kind::Json),
    ("error_path", Kind::Json),
    ("cause", Kind::Json),
    ("cause_path", Kind::Json),
    ("branches", Kind::Branches),
    ("item_processor", Kind::Processor(Scope::ItemProcessor)),
    ("iterator", Kind::Processor(Scope::Branch)),
    ("items_path", Kind::Json),
    ("items", Kind::Json),
    ("item_selector", Kind::Json),
    ("item_reader", Kind::Struct(Table::ItemReader)),
    ("item_batcher", Kind::Struct(Table::ItemBatcher)),
    ("result_writer", Kind::Struct(Table::ResultWriter)),
    ("max_concurrency", Kind::Json),
    ("max_concurrency_path", Kind::Json),
    ("tolerated_failure_percentage", Kind::Json),
    ("tolerated_failure_percentage_path", Kind::Json),
    ("tolerated_failure_count", Kind::Json),
    ("tolerated_failure_count_path", Kind::Json),
    ("label", Kind::Json),
];

/// The keys of a nested object.
pub(crate) fn table_keys(table: Table) -> &'static [(&'static str, Kind)] {
    match table {
        Table::Retrier => &[
            ("error_equals", Kind::Json),
            ("interval_seconds", Kind::Json),
            ("max_attempts", Kind::Json),
            ("backoff_rate", Kind::Json),
            ("max_delay_seconds", Kind::Json),
            ("jitter_strategy", Kind::Word),
            ("comment", Kind::Json),
        ],
        Table::Catcher => &[
            ("error_equals", Kind::Json),
            ("next", Kind::StateRef),
            ("result_path", Kind::Json),
            ("output", Kind::Json),
            ("assign", Kind::Json),
            ("comment", Kind::Json),
        ],
        Table::ItemReader => &[
            ("resource", Kind::Json),
            ("reader_config", Kind::Struct(Table::ReaderConfig)),
            ("parameters", Kind::Json),
            ("arguments", Kind::Json),
        ],
        Table::ReaderConfig => &[
            ("input_type", Kind::Word),
            ("transformation", Kind::Word),
            ("manifest_type", Kind::Word),
            ("csv_header_location", Kind::Word),
            ("csv_headers", Kind::Json),
            ("csv_delimiter", Kind::Word),
            ("items_pointer", Kind::Json),
            ("max_items", Kind::Json),
            ("max_items_path", Kind::Json),
        ],
        Table::ItemBatcher => &[
            ("max_items_per_batch", Kind::Json),
            ("max_items_per_batch_path", Kind::Json),
            ("max_input_bytes_per_batch", Kind::Json),
            ("max_input_bytes_per_batch_path", Kind::Json),
            ("batch_input", Kind::Json),
        ],
        Table::ResultWriter => &[
            ("resource", Kind::Json),
            ("parameters", Kind::Json),
            ("arguments", Kind::Json),
            ("writer_config", Kind::Struct(Table::WriterConfig)),
        ],
        Table::WriterConfig => &[("output_type", Kind::Word), ("transformation", Kind::Word)],
        Table::ProcessorConfig => &[("mode", Kind::Word), ("execution_type", Kind::Word)],
        Table::RuleExtras => &[
            ("assign", Kind::Json),
            ("output", Kind::Json),
            ("comment", Kind::Json),
        ],
    }
}

/// The keys of a Choice rule object, besides the comparison operators
/// (`sfn_asl::ComparisonOperator::NAMES` in snake_case).
pub(crate) const RULE_KEYS: &[(&str, Kind)] = &[
    ("variable", Kind::Json),
    ("next", Kind::StateRef),
    ("and", Kind::Rules),
    ("or", Kind::Rules),
    ("not", Kind::Rule),
    ("condition", Kind::Json),
    ("assign", Kind::Json),
    ("output", Kind::Json),
    ("comment", Kind::Json),
];

/// The ASL spelling of a snake_case key: `timeout_seconds` → `TimeoutSeconds`,
/// `csv_header_location` → `CSVHeaderLocation`.
pub(crate) fn asl_name(key: &str) -> String {
    key.split('_')
        .map(|word| {
            if word == "csv" {
                return "CSV".to_owned();
            }
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

/// The snake_case key for an ASL name: `NumericGreaterThanPath` → `numeric_greater_than_path`.
pub(crate) fn snake_name(asl: &str) -> String {
    let mut out = String::with_capacity(asl.len() + 4);
    for (i, c) in asl.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The comparison operator a snake_case key names (`numeric_greater_than` →
/// `NumericGreaterThan`).
pub(crate) fn operator(key: &str) -> Option<&'static str> {
    sfn_asl::ComparisonOperator::NAMES
        .iter()
        .copied()
        .find(|name| snake_name(name) == key)
}

/// The comparison operators' snake_case keys, for "did you mean".
pub(crate) fn operator_keys() -> Vec<String> {
    sfn_asl::ComparisonOperator::NAMES
        .iter()
        .map(|n| snake_name(n))
        .collect()
}

/// A suggestion for a misspelt key: the same key up to case and underscores (`Next`,
/// `TimeoutSeconds`), else the closest by Jaro similarity.
pub(crate) fn suggest<'a>(
    key: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let folded = |s: &str| s.replace('_', "").to_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    candidates
        .iter()
        .copied()
        .find(|c| folded(c) == folded(key))
        .or_else(|| sfn_asl::validate::suggest(key, candidates.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asl_names_follow_aws_spelling() {
        assert_eq!(asl_name("timeout_seconds_path"), "TimeoutSecondsPath");
        assert_eq!(asl_name("csv_header_location"), "CSVHeaderLocation");
        assert_eq!(asl_name("error_equals"), "ErrorEquals");
        assert_eq!(asl_name("next"), "Next");
    }

    #[test]
    fn every_operator_has_a_snake_case_key() {
        assert_eq!(
            operator("numeric_greater_than_equals_path"),
            Some("NumericGreaterThanEqualsPath")
        );
        assert_eq!(operator("is_present"), Some("IsPresent"));
        assert_eq!(operator("numeric_bigger"), None);
        for name in sfn_asl::ComparisonOperator::NAMES {
            assert_eq!(asl_name(&snake_name(name)), *name);
        }
    }

    #[test]
    fn suggestions_fold_case_then_use_similarity() {
        let keys = ["next", "end", "timeout_seconds"];
        assert_eq!(suggest("Next", keys), Some("next"));
        assert_eq!(suggest("TimeoutSeconds", keys), Some("timeout_seconds"));
        assert_eq!(suggest("timout_seconds", keys), Some("timeout_seconds"));
        assert_eq!(suggest("zzz", keys), None);
    }
}
