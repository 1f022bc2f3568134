//! An in-memory stand-in for Amazon S3, shared by an [`Executor`](crate::Executor) and the test
//! that drives it: a distributed Map's `ResultWriter` writes its result files here, and an
//! `ItemReader` without a handler reads its JSON or JSON Lines object from here.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde_json::Value;

type Objects = BTreeMap<(String, String), Vec<u8>>;

/// Buckets of objects in memory. Clones share the same objects, so the store an executor writes
/// to is the one a test reads: [`Executor::s3`](crate::Executor::s3).
///
/// ```
/// use serde_json::json;
/// use sfn_local::ObjectStore;
///
/// let s3 = ObjectStore::new();
/// s3.put("bucket", "in/items.json", r#"[1, 2]"#);
/// assert_eq!(s3.get_json("bucket", "in/items.json"), Some(json!([1, 2])));
/// assert_eq!(s3.keys("bucket", "in/"), vec!["in/items.json".to_owned()]);
/// assert_eq!(s3.get("bucket", "missing"), None);
/// ```
#[derive(Clone, Debug, Default)]
pub struct ObjectStore {
    objects: Arc<Mutex<Objects>>,
}

impl ObjectStore {
    /// An empty store.
    pub fn new() -> Self {
        ObjectStore::default()
    }

    fn lock(&self) -> MutexGuard<'_, Objects> {
        // A panic while holding the lock cannot leave the map half-written (each operation is
        // one insert or one read), so a poisoned lock is still consistent.
        self.objects.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores `body` under `bucket`/`key`, replacing any object there.
    pub fn put(&self, bucket: &str, key: &str, body: impl Into<Vec<u8>>) {
        self.lock()
            .insert((bucket.to_owned(), key.to_owned()), body.into());
    }

    /// The bytes of an object.
    pub fn get(&self, bucket: &str, key: &str) -> Option<Vec<u8>> {
        self.lock()
            .get(&(bucket.to_owned(), key.to_owned()))
            .cloned()
    }

    /// An object as UTF-8 text (`None` when absent or not UTF-8).
    pub fn get_string(&self, bucket: &str, key: &str) -> Option<String> {
        String::from_utf8(self.get(bucket, key)?).ok()
    }

    /// An object parsed as one JSON document (`None` when absent or not JSON).
    pub fn get_json(&self, bucket: &str, key: &str) -> Option<Value> {
        serde_json::from_slice(&self.get(bucket, key)?).ok()
    }

    /// An object parsed as JSON Lines, one value per non-empty line (`None` when absent or a
    /// line is not JSON).
    pub fn get_json_lines(&self, bucket: &str, key: &str) -> Option<Vec<Value>> {
        let text = self.get_string(bucket, key)?;
        text.lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| serde_json::from_str(line).ok())
            .collect()
    }

    /// The keys in `bucket` that start with `prefix`, in lexicographic order (as S3 lists them).
    pub fn keys(&self, bucket: &str, prefix: &str) -> Vec<String> {
        self.lock()
            .keys()
            .filter(|(b, k)| b == bucket && k.starts_with(prefix))
            .map(|(_, k)| k.clone())
            .collect()
    }

    /// How many objects the store holds, in every bucket.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether the store holds no object.
    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn clones_share_their_objects() {
        let a = ObjectStore::new();
        let b = a.clone();
        b.put("bkt", "k", "v");
        assert_eq!(a.get_string("bkt", "k").as_deref(), Some("v"));
    }

    #[test]
    fn keys_are_listed_per_bucket_and_prefix_in_order() {
        let s3 = ObjectStore::new();
        s3.put("bkt", "p/b", "");
        s3.put("bkt", "p/a", "");
        s3.put("bkt", "q/a", "");
        s3.put("other", "p/c", "");
        assert_eq!(s3.keys("bkt", "p/"), vec!["p/a", "p/b"]);
        assert_eq!(s3.len(), 4);
    }

    #[test]
    fn json_lines_skip_blank_lines_and_reject_bad_ones() {
        let s3 = ObjectStore::new();
        s3.put("bkt", "ok", "{\"a\":1}\n\n2\n");
        s3.put("bkt", "bad", "{\"a\":1}\nnot json\n");
        assert_eq!(
            s3.get_json_lines("bkt", "ok"),
            Some(vec![json!({"a": 1}), json!(2)])
        );
        assert_eq!(s3.get_json_lines("bkt", "bad"), None);
    }
}
