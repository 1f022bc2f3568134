use serde::{Deserialize, Serialize};

/// `QueryLanguage`: how a state's dynamic fields are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QueryLanguage {
    /// Paths (`InputPath`, `Parameters` with `.$` keys, …) and intrinsic functions; the default.
    #[default]
    #[serde(rename = "JSONPath")]
    JsonPath,
    /// `{% … %}` JSONata expressions in `Arguments`, `Output`, `Assign`, `Condition`, ….
    #[serde(rename = "JSONata")]
    Jsonata,
}

impl QueryLanguage {
    /// The name as ASL spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }
}
