//! `Choice` states.

use sfn_asl::{ChoiceRule, ChoiceState, StateName};

use crate::builder::{builder, fields};
use crate::chain::{Chain, Node, Target};
use crate::condition::Rule;
use crate::error::Problem;

/// Starts a `Choice` state called `name`: goes to the target of the first rule that matches,
/// else to the [`Choice::otherwise`] target.
///
/// Targets given by value are laid out after the Choice; their open ends continue with whatever
/// follows the Choice in the chain.
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let route = choice("CheckAmount")
///     .when(path("$.orderAmount").gt(10_000), task("ManagerApproval").resource(lambda("arn:aws:lambda:us-east-1:123456789012:function:Approve")))
///     .otherwise(pass("AutoApproved"));
/// let workflow = Workflow::builder(route.then(succeed("ProcessOrder"))).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"CheckAmount","States":{"CheckAmount":{"Type":"Choice","Choices":[{"Variable":"$.orderAmount","NumericGreaterThan":10000,"Next":"ManagerApproval"}],"Default":"AutoApproved"},"ManagerApproval":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Approve","Next":"ProcessOrder"},"AutoApproved":{"Type":"Pass","Next":"ProcessOrder"},"ProcessOrder":{"Type":"Succeed"}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn choice(name: impl Into<StateName>) -> Choice {
    Choice {
        name: name.into(),
        state: ChoiceState::new(Vec::new()),
        rules: Vec::new(),
        default: None,
        problems: Vec::new(),
    }
}

/// A `Choice` state being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let route = choice("Route").when(path("$.express").eq(true), pass("Express")).otherwise(pass("Standard"));
/// assert_eq!(route.name().as_str(), "Route");
/// ```
#[derive(Clone, Debug)]
pub struct Choice {
    pub(crate) name: StateName,
    pub(crate) state: ChoiceState,
    rules: Vec<(Rule, Target)>,
    default: Option<Target>,
    pub(crate) problems: Vec<Problem>,
}

builder!(Choice, "choice(\"C\").otherwise(pass(\"A\"))");
fields!(Choice, "choice(\"C\")" { comment, query_language, input_path, output_path, output, assign });

impl Choice {
    /// Adds a rule: when `rule` matches ([`Cond`](crate::Cond), [`jsonata`](crate::jsonata) or
    /// a [`Rule`]), go to `target`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("CheckAmount")
    ///     .when(path("$.amount").gt(10_000), pass("ManagerApproval"))
    ///     .otherwise(pass("AutoApprove"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""Choices":[{"Variable":"$.amount","NumericGreaterThan":10000,"Next":"ManagerApproval"}]"#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn when(mut self, rule: impl Into<Rule>, target: impl Into<Target>) -> Self {
        self.rules.push((rule.into(), target.into()));
        self
    }

    /// `Default`: where to go when no rule matches.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("IsGold").when(path("$.tier").eq("gold"), pass("Gold")).otherwise(pass("Regular"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""Default":"Regular""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn otherwise(mut self, target: impl Into<Target>) -> Self {
        self.default = Some(target.into());
        self
    }

    fn into_chain(self) -> Chain {
        let Choice {
            name,
            state,
            rules,
            default,
            mut problems,
        } = self;
        let n_rules = rules.len();
        for (rule, _) in &rules {
            for message in &rule.problems {
                problems.push(Problem::InvalidPayload {
                    state: name.clone(),
                    field: "Choices",
                    message: message.clone(),
                });
            }
        }
        let mut chain = Chain::single(Node::new(name.clone(), state), false, problems);
        let mut choices = Vec::with_capacity(n_rules);
        for (i, (rule, target)) in rules.into_iter().enumerate() {
            let (next, open) = chain.link(target, || format!("rule {i} of `{name}`"));
            chain.open.extend(open);
            choices.push(ChoiceRule {
                condition: rule.condition,
                next,
                assign: rule.assign,
                output: rule.output,
                comment: rule.comment,
            });
        }
        let default = default.map(|target| {
            let (next, open) = chain.link(target, || format!("the `Default` of `{name}`"));
            chain.open.extend(open);
            next
        });
        if let sfn_asl::State::Choice(c) = &mut chain.nodes[0].state {
            c.choices = choices;
            c.default = default;
        }
        chain
    }
}
