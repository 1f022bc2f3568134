//! `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use md5::Md5;
use serde_json::Value;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::{Args, MAX_INPUT_CHARS};
use crate::eval::{EvalError, compact};

fn check_length(args: &Args, text: &str) -> Result<(), EvalError> {
    let chars = text.chars().count();
    if chars > MAX_INPUT_CHARS {
        return Err(args.fail(format_args!(
            "the input has {chars} characters, more than the {MAX_INPUT_CHARS} allowed"
        )));
    }
    Ok(())
}

/// `States.Base64Encode(string)`: the UTF-8 bytes of the string in standard Base64.
pub(super) fn base64_encode(args: &Args) -> Result<Value, EvalError> {
    let text = args.string(0)?;
    check_length(args, text)?;
    Ok(Value::String(STANDARD.encode(text)))
}

/// `States.Base64Decode(string)`: the Base64 text decoded, read as UTF-8.
pub(super) fn base64_decode(args: &Args) -> Result<Value, EvalError> {
    let text = args.string(0)?;
    check_length(args, text)?;
    let bytes = STANDARD
        .decode(text)
        .map_err(|e| args.fail(format_args!("the input is not valid Base64: {e}")))?;
    String::from_utf8(bytes)
        .map(Value::String)
        .map_err(|_| args.fail("the decoded bytes are not valid UTF-8"))
}

/// `States.Hash(value, algorithm)`: the lowercase hex digest of the value (a string as is,
/// anything else as compact JSON) with `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
pub(crate) fn hash(args: &Args) -> Result<Value, EvalError> {
    let data = match args.value(0)? {
        Value::String(s) => std::borrow::Cow::Borrowed(s.as_str()),
        other => std::borrow::Cow::Owned(compact(other)),
    };
    check_length(args, &data)?;
    let algorithm = args.string(1)?;
    digest_hex(algorithm, data.as_bytes())
        .map(Value::String)
        .ok_or_else(|| {
            args.fail(format_args!(
                "unknown hash algorithm `{algorithm}`; expected one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
            ))
        })
}

/// The lowercase hex digest of `data` with `algorithm`; `None` for an unknown algorithm.
pub(crate) fn digest_hex(algorithm: &str, data: &[u8]) -> Option<String> {
    let digest: Vec<u8> = match algorithm {
        "MD5" => Md5::digest(data).to_vec(),
        "SHA-1" => Sha1::digest(data).to_vec(),
        "SHA-256" => Sha256::digest(data).to_vec(),
        "SHA-384" => Sha384::digest(data).to_vec(),
        "SHA-512" => Sha512::digest(data).to_vec(),
        _ => return None,
    };
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest {
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    Some(hex)
}
