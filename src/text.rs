//! Byte offsets to 1-based line/column positions (columns in Unicode code points).

/// Line start table for one normalised text (LF line ends only, no BOM).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Drop spare capacity.
    pub fn shrink(&mut self) {
        self.starts.shrink_to_fit();
    }

    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        // u32 offsets: half the memory of usize; documents are far below 4 GiB.
        let mut starts = vec![0u32];
        starts.extend(newline_offsets(text));
        LineIndex { starts }
    }

    /// Number of lines (a trailing newline does not open a new line).
    pub fn line_count(&self, text: &str) -> usize {
        if text.ends_with('\n') { self.starts.len() - 1 } else { self.starts.len() }.max(1)
    }

    /// 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset at which 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)] as usize
    }

    /// The text of the 0-based `line`, without its line end.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.line_start(line);
        let end = self.starts.get(line + 1).map_or(text.len(), |&e| e as usize - 1);
        &text[start..end.max(start)]
    }

    /// 1-based (line, column) of byte `offset`, clamped into `text`; the column counts code points.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let col = text[self.starts[line] as usize..offset].chars().count();
        (line + 1, col + 1)
    }
}

/// Offsets just after each `\n`.
fn newline_offsets(text: &str) -> impl Iterator<Item = u32> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| (i + 1) as u32)
}

/// Compile `pattern` with every `\b` an ASCII word boundary, `(?-u:\b)`. The regex crate's fast
/// engines cannot evaluate a Unicode `\b` on non-ASCII text and hand such searches to its
/// slowest engine: one em dash or accented name in a document made `check` 17 times slower on a
/// 10,000-document site. Letters outside ASCII count as non-word characters at those edges.
pub fn regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::Regex::new(&ascii_word_boundaries(pattern))
}

/// `pattern` with `\b` (not `\\b`, not `\b{start}` and its kin) written as `(?-u:\b)`.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') if chars.peek() != Some(&'{') => out.push_str("(?-u:\\b)"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether `pattern` holds a `\b` that [`regex`] did not make ASCII (tests of every pattern
/// that runs over whole documents use this).
#[cfg(test)]
pub fn has_unicode_word_boundary(pattern: &str) -> bool {
    let rest = pattern.replace("(?-u:\\b)", "");
    ascii_word_boundaries(&rest) != rest
}

/// Normalise line ends to LF (CRLF and lone CR each count as one line end) and drop a BOM,
/// so that every later stage sees one convention and line numbers match editors.
pub fn normalise(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points() {
        let t = "ab\nçé x\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.position(t, 0), (1, 1));
        assert_eq!(ix.position(t, 3), (2, 1));
        let x = t.find('x').unwrap();
        assert_eq!(ix.position(t, x), (2, 4));
        assert_eq!(ix.line_text(t, 1), "çé x");
        assert_eq!(ix.line_count(t), 2);
    }

    #[test]
    fn word_boundaries_become_ascii_and_nothing_else_changes() {
        assert_eq!(ascii_word_boundaries(r"(?i)\bTBD\b"), r"(?i)(?-u:\b)TBD(?-u:\b)");
        // An escaped backslash before `b`, `\b{start}` and other escapes stay as written.
        assert_eq!(ascii_word_boundaries(r"a\\b \b{start}x\B\d\\"), r"a\\b \b{start}x\B\d\\");
        assert_eq!(ascii_word_boundaries("tail\\"), "tail\\");
        // Matches across non-ASCII text are unchanged where ASCII letters meet other characters.
        let (u, a) = (regex::Regex::new(r"\bTBD\b").unwrap(), regex("\\bTBD\\b").unwrap());
        for t in ["Owner — TBD", "TBD—later", "José: TBD.", "«TBD»", "xTBD", "TBDs", "_TBD"] {
            let want: Vec<_> = u.find_iter(t).map(|m| m.range()).collect();
            assert_eq!(a.find_iter(t).map(|m| m.range()).collect::<Vec<_>>(), want, "{t}");
        }
    }

    #[test]
    fn normalise_handles_bom_crlf_and_lone_cr() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
    }
}
