//! Maps JSON Pointers to line:column in the definition's text, and back. Only used when there is
//! something to report, so parsing valid text never pays for it.

use crate::{Location, Pointer};

/// The text of a definition, for locating diagnostics.
pub struct SourceMap<'a> {
    text: &'a [u8],
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

impl<'a> SourceMap<'a> {
    /// A map over `text` (JSON).
    pub fn new(text: &'a [u8]) -> Self {
        SourceMap { text }
    }

    /// Where `pointer` is: the member's key for an object member, else the value's first
    /// character. `None` if the text has no such value.
    ///
    /// ```
    /// use sfn_asl::{Pointer, SourceMap};
    /// let text = "{\n  \"States\": {\"A\": {\"Next\": \"B\"}}\n}";
    /// let at = SourceMap::new(text.as_bytes())
    ///     .locate(&Pointer::root().field("States").field("A").field("Next"))
    ///     .unwrap();
    /// assert_eq!((at.line, at.column), (2, 20));
    /// ```
    pub fn locate(&self, pointer: &Pointer) -> Option<Location> {
        let target: Vec<String> = pointer.tokens().collect();
        let mut found = None;
        self.walk(|path, key_at, value_at| {
            if path == target.as_slice() {
                found = Some(key_at.unwrap_or(value_at));
                return false;
            }
            true
        });
        found.map(|offset| self.location(offset))
    }

    /// Where each of `pointers` is, as [`locate`](Self::locate) says, in one pass over the
    /// text however many pointers there are (a validator may report thousands of warnings).
    ///
    /// ```
    /// use sfn_asl::{Pointer, SourceMap};
    /// let text = "{\"a\": 1,\n \"b\": 2}";
    /// let (a, b, c) = (Pointer::parse("/a").unwrap(), Pointer::parse("/b").unwrap(), Pointer::parse("/c").unwrap());
    /// let found = SourceMap::new(text.as_bytes()).locate_all(&[&b, &a, &c, &b]);
    /// let lines: Vec<_> = found.iter().map(|l| l.map(|l| (l.line, l.column))).collect();
    /// assert_eq!(lines, [Some((2, 2)), Some((1, 2)), None, Some((2, 2))]);
    /// ```
    pub fn locate_all(&self, pointers: &[&Pointer]) -> Vec<Option<Location>> {
        let mut wanted: std::collections::HashMap<Vec<String>, Vec<usize>> =
            std::collections::HashMap::with_capacity(pointers.len());
        for (i, p) in pointers.iter().enumerate() {
            wanted.entry(p.tokens().collect()).or_default().push(i);
        }
        let mut offsets: Vec<(usize, usize)> = Vec::with_capacity(pointers.len());
        let mut remaining = wanted.len();
        self.walk(|path, key_at, value_at| {
            if let Some(indices) = wanted.remove(path) {
                let at = key_at.unwrap_or(value_at);
                offsets.extend(indices.into_iter().map(|i| (at, i)));
                remaining -= 1;
            }
            remaining > 0
        });
        // Lines and columns in one forward scan over the sorted offsets.
        offsets.sort_unstable();
        let mut out = vec![None; pointers.len()];
        let (mut line, mut column, mut scanned) = (1, 1, 0);
        for (offset, i) in offsets {
            let offset = offset.min(self.text.len());
            for &b in &self.text[scanned.min(offset)..offset] {
                if b == b'\n' {
                    line += 1;
                    column = 1;
                } else if b & 0xC0 != 0x80 {
                    // Not a UTF-8 continuation byte: a new character.
                    column += 1;
                }
            }
            scanned = scanned.max(offset);
            out[i] = Some(Location { line, column });
        }
        out
    }

    /// The pointer of the innermost value at `location` (for errors that only know a position).
    pub fn pointer_at(&self, location: Location) -> Option<Pointer> {
        let offset = self.offset(location)?;
        // Two passes keep this linear: find the start of the last value at or before `offset`,
        // then walk again to it and take its path.
        let mut last = None;
        self.walk(|_, key_at, value_at| {
            let start = key_at.unwrap_or(value_at);
            if start > offset {
                return false;
            }
            last = Some(start);
            true
        });
        let last = last?;
        let mut found = None;
        self.walk(|path, key_at, value_at| {
            if key_at.unwrap_or(value_at) == last {
                found = Some(path.to_vec());
                return false;
            }
            true
        });
        let mut pointer = Pointer::root();
        for token in found? {
            pointer = pointer.field(&token);
        }
        Some(pointer)
    }

    fn location(&self, offset: usize) -> Location {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Location { line, column }
    }

    /// The byte offset of a serde_json location (1-based line; column counted in bytes).
    fn offset(&self, location: Location) -> Option<usize> {
        let mut line = 1;
        let mut start = 0;
        for (i, &b) in self.text.iter().enumerate() {
            if line == location.line {
                break;
            }
            if b == b'\n' {
                line += 1;
                start = i + 1;
            }
        }
        (line == location.line)
            .then(|| (start + location.column.saturating_sub(1)).min(self.text.len()))
    }

    /// Visits every value in document order with its path, the offset of its key (object
    /// members) and of the value. Iterative, so no nesting depth can overflow the stack.
    /// Stops when `visit` returns false or the text stops being JSON.
    fn walk(&self, mut visit: impl FnMut(&[String], Option<usize>, usize) -> bool) {
        let t = self.text;
        let mut i = 0;
        let mut stack: Vec<Frame> = Vec::new();
        let mut path: Vec<String> = Vec::new();
        let mut key_at: Option<usize> = None;
        let skip_ws = |i: &mut usize| {
            while *i < t.len() && t[*i].is_ascii_whitespace() {
                *i += 1;
            }
        };
        loop {
            skip_ws(&mut i);
            if i >= t.len() {
                return;
            }
            // A value starts at i.
            if !visit(&path, key_at, i) {
                return;
            }
            match t[i] {
                b'{' => {
                    i += 1;
                    stack.push(Frame::Object { key: None });
                }
                b'[' => {
                    i += 1;
                    stack.push(Frame::Array { index: 0 });
                    path.push("0".to_owned());
                    skip_ws(&mut i);
                    if i < t.len() && t[i] == b']' {
                        path.pop();
                        stack.pop();
                        i += 1;
                    } else {
                        key_at = None;
                        continue;
                    }
                }
                b'"' => match string_end(t, i) {
                    Some(end) => i = end,
                    None => return,
                },
                _ => {
                    while i < t.len()
                        && !matches!(t[i], b',' | b'}' | b']')
                        && !t[i].is_ascii_whitespace()
                    {
                        i += 1;
                    }
                }
            }
            // After a value (or an opening brace): find the next key or element.
            loop {
                skip_ws(&mut i);
                if i >= t.len() {
                    return;
                }
                match stack.last_mut() {
                    None => return,
                    Some(Frame::Object { key }) => {
                        if t[i] == b',' {
                            i += 1;
                            skip_ws(&mut i);
                        }
                        if i < t.len() && t[i] == b'}' {
                            i += 1;
                            if key.take().is_some() {
                                path.pop();
                            }
                            stack.pop();
                            continue;
                        }
                        if i >= t.len() || t[i] != b'"' {
                            return;
                        }
                        let Some(end) = string_end(t, i) else { return };
                        let name: String = serde_json::from_slice(&t[i..end]).unwrap_or_default();
                        if key.replace(name.clone()).is_some() {
                            path.pop();
                        }
                        path.push(name);
                        key_at = Some(i);
                        i = end;
                        skip_ws(&mut i);
                        if i >= t.len() || t[i] != b':' {
                            return;
                        }
                        i += 1;
                        break;
                    }
                    Some(Frame::Array { index }) => {
                        if t[i] == b',' {
                            i += 1;
                            *index += 1;
                            path.pop();
                            path.push(index.to_string());
                            key_at = None;
                            break;
                        }
                        if t[i] == b']' {
                            i += 1;
                            path.pop();
                            stack.pop();
                            continue;
                        }
                        return;
                    }
                }
            }
        }
    }
}

/// The offset just past the string starting at `start` (a `"`).
fn string_end(t: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < t.len() {
        match t[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<(usize, usize)> {
        SourceMap::new(text.as_bytes())
            .locate(&Pointer::parse(pointer).unwrap())
            .map(|l| (l.line, l.column))
    }

    #[test]
    fn locates_members_elements_and_root() {
        let text = "{\"a\": [1, {\"b\": true}], \"c\": {}}";
        assert_eq!(at(text, ""), Some((1, 1)));
        assert_eq!(at(text, "/a"), Some((1, 2)));
        assert_eq!(at(text, "/a/0"), Some((1, 8)));
        assert_eq!(at(text, "/a/1/b"), Some((1, 12)));
        assert_eq!(at(text, "/c"), Some((1, 25)));
        assert_eq!(at(text, "/d"), None);
    }

    #[test]
    fn finds_the_pointer_at_a_position() {
        let text = "{\"a\": [1, {\"b\": tru}]}";
        let map = SourceMap::new(text.as_bytes());
        let p = map
            .pointer_at(Location {
                line: 1,
                column: 18,
            })
            .unwrap();
        assert_eq!(p.as_str(), "/a/1/b");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = "[".repeat(100_000);
        assert_eq!(
            SourceMap::new(text.as_bytes())
                .pointer_at(Location {
                    line: 1,
                    column: 50_000
                })
                .map(|p| p.tokens().count()),
            Some(49_999)
        );
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"주문\": {\"x\": 1}}";
        assert_eq!(at(text, "/주문/x"), Some((1, 9)));
    }
}
