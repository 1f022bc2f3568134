//! Maps JSON Pointers to line:column in the definition's text, and back. Only used when there is
//! something to report, so parsing valid text never pays for it.

use crate::{Location, Pointer};

/// The text of a definition, for locating diagnostics.
pub struct SourceMap<'a> {
    text: &'a [u8],
}

/// An open container during [`SourceMap::walk`]; `base` is the path's length before it.
enum Frame {
    Object { base: usize },
    Array { base: usize, index: usize },
}

/// What [`SourceMap::walk`] does after visiting a value.
#[derive(PartialEq, Eq)]
enum Visit {
    /// Visit the value's members or elements.
    Descend,
    /// Jump over the value without visiting what is inside.
    Skip,
    /// End the walk.
    Stop,
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
        self.locate_all(&[pointer]).pop().flatten()
    }

    /// Where each of `pointers` is, as [`locate`](Self::locate) says, in one pass over the
    /// text however many pointers there are (a validator may report thousands of warnings).
    /// Only the values on the way to a wanted pointer are looked into; everything else is
    /// skipped over as bytes.
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
        self.locate_with(pointers, |_| None)
    }

    /// [`locate_all`](Self::locate_all), given where some states' names are (`key_at`, the
    /// offset of the key's opening quote, by state name; names are unique machine-wide): a
    /// pointer into such a state is found by walking that state's text only.
    pub(crate) fn locate_with(
        &self,
        pointers: &[&Pointer],
        key_at: impl Fn(&str) -> Option<usize>,
    ) -> Vec<Option<Location>> {
        use foldhash::{HashMap, HashMapExt};
        let mut offsets: Vec<(usize, usize)> = Vec::with_capacity(pointers.len());
        // Pointers below a known state, by the offset of the state's key.
        let mut inside: HashMap<usize, Vec<(&str, usize)>> = HashMap::new();
        let mut elsewhere: Vec<(&str, usize)> = Vec::new();
        for (i, p) in pointers.iter().enumerate() {
            match state_anchor(p.as_str(), &key_at) {
                Some((at, "")) => offsets.push((at, i)),
                Some((at, rest)) => inside.entry(at).or_default().push((rest, i)),
                None => elsewhere.push((p.as_str(), i)),
            }
        }
        for (at, wanted) in inside {
            match self.member_value(at) {
                Some(value_at) => self.find(value_at, &wanted, &mut offsets),
                // Only if `key_at` does not fit the text: walk from the top instead.
                None => {
                    elsewhere.extend(wanted.into_iter().map(|(_, i)| (pointers[i].as_str(), i)))
                }
            }
        }
        if !elsewhere.is_empty() {
            self.find(0, &elsewhere, &mut offsets);
        }
        self.lines_and_columns(offsets, pointers.len())
    }

    /// Finds the offset of each `wanted` pointer (relative to the value at `start`), as
    /// `(offset, index)` pairs, in one walk over that value.
    fn find(&self, start: usize, wanted: &[(&str, usize)], offsets: &mut Vec<(usize, usize)>) {
        use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
        let mut by_path: HashMap<&str, Vec<usize>> = HashMap::with_capacity(wanted.len());
        // Every proper prefix of a wanted pointer: the values worth descending into.
        let mut on_the_way: HashSet<&str> = HashSet::new();
        for &(text, i) in wanted {
            by_path.entry(text).or_default().push(i);
            for (at, _) in text.match_indices('/') {
                on_the_way.insert(&text[..at]);
            }
        }
        let mut remaining = by_path.len();
        self.walk(start, |path, key_at, value_at| {
            if let Some(indices) = by_path.remove(path) {
                let at = key_at.unwrap_or(value_at);
                offsets.extend(indices.into_iter().map(|i| (at, i)));
                remaining -= 1;
                if remaining == 0 {
                    return Visit::Stop;
                }
            }
            if on_the_way.contains(path) {
                Visit::Descend
            } else {
                Visit::Skip
            }
        });
    }

    /// Lines and columns of `(offset, index)` pairs, in one forward scan over the sorted
    /// offsets; the result has `len` slots, by index.
    fn lines_and_columns(
        &self,
        mut offsets: Vec<(usize, usize)>,
        len: usize,
    ) -> Vec<Option<Location>> {
        offsets.sort_unstable();
        let mut out = vec![None; len];
        let (mut line, mut column, mut scanned) = (1, 1, 0);
        for (offset, i) in offsets {
            let offset = offset.min(self.text.len());
            let segment = &self.text[scanned.min(offset)..offset];
            // Counting loops without early exits, which the compiler vectorizes.
            line += memchr::memchr_iter(b'\n', segment).count();
            match memchr::memrchr(b'\n', segment) {
                Some(newline) => column = 1 + chars(&segment[newline + 1..]),
                None => column += chars(segment),
            }
            scanned = scanned.max(offset);
            out[i] = Some(Location { line, column });
        }
        out
    }

    /// The offset of the value of the object member whose key starts at `key_at`.
    fn member_value(&self, key_at: usize) -> Option<usize> {
        let t = self.text;
        if t.get(key_at) != Some(&b'"') {
            return None;
        }
        let mut i = string_end(t, key_at)?;
        while t.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        if t[i] != b':' {
            return None;
        }
        i += 1;
        while t.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        Some(i)
    }

    /// The pointer of the innermost value at `location` (for errors that only know a position).
    pub fn pointer_at(&self, location: Location) -> Option<Pointer> {
        let offset = self.offset(location)?;
        // Two passes keep this linear: find the start of the last value at or before `offset`,
        // then walk again to it and take its path.
        let mut last = None;
        self.walk(0, |_, key_at, value_at| {
            let start = key_at.unwrap_or(value_at);
            if start > offset {
                return Visit::Stop;
            }
            last = Some(start);
            Visit::Descend
        });
        self.pointer_of_key(last?)
    }

    /// The pointer of the member whose key starts at `offset` (or of the value starting there).
    pub(crate) fn pointer_of_key(&self, offset: usize) -> Option<Pointer> {
        let mut found = None;
        self.walk(0, |path, key_at, value_at| {
            let start = key_at.unwrap_or(value_at);
            if start == offset {
                found = Pointer::parse(path);
                return Visit::Stop;
            }
            if start > offset {
                return Visit::Stop;
            }
            Visit::Descend
        });
        found
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

    /// Visits every value inside the one at `start` (the whole text from 0), in document
    /// order, with its path (relative to that value) (as JSON Pointer text, escaped as
    /// [`Pointer::field`] escapes), the offset of its key (object members) and of the value;
    /// `visit` says whether to look inside the value. Iterative, so no nesting depth can
    /// overflow the stack. Stops when `visit` says so or the text stops being JSON.
    fn walk(&self, start: usize, mut visit: impl FnMut(&str, Option<usize>, usize) -> Visit) {
        let t = self.text;
        let mut i = start;
        let mut stack: Vec<Frame> = Vec::new();
        let mut path = String::new();
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
            let action = visit(&path, key_at, i);
            if action == Visit::Stop {
                return;
            }
            match t[i] {
                b'{' | b'[' if action == Visit::Skip => match container_end(t, i) {
                    Some(end) => i = end,
                    None => return,
                },
                b'{' => {
                    i += 1;
                    stack.push(Frame::Object { base: path.len() });
                }
                b'[' => {
                    i += 1;
                    let base = path.len();
                    skip_ws(&mut i);
                    if i < t.len() && t[i] == b']' {
                        i += 1;
                    } else {
                        stack.push(Frame::Array { base, index: 0 });
                        path.push_str("/0");
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
                    Some(&mut Frame::Object { base }) => {
                        if t[i] == b',' {
                            i += 1;
                            skip_ws(&mut i);
                        }
                        if i < t.len() && t[i] == b'}' {
                            i += 1;
                            path.truncate(base);
                            stack.pop();
                            continue;
                        }
                        if i >= t.len() || t[i] != b'"' {
                            return;
                        }
                        let Some(end) = string_end(t, i) else { return };
                        path.truncate(base);
                        path.push('/');
                        push_escaped_key(&mut path, &t[i..end]);
                        key_at = Some(i);
                        i = end;
                        skip_ws(&mut i);
                        if i >= t.len() || t[i] != b':' {
                            return;
                        }
                        i += 1;
                        break;
                    }
                    Some(Frame::Array { base, index }) => {
                        if t[i] == b',' {
                            i += 1;
                            *index += 1;
                            path.truncate(*base);
                            path.push('/');
                            path.push_str(itoa(*index).as_str());
                            key_at = None;
                            break;
                        }
                        if t[i] == b']' {
                            i += 1;
                            path.truncate(*base);
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

/// The innermost state a pointer lies in, as the offset of that state's key (from `key_at`)
/// and the rest of the pointer below the state: `/States/P/Branches/0/States/A/Next` gives A's
/// key and `/Next`. `None` when the pointer is not inside a state with a known key.
fn state_anchor<'p>(
    pointer: &'p str,
    key_at: &impl Fn(&str) -> Option<usize>,
) -> Option<(usize, &'p str)> {
    let mut found = None;
    let mut rest = pointer;
    while let Some(after) = rest.strip_prefix("/States/") {
        let end = after.find('/').unwrap_or(after.len());
        let token = &after[..end];
        let name = if token.contains('~') {
            std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
        } else {
            std::borrow::Cow::Borrowed(token)
        };
        let Some(at) = key_at(&name) else { break };
        rest = &after[end..];
        found = Some((at, rest));
        // Into a nested scope: a Parallel branch or a Map's processor.
        if let Some(branch) = rest.strip_prefix("/Branches/") {
            let digits = branch.find('/').unwrap_or(branch.len());
            if digits == 0 || !branch[..digits].bytes().all(|b| b.is_ascii_digit()) {
                break;
            }
            rest = &branch[digits..];
        } else if let Some(processor) = rest
            .strip_prefix("/ItemProcessor")
            .or_else(|| rest.strip_prefix("/Iterator"))
        {
            rest = processor;
        } else {
            break;
        }
    }
    found
}

/// A small decimal formatter for array indices (no allocation).
fn itoa(mut n: usize) -> Digits {
    let mut buf = [0_u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        // n % 10 < 10, so the cast cannot truncate.
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    Digits { buf, at }
}

struct Digits {
    buf: [u8; 20],
    at: usize,
}

impl Digits {
    fn as_str(&self) -> &str {
        // Only ASCII digits were written.
        std::str::from_utf8(&self.buf[self.at..]).unwrap_or("0")
    }
}

/// Appends the JSON string `quoted` (with its quotes), unescaped and then escaped as a JSON
/// Pointer token (`~` → `~0`, `/` → `~1`).
fn push_escaped_key(path: &mut String, quoted: &[u8]) {
    let inner = &quoted[1..quoted.len() - 1];
    let decoded: std::borrow::Cow<'_, str> = if inner.contains(&b'\\') {
        serde_json::from_slice::<String>(quoted)
            .unwrap_or_default()
            .into()
    } else {
        String::from_utf8_lossy(inner)
    };
    for c in decoded.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

/// The offset just past the object or array starting at `start`, skipping strings.
///
/// Only the container's own bracket pair is counted: the text parsed as JSON, so any other
/// brackets inside it are balanced and cannot end it early. That leaves three bytes to look
/// for, which `memchr3` finds many bytes at a time.
fn container_end(t: &[u8], start: usize) -> Option<usize> {
    let (open, close) = match t.get(start)? {
        b'{' => (b'{', b'}'),
        _ => (b'[', b']'),
    };
    let mut depth = 0_usize;
    let mut i = start;
    while i < t.len() {
        i += memchr::memchr3(b'"', open, close, &t[i..])?;
        match t[i] {
            b'"' => {
                i = string_end(t, i)?;
                continue;
            }
            b if b == open => depth += 1,
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
        }
        i += 1;
    }
    None
}

/// The offset just past the string starting at `start` (a `"`).
fn string_end(t: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < t.len() {
        i += memchr::memchr2(b'"', b'\\', &t[i..])?;
        match t[i] {
            b'\\' => i += 2,
            _ => return Some(i + 1),
        }
    }
    None
}

/// The number of characters in UTF-8 `bytes` (the bytes that are not continuation bytes).
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
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

    #[test]
    fn escaped_and_pointer_special_keys_are_found() {
        let text = r#"{"a/b": {"t~x": 1, "\u0041": [true, {"k": 2}]}}"#;
        assert_eq!(at(text, "/a~1b/t~0x"), Some((1, 10)));
        assert_eq!(at(text, "/a~1b/A/1/k"), Some((1, 38)));
    }

    #[test]
    fn skipped_siblings_may_hold_brackets_in_strings() {
        let text = r#"{"x": {"s": "}]{[\"", "n": [[1], {}]}, "y": 3}"#;
        assert_eq!(at(text, "/y"), Some((1, 40)));
    }

    #[test]
    fn a_pointer_is_anchored_at_its_innermost_known_state() {
        let key_at = |name: &str| match name {
            "P" => Some(10),
            "A" => Some(20),
            "M" => Some(30),
            "x/y" => Some(40),
            _ => None,
        };
        let anchor = |p| state_anchor(p, &key_at);
        assert_eq!(anchor("/States/P"), Some((10, "")));
        assert_eq!(
            anchor("/States/P/Branches/0/States/A/Next"),
            Some((20, "/Next"))
        );
        assert_eq!(
            anchor("/States/P/Branches/0/States/Z/Next"),
            Some((10, "/Branches/0/States/Z/Next"))
        );
        assert_eq!(
            anchor("/States/P/Branches/x/States/A"),
            Some((10, "/Branches/x/States/A"))
        );
        assert_eq!(anchor("/States/M/ItemProcessor/States/A"), Some((20, "")));
        assert_eq!(
            anchor("/States/M/Iterator/States/x~1y/End"),
            Some((40, "/End"))
        );
        assert_eq!(
            anchor("/States/P/Parameters/States/A"),
            Some((10, "/Parameters/States/A"))
        );
        assert_eq!(anchor("/StartAt"), None);
        assert_eq!(anchor("/States/Z"), None);
    }

    #[test]
    fn anchored_and_walked_locations_agree() {
        let text = r#"{"StartAt": "P", "States": {
  "P": {"Type": "Parallel", "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"States": {"A": 1}}, "End": true}}},
    {"StartAt": "x/y", "States": {"x/y": {"Type": "Map", "ItemProcessor": {"StartAt": "B",
      "States": {"B": {"Type": "Succeed"}}}, "End": true}}}
  ], "Next": "C"},
  "C": {"Type": "Fail"}}}"#;
        let keys = |name: &str| {
            let quoted = format!("\"{name}\":");
            text.find(&quoted)
        };
        let pointers: Vec<Pointer> = [
            "/States/P",
            "/States/P/Next",
            "/States/P/Branches/0/States/A/Result/States/A",
            "/States/P/Branches/1/States/x~1y/ItemProcessor/States/B/Type",
            "/States/P/Branches/1/States/x~1y/End",
            "/States/C/Type",
            "/States/C/Nope",
            "/StartAt",
        ]
        .iter()
        .map(|p| Pointer::parse(p).unwrap())
        .collect();
        let refs: Vec<&Pointer> = pointers.iter().collect();
        let map = SourceMap::new(text.as_bytes());
        let walked = map.locate_all(&refs);
        assert_eq!(map.locate_with(&refs, keys), walked);
        assert!(walked[..6].iter().all(Option::is_some));
        assert_eq!(walked[6], None);
    }

    #[test]
    fn a_key_offset_that_does_not_fit_the_text_falls_back_to_the_walk() {
        let text = r#"{"States": {"A": {"Next": "B"}}}"#;
        let next = Pointer::parse("/States/A/Next").unwrap();
        let map = SourceMap::new(text.as_bytes());
        assert_eq!(
            map.locate_with(&[&next], |_| Some(3)),
            map.locate_all(&[&next])
        );
    }

    #[test]
    fn locate_all_finds_many_pointers_in_one_pass() {
        let text = r#"{"States": {"A": {"Next": "B"}, "B": {"End": true}}}"#;
        let pointers: Vec<Pointer> = ["/States/B/End", "/States/A/Next", "/States", "/nope"]
            .iter()
            .map(|p| Pointer::parse(p).unwrap())
            .collect();
        let refs: Vec<&Pointer> = pointers.iter().collect();
        let found: Vec<_> = SourceMap::new(text.as_bytes())
            .locate_all(&refs)
            .into_iter()
            .map(|l| l.map(|l| l.column))
            .collect();
        assert_eq!(found, [Some(39), Some(19), Some(2), None]);
    }
}
