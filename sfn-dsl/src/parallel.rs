//! `Parallel` states.

use sfn_asl::{ParallelState, StateName};

use crate::branch::Branch;
use crate::builder::{Link, builder, fields, transition};
use crate::chain::{Chain, Node};
use crate::error::Problem;
use crate::retry::Catch;

/// Starts a `Parallel` state called `name`; add each branch with [`Parallel::branch`].
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// let notify = parallel("Notify")
///     .branch(pass("Email").result("email-sent"))
///     .branch(pass("Sms").result("sms-sent"))
///     .result_path("$.notifications");
/// let workflow = Workflow::builder(notify).build()?;
/// assert_eq!(
///     workflow.to_json(),
///     r#"{"StartAt":"Notify","States":{"Notify":{"Type":"Parallel","Branches":[{"StartAt":"Email","States":{"Email":{"Type":"Pass","Result":"email-sent","End":true}}},{"StartAt":"Sms","States":{"Sms":{"Type":"Pass","Result":"sms-sent","End":true}}}],"ResultPath":"$.notifications","End":true}}}"#
/// );
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn parallel(name: impl Into<StateName>) -> Parallel {
    Parallel {
        name: name.into(),
        state: ParallelState::new(Vec::new(), sfn_asl::Transition::End),
        branches: Vec::new(),
        next: None,
        catch: Vec::new(),
        problems: Vec::new(),
    }
}

/// A `Parallel` state being built.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let both: sfn_dsl::Parallel = parallel("Both").branch(pass("A")).branch(pass("B"));
/// assert_eq!(both.name().as_str(), "Both");
/// ```
#[derive(Clone, Debug)]
pub struct Parallel {
    pub(crate) name: StateName,
    pub(crate) state: ParallelState,
    branches: Vec<Branch>,
    pub(crate) next: Option<Link>,
    pub(crate) catch: Vec<Catch>,
    pub(crate) problems: Vec<Problem>,
}

builder!(Parallel, "parallel(\"P\").branch(pass(\"A\"))");
fields!(Parallel, "parallel(\"P\").branch(pass(\"A\"))" {
    comment, query_language, input_path, parameters, arguments, result_selector, result_path,
    output_path, output, assign, retry, catch, next,
});

impl Parallel {
    /// Adds a branch: a state or chain run on the state's input, in its own scope (no
    /// transition enters or leaves it; its open ends end the branch). A [`Branch`] gives the
    /// branch its own `Comment` or `QueryLanguage`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let notify = parallel("Notify")
    ///     .branch(pass("Email"))
    ///     .branch(pass("Sms").then(pass("LogSms")));
    /// let workflow = Workflow::builder(notify).build()?;
    /// assert!(workflow.to_json().contains(r#""Branches":[{"StartAt":"Email","#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn branch(mut self, branch: impl Into<Branch>) -> Self {
        self.branches.push(branch.into());
        self
    }

    fn into_chain(self) -> Chain {
        let Parallel {
            name,
            mut state,
            branches,
            next,
            catch,
            mut problems,
        } = self;
        if branches.is_empty() {
            problems.push(Problem::MissingField {
                state: name.clone(),
                field: "Branches",
            });
        }
        let (t, open) = transition(next);
        state.transition = t;
        let mut node = Node::new(name, state);
        node.scopes = branches;
        let mut chain = Chain::single(node, open, problems);
        crate::chain::add_catches(&mut chain, catch);
        chain
    }
}
