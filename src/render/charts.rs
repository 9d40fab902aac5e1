//! Accessible SVG bar charts written at build time (no chart JavaScript): axes, ticks, labels,
//! a legend, `<title>`/`<desc>` named by `aria-labelledby`/`aria-describedby`. Colours are classes (`c1`…`c6`)
//! that the theme's style.css maps to custom properties with light and dark values.

use super::theme::escape_html as esc;
use std::fmt::Write as _;

/// One series of bars: a name for the legend, a colour class and one value per category.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend label.
    pub name: String,
    /// Colour class (`c1` … `c6`).
    pub class: String,
    /// One value per category.
    pub values: Vec<f64>,
}

/// How bars of several series share a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// On top of each other (totals).
    Stacked,
    /// Side by side.
    Grouped,
}

/// A vertical bar chart.
#[derive(Debug, Clone)]
pub struct BarChart<'a> {
    /// Id prefix, unique in the page (`{id}-title`, `{id}-desc`).
    pub id: &'a str,
    /// Title (also the accessible name).
    pub title: &'a str,
    /// What the chart shows (the accessible description).
    pub desc: &'a str,
    /// Category labels along the x axis.
    pub categories: &'a [String],
    /// The series.
    pub series: Vec<Series>,
    /// Stacked or grouped.
    pub layout: Layout,
    /// Label of the y axis (`incidents`, `hours`).
    pub y_label: &'a str,
    /// Plot height in pixels.
    pub height: f64,
}

/// Colour class of the `i`-th series (cycles through six).
pub fn class(i: usize) -> String {
    format!("c{}", i % 6 + 1)
}

const LEFT: f64 = 52.0;
const RIGHT: f64 = 32.0;
const TOP: f64 = 34.0;
const BOTTOM: f64 = 40.0;
const CHAR_W: f64 = 7.0;

/// "Nice" tick step (1, 2 or 5 × 10^k) for about five ticks up to `max`.
pub fn nice_step(max: f64, integer: bool) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    if integer {
        step.max(1.0).round()
    } else {
        step
    }
}

/// A number as a tick label: no trailing `.0`, at most two decimals.
pub fn num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

fn open_svg(out: &mut String, id: &str, title: &str, desc: &str, w: f64, h: f64) {
    let id = esc(id);
    let _ = write!(
        out,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
}

fn legend(out: &mut String, series: &[Series], x0: f64) {
    if series.len() < 2 {
        return;
    }
    let mut x = x0;
    out.push_str(r#"<g class="legend">"#);
    for s in series {
        let _ = write!(
            out,
            r#"<rect class="swatch {}" x="{x}" y="8" width="12" height="12"/><text x="{}" y="18">{}</text>"#,
            esc(&s.class),
            x + 16.0,
            esc(&s.name)
        );
        x += 16.0 + s.name.chars().count() as f64 * CHAR_W + 18.0;
    }
    out.push_str("</g>");
}

/// A vertical bar chart as an SVG element.
pub fn bar_chart(c: &BarChart<'_>) -> String {
    let n = c.categories.len().max(1);
    let per = if c.layout == Layout::Grouped { c.series.len().max(1) } else { 1 };
    let bar_w = if per > 1 { 12.0 } else { 16.0 };
    let slot = (per as f64 * bar_w + 8.0).max(20.0);
    let legend_w: f64 = c.series.iter().map(|s| 34.0 + s.name.chars().count() as f64 * CHAR_W).sum::<f64>()
        + c.y_label.chars().count() as f64 * CHAR_W
        + 24.0;
    let plot_w = (n as f64 * slot).max(legend_w).max(200.0);
    let slot = plot_w / n as f64;
    let (w, h) = (LEFT + plot_w + RIGHT, TOP + c.height + BOTTOM);
    let max = (0..n)
        .map(|i| {
            let vals = c.series.iter().map(|s| s.values.get(i).copied().unwrap_or(0.0));
            match c.layout {
                Layout::Stacked => vals.sum::<f64>(),
                Layout::Grouped => vals.fold(0.0, f64::max),
            }
        })
        .fold(0.0, f64::max);
    let integer = c.series.iter().all(|s| s.values.iter().all(|v| v.fract() == 0.0));
    let step = nice_step(max, integer);
    let top = (max / step).ceil().max(1.0) * step;
    let y = |v: f64| TOP + c.height - v / top * c.height;
    let mut out = String::new();
    open_svg(&mut out, c.id, c.title, c.desc, w, h);
    legend(&mut out, &c.series, LEFT + c.y_label.chars().count() as f64 * CHAR_W + 24.0);
    // Grid lines and y ticks.
    out.push_str(r#"<g class="y-axis">"#);
    let mut t = 0.0;
    while t <= top + step / 2.0 {
        let ty = y(t);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{ty:.1}" y2="{ty:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT + plot_w,
            LEFT - 6.0,
            ty + 4.0,
            num(t)
        );
        t += step;
    }
    let _ = write!(
        out,
        r#"<text class="axis-label" x="{LEFT}" y="{}" text-anchor="start">{}</text></g>"#,
        TOP - 6.0,
        esc(c.y_label)
    );
    // Bars.
    out.push_str(r#"<g class="bars">"#);
    for (i, cat) in c.categories.iter().enumerate() {
        let x0 = LEFT + i as f64 * slot + (slot - per as f64 * bar_w) / 2.0;
        let mut base = 0.0;
        for (k, s) in c.series.iter().enumerate() {
            let v = s.values.get(i).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let (bx, from) = match c.layout {
                Layout::Stacked => (x0, base),
                Layout::Grouped => (x0 + k as f64 * bar_w, 0.0),
            };
            let (y1, y2) = (y(from + v), y(from));
            let _ = write!(
                out,
                r#"<rect class="bar {}" x="{bx:.1}" y="{y1:.1}" width="{bar_w}" height="{:.1}"><title>{} · {}: {}</title></rect>"#,
                esc(&s.class),
                y2 - y1,
                esc(cat),
                esc(&s.name),
                num(v)
            );
            base += v;
        }
    }
    out.push_str("</g>");
    // X axis, ticks and labels (thinned so they never overlap).
    let label_w = c.categories.iter().map(|s| s.chars().count()).max().unwrap_or(1) as f64 * CHAR_W + 6.0;
    let every = (label_w / slot).ceil().max(1.0) as usize;
    let base_y = TOP + c.height;
    let _ = write!(
        out,
        r#"<g class="x-axis"><line class="axis" x1="{LEFT}" x2="{}" y1="{base_y}" y2="{base_y}"/>"#,
        LEFT + plot_w
    );
    let _ = write!(out, r#"<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{base_y}"/>"#);
    for (i, cat) in c.categories.iter().enumerate() {
        let cx = LEFT + (i as f64 + 0.5) * slot;
        let _ = write!(out, r#"<line class="axis" x1="{cx:.1}" x2="{cx:.1}" y1="{base_y}" y2="{}"/>"#, base_y + 4.0);
        if i % every == 0 {
            let _ = write!(
                out,
                r#"<text class="tick" x="{cx:.1}" y="{}" text-anchor="middle">{}</text>"#,
                base_y + 18.0,
                esc(cat)
            );
        }
    }
    out.push_str("</g></svg>");
    out
}

/// A horizontal bar chart (one bar per labelled row, value written at its end).
pub fn hbar_chart(id: &str, title: &str, desc: &str, rows: &[(String, f64)], class: &str, x_label: &str) -> String {
    const ROW: f64 = 22.0;
    let label_w = rows.iter().map(|(l, _)| l.chars().count().min(28)).max().unwrap_or(4) as f64 * CHAR_W + 12.0;
    let plot_w = 420.0;
    let left = label_w.max(LEFT);
    let (w, h) = (left + plot_w + 40.0, TOP + rows.len().max(1) as f64 * ROW + BOTTOM);
    let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    let step = nice_step(max, rows.iter().all(|r| r.1.fract() == 0.0));
    let top = (max / step).ceil().max(1.0) * step;
    let x = |v: f64| left + v / top * plot_w;
    let base_y = TOP + rows.len().max(1) as f64 * ROW;
    let mut out = String::new();
    open_svg(&mut out, id, title, desc, w, h);
    out.push_str(r#"<g class="x-axis">"#);
    let mut t = 0.0;
    while t <= top + step / 2.0 {
        let tx = x(t);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{tx:.1}" x2="{tx:.1}" y1="{TOP}" y2="{base_y}"/><text class="tick" x="{tx:.1}" y="{}" text-anchor="middle">{}</text>"#,
            base_y + 16.0,
            num(t)
        );
        t += step;
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{left}" x2="{}" y1="{base_y}" y2="{base_y}"/><line class="axis" x1="{left}" x2="{left}" y1="{TOP}" y2="{base_y}"/><text class="axis-label" x="{}" y="{}" text-anchor="end">{}</text></g>"#,
        left + plot_w,
        left + plot_w,
        base_y + 34.0,
        esc(x_label)
    );
    out.push_str(r#"<g class="bars">"#);
    for (i, (label, v)) in rows.iter().enumerate() {
        let ry = TOP + i as f64 * ROW;
        let shown: String = if label.chars().count() > 28 {
            label.chars().take(27).chain(std::iter::once('…')).collect()
        } else {
            label.clone()
        };
        let _ = write!(
            out,
            r#"<text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text><rect class="bar {}" x="{left}" y="{:.1}" width="{:.1}" height="{}"><title>{}: {}</title></rect><text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
            left - 6.0,
            ry + 15.0,
            esc(&shown),
            esc(class),
            ry + 3.0,
            x(*v) - left,
            ROW - 6.0,
            esc(label),
            num(*v),
            x(*v) + 4.0,
            ry + 15.0,
            num(*v)
        );
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks() {
        assert_eq!(nice_step(7.0, true), 2.0);
        assert_eq!(nice_step(3.0, true), 1.0);
        assert_eq!(nice_step(0.0, true), 1.0);
        assert_eq!(nice_step(230.0, false), 50.0);
        assert_eq!(nice_step(1.2, false), 0.5);
        assert_eq!(num(2.50), "2.5");
        assert_eq!(num(3.0), "3");
    }

    #[test]
    fn charts_are_labelled_and_escape_text() {
        let cats = vec!["2026-01".to_string(), "2026-02".to_string()];
        let svg = bar_chart(&BarChart {
            id: "x",
            title: "A <b> title",
            desc: "d",
            categories: &cats,
            series: vec![
                Series { name: "SEV1".into(), class: class(0), values: vec![1.0, 0.0] },
                Series { name: "SEV2".into(), class: class(1), values: vec![2.0, 3.0] },
            ],
            layout: Layout::Stacked,
            y_label: "incidents",
            height: 200.0,
        });
        assert!(svg.starts_with(r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="x-title" aria-describedby="x-desc""#));
        assert!(svg.contains("<title id=\"x-title\">A &lt;b&gt; title</title>"));
        assert_eq!(svg.matches("<rect class=\"bar ").count(), 3, "zero-height bars are left out");
        assert!(svg.contains("<title>2026-02 · SEV2: 3</title>"));
        assert!(svg.contains("class=\"swatch c2\""), "legend");
        let h = hbar_chart("s", "t", "d", &[("<api>".into(), 2.0)], "c5", "incidents");
        assert!(h.contains("&lt;api&gt;") && !h.contains("<api>"));
    }

    /// WCAG 2.x relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("hex colour");
        let ch = |s: u32| {
            let c = ((v >> s) & 0xff) as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Custom properties of the first `:root { … }` block after `from` in style.css.
    fn vars(css: &str, from: usize) -> std::collections::HashMap<String, String> {
        let start = from + css[from..].find(":root {").expect(":root block");
        let end = start + css[start..].find('}').expect("block end");
        let mut block = css[start..end].to_string();
        while let (Some(a), Some(b)) = (block.find("/*"), block.find("*/")) {
            block.replace_range(a..b + 2, "");
        }
        block
            .split(';')
            .filter_map(|d| {
                let d = &d[d.rfind("--")?..];
                let (k, v) = d.split_once(':')?;
                Some((k.trim().to_string(), v.trim().to_string()))
            })
            .collect()
    }

    #[test]
    fn chart_colours_meet_wcag_contrast_in_light_and_dark() {
        let css = include_str!("../../themes/default/static/style.css");
        let dark = css.find("prefers-color-scheme: dark").expect("dark scheme");
        for (scheme, v) in [("light", vars(css, 0)), ("dark", vars(css, dark))] {
            let bg = &v["--bg"];
            // Text (axis labels, ticks) 4.5:1; bars, swatches and axes 3:1 (WCAG 1.4.3, 1.4.11).
            for k in ["--fg", "--muted"] {
                assert!(contrast(&v[k], bg) >= 4.5, "{scheme} {k} on --bg: {:.2}", contrast(&v[k], bg));
            }
            for i in 1..=6 {
                let k = format!("--c{i}");
                let c = contrast(&v[&k], bg);
                assert!(c >= 3.0, "{scheme} {k} on --bg: {c:.2}");
            }
        }
    }
}
