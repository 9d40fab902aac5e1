//! `--format junit`: one testcase per checked file; a file with error-level findings fails.

use super::Report;
use crate::diag::Level;
use quick_junit::{NonSuccessKind, Report as JReport, TestCase, TestCaseStatus, TestSuite};

/// Render a JUnit XML report.
pub fn render(r: &Report<'_>) -> String {
    let mut suite = TestSuite::new("sitrep check");
    for (i, _doc) in r.site.docs.iter().enumerate() {
        let mine: Vec<_> = r.diags.iter().filter(|d| d.doc == i).collect();
        let errors: Vec<_> = mine.iter().filter(|d| d.level == Level::Error).collect();
        let text: String = mine
            .iter()
            .map(|d| format!("{}:{}:{}: {}[{}] {}\n", r.paths[i], d.line, d.col, d.level, d.rule, d.message))
            .collect();
        let status = if errors.is_empty() {
            TestCaseStatus::success()
        } else {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(format!("{} error(s)", errors.len()));
            s.set_type("sitrep");
            s.set_description(text.clone());
            s
        };
        let mut case = TestCase::new(r.paths[i].clone(), status);
        case.set_classname("sitrep");
        if errors.is_empty() && !text.is_empty() {
            case.set_system_out(text);
        }
        suite.add_test_case(case);
    }
    let mut report = JReport::new("sitrep");
    report.add_test_suite(suite);
    report.to_string().expect("JUnit XML serialises")
}
