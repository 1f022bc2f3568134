//! State names.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The longest state name AWS accepts, in Unicode characters.
pub const MAX_STATE_NAME_CHARS: usize = 80;

/// The name of a state: a key of a `States` object, and the target of `StartAt`, `Next` and
/// `Default`.
///
/// Any string can be held so that a parsed definition keeps what the user wrote; the validator
/// reports names that AWS rejects (empty, or longer than [`MAX_STATE_NAME_CHARS`] characters).
///
/// ```
/// use sfn_asl::StateName;
/// let name = StateName::from("주문 검증");
/// assert_eq!(name.as_str(), "주문 검증");
/// assert!(name.is_well_formed());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StateName(String);

impl StateName {
    /// Wraps a name as written.
    pub fn new(name: impl Into<String>) -> Self {
        StateName(name.into())
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether AWS accepts this name: 1 to 80 Unicode characters.
    pub fn is_well_formed(&self) -> bool {
        let chars = self.0.chars().count();
        (1..=MAX_STATE_NAME_CHARS).contains(&chars)
    }
}

impl fmt::Display for StateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for StateName {
    fn from(name: &str) -> Self {
        StateName(name.to_owned())
    }
}

impl From<String> for StateName {
    fn from(name: String) -> Self {
        StateName(name)
    }
}

impl From<&String> for StateName {
    fn from(name: &String) -> Self {
        StateName(name.clone())
    }
}

impl AsRef<str> for StateName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for StateName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for StateName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for StateName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_one_to_eighty_characters_are_well_formed() {
        assert!(!StateName::from("").is_well_formed());
        assert!(StateName::from("a").is_well_formed());
        assert!(StateName::new("가".repeat(80)).is_well_formed());
        assert!(!StateName::new("a".repeat(81)).is_well_formed());
    }

    #[test]
    fn length_counts_code_points_not_utf16_units() {
        // U+1F600 is one code point but two UTF-16 units.
        assert!(StateName::new("😀".repeat(80)).is_well_formed());
    }
}
