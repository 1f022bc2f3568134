//! Terminal colour: on only when stdout is a terminal and `NO_COLOR` is unset (or when asked).

use std::io::IsTerminal;

/// When to colour output (`--color`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour stdout.
    pub(crate) fn for_stdout(self) -> Style {
        let enabled = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                // https://no-color.org: set and not empty means no colour.
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                !no_color && std::io::stdout().is_terminal()
            }
        };
        Style { enabled }
    }
}

/// Paints text with ANSI escapes, or leaves it plain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    enabled: bool,
}

const RESET: &str = "\x1b[0m";

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("{code}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }

    /// Bold red, for errors.
    pub(crate) fn error(self, text: &str) -> String {
        self.paint("\x1b[1;31m", text)
    }

    /// Bold yellow, for warnings.
    pub(crate) fn warning(self, text: &str) -> String {
        self.paint("\x1b[1;33m", text)
    }

    /// Bold green, for success.
    pub(crate) fn success(self, text: &str) -> String {
        self.paint("\x1b[1;32m", text)
    }

    /// Bold cyan, for help lines.
    pub(crate) fn help(self, text: &str) -> String {
        self.paint("\x1b[1;36m", text)
    }

    /// Bold, for file names and locations.
    pub(crate) fn bold(self, text: &str) -> String {
        self.paint("\x1b[1m", text)
    }

    /// Dim, for secondary detail such as pointers.
    pub(crate) fn dim(self, text: &str) -> String {
        self.paint("\x1b[2m", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_leaves_text_plain() {
        assert_eq!(ColorChoice::Never.for_stdout().error("error"), "error");
    }

    #[test]
    fn always_wraps_text_in_escapes() {
        assert_eq!(
            ColorChoice::Always.for_stdout().error("error"),
            "\x1b[1;31merror\x1b[0m"
        );
    }
}
