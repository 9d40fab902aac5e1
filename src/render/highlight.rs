//! Code highlighting with syntect CSS classes. Syntaxes load once, only when a code block needs
//! them; highlighted blocks are cached by (language, code) because runbooks repeat commands.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static CACHE: LazyLock<Mutex<HashMap<(String, String), String>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Language aliases people write in fences that syntect names differently.
fn canonical(lang: &str) -> &str {
    match lang {
        "sh" | "shell" | "zsh" | "console" | "shell-session" => "bash",
        "yml" => "yaml",
        "ts" | "typescript" | "tsx" => "js",
        "psql" | "postgresql" | "postgres" | "mysql" => "sql",
        "dockerfile" => "Dockerfile",
        "golang" => "go",
        "py" | "python3" => "python",
        "rs" => "rust",
        "tf" | "hcl" => "ruby",
        other => other,
    }
}

/// `<pre><code>` for a block: highlighted when the language is known, else escaped text.
pub fn code_block(lang: &str, code: &str) -> String {
    let lang = lang.trim().to_lowercase();
    let escaped = || {
        format!(
            "<pre class=\"code\"><code{}>{}</code></pre>\n",
            if lang.is_empty() {
                String::new()
            } else {
                format!(" class=\"language-{}\"", html_escape::encode_double_quoted_attribute(&lang))
            },
            html_escape::encode_text(code)
        )
    };
    if lang.is_empty() || code.len() > 200_000 {
        return escaped();
    }
    let key = (lang.clone(), code.to_string());
    if let Some(hit) = CACHE.lock().expect("cache lock").get(&key) {
        return hit.clone();
    }
    let ss = &*SYNTAXES;
    let Some(syntax) = ss.find_syntax_by_token(canonical(&lang)) else { return escaped() };
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, ss, STYLE);
    for line in LinesWithEndings::from(code) {
        if gen.parse_html_for_line_which_includes_newline(line).is_err() {
            return escaped();
        }
    }
    let html = format!(
        "<pre class=\"code hl\"><code class=\"language-{}\">{}</code></pre>\n",
        html_escape::encode_double_quoted_attribute(&lang),
        gen.finalize()
    );
    // Bounded: repeated commands are the win; a large site must not keep every block.
    let mut cache = CACHE.lock().expect("cache lock");
    if cache.len() < 4096 && code.len() < 4096 {
        cache.insert(key, html.clone());
    }
    html
}

/// Light and dark stylesheets for the highlight classes, dark behind `prefers-color-scheme`.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], STYLE).expect("light theme css");
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], STYLE).expect("dark theme css");
    // Each theme only in its own scheme: the light theme styles tokens the dark one does not
    // (`.hl-variable.hl-parameter`), and those dark-grey rules would otherwise stay on the dark
    // background (contrast 1.3:1).
    format!(
        "/* generated from syntect themes */\n@media not all and (prefers-color-scheme: dark) {{\n{light}\n}}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scheme_gets_only_its_own_theme() {
        let css = stylesheet();
        let dark_at = css.find("@media (prefers-color-scheme: dark)").expect("dark block");
        let light = &css[..dark_at];
        assert!(light.contains("@media not all and (prefers-color-scheme: dark)"), "{light}");
        // Every rule of the light theme is inside its block: nothing leaks into dark mode.
        let before_block = &light[..light.find("@media").expect("light block")];
        assert!(!before_block.contains('{'), "{before_block}");
    }

    #[test]
    fn highlights_known_and_escapes_unknown() {
        let h = code_block("bash", "echo \"<hi>\"\n");
        assert!(h.contains("hl-"), "{h}");
        assert!(!h.contains("<hi>"));
        let u = code_block("nosuchlang", "<script>x</script>\n");
        assert!(u.contains("&lt;script&gt;"), "{u}");
    }
}
