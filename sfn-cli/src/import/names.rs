//! Variable names for states: snake_case from ASCII names (`ValidateOrder` → `validate_order`),
//! `state_N` for the others (Korean names, names without letters), unique in the function.

use std::collections::HashSet;

/// Names that would shadow what the generated code calls, or that are Rust keywords.
const RESERVED: &[&str] = &[
    // The prelude's functions and the names the generated code uses.
    "activity", "and", "arn", "aws_sdk", "choice", "fail", "jsonata", "json", "lambda", "map",
    "not", "or", "parallel", "pass", "path", "succeed", "task", "wait", "workflow",
    // Keywords, strict and reserved.
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `name` is a keyword or a name the generated code calls.
pub(crate) fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// Hands out unique variable names.
#[derive(Debug, Default)]
pub(crate) struct Names {
    used: HashSet<String>,
    /// How many states were named so far (the `N` of `state_N`).
    count: usize,
}

impl Names {
    /// Reserves `name` (the function's own name) so no state takes it.
    pub(crate) fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_owned());
    }

    /// A fresh variable name for the state called `state`.
    pub(crate) fn state(&mut self, state: &str) -> String {
        self.count += 1;
        let base = match snake_case(state) {
            Some(s) if is_reserved(&s) => format!("{s}_state"),
            Some(s) if s.starts_with(|c: char| c.is_ascii_digit()) => format!("state_{s}"),
            Some(s) => s,
            None => format!("state_{}", self.count),
        };
        let mut name = base.clone();
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }
}

/// `ValidateOrder` → `validate_order`, `HTTPCall` → `http_call`, `Is it done?` → `is_it_done`;
/// `None` when the name has non-ASCII letters or no letter or digit at all.
pub(crate) fn snake_case(name: &str) -> Option<String> {
    if !name.is_ascii() {
        return None;
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            let boundary = prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower);
            if boundary && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    let out = out.trim_end_matches('_').to_owned();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_becomes_snake_case() {
        assert_eq!(
            snake_case("ValidateOrder").as_deref(),
            Some("validate_order")
        );
        assert_eq!(snake_case("HTTPCall").as_deref(), Some("http_call"));
        assert_eq!(snake_case("Is it done?").as_deref(), Some("is_it_done"));
        assert_eq!(snake_case("step-2 of 3").as_deref(), Some("step_2_of_3"));
    }

    #[test]
    fn korean_names_get_numbered_names() {
        let mut names = Names::default();
        assert_eq!(names.state("Start"), "start");
        assert_eq!(names.state("주문 접수"), "state_2");
    }

    #[test]
    fn reserved_and_repeated_names_are_changed() {
        let mut names = Names::default();
        assert_eq!(names.state("Wait"), "wait_state");
        assert_eq!(names.state("Match"), "match_state");
        assert_eq!(names.state("A"), "a");
        assert_eq!(names.state("a"), "a_2");
        assert_eq!(names.state("1st"), "state_1st");
    }
}
