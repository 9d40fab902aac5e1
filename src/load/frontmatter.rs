//! Splitting a document into its YAML front-matter and Markdown body, with exact positions.

use std::ops::Range;

/// Where the front-matter block lies in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// The document does not start with `---`.
    None,
    /// A complete block.
    Block {
        /// The opening `---` line.
        open: Range<usize>,
        /// The YAML between the fences.
        yaml: Range<usize>,
        /// Where the Markdown body starts (after the closing fence line).
        body_start: usize,
    },
    /// `---` opened on the first line and never closed.
    Unclosed {
        /// The opening `---` line.
        open: Range<usize>,
    },
}

fn is_fence(line: &str, closing: bool) -> bool {
    let t = line.trim_end();
    t == "---" || (closing && t == "...")
}

/// Split `text` (normalised: LF line ends, no BOM).
pub fn split(text: &str) -> Split {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end], false) {
        return Split::None;
    }
    let open = 0..first_end;
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if is_fence(&text[pos..end], true) {
            return Split::Block { open, yaml: yaml_start..pos, body_start: (end + 1).min(text.len()) };
        }
        pos = end + 1;
    }
    Split::Unclosed { open }
}

/// Where one top-level key sits, for pointing findings at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPos {
    /// The key as written (quotes removed).
    pub name: String,
    /// The key itself.
    pub key: Range<usize>,
    /// The inline value after `key:` (empty range right after the colon if none).
    pub value: Range<usize>,
    /// Items of a block (`- x`) or flow (`[x, y]`) list: their text spans.
    pub items: Vec<Range<usize>>,
    /// The key line and all its indented continuation lines.
    pub lines: Range<usize>,
}

/// Find top-level keys in the YAML range of `text` with their spans.
pub fn scan_keys(text: &str, yaml: Range<usize>) -> Vec<KeyPos> {
    let mut keys: Vec<KeyPos> = Vec::new();
    let mut pos = yaml.start;
    while pos < yaml.end {
        let end = text[pos..yaml.end].find('\n').map_or(yaml.end, |i| pos + i);
        let line = &text[pos..end];
        let first = line.chars().next();
        let is_top = matches!(first, Some(c) if !c.is_whitespace() && c != '#' && c != '-');
        if is_top {
            if let Some(k) = top_key(line, pos) {
                keys.push(k);
            }
        } else if let Some(last) = keys.last_mut() {
            if !line.trim().is_empty() {
                last.lines.end = end;
                let trimmed = line.trim_start();
                if let Some(item) = trimmed.strip_prefix("- ").or_else(|| (trimmed == "-").then_some("")) {
                    let start = pos + (line.len() - trimmed.len()) + 2.min(trimmed.len());
                    let item_t = strip_comment(item).trim_end();
                    last.items.push(start..start + item_t.len());
                }
            }
        }
        pos = end + 1;
    }
    keys
}

fn strip_comment(v: &str) -> &str {
    // A `#` starts a comment only after whitespace, and never inside a quoted value.
    let from = match v.chars().next() {
        Some(q @ ('"' | '\'')) => v[1..].find(q).map_or(0, |i| i + 2),
        _ => 0,
    };
    match v[from..].find(" #") {
        Some(i) => &v[..from + i],
        None => v,
    }
}

fn top_key(line: &str, pos: usize) -> Option<KeyPos> {
    let (name, key_len) = if let Some(q) = line.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let close = line[1..].find(q)? + 1;
        (line[1..close].to_string(), close + 1)
    } else {
        let colon = line.find(": ").or_else(|| line.ends_with(':').then(|| line.len() - 1))?;
        (line[..colon].trim_end().to_string(), line[..colon].trim_end().len())
    };
    let after = &line[key_len..];
    let colon_rel = after.find(':')?;
    if !after[..colon_rel].trim().is_empty() {
        return None;
    }
    let vstart_rel = key_len + colon_rel + 1;
    let rest = &line[vstart_rel..];
    let lead = rest.len() - rest.trim_start().len();
    let v = strip_comment(rest.trim_start()).trim_end();
    let vstart = pos + vstart_rel + lead;
    let mut items = Vec::new();
    if v.starts_with('[') && v.ends_with(']') && v.len() >= 2 {
        let inner_start = vstart + 1;
        let inner = &v[1..v.len() - 1];
        let mut off = 0;
        for part in inner.split(',') {
            let lead = part.len() - part.trim_start().len();
            let t = part.trim();
            if !t.is_empty() {
                items.push(inner_start + off + lead..inner_start + off + lead + t.len());
            }
            off += part.len() + 1;
        }
    }
    Some(KeyPos { name, key: pos..pos + key_len, value: vstart..vstart + v.len(), items, lines: pos..pos + line.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_block() {
        let t = "---\ntitle: x\n---\n# Body\n";
        let Split::Block { yaml, body_start, .. } = split(t) else { panic!() };
        assert_eq!(&t[yaml], "title: x\n");
        assert_eq!(&t[body_start..], "# Body\n");
    }

    #[test]
    fn unclosed_and_none() {
        assert!(matches!(split("---\ntitle: x\n"), Split::Unclosed { .. }));
        assert_eq!(split("# x\n---\n"), Split::None);
        assert_eq!(split(""), Split::None);
    }

    #[test]
    fn scans_keys_values_and_items() {
        let t = "---\ntitle: \"A\" # c\nservices: [api, db]\nrunbooks:\n  - one\n  - two\n---\n";
        let Split::Block { yaml, .. } = split(t) else { panic!() };
        let keys = scan_keys(t, yaml);
        assert_eq!(keys.len(), 3);
        assert_eq!(&t[keys[0].value.clone()], "\"A\"");
        let items: Vec<&str> = keys[1].items.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(items, ["api", "db"]);
        let items: Vec<&str> = keys[2].items.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(items, ["one", "two"]);
    }
}
