//! The committed output of `sfn import`, one module per definition (written by
//! `SFN_UPDATE_IMPORTED=1 cargo test -p sfn-cli --test import_sync`).
#![allow(unreachable_pub, reason = "`sfn import` writes public functions")]

mod big_payload;
mod branch_fields_and_empty_assign;
mod callback;
mod distributed_map;
mod distributed_map_fields;
mod every_jsonata_field;
mod every_jsonpath_field;
mod image_pipeline;
mod jsonata_variables;
mod manager_approval;
mod order_api;
mod order_processing;
mod processor_configs;
mod retry_dlq;
mod typed_payloads;
mod valid_catch_failure;
mod valid_choice_state;
mod valid_comments_are_not_parsed;
mod valid_context;
mod valid_current_value_predicate;
mod valid_fail;
mod valid_hello_world;
mod valid_intrinsic_functions;
mod valid_job_status_poller;
mod valid_json_surround_syntax;
mod valid_jsonata;
mod valid_jsonata_syntax_function_call;
mod valid_jsonata_syntax_path_expression;
mod valid_jsonata_syntax_simple_arithmetic;
mod valid_map;
mod valid_map_distributed;
mod valid_map_inline;
mod valid_map_items;
mod valid_map_nested;
mod valid_map_resultselector;
mod valid_map_with_catch;
mod valid_map_with_item_batcher;
mod valid_map_with_parameters;
mod valid_map_with_retry;
mod valid_math_add;
mod valid_null_input;
mod valid_null_parameter;
mod valid_null_result;
mod valid_null_resultselector;
mod valid_parallel;
mod valid_parallel_nested;
mod valid_parallel_nested_2;
mod valid_parallel_parameters;
mod valid_parallel_with_catch;
mod valid_parallel_with_result_path;
mod valid_parallel_with_retry;
mod valid_parameters_array;
mod valid_parameters_issue104;
mod valid_parameters_object;
mod valid_parameters_resultselector;
mod valid_pass_array;
mod valid_pass_negativeindex;
mod valid_pass_state;
mod valid_path_array_context;
mod valid_path_with_hypen;
mod valid_retry_failure;
mod valid_succeed;
mod valid_task_alias_function;
mod valid_task_batch;
mod valid_task_parameters;
mod valid_task_timeout_jsonata;
mod valid_task_timer;
mod valid_wait_jsonata;
mod valid_wait_state;
mod workload;

/// Each module's function, by name.
pub(crate) const BUILDERS: &[(&str, crate::Build)] = &[
    ("callback", callback::callback),
    ("distributed_map", distributed_map::distributed_map),
    ("jsonata_variables", jsonata_variables::jsonata_variables),
    ("manager_approval", manager_approval::manager_approval),
    ("order_api", order_api::order_api),
    ("order_processing", order_processing::order_processing),
    ("retry_dlq", retry_dlq::retry_dlq),
    ("typed_payloads", typed_payloads::typed_payloads),
    ("workload", workload::workload),
    ("image_pipeline", image_pipeline::image_pipeline),
    (
        "every_jsonpath_field",
        every_jsonpath_field::every_jsonpath_field,
    ),
    (
        "every_jsonata_field",
        every_jsonata_field::every_jsonata_field,
    ),
    (
        "distributed_map_fields",
        distributed_map_fields::distributed_map_fields,
    ),
    ("big_payload", big_payload::big_payload),
    (
        "branch_fields_and_empty_assign",
        branch_fields_and_empty_assign::branch_fields_and_empty_assign,
    ),
    ("processor_configs", processor_configs::processor_configs),
    (
        "valid_catch_failure",
        valid_catch_failure::valid_catch_failure,
    ),
    ("valid_choice_state", valid_choice_state::valid_choice_state),
    (
        "valid_comments_are_not_parsed",
        valid_comments_are_not_parsed::valid_comments_are_not_parsed,
    ),
    ("valid_context", valid_context::valid_context),
    (
        "valid_current_value_predicate",
        valid_current_value_predicate::valid_current_value_predicate,
    ),
    ("valid_fail", valid_fail::valid_fail),
    ("valid_hello_world", valid_hello_world::valid_hello_world),
    (
        "valid_intrinsic_functions",
        valid_intrinsic_functions::valid_intrinsic_functions,
    ),
    (
        "valid_job_status_poller",
        valid_job_status_poller::valid_job_status_poller,
    ),
    (
        "valid_json_surround_syntax",
        valid_json_surround_syntax::valid_json_surround_syntax,
    ),
    (
        "valid_jsonata_syntax_function_call",
        valid_jsonata_syntax_function_call::valid_jsonata_syntax_function_call,
    ),
    (
        "valid_jsonata_syntax_path_expression",
        valid_jsonata_syntax_path_expression::valid_jsonata_syntax_path_expression,
    ),
    (
        "valid_jsonata_syntax_simple_arithmetic",
        valid_jsonata_syntax_simple_arithmetic::valid_jsonata_syntax_simple_arithmetic,
    ),
    ("valid_jsonata", valid_jsonata::valid_jsonata),
    (
        "valid_map_distributed",
        valid_map_distributed::valid_map_distributed,
    ),
    ("valid_map_inline", valid_map_inline::valid_map_inline),
    ("valid_map_items", valid_map_items::valid_map_items),
    ("valid_map_nested", valid_map_nested::valid_map_nested),
    (
        "valid_map_resultselector",
        valid_map_resultselector::valid_map_resultselector,
    ),
    (
        "valid_map_with_catch",
        valid_map_with_catch::valid_map_with_catch,
    ),
    (
        "valid_map_with_item_batcher",
        valid_map_with_item_batcher::valid_map_with_item_batcher,
    ),
    (
        "valid_map_with_parameters",
        valid_map_with_parameters::valid_map_with_parameters,
    ),
    (
        "valid_map_with_retry",
        valid_map_with_retry::valid_map_with_retry,
    ),
    ("valid_map", valid_map::valid_map),
    ("valid_math_add", valid_math_add::valid_math_add),
    ("valid_null_input", valid_null_input::valid_null_input),
    (
        "valid_null_parameter",
        valid_null_parameter::valid_null_parameter,
    ),
    ("valid_null_result", valid_null_result::valid_null_result),
    (
        "valid_null_resultselector",
        valid_null_resultselector::valid_null_resultselector,
    ),
    (
        "valid_parallel_nested_2",
        valid_parallel_nested_2::valid_parallel_nested_2,
    ),
    (
        "valid_parallel_nested",
        valid_parallel_nested::valid_parallel_nested,
    ),
    (
        "valid_parallel_parameters",
        valid_parallel_parameters::valid_parallel_parameters,
    ),
    (
        "valid_parallel_with_catch",
        valid_parallel_with_catch::valid_parallel_with_catch,
    ),
    (
        "valid_parallel_with_result_path",
        valid_parallel_with_result_path::valid_parallel_with_result_path,
    ),
    (
        "valid_parallel_with_retry",
        valid_parallel_with_retry::valid_parallel_with_retry,
    ),
    ("valid_parallel", valid_parallel::valid_parallel),
    (
        "valid_parameters_array",
        valid_parameters_array::valid_parameters_array,
    ),
    (
        "valid_parameters_issue104",
        valid_parameters_issue104::valid_parameters_issue104,
    ),
    (
        "valid_parameters_object",
        valid_parameters_object::valid_parameters_object,
    ),
    (
        "valid_parameters_resultselector",
        valid_parameters_resultselector::valid_parameters_resultselector,
    ),
    ("valid_pass_array", valid_pass_array::valid_pass_array),
    (
        "valid_pass_negativeindex",
        valid_pass_negativeindex::valid_pass_negativeindex,
    ),
    ("valid_pass_state", valid_pass_state::valid_pass_state),
    (
        "valid_path_array_context",
        valid_path_array_context::valid_path_array_context,
    ),
    (
        "valid_path_with_hypen",
        valid_path_with_hypen::valid_path_with_hypen,
    ),
    (
        "valid_retry_failure",
        valid_retry_failure::valid_retry_failure,
    ),
    ("valid_succeed", valid_succeed::valid_succeed),
    (
        "valid_task_alias_function",
        valid_task_alias_function::valid_task_alias_function,
    ),
    ("valid_task_batch", valid_task_batch::valid_task_batch),
    (
        "valid_task_parameters",
        valid_task_parameters::valid_task_parameters,
    ),
    (
        "valid_task_timeout_jsonata",
        valid_task_timeout_jsonata::valid_task_timeout_jsonata,
    ),
    ("valid_task_timer", valid_task_timer::valid_task_timer),
    ("valid_wait_jsonata", valid_wait_jsonata::valid_wait_jsonata),
    ("valid_wait_state", valid_wait_state::valid_wait_state),
];
