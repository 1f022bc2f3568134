//! Typed Choice conditions: `path("$.amount").gt(10_000)`, `and(..)`, `or(..)`, `not(..)`.

use serde_json::{Map, Number, Value};
use sfn_asl::{BoolExpr, ComparisonOperator as Op, Condition};

use crate::payload::Jsonata;

/// The value a JSONPath condition tests: a path (`$.x`), a context path (`$$.Execution.Id`) or
/// a variable (`$total`).
///
/// ```
/// use sfn_dsl::prelude::*;
/// let big = path("$.orderAmount").gt(10_000);
/// let rule: sfn_asl::BoolExpr = big.clone().into();
/// assert_eq!(
///     serde_json::to_string(&rule).unwrap(),
///     r#"{"Variable":"$.orderAmount","NumericGreaterThan":10000}"#
/// );
/// let vip = and([path("$.tier").eq("gold"), path("$.since").timestamp_lt("2020-01-01T00:00:00Z")]);
/// let rule: sfn_asl::BoolExpr = vip.into();
/// assert_eq!(
///     serde_json::to_string(&rule).unwrap(),
///     r#"{"And":[{"Variable":"$.tier","StringEquals":"gold"},{"Variable":"$.since","TimestampLessThan":"2020-01-01T00:00:00Z"}]}"#
/// );
/// ```
pub fn path(variable: impl Into<String>) -> Var {
    Var(variable.into())
}

/// A path under test; each method makes a [`Cond`].
///
/// ```
/// let amount = sfn_dsl::path("$.amount");
/// assert_eq!(amount.as_str(), "$.amount");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Var(String);

/// A JSONPath Choice condition: a comparison, or `And`/`Or`/`Not` of conditions.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let big_gold: Cond = path("$.amount").gt(1000).and(path("$.tier").eq("gold"));
/// # let _ = big_gold;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Cond {
    pub(crate) expr: BoolExpr,
    pub(crate) problems: Vec<String>,
}

/// A value `eq` can compare with: strings, numbers and booleans.
///
/// ```
/// use sfn_dsl::prelude::*;
/// // Strings, numbers and booleans pick their `…Equals` operator.
/// let (s, n, b) = (path("$.a").eq("x"), path("$.a").eq(1), path("$.a").eq(true));
/// # let _ = (s, n, b);
/// ```
pub trait Equatable {
    /// The `…Equals` operator for this value.
    fn equals(self) -> Result<Op, String>;
}

/// A value `lt`/`le`/`gt`/`ge` can order against: strings and numbers.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let (s, n) = (path("$.name").lt("m"), path("$.n").ge(2.5));
/// # let _ = (s, n);
/// ```
pub trait Ordered {
    /// The operator of `ordering` for this value.
    fn ordered(self, ordering: Ordering) -> Result<Op, String>;
}

/// Which order test [`Ordered::ordered`] builds.
///
/// ```
/// use sfn_dsl::{Ordered, Ordering};
/// assert!(10u32.ordered(Ordering::Gt).is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ordering {
    /// `…LessThan`.
    Lt,
    /// `…LessThanEquals`.
    Le,
    /// `…GreaterThan`.
    Gt,
    /// `…GreaterThanEquals`.
    Ge,
}

impl Equatable for &str {
    fn equals(self) -> Result<Op, String> {
        Ok(Op::StringEquals(self.to_owned()))
    }
}

impl Equatable for String {
    fn equals(self) -> Result<Op, String> {
        Ok(Op::StringEquals(self))
    }
}

impl Equatable for bool {
    fn equals(self) -> Result<Op, String> {
        Ok(Op::BooleanEquals(self))
    }
}

impl Ordered for &str {
    fn ordered(self, ordering: Ordering) -> Result<Op, String> {
        self.to_owned().ordered(ordering)
    }
}

impl Ordered for String {
    fn ordered(self, ordering: Ordering) -> Result<Op, String> {
        Ok(match ordering {
            Ordering::Lt => Op::StringLessThan(self),
            Ordering::Le => Op::StringLessThanEquals(self),
            Ordering::Gt => Op::StringGreaterThan(self),
            Ordering::Ge => Op::StringGreaterThanEquals(self),
        })
    }
}

fn numeric_ordered(n: Number, ordering: Ordering) -> Op {
    match ordering {
        Ordering::Lt => Op::NumericLessThan(n),
        Ordering::Le => Op::NumericLessThanEquals(n),
        Ordering::Gt => Op::NumericGreaterThan(n),
        Ordering::Ge => Op::NumericGreaterThanEquals(n),
    }
}

macro_rules! numeric {
    ($($t:ty),*) => {$(
        impl Equatable for $t {
            fn equals(self) -> Result<Op, String> {
                Ok(Op::NumericEquals(Number::from(self)))
            }
        }
        impl Ordered for $t {
            fn ordered(self, ordering: Ordering) -> Result<Op, String> {
                Ok(numeric_ordered(Number::from(self), ordering))
            }
        }
    )*};
}
numeric!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

fn float(n: f64) -> Result<Number, String> {
    Number::from_f64(n).ok_or_else(|| format!("{n} is not a JSON number"))
}

impl Equatable for f64 {
    fn equals(self) -> Result<Op, String> {
        float(self).map(Op::NumericEquals)
    }
}

impl Ordered for f64 {
    fn ordered(self, ordering: Ordering) -> Result<Op, String> {
        float(self).map(|n| numeric_ordered(n, ordering))
    }
}

impl Var {
    /// The path as written.
    ///
    /// ```
    /// assert_eq!(sfn_dsl::path("$.amount").as_str(), "$.amount");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Tests the value with any ASL comparison operator (every one of the 39 is reachable
    /// this way; the methods below are shorthands).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.x").test(sfn_asl::ComparisonOperator::StringEquals("a".into())), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringEquals":"a""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn test(self, operator: Op) -> Cond {
        Cond {
            expr: BoolExpr::compare(self.0, operator),
            problems: Vec::new(),
        }
    }

    fn try_test(self, operator: Result<Op, String>) -> Cond {
        match operator {
            Ok(op) => self.test(op),
            Err(problem) => Cond {
                expr: BoolExpr::compare(self.0, Op::IsPresent(true)),
                problems: vec![problem],
            },
        }
    }

    /// `StringEquals`, `NumericEquals` or `BooleanEquals`, by the value's type.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.tier").eq("gold"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#"{"Variable":"$.tier","StringEquals":"gold","Next":"Yes"}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn eq(self, value: impl Equatable) -> Cond {
        self.try_test(value.equals())
    }

    /// `…LessThan` (strings or numbers).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.n").lt(10), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericLessThan":10"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn lt(self, value: impl Ordered) -> Cond {
        self.try_test(value.ordered(Ordering::Lt))
    }

    /// `…LessThanEquals` (strings or numbers).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.name").le("m"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringLessThanEquals":"m""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn le(self, value: impl Ordered) -> Cond {
        self.try_test(value.ordered(Ordering::Le))
    }

    /// `…GreaterThan` (strings or numbers).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.n").gt(10), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericGreaterThan":10"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn gt(self, value: impl Ordered) -> Cond {
        self.try_test(value.ordered(Ordering::Gt))
    }

    /// `…GreaterThanEquals` (strings or numbers).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.score").ge(0.5), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericGreaterThanEquals":0.5"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn ge(self, value: impl Ordered) -> Cond {
        self.try_test(value.ordered(Ordering::Ge))
    }

    /// `StringMatches`: `*` matches any run of characters (`\*` a literal star).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.file").matches("*.pdf"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringMatches":"*.pdf""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn matches(self, pattern: impl Into<String>) -> Cond {
        self.test(Op::StringMatches(pattern.into()))
    }

    /// `TimestampEquals` (RFC 3339).
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.at").timestamp_eq("2026-01-01T00:00:00Z"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampEquals":"2026-01-01T00:00:00Z""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_eq(self, t: impl Into<String>) -> Cond {
        self.test(Op::TimestampEquals(t.into()))
    }

    /// `TimestampLessThan`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.at").timestamp_lt("2026-01-01T00:00:00Z"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampLessThan":"2026-01-01T00:00:00Z""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_lt(self, t: impl Into<String>) -> Cond {
        self.test(Op::TimestampLessThan(t.into()))
    }

    /// `TimestampLessThanEquals`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.at").timestamp_le("2026-01-01T00:00:00Z"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampLessThanEquals":"2026-01-01T00:00:00Z""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_le(self, t: impl Into<String>) -> Cond {
        self.test(Op::TimestampLessThanEquals(t.into()))
    }

    /// `TimestampGreaterThan`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.at").timestamp_gt("2026-01-01T00:00:00Z"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampGreaterThan":"2026-01-01T00:00:00Z""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_gt(self, t: impl Into<String>) -> Cond {
        self.test(Op::TimestampGreaterThan(t.into()))
    }

    /// `TimestampGreaterThanEquals`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.at").timestamp_ge("2026-01-01T00:00:00Z"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampGreaterThanEquals":"2026-01-01T00:00:00Z""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_ge(self, t: impl Into<String>) -> Cond {
        self.test(Op::TimestampGreaterThanEquals(t.into()))
    }

    /// `IsPresent: true`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.coupon").is_present(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""IsPresent":true"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn is_present(self) -> Cond {
        self.test(Op::IsPresent(true))
    }

    /// `IsPresent: false`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.coupon").is_absent(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""IsPresent":false"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn is_absent(self) -> Cond {
        self.test(Op::IsPresent(false))
    }

    /// `IsNull: true`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.coupon").is_null(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""IsNull":true"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn is_null(self) -> Cond {
        self.test(Op::IsNull(true))
    }

    /// `IsNumeric: true`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.n").is_numeric(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""IsNumeric":true"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn is_numeric(self) -> Cond {
        self.test(Op::IsNumeric(true))
    }

    /// `IsString: true`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.s").is_string(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""IsString":true"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn is_string(self) -> Cond {
        self.test(Op::IsString(true))
    }

    /// `IsBoolean: true`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.b").is_boolean(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""IsBoolean":true"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn is_boolean(self) -> Cond {
        self.test(Op::IsBoolean(true))
    }

    /// `IsTimestamp: true`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.t").is_timestamp(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""IsTimestamp":true"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn is_timestamp(self) -> Cond {
        self.test(Op::IsTimestamp(true))
    }

    /// `StringEqualsPath`: equal to the string at another path.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").string_eq_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn string_eq_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::StringEqualsPath(other.into()))
    }

    /// `StringLessThanPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").string_lt_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringLessThanPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn string_lt_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::StringLessThanPath(other.into()))
    }

    /// `StringLessThanEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").string_le_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringLessThanEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn string_le_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::StringLessThanEqualsPath(other.into()))
    }

    /// `StringGreaterThanPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").string_gt_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringGreaterThanPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn string_gt_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::StringGreaterThanPath(other.into()))
    }

    /// `StringGreaterThanEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").string_ge_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""StringGreaterThanEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn string_ge_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::StringGreaterThanEqualsPath(other.into()))
    }

    /// `NumericEqualsPath`: equal to the number at another path.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").numeric_eq_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn numeric_eq_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::NumericEqualsPath(other.into()))
    }

    /// `NumericLessThanPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").numeric_lt_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericLessThanPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn numeric_lt_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::NumericLessThanPath(other.into()))
    }

    /// `NumericLessThanEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").numeric_le_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericLessThanEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn numeric_le_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::NumericLessThanEqualsPath(other.into()))
    }

    /// `NumericGreaterThanPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").numeric_gt_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericGreaterThanPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn numeric_gt_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::NumericGreaterThanPath(other.into()))
    }

    /// `NumericGreaterThanEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").numeric_ge_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""NumericGreaterThanEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn numeric_ge_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::NumericGreaterThanEqualsPath(other.into()))
    }

    /// `BooleanEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").boolean_eq_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""BooleanEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn boolean_eq_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::BooleanEqualsPath(other.into()))
    }

    /// `TimestampEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").timestamp_eq_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_eq_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::TimestampEqualsPath(other.into()))
    }

    /// `TimestampLessThanPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").timestamp_lt_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampLessThanPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_lt_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::TimestampLessThanPath(other.into()))
    }

    /// `TimestampLessThanEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").timestamp_le_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampLessThanEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_le_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::TimestampLessThanEqualsPath(other.into()))
    }

    /// `TimestampGreaterThanPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").timestamp_gt_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampGreaterThanPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_gt_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::TimestampGreaterThanPath(other.into()))
    }

    /// `TimestampGreaterThanEqualsPath`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").timestamp_ge_path("$.b"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""TimestampGreaterThanEqualsPath":"$.b""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn timestamp_ge_path(self, other: impl Into<String>) -> Cond {
        self.test(Op::TimestampGreaterThanEqualsPath(other.into()))
    }
}

fn combine(conds: impl IntoIterator<Item = Cond>, make: fn(Vec<BoolExpr>) -> BoolExpr) -> Cond {
    let mut exprs = Vec::new();
    let mut problems = Vec::new();
    for c in conds {
        exprs.push(c.expr);
        problems.extend(c.problems);
    }
    Cond {
        expr: make(exprs),
        problems,
    }
}

/// `And`: every condition holds.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let check = choice("Check").when(and([path("$.a").is_present(), path("$.b").is_present()]), succeed("Yes")).otherwise(succeed("No"));
/// let json = Workflow::builder(check).build()?.to_json();
/// assert!(json.contains(r#""And":[{"Variable":"$.a","IsPresent":true},{"Variable":"$.b","IsPresent":true}]"#), "{json}");
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn and(conds: impl IntoIterator<Item = Cond>) -> Cond {
    combine(conds, BoolExpr::And)
}

/// `Or`: some condition holds.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let check = choice("Check").when(or([path("$.a").eq(1), path("$.a").eq(2)]), succeed("Yes")).otherwise(succeed("No"));
/// let json = Workflow::builder(check).build()?.to_json();
/// assert!(json.contains(r#""Or":[{"Variable":"$.a","NumericEquals":1},{"Variable":"$.a","NumericEquals":2}]"#), "{json}");
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn or(conds: impl IntoIterator<Item = Cond>) -> Cond {
    combine(conds, BoolExpr::Or)
}

/// `Not`: the condition does not hold.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let check = choice("Check").when(not(path("$.a").is_null()), succeed("Yes")).otherwise(succeed("No"));
/// let json = Workflow::builder(check).build()?.to_json();
/// assert!(json.contains(r#""Not":{"Variable":"$.a","IsNull":true}"#), "{json}");
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
pub fn not(cond: Cond) -> Cond {
    Cond {
        expr: BoolExpr::Not(Box::new(cond.expr)),
        problems: cond.problems,
    }
}

impl Cond {
    /// `And` of this condition and `other`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").gt(1).and(path("$.a").lt(9)), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""And":["#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn and(self, other: Cond) -> Cond {
        and([self, other])
    }

    /// `Or` of this condition and `other`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(path("$.a").lt(1).or(path("$.a").gt(9)), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""Or":["#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn or(self, other: Cond) -> Cond {
        or([self, other])
    }
}

impl From<Cond> for BoolExpr {
    fn from(cond: Cond) -> Self {
        cond.expr
    }
}

/// One rule of a Choice: a condition (JSONPath [`Cond`] or JSONata [`jsonata`](crate::jsonata)),
/// plus what the rule sets when it matches.
///
/// ```
/// use sfn_dsl::prelude::*;
/// let rule = Rule::new(jsonata("$states.input.total > 100"))
///     .assign("tier", "big")
///     .output(serde_json::json!({"total": "{% $states.input.total %}"}));
/// let flow = choice("Route").query_language(QueryLanguage::Jsonata)
///     .when(rule, succeed("Big"))
///     .otherwise(succeed("Small"));
/// let wf = Workflow::builder(flow).build()?;
/// assert!(wf.to_json().contains(
///     r#"{"Condition":"{% $states.input.total > 100 %}","Output":{"total":"{% $states.input.total %}"},"Assign":{"tier":"big"},"Next":"Big"}"#
/// ));
/// # Ok::<(), sfn_dsl::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub(crate) condition: Condition,
    pub(crate) assign: Option<Map<String, Value>>,
    pub(crate) output: Option<Value>,
    pub(crate) comment: Option<String>,
    pub(crate) problems: Vec<String>,
}

impl Rule {
    /// A rule testing `condition`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(Rule::new(path("$.vip").eq(true)), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""BooleanEquals":true"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn new(condition: impl Into<Rule>) -> Self {
        condition.into()
    }

    /// `Assign`: sets variable `name` when the rule matches.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(Rule::new(path("$.vip").eq(true)).assign("discount", 10), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""Assign":{"discount":10}"#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn assign(mut self, name: impl Into<String>, value: impl serde::Serialize) -> Self {
        match crate::payload::to_value(value) {
            Ok(v) => {
                self.assign
                    .get_or_insert_with(Map::new)
                    .insert(name.into(), v);
            }
            Err(e) => self.problems.push(e),
        }
        self
    }

    /// `"Assign": {}`: an `Assign` that sets no variable. AWS accepts it and it changes nothing
    /// when the rule matches; it exists for a faithful round trip, so a definition that has one
    /// (say, from `sfn import`) is rebuilt as it was. Variables set with [`Rule::assign`] are
    /// kept.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(Rule::new(path("$.vip").eq(true)).assign_empty(), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""Assign":{},"Next":"Yes""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn assign_empty(mut self) -> Self {
        self.assign.get_or_insert_with(Map::new);
        self
    }

    /// `Output` (JSONata): the state's output when the rule matches.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let rule = Rule::new(jsonata("$states.input.vip")).output(jsonata("$states.input.order"));
    /// let check = choice("Check").when(rule, succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).query_language(QueryLanguage::Jsonata).build()?.to_json();
    /// assert!(json.contains(r#""Output":"{% $states.input.order %}""#));
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn output(mut self, output: impl serde::Serialize) -> Self {
        match crate::payload::to_value(output) {
            Ok(v) => self.output = Some(v),
            Err(e) => self.problems.push(e),
        }
        self
    }

    /// `Comment`.
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    /// let check = choice("Check").when(Rule::new(path("$.vip").eq(true)).comment("VIPs skip the queue"), succeed("Yes")).otherwise(succeed("No"));
    /// let json = Workflow::builder(check).build()?.to_json();
    /// assert!(json.contains(r#""Comment":"VIPs skip the queue""#), "{json}");
    /// # Ok::<(), sfn_dsl::BuildError>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }
}

impl From<Cond> for Rule {
    fn from(cond: Cond) -> Self {
        Rule {
            condition: Condition::JsonPath(cond.expr),
            assign: None,
            output: None,
            comment: None,
            problems: cond.problems,
        }
    }
}

impl From<Jsonata> for Rule {
    fn from(expr: Jsonata) -> Self {
        Rule {
            condition: Condition::Jsonata(expr.into()),
            assign: None,
            output: None,
            comment: None,
            problems: Vec::new(),
        }
    }
}

impl From<bool> for Rule {
    /// A JSONata rule with a constant `Condition`.
    fn from(value: bool) -> Self {
        Rule {
            condition: Condition::Jsonata(sfn_asl::Expr::Literal(value)),
            assign: None,
            output: None,
            comment: None,
            problems: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eq_picks_the_operator_by_type() {
        assert_eq!(
            path("$.a").eq("x").expr,
            BoolExpr::compare("$.a", Op::StringEquals("x".into()))
        );
        assert_eq!(
            path("$.a").eq(3).expr,
            BoolExpr::compare("$.a", Op::NumericEquals(3.into()))
        );
        assert_eq!(
            path("$.a").eq(true).expr,
            BoolExpr::compare("$.a", Op::BooleanEquals(true))
        );
    }

    #[test]
    fn a_rule_assign_empty_writes_an_empty_object() {
        let rule = Rule::new(path("$.vip").eq(true)).assign_empty();
        let check = crate::choice("Check")
            .when(rule, crate::succeed("Yes"))
            .otherwise(crate::succeed("No"));
        let machine = crate::Workflow::builder(check).build().expect("valid");
        let value: Value = serde_json::from_str(&machine.to_json()).expect("JSON");
        assert_eq!(
            value["States"]["Check"]["Choices"][0],
            serde_json::json!({"Variable": "$.vip", "BooleanEquals": true, "Assign": {}, "Next": "Yes"})
        );
    }

    #[test]
    fn nan_is_a_problem_not_a_panic() {
        assert_eq!(
            path("$.a").gt(f64::NAN).problems,
            ["NaN is not a JSON number"]
        );
    }
}
