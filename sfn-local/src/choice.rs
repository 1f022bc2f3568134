//! Choice rules: AWS's comparison semantics (UTF-16 string order, `StringMatches` wildcards,
//! RFC 3339 instants, type mismatches that are simply false).

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::Value;
use sfn_asl::{BoolExpr, ComparisonOperator as Op};

use crate::clock::Instant;
use crate::execution::Failure;

/// A JSONPath Choice rule compiled once per machine: its paths prepared by the caller (`P`),
/// its literal operand built, so evaluating it allocates nothing for the rule itself.
#[derive(Debug)]
pub(crate) enum Rule<P> {
    /// `Variable` compared by `operator`.
    Compare {
        /// `Variable`: the path as written and prepared.
        variable: (String, P),
        /// The operator (for [`test`]).
        operator: Op,
        /// The literal operand, or the `…Path` operand's path.
        operand: Operand<P>,
    },
    /// `And`.
    And(Vec<Rule<P>>),
    /// `Or`.
    Or(Vec<Rule<P>>),
    /// `Not`.
    Not(Box<Rule<P>>),
}

/// The right-hand side of a comparison.
#[derive(Debug)]
pub(crate) enum Operand<P> {
    /// A literal, already a `Value`.
    Literal(Value),
    /// A `…Path` operand: the path as written and prepared.
    Path(String, P),
}

/// A path lookup: the value a prepared path selects, `None` when it selects nothing.
pub(crate) type Lookup<'l, 'v, P> = dyn FnMut(&P) -> Result<Option<Cow<'v, Value>>, Failure> + 'l;

impl<P> Rule<P> {
    /// Compiles `expr`, preparing each path with `prepare`.
    pub(crate) fn compile(expr: &BoolExpr, prepare: &mut impl FnMut(&str) -> P) -> Self {
        match expr {
            BoolExpr::Compare(c) => Rule::Compare {
                variable: (c.variable.clone(), prepare(&c.variable)),
                operator: c.operator.clone(),
                operand: match c.operator.operand_path() {
                    Some(path) => {
                        let prepared = prepare(&path);
                        Operand::Path(path, prepared)
                    }
                    None => Operand::Literal(c.operator.operand()),
                },
            },
            BoolExpr::And(rules) => {
                Rule::And(rules.iter().map(|r| Rule::compile(r, prepare)).collect())
            }
            BoolExpr::Or(rules) => {
                Rule::Or(rules.iter().map(|r| Rule::compile(r, prepare)).collect())
            }
            BoolExpr::Not(rule) => Rule::Not(Box::new(Rule::compile(rule, prepare))),
        }
    }

    /// Evaluates the rule; `lookup` resolves a prepared path (`Variable` or a `…Path` operand).
    pub(crate) fn evaluate<'v>(&self, lookup: &mut Lookup<'_, 'v, P>) -> Result<bool, Failure> {
        match self {
            Rule::Compare {
                variable,
                operator,
                operand,
            } => {
                let value = lookup(&variable.1)?;
                if let Op::IsPresent(expected) = operator {
                    return Ok(value.is_some() == *expected);
                }
                let value = value.ok_or_else(|| invalid_path(&variable.0))?;
                let operand = match operand {
                    Operand::Path(text, path) => lookup(path)?.ok_or_else(|| invalid_path(text))?,
                    Operand::Literal(literal) => Cow::Borrowed(literal),
                };
                Ok(test(operator, &value, &operand))
            }
            Rule::And(rules) => {
                for rule in rules {
                    if !rule.evaluate(lookup)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Rule::Or(rules) => {
                for rule in rules {
                    if rule.evaluate(lookup)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Rule::Not(rule) => Ok(!rule.evaluate(lookup)?),
        }
    }
}

fn invalid_path(path: &str) -> Failure {
    Failure::runtime(format!(
        "Invalid path '{path}': The choice state's condition path references an invalid value."
    ))
}

/// Applies one operator to the variable's value and the operand (already resolved for the
/// `…Path` forms).
fn test(op: &Op, value: &Value, operand: &Value) -> bool {
    use Op::*;
    match op {
        StringEquals(_) | StringEqualsPath(_) => {
            string_order(value, operand) == Some(Ordering::Equal)
        }
        StringLessThan(_) | StringLessThanPath(_) => {
            string_order(value, operand) == Some(Ordering::Less)
        }
        StringGreaterThan(_) | StringGreaterThanPath(_) => {
            string_order(value, operand) == Some(Ordering::Greater)
        }
        StringLessThanEquals(_) | StringLessThanEqualsPath(_) => {
            matches!(
                string_order(value, operand),
                Some(Ordering::Less | Ordering::Equal)
            )
        }
        StringGreaterThanEquals(_) | StringGreaterThanEqualsPath(_) => {
            matches!(
                string_order(value, operand),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        StringMatches(pattern) => value.as_str().is_some_and(|s| string_matches(s, pattern)),
        NumericEquals(_) | NumericEqualsPath(_) => {
            numeric_order(value, operand) == Some(Ordering::Equal)
        }
        NumericLessThan(_) | NumericLessThanPath(_) => {
            numeric_order(value, operand) == Some(Ordering::Less)
        }
        NumericGreaterThan(_) | NumericGreaterThanPath(_) => {
            numeric_order(value, operand) == Some(Ordering::Greater)
        }
        NumericLessThanEquals(_) | NumericLessThanEqualsPath(_) => {
            matches!(
                numeric_order(value, operand),
                Some(Ordering::Less | Ordering::Equal)
            )
        }
        NumericGreaterThanEquals(_) | NumericGreaterThanEqualsPath(_) => {
            matches!(
                numeric_order(value, operand),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        BooleanEquals(_) | BooleanEqualsPath(_) => {
            matches!((value, operand), (Value::Bool(a), Value::Bool(b)) if a == b)
        }
        TimestampEquals(_) | TimestampEqualsPath(_) => {
            timestamp_order(value, operand) == Some(Ordering::Equal)
        }
        TimestampLessThan(_) | TimestampLessThanPath(_) => {
            timestamp_order(value, operand) == Some(Ordering::Less)
        }
        TimestampGreaterThan(_) | TimestampGreaterThanPath(_) => {
            timestamp_order(value, operand) == Some(Ordering::Greater)
        }
        TimestampLessThanEquals(_) | TimestampLessThanEqualsPath(_) => {
            matches!(
                timestamp_order(value, operand),
                Some(Ordering::Less | Ordering::Equal)
            )
        }
        TimestampGreaterThanEquals(_) | TimestampGreaterThanEqualsPath(_) => {
            matches!(
                timestamp_order(value, operand),
                Some(Ordering::Greater | Ordering::Equal)
            )
        }
        IsNull(expected) => value.is_null() == *expected,
        IsPresent(expected) => *expected,
        IsNumeric(expected) => value.is_number() == *expected,
        IsString(expected) => value.is_string() == *expected,
        IsBoolean(expected) => value.is_boolean() == *expected,
        IsTimestamp(expected) => {
            value.as_str().and_then(Instant::parse_rfc3339).is_some() == *expected
        }
    }
}

/// Java's `String.compareTo`: lexicographic by UTF-16 code unit.
pub(crate) fn utf16_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

fn string_order(a: &Value, b: &Value) -> Option<Ordering> {
    Some(utf16_cmp(a.as_str()?, b.as_str()?))
}

fn numeric_order(a: &Value, b: &Value) -> Option<Ordering> {
    let (a, b) = (a.as_number()?, b.as_number()?);
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x.cmp(&y));
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

fn timestamp_order(a: &Value, b: &Value) -> Option<Ordering> {
    let a = Instant::parse_rfc3339(a.as_str()?)?;
    let b = Instant::parse_rfc3339(b.as_str()?)?;
    Some(a.cmp(&b))
}

/// `StringMatches`: `*` matches any run of characters (none included), `\*` a literal `*` and
/// `\\` a literal `\`; nothing else is special.
pub(crate) fn string_matches(text: &str, pattern: &str) -> bool {
    #[derive(PartialEq)]
    enum Token {
        Star,
        Char(char),
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => tokens.push(Token::Star),
            '\\' => match chars.next() {
                Some(escaped) => tokens.push(Token::Char(escaped)),
                None => tokens.push(Token::Char('\\')),
            },
            other => tokens.push(Token::Char(other)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Greedy matching with backtracking to the last star: linear in practice.
    let (mut t, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if *c == text[t] => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    tokens[p..].iter().all(|t| *t == Token::Star)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn eval(rule: Value, input: Value) -> Result<bool, Failure> {
        let mut rule = rule.as_object().unwrap().clone();
        rule.insert("Next".into(), json!("X"));
        let machine = json!({"StartAt": "C", "States": {
            "C": {"Type": "Choice", "Choices": [Value::Object(rule)]}, "X": {"Type": "Succeed"}}});
        let machine = sfn_asl::parse(&machine.to_string()).unwrap();
        let sfn_asl::State::Choice(c) = &machine.states["C"] else {
            unreachable!()
        };
        let sfn_asl::Condition::JsonPath(expr) = &c.choices[0].condition else {
            unreachable!()
        };
        let rule = Rule::compile(expr, &mut str::to_owned);
        let mut lookup = |path: &String| -> Result<Option<Cow<'_, Value>>, Failure> {
            let key = path.trim_start_matches("$.");
            Ok(input.get(key).map(Cow::Borrowed))
        };
        rule.evaluate(&mut lookup)
    }

    #[test]
    fn strings_order_by_utf16_code_units() {
        // U+FF61 is above the surrogates U+D800.. used by U+1F600 in UTF-16, unlike in UTF-8.
        assert_eq!(utf16_cmp("\u{FF61}", "\u{1F600}"), Ordering::Greater);
        assert!(
            eval(
                json!({"Variable": "$.a", "StringGreaterThan": "\u{1F600}"}),
                json!({"a": "\u{FF61}"})
            )
            .unwrap()
        );
    }

    #[test]
    fn string_matches_knows_only_the_star() {
        assert!(string_matches("log-2024.txt", "log-*.txt"));
        assert!(string_matches("", "*"));
        assert!(string_matches("a*b", "a\\*b"));
        assert!(!string_matches("axb", "a\\*b"));
        assert!(string_matches("a\\b", "a\\\\b"));
        assert!(!string_matches("ab", "a?"));
        assert!(string_matches("a?", "a?"));
        assert!(string_matches("aXbYc", "a*b*c"));
        assert!(!string_matches("aXbY", "a*b*c"));
    }

    #[test]
    fn type_mismatch_is_false_not_an_error() {
        assert!(
            !eval(
                json!({"Variable": "$.a", "NumericEquals": 1}),
                json!({"a": "1"})
            )
            .unwrap()
        );
        assert!(
            !eval(
                json!({"Variable": "$.a", "StringEquals": "1"}),
                json!({"a": 1})
            )
            .unwrap()
        );
    }

    #[test]
    fn numbers_compare_across_integer_and_float() {
        assert!(
            eval(
                json!({"Variable": "$.a", "NumericEquals": 1}),
                json!({"a": 1.0})
            )
            .unwrap()
        );
        assert!(
            eval(
                json!({"Variable": "$.a", "NumericGreaterThan": 100}),
                json!({"a": 150})
            )
            .unwrap()
        );
    }

    #[test]
    fn missing_variable_fails_except_for_is_present() {
        assert!(!eval(json!({"Variable": "$.a", "IsPresent": true}), json!({})).unwrap());
        let e = eval(json!({"Variable": "$.a", "IsNull": true}), json!({})).unwrap_err();
        assert_eq!(e.error, "States.Runtime");
    }

    #[test]
    fn is_present_holds_for_null() {
        assert!(
            eval(
                json!({"Variable": "$.a", "IsPresent": true}),
                json!({"a": null})
            )
            .unwrap()
        );
        assert!(
            eval(
                json!({"Variable": "$.a", "IsNull": true}),
                json!({"a": null})
            )
            .unwrap()
        );
    }

    #[test]
    fn timestamps_compare_as_instants() {
        let rule = json!({"Variable": "$.t", "TimestampEquals": "2012-10-09T18:00:55Z"});
        assert!(eval(rule, json!({"t": "2012-10-09T19:00:55+01:00"})).unwrap());
        let rule = json!({"Variable": "$.t", "IsTimestamp": true});
        assert!(!eval(rule, json!({"t": "2012-10-09T19:00:55"})).unwrap());
    }

    #[test]
    fn path_operands_compare_two_fields() {
        let rule = json!({"Variable": "$.a", "NumericLessThanPath": "$.b"});
        assert!(eval(rule, json!({"a": 1, "b": 2})).unwrap());
    }

    #[test]
    fn boolean_rules_combine() {
        let rule = json!({"And": [
            {"Variable": "$.a", "BooleanEquals": true},
            {"Not": {"Variable": "$.b", "IsPresent": true}}
        ]});
        assert!(eval(rule, json!({"a": true})).unwrap());
    }
}
