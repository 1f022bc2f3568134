//! The string-language parsers never panic and never overflow the stack, whatever the input:
//! random strings over each language's tricky characters, and mutations of valid expressions.

use sfn_tests::Rng;

const ALPHABET: &[&str] = &[
    "$",
    "$$",
    ".",
    "..",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "'",
    "\"",
    "\\",
    ",",
    ":",
    ";",
    "?",
    "@",
    "#",
    "*",
    "**",
    "%",
    "-",
    "+",
    "/",
    "/*",
    "*/",
    "<",
    ">",
    "=",
    "!",
    "~>",
    ":=",
    "&",
    "|",
    "^",
    "`",
    " ",
    "\n",
    "a",
    "Ж",
    "𐍆",
    "0",
    "1.5",
    "e",
    "States.",
    "States.Format",
    "States.Array",
    "function",
    "and",
    "in",
    "true",
    "null",
    "{%",
    "%}",
    "?(",
    "@.",
    "-1",
    "\\u12",
    "λ",
];

const SEEDS: &[&str] = &[
    "$.a[?(@.b > 1)].c['d'][0:2]",
    "$$.Execution.Input.items[*]",
    "States.Format('x {} \\' {}', $.a, States.ArrayLength($v.b))",
    "$sum($states.input.items.(price * qty)) + $fee",
    "function($a){ $a ? [1..3] : {'k': /re/i} }($x)",
];

fn all_parsers(text: &str) {
    let _ = sfn_asl::path::parse(text);
    let _ = sfn_asl::path::parse_reference(text);
    let _ = sfn_asl::intrinsic::parse(text);
    let _ = sfn_asl::jsonata::parse(text);
    let _ = sfn_asl::jsonata::variables(text);
    let _ = sfn_asl::timestamp::parse(text);
}

#[test]
fn random_strings_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(40);
        let text: String = (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        all_parsers(&text);
    }
}

#[test]
fn mutated_expressions_never_panic() {
    let mut rng = Rng(42);
    for seed in SEEDS {
        for _ in 0..3_000 {
            let mut text: String = (*seed).to_owned();
            for _ in 0..1 + rng.below(3) {
                let chars: Vec<char> = text.chars().collect();
                let at = rng.below(chars.len() + 1);
                let piece = ALPHABET[rng.below(ALPHABET.len())];
                let mut out: String = chars[..at].iter().collect();
                if rng.below(2) == 0 && at < chars.len() {
                    out.extend(&chars[at + 1..]); // delete one character
                } else {
                    out.push_str(piece);
                    out.extend(&chars[at..]);
                }
                text = out;
            }
            all_parsers(&text);
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_an_overflow() {
    for open in [
        "(",
        "[",
        "{",
        "$f(",
        "-",
        "function($a){",
        "a[",
        "States.Array(",
    ] {
        let text = open.repeat(50_000);
        all_parsers(&text);
        assert!(sfn_asl::jsonata::parse(&text).is_err(), "{open}");
    }
}
