//! Property tests: for arbitrary input, loading + checking + rendering one document never
//! panics, and every reported line/column lies inside the file.

use proptest::prelude::*;

/// Markdown-shaped fragments that exercise the interesting paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("# Title\n".to_string()),
        Just("## Timeline\n".to_string()),
        Just("## Action Items\n".to_string()),
        Just("## Contacts\n".to_string()),
        Just("| Time | Event |\n|---|---|\n".to_string()),
        Just("| 10:00 | x |\n".to_string()),
        Just("- [ ] do it @me, due 2026-01-01\n".to_string()),
        Just("```bash\nTBD\n".to_string()),
        Just("```\n".to_string()),
        Just("<!-- sitrep-disable-next-line placeholder/text -->\n".to_string()),
        Just("[x](../a.md#b) ![i](img.png) <a id=\"q\">\n".to_string()),
        Just("id: INC-1\nseverity: SEV1\nstarted: 2026-01-01T00:00:00Z\n".to_string()),
        Just("title: \"x\"\nowner: TBD\nlast_reviewed: 2026-13-45\n".to_string()),
        Just("a: &a [*a]\n".to_string()),
        Just("â†’ ðŸš¨ ghp_R7k2Xq9LmN4pT8vW3yZ6bC1dF5gH0jK2sA4e\n".to_string()),
        Just("> > > - - * _ ` \r\n\r".to_string()),
        "[^\u{0}]{0,40}\n",
        "\\PC{0,20}",
    ]
}

fn document() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(fragment(), 0..30).prop_map(|v| v.concat().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..400),
        1 => ".{0,300}".prop_map(String::into_bytes),
    ]
}

fn run(bytes: Vec<u8>, rel: &str) -> Result<(), TestCaseError> {
    let (site, diags) = sitrep::fuzzing::run_one(&bytes, rel);
    let doc = &site.docs[0];
    let lines: Vec<&str> = doc.text.split('\n').collect();
    for d in &diags {
        prop_assert!(d.line >= 1 && d.line <= lines.len(), "{}: line {} of {}", d.rule, d.line, lines.len());
        let width = lines[d.line - 1].chars().count();
        prop_assert!(d.col >= 1 && d.col <= width + 1, "{}: col {} of {width}", d.rule, d.col);
        prop_assert!(d.end_line >= d.line && d.end_line <= lines.len());
        prop_assert!(d.span.start <= d.span.end && d.span.end <= doc.text.len());
    }
    Ok(())
}

/// Every file of the fuzz target's seed corpus (and every crash turned regression) runs clean.
#[test]
fn fuzz_corpus_runs_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/pipeline");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("fuzz/corpus/pipeline") {
        let p = e.unwrap().path();
        sitrep::fuzzing::fuzz(&std::fs::read(&p).unwrap());
        n += 1;
    }
    assert!(n >= 10, "seed corpus has {n} files");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn runbooks_never_panic(bytes in document()) {
        run(bytes, "runbooks/x.md")?;
    }

    #[test]
    fn incidents_never_panic(bytes in document()) {
        run(bytes, "incidents/2026/x.md")?;
    }

    #[test]
    fn pages_never_panic(bytes in document()) {
        run(bytes, "x.md")?;
    }
}
