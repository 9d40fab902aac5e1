//! Text that was UTF-8 decoded twice (as Windows-1252/Latin-1): `â€™`, `â†’`, `ðŸš¨`. Found by
//! re-encoding runs of such characters and checking they form valid multi-byte UTF-8.

use std::ops::Range;

/// One mojibake run and its repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mojibake {
    /// Byte span in the text.
    pub span: Range<usize>,
    /// The repaired text for that span.
    pub repaired: String,
}

/// The Windows-1252 byte for `c`, for characters that can appear in a mis-decoded sequence.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Every mojibake run in `text`.
pub fn find(text: &str) -> Vec<Mojibake> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, char, u8)> = Vec::new();
    let flush = |run: &mut Vec<(usize, char, u8)>, out: &mut Vec<Mojibake>| {
        if run.len() >= 2 {
            repair_run(run, out);
        }
        run.clear();
    };
    // ASCII never belongs to a run: skip it a slice at a time (most text is ASCII).
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            flush(&mut run, &mut out);
            match bytes[i..].iter().position(|b| !b.is_ascii()) {
                Some(n) => i += n,
                None => break,
            }
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        match cp1252_byte(c) {
            Some(b) => run.push((i, c, b)),
            None => flush(&mut run, &mut out),
        }
        i += c.len_utf8();
    }
    flush(&mut run, &mut out);
    out
}

/// Within one run, find maximal stretches of bytes that decode as multi-byte UTF-8.
fn repair_run(run: &[(usize, char, u8)], out: &mut Vec<Mojibake>) {
    let bytes: Vec<u8> = run.iter().map(|r| r.2).collect();
    let mut i = 0;
    let mut current: Option<(usize, usize, String)> = None; // (first char idx, last char idx exclusive, repaired)
    while i < bytes.len() {
        let len = match bytes[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        let decoded =
            (len > 0 && i + len <= bytes.len()).then(|| std::str::from_utf8(&bytes[i..i + len]).ok()).flatten();
        match decoded {
            Some(s) => {
                match current.as_mut() {
                    Some((_, end, rep)) if *end == i => {
                        rep.push_str(s);
                        *end = i + len;
                    }
                    _ => {
                        push(run, current.take(), out);
                        current = Some((i, i + len, s.to_string()));
                    }
                }
                i += len;
            }
            None => i += 1,
        }
    }
    push(run, current, out);
}

fn push(run: &[(usize, char, u8)], found: Option<(usize, usize, String)>, out: &mut Vec<Mojibake>) {
    if let Some((a, b, repaired)) = found {
        let start = run[a].0;
        let last = run[b - 1];
        out.push(Mojibake { span: start..last.0 + last.1.len_utf8(), repaired });
    }
}

/// `text` with every mojibake run repaired.
pub fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for m in find(text) {
        out.push_str(&text[pos..m.span.start]);
        out.push_str(&m.repaired);
        pos = m.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_repairs_double_decoded_text() {
        assert_eq!(repair("Dashboard â†’ Database"), "Dashboard → Database");
        assert_eq!(repair("ðŸš¨ SEV1"), "🚨 SEV1");
        assert_eq!(repair("donâ€™t and âœ… done"), "don’t and ✅ done");
        assert_eq!(repair("cafÃ©"), "café");
        assert_eq!(find("Dashboard â†’ Database")[0].span, 10..18);
    }

    #[test]
    fn leaves_real_text_alone() {
        for t in ["café naïve façade für Größe", "→ 🚨 ✅", "À la carte", "£5 and ©2026", "Ü ö ä"] {
            assert!(find(t).is_empty(), "{t}");
        }
    }

    /// The char-by-char scan the ASCII skipping replaced: same runs for every text.
    fn reference(text: &str) -> Vec<Mojibake> {
        let mut out = Vec::new();
        let mut run: Vec<(usize, char, u8)> = Vec::new();
        for (i, c) in text.char_indices() {
            match cp1252_byte(c) {
                Some(b) => run.push((i, c, b)),
                None => {
                    if run.len() >= 2 {
                        repair_run(&run, &mut out);
                    }
                    run.clear();
                }
            }
        }
        if run.len() >= 2 {
            repair_run(&run, &mut out);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn same_runs_as_the_reference(text in "[ a-z.ÃÂâ€™©šðŸ¨œ†’…é🚨ü]{0,40}") {
            proptest::prop_assert_eq!(find(&text), reference(&text));
        }
    }
}
