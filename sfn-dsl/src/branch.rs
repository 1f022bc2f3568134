//! Nested scopes with fields of their own: a Parallel branch or a Map's item processor.

use sfn_asl::QueryLanguage;

use crate::chain::Chain;

/// A Parallel branch or a Map's item processor: a chain of states in its own scope, with the
/// scope's own `Comment` and `QueryLanguage`.
///
/// A state or a [`Chain`] converts into a `Branch` with no field of its own, so
/// [`Parallel::branch`](crate::Parallel::branch) and
/// [`Map::item_processor`](crate::Map::item_processor) take either; `Branch::new` is only
/// needed to add a comment or a query language.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let notify = parallel("Notify")
///     .branch(Branch::new(pass("Email")).comment("the customer's inbox"))
///     .branch(pass("Sms"));
/// let workflow = Workflow::builder(notify).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Notify","States":{"Notify":{"Type":"Parallel","Branches":[{"Comment":"the customer's inbox","StartAt":"Email","States":{"Email":{"Type":"Pass","End":true}}},{"StartAt":"Sms","States":{"Sms":{"Type":"Pass","End":true}}}],"End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Branch {
    pub(crate) chain: Chain,
    pub(crate) comment: Option<String>,
    pub(crate) query_language: Option<QueryLanguage>,
}

impl Branch {
    /// A branch of `states`: a state, or a chain of them.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let branch = Branch::new(pass("A").then(pass("B")));
    /// let both = parallel("Both").branch(branch).branch(pass("C"));
    /// let json = Workflow::builder(both).build()?.to_json();
    /// assert!(json.contains(r#""Branches":[{"StartAt":"A","#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn new(states: impl Into<Chain>) -> Self {
        Branch {
            chain: states.into(),
            comment: None,
            query_language: None,
        }
    }

    /// `Comment`: a human-readable description of the branch or item processor.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let each = map("Each")
    ///     .items_path("$.items")
    ///     .item_processor(Branch::new(pass("Handle")).comment("one item"));
    /// let json = Workflow::builder(each).build()?.to_json();
    /// assert!(json.contains(r#""ItemProcessor":{"Comment":"one item","StartAt":"Handle""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// `QueryLanguage` on the branch or item processor, which some tools write. It is written
    /// as given and changes nothing else: the states inside take their query language from
    /// their own field or the enclosing state's, as without it.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let both = parallel("Both")
    ///     .branch(Branch::new(pass("A")).query_language(QueryLanguage::JsonPath))
    ///     .branch(pass("B"));
    /// let json = Workflow::builder(both).build()?.to_json();
    /// assert!(json.contains(r#"{"QueryLanguage":"JSONPath","StartAt":"A""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn query_language(mut self, language: QueryLanguage) -> Self {
        self.query_language = Some(language);
        self
    }
}

impl<T: Into<Chain>> From<T> for Branch {
    fn from(states: T) -> Self {
        Branch::new(states)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::prelude::*;

    fn value(workflow: impl Into<Chain>) -> serde_json::Value {
        let machine = Workflow::builder(workflow)
            .build()
            .expect("the workflow is valid");
        serde_json::from_str(&machine.to_json()).expect("the output is JSON")
    }

    #[test]
    fn a_branch_writes_its_query_language_and_comment_before_start_at() {
        let both = parallel("Both")
            .branch(
                Branch::new(pass("A"))
                    .comment("first")
                    .query_language(QueryLanguage::JsonPath),
            )
            .branch(pass("B"));
        let machine = Workflow::builder(both).build().expect("valid");
        assert!(machine.to_json().contains(
            r#""Branches":[{"QueryLanguage":"JSONPath","Comment":"first","StartAt":"A","#
        ));
        assert_eq!(
            value(parallel("Both").branch(Branch::new(pass("A")).comment("first")))["States"]["Both"]
                ["Branches"][0],
            json!({"Comment": "first", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})
        );
    }

    #[test]
    fn a_state_or_chain_is_a_branch_without_fields() {
        let plain = value(parallel("P").branch(pass("A").then(pass("B"))));
        let wrapped = value(parallel("P").branch(Branch::new(pass("A").then(pass("B")))));
        assert_eq!(plain, wrapped);
        assert!(plain["States"]["P"]["Branches"][0].get("Comment").is_none());
    }

    #[test]
    fn an_item_processor_writes_its_comment_and_query_language() {
        let each = map("Each").items_path("$.items").item_processor(
            Branch::new(pass("Handle"))
                .comment("per item")
                .query_language(QueryLanguage::Jsonata),
        );
        assert_eq!(
            value(each)["States"]["Each"]["ItemProcessor"],
            json!({
                "Comment": "per item",
                "QueryLanguage": "JSONata",
                "StartAt": "Handle",
                "States": {"Handle": {"Type": "Pass", "End": true}}
            })
        );
    }

    #[test]
    fn every_processor_form_keeps_the_branch_fields() {
        let inline = map("Each").inline(Branch::new(pass("A")).comment("inline"));
        assert_eq!(
            value(inline)["States"]["Each"]["ItemProcessor"]["Comment"],
            "inline"
        );
        let distributed = map("Each").distributed(
            ExecutionType::Standard,
            Branch::new(pass("A")).comment("distributed"),
        );
        assert_eq!(
            value(distributed)["States"]["Each"]["ItemProcessor"]["Comment"],
            "distributed"
        );
        let iterator = map("Each").iterator(Branch::new(pass("A")).comment("legacy"));
        assert_eq!(
            value(iterator)["States"]["Each"]["Iterator"]["Comment"],
            "legacy"
        );
    }

    #[test]
    fn an_empty_branch_with_a_comment_is_still_a_build_error() {
        let both = parallel("Both").branch(Branch::new(Chain::new()).comment("nothing"));
        let error = Workflow::builder(pass("Start").then(both))
            .build()
            .expect_err("an empty branch has no StartAt");
        assert!(error.to_string().contains("branch 0 of `Both`"), "{error}");
    }
}
