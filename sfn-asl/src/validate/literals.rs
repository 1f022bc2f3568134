//! Literal strings with a syntax of their own: RFC 3339 timestamps and `StringMatches`
//! patterns.

use super::languages::Ctx;
use crate::pointer::Loc;
use crate::{Code, Diagnostic};

// AWS (SPEC "Timestamps"; DG `state-wait.html`): a Wait state's `Timestamp` and the operand of
// the `Timestamp…` comparison operators are RFC 3339 timestamps with an uppercase `T` and a
// zone (`Z` or `±hh:mm`). AWS: "String does not match RFC3339 timestamp".
pub(super) fn check_timestamp(ctx: &mut Ctx<'_>, text: &str, at: &Loc<'_>) {
    if !crate::timestamp::is_timestamp(text) {
        ctx.out.push(
            Diagnostic::error(
                Code::InvalidTimestamp,
                at.pointer(),
                format!("String does not match RFC3339 timestamp: `{text}`"),
            )
            .with_help(
                "write it as `2024-01-31T23:59:59Z` or with an offset, `2024-01-31T23:59:59+01:00`",
            ),
        );
    }
}

// SPEC "Choice State" (`StringMatches`): `*` matches any run of characters, `\*` a literal `*`
// and `\\` a literal `\`; an unpaired backslash at the end of the pattern has nothing to escape
// and the comparison can never be evaluated.
pub(super) fn check_string_matches(ctx: &mut Ctx<'_>, pattern: &str, at: &Loc<'_>) {
    let mut escaped = false;
    for c in pattern.chars() {
        escaped = !escaped && c == '\\';
    }
    if escaped {
        ctx.out.push(
            Diagnostic::error(
                Code::InvalidChoiceRule,
                at.pointer(),
                "`StringMatches` pattern ends with an unpaired `\\`",
            )
            .with_help("write `\\\\` for a literal backslash (`\\\\\\\\` in JSON)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{Code, validate_str};

    fn choice(rule: &str) -> String {
        format!(
            r#"{{"StartAt":"C","States":{{"C":{{"Type":"Choice","Choices":[{{"Variable":"$.a",{rule},"Next":"D"}}],"Default":"D"}},"D":{{"Type":"Succeed"}}}}}}"#
        )
    }

    fn errors(text: &str) -> Vec<(Code, String)> {
        validate_str(text)
            .errors()
            .map(|d| (d.code, d.pointer.to_string()))
            .collect()
    }

    #[test]
    fn timestamp_operands_must_be_rfc3339() {
        assert!(errors(&choice(r#""TimestampEquals":"2016-03-14T01:59:00Z""#)).is_empty());
        assert_eq!(
            errors(&choice(r#""TimestampLessThan":"2016-03-14""#)),
            [(
                Code::InvalidTimestamp,
                "/States/C/Choices/0/TimestampLessThan".to_owned()
            )]
        );
    }

    #[test]
    fn wait_timestamp_must_be_rfc3339() {
        let text = r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-03-14 01:59:00","End":true}}}"#;
        let d = validate_str(text);
        let e = d.errors().next().unwrap();
        assert_eq!(
            (e.code, e.pointer.as_str()),
            (Code::InvalidTimestamp, "/States/W/Timestamp")
        );
        assert!(
            e.message
                .starts_with("String does not match RFC3339 timestamp")
        );
    }

    #[test]
    fn jsonata_wait_timestamp_may_be_an_expression() {
        let text = r#"{"QueryLanguage":"JSONata","StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"{% $states.input.t %}","End":true}}}"#;
        assert!(errors(text).is_empty());
    }

    #[test]
    fn string_matches_rejects_a_trailing_backslash() {
        assert_eq!(
            errors(&choice(r#""StringMatches":"log-*\\""#)),
            [(
                Code::InvalidChoiceRule,
                "/States/C/Choices/0/StringMatches".to_owned()
            )]
        );
        assert!(errors(&choice(r#""StringMatches":"log-\\*\\\\""#)).is_empty());
    }
}
