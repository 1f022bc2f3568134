//! What every state builder shares: the methods for the common ASL fields, generated once, and
//! the conversions that make a builder a chain, a target and a handle.

use sfn_asl::StateName;

/// Where a state goes when it says so itself.
#[derive(Clone, Debug)]
pub(crate) enum Link {
    Next(StateName),
    End,
}

/// Generates, for one builder, the methods of the listed ASL fields. `$ctor` is the chain
/// starter used in the generated doc examples.
macro_rules! fields {
    ($ty:ident, $ctor:literal { $($field:ident),* $(,)? }) => {
        impl $ty {
            $( $crate::builder::fields!(@ $field $ctor); )*
        }
    };
    (@comment $ctor:literal) => {
        #[doc = "`Comment`: a human-readable description of the state."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".comment(\"why this state exists\");\n```")]
        pub fn comment(mut self, comment: impl Into<String>) -> Self {
            self.state.comment = Some(comment.into());
            self
        }
    };
    (@query_language $ctor:literal) => {
        #[doc = "`QueryLanguage`: this state's own query language (a JSONPath machine may have JSONata states)."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".query_language(QueryLanguage::Jsonata);\n```")]
        pub fn query_language(mut self, language: sfn_asl::QueryLanguage) -> Self {
            self.state.query_language = Some(language);
            self
        }
    };
    (@input_path $ctor:literal) => {
        #[doc = "`InputPath` (JSONPath): the part of the input the state works on (`PathOrNull::Null` for `{}`)."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".input_path(\"$.order\");\n```")]
        pub fn input_path(mut self, path: impl Into<sfn_asl::PathOrNull>) -> Self {
            self.state.input_path = Some(path.into());
            self
        }
    };
    (@output_path $ctor:literal) => {
        #[doc = "`OutputPath` (JSONPath): the part of the output passed on (`PathOrNull::Null` for `{}`)."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".output_path(\"$.result\");\n```")]
        pub fn output_path(mut self, path: impl Into<sfn_asl::PathOrNull>) -> Self {
            self.state.output_path = Some(path.into());
            self
        }
    };
    (@result_path $ctor:literal) => {
        #[doc = "`ResultPath` (JSONPath): where the result goes in the input (`PathOrNull::Null` keeps the input and drops the result)."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".result_path(\"$.result\");\n```")]
        pub fn result_path(mut self, path: impl Into<sfn_asl::PathOrNull>) -> Self {
            self.state.result_path = Some(path.into());
            self
        }
    };
    (@output $ctor:literal) => {
        #[doc = "`Output` (JSONata): the state's output, any `Serialize` value (use [`jsonata`](crate::jsonata) for expressions)."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".output(serde_json::json!({\"total\": \"{% $states.input.total %}\"}));\n```")]
        pub fn output(mut self, output: impl serde::Serialize) -> Self {
            self.state.output = self.payload("Output", output);
            self
        }
    };
    (@parameters $ctor:literal) => {
        #[doc = "`Parameters` (JSONPath): the payload template (keys ending in `.$` take a path or an intrinsic), any `Serialize` value."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".parameters(serde_json::json!({\"id.$\": \"$.orderId\"}));\n```")]
        pub fn parameters(mut self, template: impl serde::Serialize) -> Self {
            self.state.parameters = self.payload("Parameters", template);
            self
        }
    };
    (@arguments $ctor:literal) => {
        #[doc = "`Arguments` (JSONata): the payload, an object or a [`jsonata`](crate::jsonata) expression."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".arguments(serde_json::json!({\"id\": \"{% $states.input.orderId %}\"}));\n```")]
        pub fn arguments(mut self, arguments: impl serde::Serialize) -> Self {
            self.state.arguments = self.payload("Arguments", arguments);
            self
        }
    };
    (@result_selector $ctor:literal) => {
        #[doc = "`ResultSelector` (JSONPath): a payload template over the result."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".result_selector(serde_json::json!({\"body.$\": \"$.Payload\"}));\n```")]
        pub fn result_selector(mut self, template: impl serde::Serialize) -> Self {
            self.state.result_selector = self.payload("ResultSelector", template);
            self
        }
    };
    (@assign $ctor:literal) => {
        #[doc = "`Assign`: sets variable `name` to `value` (any `Serialize` value; a `.$` suffix or a JSONata expression makes it dynamic). Call again for more variables."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".assign(\"attempts\", 0).assign(\"orderId.$\", \"$.id\");\n```")]
        pub fn assign(mut self, name: impl Into<String>, value: impl serde::Serialize) -> Self {
            if let Some(value) = self.payload("Assign", value) {
                self.state.assign.get_or_insert_with(Default::default).insert(name.into(), value);
            }
            self
        }

        #[doc = "`\"Assign\": {}`: an `Assign` that sets no variable. AWS accepts it and it changes nothing when the state runs; it exists for a faithful round trip, so a definition that has one (say, from `sfn import`) is rebuilt as it was. Variables set with `.assign` are kept."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".assign_empty();\n```")]
        pub fn assign_empty(mut self) -> Self {
            self.state.assign.get_or_insert_with(Default::default);
            self
        }
    };
    (@retry $ctor:literal) => {
        #[doc = "Adds a `Retry` rule (a [`Retry`](crate::Retry) policy, which may be shared between states)."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet policy = Retry::on([ErrorName::TaskFailed]).interval_seconds(2).max_attempts(3);\nlet state = ", $ctor, ".retry(&policy);\n```")]
        pub fn retry(mut self, rule: impl Into<sfn_asl::Retrier>) -> Self {
            self.state.retry.push(rule.into());
            self
        }
    };
    (@catch $ctor:literal) => {
        #[doc = "Adds a `Catch` rule: errors to catch and the state to go to ([`Catch`](crate::Catch))."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet failed = fail(\"Failed\");\nlet state = ", $ctor, ".catch(Catch::all().result_path(\"$.error\").next(&failed));\n```")]
        pub fn catch(mut self, rule: crate::Catch) -> Self {
            self.catch.push(rule);
            self
        }
    };
    (@next $ctor:literal) => {
        #[doc = "`Next`: goes to the state behind `target` (a handle, or `&state`), whatever follows in the chain."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet done = succeed(\"Done\");\nlet state = ", $ctor, ".next(&done);\n```")]
        pub fn next(mut self, target: impl Into<crate::StateRef>) -> Self {
            self.next = Some(crate::builder::Link::Next(target.into().name().clone()));
            self
        }

        #[doc = "`\"End\": true`: the state ends its scope even if the chain continues after it."]
        #[doc = ""]
        #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ".end();\n```")]
        pub fn end(mut self) -> Self {
            self.next = Some(crate::builder::Link::End);
            self
        }
    };
}
pub(crate) use fields;

/// Generates a builder's handle, `then`, `payload` and the conversions into `StateRef`, `Target`
/// and `Chain` (the last through the builder's own `into_chain`). `$ctor` is the chain starter
/// used in the generated doc examples.
macro_rules! builder {
    ($ty:ident, $ctor:literal) => {
        impl $ty {
            #[doc = "A handle to this state, for transitions written before or apart from it."]
            #[doc = ""]
            #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ";\nassert_eq!(state.handle(), StateRef::named(state.name().clone()));\n```")]
            pub fn handle(&self) -> crate::StateRef {
                crate::StateRef::named(self.name.clone())
            }

            #[doc = "The state's name."]
            #[doc = ""]
            #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ";\nassert!(!state.name().as_str().is_empty());\n```")]
            pub fn name(&self) -> &sfn_asl::StateName {
                &self.name
            }

            #[doc = "Starts a chain: this state, then `next` (a state, a chain or a handle)."]
            #[doc = ""]
            #[doc = concat!("```\nuse sfn_dsl::prelude::*;\nlet state = ", $ctor, ";\nlet name = state.name().clone();\nlet chain = state.then(pass(\"After\"));\nassert_eq!(chain.entry(), Some(&name));\n```")]
            pub fn then(self, next: impl Into<crate::Target>) -> crate::Chain {
                crate::Chain::from(self).then(next)
            }

            /// Serializes a payload; a failure is recorded for `build` to report.
            #[allow(dead_code, reason = "not every state has a payload field")]
            fn payload(
                &mut self,
                field: &'static str,
                payload: impl serde::Serialize,
            ) -> Option<serde_json::Value> {
                match crate::payload::to_value(payload) {
                    Ok(value) => Some(value),
                    Err(message) => {
                        self.problems.push(crate::error::Problem::InvalidPayload {
                            state: self.name.clone(),
                            field,
                            message,
                        });
                        None
                    }
                }
            }
        }

        impl From<&$ty> for crate::StateRef {
            fn from(state: &$ty) -> Self {
                state.handle()
            }
        }

        impl From<&$ty> for crate::Target {
            fn from(state: &$ty) -> Self {
                crate::Target::from(state.handle())
            }
        }

        impl From<$ty> for crate::Target {
            fn from(state: $ty) -> Self {
                crate::Target::from(crate::Chain::from(state))
            }
        }

        impl From<$ty> for crate::Chain {
            fn from(state: $ty) -> Self {
                state.into_chain()
            }
        }
    };
}
pub(crate) use builder;

/// The transition a builder's state starts with, and whether it is open (continues with the
/// chain).
pub(crate) fn transition(link: Option<Link>) -> (sfn_asl::Transition, bool) {
    match link {
        Some(Link::Next(name)) => (sfn_asl::Transition::Next(name), false),
        Some(Link::End) => (sfn_asl::Transition::End, false),
        None => (sfn_asl::Transition::End, true),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::prelude::*;

    fn state_json(workflow: impl Into<Chain>, name: &str) -> serde_json::Value {
        let machine = Workflow::builder(workflow).build().expect("valid");
        let value: serde_json::Value = serde_json::from_str(&machine.to_json()).expect("JSON");
        value["States"][name].clone()
    }

    #[test]
    fn assign_empty_writes_an_empty_object() {
        assert_eq!(
            state_json(pass("P").assign_empty(), "P"),
            json!({"Type": "Pass", "Assign": {}, "End": true})
        );
    }

    #[test]
    fn assign_empty_keeps_the_variables_assigned_around_it() {
        let before = pass("P").assign("a", 1).assign_empty();
        let after = pass("P").assign_empty().assign("a", 1);
        assert_eq!(state_json(before, "P")["Assign"], json!({"a": 1}));
        assert_eq!(state_json(after, "P")["Assign"], json!({"a": 1}));
    }

    #[test]
    fn a_state_without_assign_writes_none() {
        assert!(state_json(pass("P"), "P").get("Assign").is_none());
    }
}
