//! `sitrep import`: the five seeds (fields extracted, body kept), a Google SRE style and a team
//! style postmortem, folders, linked files, dry runs, refusals, ids and line endings.

use crate::common::{fixture, read, run_today as run, site, sitrep_env, write};

/// Split an imported file into its front-matter lines and its body.
fn split(text: &str) -> (Vec<&str>, &str) {
    let rest = text.strip_prefix("---\n").expect("front-matter");
    let end = rest.find("\n---\n").expect("closing fence");
    (rest[..end].lines().collect(), &rest[end + 5..])
}

/// The source with exactly `moved` lines (1-based) taken out.
fn without_lines(source: &str, moved: &[usize]) -> String {
    source.split_inclusive('\n').enumerate().filter(|(i, _)| !moved.contains(&(i + 1))).map(|(_, l)| l).collect()
}

struct Seed {
    file: &'static str,
    dest: &'static str,
    front: &'static [&'static str],
    moved: &'static [usize],
}

const SEEDS: &[Seed] = &[
    Seed {
        file: "000_b487ca427bd20d4c.txt",
        dest: "content/runbooks/000_b487ca427bd20d4c.md",
        front: &[
            "title: \"Incident Triage Runbook — FlowSight MVP\"",
            "owner: \"Head Ops Agent\"",
            "last_reviewed: 2026-02-25",
        ],
        moved: &[3, 4],
    },
    Seed {
        file: "001_b7c85c35f9a5aaa4.txt",
        dest: "content/runbooks/001_b7c85c35f9a5aaa4.md",
        front: &[
            "title: \"Incident Response\"",
            "owner: \"Ops/Platform\"",
            "last_reviewed: 2025-12-17",
            "status: active",
        ],
        moved: &[3, 4, 5],
    },
    Seed {
        file: "002_f8214db2bca3cc10.txt",
        dest: "content/runbooks/002_f8214db2bca3cc10.md",
        front: &["title: \"Incident Response Runbook — FlowDesk\""],
        moved: &[],
    },
    Seed {
        file: "003_7185b62ea5c77cf7.txt",
        dest: "content/runbooks/003_7185b62ea5c77cf7.md",
        front: &[
            "title: \"Incident Response Playbook\"",
            "owner: \"Codex (IC), Claude (Deputy)\"",
            "last_reviewed: 2025-10-27",
        ],
        moved: &[4, 5],
    },
    Seed {
        file: "004_4186989550e181c8.txt",
        dest: "content/runbooks/004_4186989550e181c8.md",
        front: &["title: \"Incident Response Runbook\"", "owner: \"On-call engineer / Incident Commander\""],
        moved: &[7],
    },
];

fn import_seed(seed: &Seed) -> (tempfile::TempDir, String, String) {
    let s = site(&[]);
    let src = fixture("import/seeds").join(seed.file);
    let r = run(s.path(), &["import", src.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), seed.dest);
    let out = read(&s.path().join(seed.dest));
    (s, out, read(&src))
}

fn check_seed(i: usize) {
    let seed = &SEEDS[i];
    let (s, out, source) = import_seed(seed);
    let (front, body) = split(&out);
    assert_eq!(front, seed.front, "{}", seed.file);
    // Every line is kept, in order, except the metadata lines that moved into front-matter.
    assert_eq!(body, without_lines(&source, seed.moved), "{}", seed.file);
    // The front-matter parses and the kind is right: check reports content, never syntax.
    let r = run(s.path(), &["check", "--format", "short"]);
    assert!(!r.stdout.contains("frontmatter/syntax") && !r.stdout.contains("frontmatter/type"), "{}", r.stdout);
    assert!(!r.stdout.contains("frontmatter/missing"), "{}", r.stdout);
}

#[test]
fn seed_000_flowsight() {
    check_seed(0);
}

#[test]
fn seed_001_ops_platform() {
    check_seed(1);
}

#[test]
fn seed_002_flowdesk() {
    check_seed(2);
}

#[test]
fn seed_003_vyberology() {
    check_seed(3);
}

#[test]
fn seed_004_generic() {
    check_seed(4);
}

#[test]
fn after_importing_every_seed_check_lists_what_needs_a_person() {
    let s = site(&[]);
    // A folder is walked for Markdown (.md, .markdown, .mdx) only: the seeds (.txt) are named one by one.
    let r = run(s.path(), &["import", fixture("import/seeds").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no Markdown files"), "{}", r.stderr);
    let files: Vec<String> =
        SEEDS.iter().map(|s| fixture("import/seeds").join(s.file).to_string_lossy().into_owned()).collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let r = run(s.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(s.path(), &["check", "--format", "short"]);
    let count = |needle: &str| r.stdout.lines().filter(|l| l.contains(needle)).count();
    // The seeds' ten placeholder contacts (EXPECTED.md), each on its line.
    assert_eq!(count("error[placeholder/contact] placeholder contact"), 10, "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "content/runbooks/001_b7c85c35f9a5aaa4.md:38:14: error[placeholder/contact] placeholder contact `TBD`"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("content/runbooks/004_4186989550e181c8.md:144:21: error[placeholder/contact] placeholder contact `[Update]`"), "{}", r.stdout);
    // Missing owner / review date are findings, not parse failures.
    assert!(r.stdout.contains(
        "002_f8214db2bca3cc10.md:1:1: error[frontmatter/required] runbook front-matter key `owner` is missing"
    ));
    assert!(r.stdout.contains(
        "004_4186989550e181c8.md:1:1: error[frontmatter/required] runbook front-matter key `last_reviewed` is missing"
    ));
    assert_eq!(count("frontmatter/syntax"), 0);
    // Mojibake is imported unchanged (and reported, for `sitrep fix`).
    assert_eq!(count("warning[text/mojibake]"), 12, "{}", r.stdout);
    // And the imported bytes are the seed's: mojibake and all.
    let imported = std::fs::read_to_string(s.path().join("content/runbooks/003_7185b62ea5c77cf7.md")).unwrap();
    assert!(imported.contains("# Dashboard â†’ Database â†’ Performance\n"));
}

#[test]
fn google_sre_style_postmortem() {
    let s = site(&[]);
    let src = fixture("import/google-sre/search-outage-postmortem.md");
    let r = run(s.path(), &["import", src.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dest = "content/incidents/2024/search-outage-postmortem.md";
    assert_eq!(r.stdout.trim(), dest);
    let out = read(&s.path().join(dest));
    let (front, body) = split(&out);
    assert_eq!(
        front,
        [
            "id: INC-2024-001",
            "title: \"Search API Outage Postmortem (incident #512)\"",
            "status: \"Complete, action items in progress\"",
            "started: 2024-06-12T14:51:00Z",
            "detected: 2024-06-12T14:55:00Z",
            "mitigated: 2024-06-12T15:25:00Z",
            "resolved: 2024-06-12T16:10:00Z",
            "date: 2024-06-12",
            "authors: [priya, tom, lena]",
        ]
    );
    assert_eq!(body, without_lines(&read(&src), &[3, 5, 7]));
    let r = run(s.path(), &["check", "--format", "short"]);
    // What a person must still decide, named; nothing fails to parse.
    assert!(
        r.stdout.contains("error[frontmatter/required] incident front-matter key `severity` is missing"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("`status`: `Complete, action items in progress` is not one of"), "{}", r.stdout);
    assert!(!r.stdout.contains("frontmatter/syntax") && !r.stdout.contains("timeline-format"), "{}", r.stdout);
}

#[test]
fn timelines_behind_utc_stay_on_the_postmortems_date() {
    // 3:15 PM on 5 March in Pacific time is 23:15 UTC the same day, however the zone is spelled.
    for zone in ["PST", "UTC-8", "all times PST", "America/Los_Angeles", "-08:00"] {
        let s = site(&[]);
        let src = s.path().join("raw.md");
        write(
            s.path(),
            "raw.md",
            format!("# Cache stampede\n\n**Date:** 2024-03-05\n**Severity:** SEV2\n\n## Timeline ({zone})\n\n| Time | Event |\n|---|---|\n| 3:15 PM | keys expire |\n| 5:00 PM | resolved |\n").as_bytes(),
        );
        let r = run(s.path(), &["import", "--dry-run", "--kind", "incident", src.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("started: 2024-03-05T23:15:00Z"), "{zone}: {}", r.stdout);
        assert!(r.stdout.contains("resolved: 2024-03-06T01:00:00Z"), "{zone}: {}", r.stdout);
    }
}

#[test]
fn team_folder_keeps_sub_folders_copies_images_and_takes_ids_from_file_names() {
    let s = site(&[]);
    let src = fixture("import/team");
    let r = run(s.path(), &["import", src.to_str().unwrap(), "--into", "content"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pm = "content/incidents/2024/pm2024-007-cache-stampede.md";
    let img = "content/incidents/2024/images/hit-rate.svg";
    let rb = "content/runbooks/cache/cache-warmup.md";
    let mut printed: Vec<&str> = r.stdout.lines().collect();
    printed.sort();
    assert_eq!(printed, [img, pm, rb]);
    assert_eq!(read(&s.path().join(img)), read(&src.join("2024/images/hit-rate.svg")));
    let pm_text = read(&s.path().join(pm));
    let (front, body) = split(&pm_text);
    assert_eq!(
        front,
        [
            "id: PM2024-007",
            "title: \"Postmortem: Cache stampede on product pages\"",
            "severity: SEV2",
            "status: resolved",
            "started: 2024-03-05T09:12:00Z",
            "detected: 2024-03-05T09:14:00Z",
            "mitigated: 2024-03-05T09:31:00Z",
            "resolved: 2024-03-05T10:05:00Z",
            "services: [catalog, cache]",
            "commander: \"Ana Ruiz\"",
            "authors: [\"Ana Ruiz\", \"Bo Chen\"]",
            // Every section written (its `## TL;DR` is the Summary): a finished write-up.
            "postmortem: published",
        ]
    );
    assert_eq!(body, without_lines(&read(&src.join("2024/PM2024-007 - Cache stampede.md")), &[3, 4, 5, 6]));
    let rb_text = read(&s.path().join(rb));
    let (front, _) = split(&rb_text);
    assert_eq!(
        front,
        ["title: \"Cache warm-up\"", "owner: \"team-cache\"", "last_reviewed: 2026-03-01", "status: active"]
    );
    let r = run(s.path(), &["check", "--format", "short"]);
    // The image link works; `## TL;DR` is the Summary (a default alias), so no section is missing.
    assert!(!r.stdout.contains("link/broken"), "{}", r.stdout);
    assert!(!r.stdout.contains("section/missing"), "{}", r.stdout);
}

#[test]
fn dry_run_writes_nothing_and_overwriting_needs_force() {
    let s = site(&[]);
    let src = fixture("import/seeds/001_b7c85c35f9a5aaa4.txt");
    let r = run(s.path(), &["import", src.to_str().unwrap(), "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("would write content/runbooks/001_b7c85c35f9a5aaa4.md (runbook, from "), "{}", r.stdout);
    assert!(r.stdout.contains("    owner: \"Ops/Platform\"\n"), "{}", r.stdout);
    assert!(r.stdout.contains("3 metadata line(s) moved"), "{}", r.stdout);
    assert!(!s.path().join("content/runbooks").exists());
    assert_eq!(run(s.path(), &["import", src.to_str().unwrap()]).code, 0);
    let dest = s.path().join("content/runbooks/001_b7c85c35f9a5aaa4.md");
    std::fs::write(&dest, "edited by hand\n").unwrap();
    // The dry run says what the real run will do: refuse (exit 2), or replace with --force.
    let r = run(s.path(), &["import", src.to_str().unwrap(), "--dry-run"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("(exists: needs --force)"), "{}", r.stdout);
    let r = run(s.path(), &["import", src.to_str().unwrap(), "--dry-run", "--force"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("(replaces the existing file)"), "{}", r.stdout);
    let r = run(s.path(), &["import", src.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("refusing to overwrite") && r.stderr.contains("001_b7c85c35f9a5aaa4.md"), "{}", r.stderr);
    assert_eq!(read(&dest), "edited by hand\n");
    let r = run(s.path(), &["import", src.to_str().unwrap(), "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(read(&dest).contains("owner: \"Ops/Platform\""));
}

#[test]
fn kind_override_and_ids_that_never_collide() {
    let s = site(&[]);
    write(
        s.path(),
        "content/incidents/2024/a.md",
        b"---\nid: INC-2024-001\ntitle: \"a\"\nseverity: SEV3\nstatus: resolved\nstarted: 2024-01-01\n---\n",
    );
    let google = fixture("import/google-sre/search-outage-postmortem.md");
    let r = run(s.path(), &["import", google.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(read(&s.path().join("content/incidents/2024/search-outage-postmortem.md"))
        .starts_with("---\nid: INC-2024-002\n"));
    let seed = fixture("import/seeds/000_b487ca427bd20d4c.txt");
    let r = run(s.path(), &["import", seed.to_str().unwrap(), "--kind", "incident"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = read(&s.path().join(r.stdout.trim()));
    assert!(r.stdout.trim().starts_with("content/incidents/"), "{}", r.stdout);
    assert!(out.starts_with("---\nid: INC-2026-001\ntitle: \"Incident Triage Runbook — FlowSight MVP\"\n"), "{out}");
    // Into a folder that gives another kind: `kind:` is written so the document stays what it is.
    let r = run(s.path(), &["import", seed.to_str().unwrap(), "--into", "content/legacy", "--kind", "runbook"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(read(&s.path().join("content/legacy/000_b487ca427bd20d4c.md")).starts_with("---\nkind: runbook\n"));
}

#[test]
fn crlf_files_keep_their_line_endings_and_errors_name_the_file() {
    let s = site(&[]);
    write(
        s.path(),
        "in/win.md",
        b"# Windows runbook\r\n\r\nOwner: team-win\r\n\r\n## Contacts\r\n\r\n- Primary: #win-oncall\r\n",
    );
    let r = run(s.path(), &["import", "in/win.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(&s.path().join("content/runbooks/win.md")),
        "---\r\ntitle: \"Windows runbook\"\r\nowner: \"team-win\"\r\n---\r\n# Windows runbook\r\n\r\n\r\n## Contacts\r\n\r\n- Primary: #win-oncall\r\n"
    );
    write(s.path(), "in/latin1.md", b"# Caf\xe9\n");
    let r = run(s.path(), &["import", "in/latin1.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("in/latin1.md: not valid UTF-8"), "{}", r.stderr);
    assert_eq!(run(s.path(), &["import", "no/such/file.md"]).code, 2);
}

#[test]
fn progress_bar_only_on_a_terminal_and_never_in_ci() {
    let s = site(&[]);
    let dir = s.path().join("many");
    for i in 0..30 {
        write(&dir, &format!("doc-{i:02}.md"), format!("# Runbook {i}\n\nOwner: team\n").as_bytes());
    }
    // Not a terminal: nothing but the paths and the summary.
    let r = sitrep_env(s.path(), &["import", "many"], &[("CI", "")]);
    assert_eq!(r.code, 0);
    assert!(!r.stderr.contains("import ["), "{}", r.stderr);
    // Under a pseudo-terminal (util-linux `script`), the bar is drawn unless CI is set.
    let have_script = std::process::Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success());
    if !have_script {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_sitrep");
    let tty = |ci: Option<&str>, into: &str| {
        let mut cmd = std::process::Command::new("script");
        cmd.current_dir(s.path())
            .args(["-qec", &format!("{bin} import many --into {into}"), "/dev/null"])
            .env_remove("CI");
        if let Some(v) = ci {
            cmd.env("CI", v);
        }
        String::from_utf8_lossy(&cmd.output().expect("script").stdout).into_owned()
    };
    assert!(tty(None, "tty-out/content").contains("import ["), "progress bar expected on a terminal");
    assert!(!tty(Some("true"), "ci-out/content").contains("import ["), "no progress bar in CI");
}

#[test]
fn links_between_imported_documents_follow_them_to_their_new_names() {
    let s = site(&[]);
    let rb =
        |title: &str, body: &str| format!("# {title}\n\n**Owner:** team\n\n{body}\n\n## Contacts\n\n- Slack: #team\n");
    write(
        s.path(),
        "src/runbooks/DB Failover.md",
        rb(
            "DB failover",
            "See [policy](../On%20Call%20Policy.md#escalation) and <a href=\"../On Call Policy.md\">it</a>.",
        )
        .as_bytes(),
    );
    write(
        s.path(),
        "src/On Call Policy.md",
        rb(
            "On-call policy",
            "## Escalation\n\nBack to [failover](<runbooks/DB Failover.md>) and [ref][f].\n\n```sh\n# [failover](<runbooks/DB Failover.md>)\n```\n\n[f]: <runbooks/DB Failover.md>",
        )
        .as_bytes(),
    );
    let r = run(s.path(), &["import", "src"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let failover = read(&s.path().join("content/runbooks/db-failover.md"));
    assert!(failover.contains("[policy](on-call-policy.md#escalation)"), "{failover}");
    assert!(failover.contains("<a href=\"on-call-policy.md\">"), "{failover}");
    let policy = read(&s.path().join("content/runbooks/on-call-policy.md"));
    assert!(policy.contains("Back to [failover](<db-failover.md>)"), "{policy}");
    assert!(policy.contains("[f]: <db-failover.md>"), "{policy}");
    assert!(policy.contains("# [failover](<runbooks/DB Failover.md>)\n```"), "code is never rewritten: {policy}");
    let c = run(s.path(), &["check", "--format", "short"]);
    assert!(!c.stdout.contains("link/"), "{}", c.stdout);
}

#[test]
fn existing_front_matter_is_kept_and_completed_and_a_leading_rule_is_not_front_matter() {
    let s = site(&[]);
    write(
        s.path(),
        "src/db.md",
        b"---\nlayout: page\ntitle: DB runbook\n---\n# DB\n\n**Owner:** DBA\n**Last reviewed:** 2026-11-01\n\n## Contacts\n\n- Slack: #dba\n",
    );
    write(
        s.path(),
        "src/cache.md",
        b"---\n\n# Cache flush\n\n**Owner:** team-cache\n\nFlush it.\n\n---\n\n## Contacts\n\n- Slack: #cache\n",
    );
    write(s.path(), "src/hugo.md", b"+++\ntitle = \"Hugo\"\n+++\n# Hugo\n");
    let r = run(s.path(), &["import", "src"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("hugo.md: not imported: its TOML front-matter"), "{}", r.stderr);
    let db = read(&s.path().join("content/runbooks/db.md"));
    assert!(db.starts_with("---\nlayout: page\ntitle: DB runbook\nowner: \"DBA\"\nlast_reviewed: 2026-11-01\n---\n# DB\n\n\n## Contacts"), "{db}");
    let cache = read(&s.path().join("content/runbooks/cache.md"));
    assert!(
        cache.starts_with("---\ntitle: \"Cache flush\"\nowner: \"team-cache\"\n---\n---\n\n# Cache flush\n"),
        "{cache}"
    );
    assert!(!s.path().join("content/runbooks/hugo.md").exists());
}

#[test]
fn prose_below_the_first_section_stays_in_the_body() {
    let s = site(&[]);
    let text = "# Cache flush\n\n**Owner:** Platform\n\n## Diagnose\n\nStatus: https://status.acme.io shows the incident banner.\nService: redis-cache-prod is the only one you may flush.\n\n## Contacts\n\n- Slack: #platform\n";
    write(s.path(), "src/cache-flush.md", text.as_bytes());
    let r = run(s.path(), &["import", "src/cache-flush.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = read(&s.path().join("content/runbooks/cache-flush.md"));
    let (front, body) = split(&out);
    assert_eq!(front, ["title: \"Cache flush\"", "owner: \"Platform\""]);
    assert!(
        body.contains("Status: https://status.acme.io shows") && body.contains("Service: redis-cache-prod is"),
        "{body}"
    );
}

#[test]
fn a_finished_postmortem_is_published_and_the_site_itself_is_not_an_input() {
    let s = site(&[]);
    let pm = "# DB outage postmortem\n\n**Date:** 2024-03-05\n**Severity:** SEV2\n\n## Summary\nx\n## Impact\nx\n## Timeline\n- 10:02 UTC — alert fires\n- 10:44 UTC — resolved\n## Root Cause\nx\n## Action Items\n- [x] Fix — @ana\n## Lessons Learned\nx\n";
    write(s.path(), "docs/postmortems/2024-03-05-db-outage.md", pm.as_bytes());
    let r = run(s.path(), &["import", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = read(&s.path().join("content/incidents/2024-03-05-db-outage.md"));
    assert!(out.contains("postmortem: published\n"), "{out}");
    let c = run(s.path(), &["check", "--format", "short"]);
    assert!(!c.stdout.contains("postmortem-overdue"), "{}", c.stdout);
    // Run again from the site's folder: its own documents are skipped, not imported into itself.
    let again = run(s.path(), &["import", ".", "--dry-run"]);
    assert!(again.stdout.contains("skipped: they are the site's own documents"), "{}", again.stdout);
    assert!(!again.stdout.contains("content/incidents/content"), "{}", again.stdout);
}

#[test]
fn two_different_files_for_one_place_are_refused() {
    let s = site(&[]);
    write(s.path(), "a/db.md", b"# DB\n\n![d](img/diagram.svg)\n");
    write(s.path(), "a/img/diagram.svg", b"<svg>db</svg>");
    write(s.path(), "b/cache.md", b"# Cache\n\n![d](img/diagram.svg)\n");
    write(s.path(), "b/img/diagram.svg", b"<svg>cache</svg>");
    let r = run(s.path(), &["import", "a/db.md", "b/cache.md"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("would both be copied to"), "{}", r.stderr);
    assert!(!s.path().join("content/runbooks/db.md").exists(), "nothing written");
}

#[test]
fn repository_files_and_templates_are_skipped_and_readmes_are_folder_pages() {
    let s = site(&[]);
    write(s.path(), "docs/CHANGELOG.md", b"# Changelog\n");
    write(s.path(), "docs/postmortems/TEMPLATE.md", b"# Postmortem: <title>\n\n## Timeline\n");
    write(s.path(), "docs/runbooks/db/README.md", b"# Database runbooks\n\nSee [failover](failover.md).\n");
    write(
        s.path(),
        "docs/runbooks/db/failover.md",
        b"# Failover\n\n**Owner:** dba\n\nBack to [all](./).\n\n## Contacts\n\n- Slack: #dba\n",
    );
    let r = run(s.path(), &["import", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("CHANGELOG.md: skipped") && r.stderr.contains("TEMPLATE.md: skipped: a template"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("changelog") && !r.stdout.contains("template"), "{}", r.stdout);
    let index = read(&s.path().join("content/runbooks/db/index.md"));
    assert!(index.starts_with("---\nkind: page\n"), "{index}");
    let c = run(s.path(), &["check", "--format", "short"]);
    assert!(!c.stdout.contains("link/broken"), "{}", c.stdout);
}

#[test]
fn a_date_in_a_file_name_is_not_an_incident_id() {
    let s = site(&[]);
    let pm = "# Outage\n\n## Summary\nx\n## Impact\nx\n## Timeline\n- 10:02 UTC — alert\n## Root Cause\nx\n## Action Items\n- [x] Fix — @ana\n## Lessons Learned\nx\n";
    write(s.path(), "src/postmortem-2024-03-05-cache.md", pm.as_bytes());
    write(s.path(), "src/postmortem-2024-03-05-dns.md", pm.as_bytes());
    let r = run(s.path(), &["import", "src"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a = read(&s.path().join("content/incidents/2024/postmortem-2024-03-05-cache.md"));
    let b = read(&s.path().join("content/incidents/2024/postmortem-2024-03-05-dns.md"));
    assert!(a.contains("id: INC-2024-001\n") && b.contains("id: INC-2024-002\n"), "{a}\n{b}");
}

#[test]
fn notion_exports_lose_their_page_ids_and_property_decorations() {
    let s = site(&[]);
    let src = tempfile::tempdir().unwrap();
    write(
        src.path(),
        "Postmortems 9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d/Checkout 500s 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.md",
        "# Checkout 500s\n\nSeverity: 🔴 SEV1\nStatus: ✅ Resolved\nDate: March 1, 2024 2:45 PM (GMT+1) → March 1, 2024 4:10 PM (GMT+1)\nTags: postgres, checkout\n\n## Summary\n\nx\n\n## Impact\n\nx\n\n## Timeline\n\n- 13:45 UTC alert\n\n## Root Cause\n\nx\n\n## Action Items\n\n- [ ] Raise the pool — @ana, due 2024-04-01\n\nSee [the runbook](../WAL%20archiver%200c0ffee1234567890c0ffee123456789.md).\n".as_bytes(),
    );
    write(
        src.path(),
        "WAL archiver 0c0ffee1234567890c0ffee123456789.md",
        b"# WAL archiver\n\nLast edited time: March 3, 2024 9:00 AM\n\n## Steps\n\nx\n",
    );
    let r = run(s.path(), &["import", src.path().to_str().unwrap(), "--into", "content"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pm = read(&s.path().join("content/incidents/checkout-500s.md"));
    let (front, body) = split(&pm);
    for line in ["severity: SEV1", "status: resolved", "date: 2024-03-01", "tags: [postgres, checkout]"] {
        assert!(front.contains(&line), "{line} not in {front:?}");
    }
    assert!(front.iter().any(|l| l.starts_with("id: INC-2024-")), "{front:?}");
    assert!(body.contains("[the runbook](../runbooks/wal-archiver.md)"), "{body}");
    let rb = read(&s.path().join("content/runbooks/wal-archiver.md"));
    assert!(split(&rb).0.contains(&"last_reviewed: 2024-03-03"), "{rb}");
}

#[test]
fn obsidian_vaults_and_docusaurus_mdx_are_imported() {
    let s = site(&[]);
    let src = tempfile::tempdir().unwrap();
    write(
        src.path(),
        "Runbooks/API 5xx.md",
        b"# API 5xx\n\nOwner: team-api\n\n## Steps\n\nSee [[Deploy checklist#Rollback]] and ![[grafana latency.png]].\n\n## Contacts\n\n- Slack: #api\n",
    );
    write(
        src.path(),
        "Runbooks/Deploy checklist.md",
        b"# Deploy checklist\n\nOwner: team-api\n\n## Rollback\n\nx\n\n## Contacts\n\n- Slack: #api\n",
    );
    write(src.path(), "attachments/grafana latency.png", b"png");
    write(
        src.path(),
        "docs/kafka-lag.mdx",
        b"---\nsidebar_position: 2\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Kafka consumer lag\n\n:::danger Do not reset offsets\nData loss.\n:::\n\n```js\nimport x from 'y';\n```\n\n## Contacts\n\n- Slack: #data\n",
    );
    let r = run(s.path(), &["import", src.path().to_str().unwrap(), "--into", "content"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("2 import/export line(s) dropped"), "{}", r.stderr);
    assert!(s.path().join("content/runbooks/grafana latency.png").is_file(), "{}", r.stdout);
    let mdx = read(&s.path().join("content/runbooks/docs/kafka-lag.md"));
    assert!(!mdx.contains("@theme/Tabs") && mdx.contains("import x from 'y';"), "{mdx}");
    assert!(mdx.contains("title: \"Kafka consumer lag\""), "{mdx}");
    let c = run(s.path(), &["check", "--format", "short"]);
    assert!(!c.stdout.contains("link/"), "{}", c.stdout);
    let b = run(s.path(), &["build", "-q", "--allow-errors"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = read(&s.path().join("public/runbooks/api-5xx/index.html"));
    assert!(page.contains("deploy-checklist/#rollback\""), "{page}");
    assert!(page.contains("grafana%20latency.png"), "{page}");
}
