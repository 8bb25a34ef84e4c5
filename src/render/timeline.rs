//! Week charts drawn at build time as inline SVG: the implementation model on
//! `/faser/` (phases and sub-phases as bands, milestones as markers) and the
//! training timeline on `/uddannelsesplaner/`. Week 0 (go-live) is marked;
//! open week ranges run to the chart's edge with an arrow. Every chart is a
//! `role="img"` with a title and a full text description; the page shows the
//! same facts as lists and tables beside it. Colours and fonts come from the
//! theme's CSS through class names.

use std::fmt::Write as _;

use super::markdown::escape;
use super::theme::Strings;
use crate::model::Weeks;

/// Width of the drawing in SVG units (scaled to the page by CSS).
const WIDTH: f64 = 960.0;
const AXIS: f64 = 54.0;
const MARGIN_RIGHT: f64 = 16.0;

/// One row of a chart.
pub(crate) struct Row {
    pub label: String,
    /// 0 for a phase or a group heading, 1 for a sub-phase or a course.
    pub indent: u8,
    /// A group heading spans the chart with no band.
    pub heading: bool,
    pub weeks: Option<Weeks>,
    /// Colour class of the band: `c0` … `c5`.
    pub colour: usize,
    /// Milestones on this row: (number shown, week).
    pub markers: Vec<(usize, i64)>,
}

/// A chart: rows over a range of weeks.
pub(crate) struct Chart<'a> {
    pub strings: &'a Strings,
    /// Prefix that makes the chart's element ids unique on the page.
    pub id: String,
    pub title: String,
    /// A short description of what the chart shows.
    pub description: String,
    /// Ids of the elements on the page that hold the same facts as text.
    pub described_by: Vec<String>,
    pub go_live: String,
    pub label_width: f64,
    pub rows: Vec<Row>,
    /// Extra weeks that must be inside the range (milestones, activities).
    pub extra_weeks: Vec<i64>,
}

/// The text of a week range, as the `weeks` component of the theme writes it.
pub(crate) fn weeks_text(strings: &Strings, w: &Weeks) -> String {
    let week = strings.get("week");
    if w.open_start {
        format!(
            "{} {} {}",
            strings.get("weeks_until"),
            week.to_lowercase(),
            w.to
        )
    } else if w.open_end {
        format!(
            "{} {} {}",
            strings.get("weeks_from"),
            week.to_lowercase(),
            w.from
        )
    } else if w.from == w.to {
        format!("{week} {}", w.from)
    } else {
        format!("{week} {} {} {}", w.from, strings.get("weeks_to"), w.to)
    }
}

/// The week columns of a chart.
#[derive(Clone, Copy)]
struct Grid {
    lo: i64,
    hi: i64,
    columns: f64,
    /// Where the first column starts and the last one ends.
    x0: f64,
    x1: f64,
    /// A column's width.
    cw: f64,
}

impl Grid {
    fn new((lo, hi): (i64, i64), label_width: f64) -> Grid {
        let x0 = label_width + 12.0;
        let x1 = WIDTH - MARGIN_RIGHT;
        let columns = (hi - lo + 1) as f64;
        Grid {
            lo,
            hi,
            columns,
            x0,
            x1,
            cw: (x1 - x0) / columns,
        }
    }

    /// The left edge of a week's column.
    fn x(&self, week: i64) -> f64 {
        self.x0 + (week - self.lo) as f64 * self.cw
    }
}

impl Chart<'_> {
    /// The first and last week shown: every finite week, week 0, and room
    /// beyond them for open ranges.
    fn range(&self) -> (i64, i64) {
        let mut lo = 0;
        let mut hi = 0;
        let mut open_lo = false;
        let mut open_hi = false;
        let mut see = |w: i64| {
            lo = lo.min(w);
            hi = hi.max(w);
        };
        for w in &self.extra_weeks {
            see(*w);
        }
        for row in &self.rows {
            if let Some(w) = &row.weeks {
                if w.open_start {
                    open_lo = true;
                } else {
                    see(w.from);
                }
                if w.open_end {
                    open_hi = true;
                } else {
                    see(w.to);
                }
            }
            for (_, week) in &row.markers {
                see(*week);
            }
        }
        // An open range gets at least four weeks of its own before the edge.
        if open_lo {
            lo -= 4;
        }
        if open_hi {
            hi += 4;
        }
        (lo - 1, hi + 1)
    }

    /// The chart as an `<svg>` element.
    pub(crate) fn svg(&self) -> String {
        let grid = Grid::new(self.range(), self.label_width);
        let (labels, heights) = self.row_labels();
        let height = AXIS + heights.iter().sum::<f64>() + 12.0;
        let mut s = String::new();
        self.open(&mut s, height);
        self.axis(&mut s, &grid, height);
        self.week_zero(&mut s, &grid, height);
        let mut y = AXIS;
        for ((row, h), lines) in self.rows.iter().zip(&heights).zip(&labels) {
            self.row(&mut s, &grid, row, lines, y, *h);
            y += h;
        }
        s.push_str("</svg>");
        s
    }

    /// Each row's label in lines (one that does not fit its column takes
    /// two) and the row's height.
    fn row_labels(&self) -> (Vec<Vec<String>>, Vec<f64>) {
        let labels: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                let width = if r.heading {
                    WIDTH - 8.0
                } else {
                    self.label_width - 14.0 * f64::from(r.indent)
                };
                wrap(&r.label, width)
            })
            .collect();
        let heights: Vec<f64> = self
            .rows
            .iter()
            .zip(&labels)
            .map(|(r, l)| {
                let base = if r.indent == 0 { 34.0 } else { 28.0 };
                base + 16.0 * (l.len().max(1) - 1) as f64
            })
            .collect();
        (labels, heights)
    }

    /// The `<svg>` element with its title and description.
    fn open(&self, s: &mut String, height: f64) {
        let title_id = format!("{}-titel", self.id);
        let desc_id = format!("{}-beskrivelse", self.id);
        let _ = write!(
            s,
            "<svg class=\"tidslinje\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"{title_id}\" aria-describedby=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{title_id}\">{}</title><desc id=\"{desc_id}\">{}</desc>",
            std::iter::once(desc_id.clone())
                .chain(self.described_by.iter().cloned())
                .collect::<Vec<_>>()
                .join(" "),
            escape(&self.title),
            escape(&self.description)
        );
    }

    /// The week grid and its labels.
    fn axis(&self, s: &mut String, grid: &Grid, height: f64) {
        let Grid {
            lo,
            hi,
            columns,
            x0,
            cw,
            ..
        } = *grid;
        let x = |week| grid.x(week);
        let step = [1, 2, 4, 5, 10, 20]
            .into_iter()
            .find(|s| columns / (*s as f64) <= 18.0)
            .unwrap_or(26);
        s.push_str("<g class=\"tl-akse\">");
        for week in lo..=hi {
            if week % step != 0 {
                continue;
            }
            let cx = x(week) + cw / 2.0;
            let _ = write!(
                s,
                "<line class=\"tl-gitter\" x1=\"{cx:.1}\" y1=\"{:.1}\" x2=\"{cx:.1}\" y2=\"{:.1}\"/>\
                 <text class=\"tl-uge\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{week}</text>",
                AXIS - 8.0,
                height - 8.0,
                AXIS - 14.0,
            );
        }
        let _ = write!(
            s,
            "<text class=\"tl-akse-titel\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text></g>",
            x0 - 8.0,
            AXIS - 14.0,
            escape(&self.strings.get("week"))
        );
    }

    /// Week 0: the go-live week.
    fn week_zero(&self, s: &mut String, grid: &Grid, height: f64) {
        let Grid { x1, cw, .. } = *grid;
        let x = |week| grid.x(week);
        let g0 = x(0);
        let _ = write!(
            s,
            "<rect class=\"tl-uge0\" x=\"{g0:.1}\" y=\"{:.1}\" width=\"{cw:.1}\" height=\"{:.1}\"/>\
             <line class=\"tl-uge0-linje\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>\
             <text class=\"tl-uge0-tekst\" x=\"{:.1}\" y=\"14\" text-anchor=\"{}\" data-week=\"0\">{}</text>",
            AXIS - 8.0,
            height - AXIS,
            g0 + cw / 2.0,
            AXIS - 8.0,
            g0 + cw / 2.0,
            height - 4.0,
            g0 + cw / 2.0,
            if g0 > x1 - 160.0 { "end" } else { "middle" },
            escape(&format!("{} 0: {}", self.strings.get("week"), self.go_live))
        );
    }

    /// One row: its label, its band (or "no week") and its milestones.
    fn row(&self, s: &mut String, grid: &Grid, row: &Row, lines: &[String], y: f64, h: f64) {
        let Grid { x0, cw, .. } = *grid;
        let x = |week| grid.x(week);
        let mid = y + h / 2.0;
        if row.heading {
            let _ = write!(
                s,
                "<rect class=\"tl-gruppe\" x=\"0\" y=\"{:.1}\" width=\"{WIDTH}\" height=\"{:.1}\"/>",
                y + 2.0,
                h - 4.0
            );
        }
        let label_class = if row.indent == 0 {
            "tl-etiket tl-etiket--top"
        } else {
            "tl-etiket"
        };
        let lx = 4.0 + 14.0 * f64::from(row.indent);
        let _ = write!(
            s,
            "<text class=\"{label_class}\" x=\"{lx:.1}\" y=\"{mid:.1}\" dominant-baseline=\"central\">"
        );
        for (k, line) in lines.iter().enumerate() {
            // Two lines sit half a line above and below the middle.
            let dy = match (k, lines.len()) {
                (0, 1) => "0".to_string(),
                (0, _) => "-0.6em".to_string(),
                _ => "1.2em".to_string(),
            };
            let _ = write!(
                s,
                "<tspan x=\"{lx:.1}\" dy=\"{dy}\">{}</tspan>",
                escape(line)
            );
        }
        s.push_str("</text>");
        match &row.weeks {
            Some(w) => self.band(s, row, w, grid, y, h),
            None if !row.heading => {
                let _ = write!(
                    s,
                    "<text class=\"tl-ingen\" x=\"{x0:.1}\" y=\"{mid:.1}\" dominant-baseline=\"central\">{}</text>",
                    escape(&self.strings.get("timeline_no_week"))
                );
            }
            None => {}
        }
        for (n, week) in &row.markers {
            let cx = x(*week) + cw / 2.0;
            let r = 7.0;
            let _ = write!(
                s,
                "<path class=\"tl-milepael\" d=\"M{cx:.1} {:.1} l{r} {r} l-{r} {r} l-{r} -{r} z\"/>\
                 <text class=\"tl-milepael-nr\" x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"central\">{n}</text>",
                mid - r,
                cx + r + 2.0,
                mid - r + 1.0,
            );
        }
    }

    /// One band: a bar over its weeks; an open end is an arrow to the edge.
    fn band(&self, s: &mut String, row: &Row, w: &Weeks, grid: &Grid, y: f64, h: f64) {
        let (x, cw) = (|week| grid.x(week), grid.cw);
        let (edge_lo, edge_hi) = (grid.x(grid.lo), grid.x(grid.hi + 1));
        let bar = Bar {
            start: if w.open_start { edge_lo } else { x(w.from) },
            end: if w.open_end { edge_hi } else { x(w.to) + cw },
            top: y + 5.0,
            bottom: y + h - 5.0,
        };
        let class = if row.indent == 0 && !row.heading {
            format!("tl-baand tl-baand--fase {}", colour(row.colour))
        } else {
            format!("tl-baand {}", colour(row.colour))
        };
        let _ = write!(s, "<path class=\"{class}\" d=\"{}\"/>", bar.path(w));
        let markers: Vec<f64> = row
            .markers
            .iter()
            .map(|(_, wk)| x(*wk) + cw / 2.0)
            .collect();
        self.band_text(s, row, w, &bar, markers);
    }

    /// The weeks as text, inside the band when it fits, else after it, or
    /// before it when there is no room after it either.
    fn band_text(&self, s: &mut String, row: &Row, w: &Weeks, bar: &Bar, markers: Vec<f64>) {
        let text = weeks_text(self.strings, w);
        let data = if w.to != w.from {
            format!("data-week=\"{}\" data-week-to=\"{}\"", w.from, w.to)
        } else {
            format!("data-week=\"{}\"", w.from)
        };
        let needed = 7.2 * text.chars().count() as f64 + 16.0;
        let tip = bar.tip();
        let mid = bar.mid();
        let text_x = after_markers(bar.start + tip.max(6.0) + 2.0, needed, markers);
        let room = bar.end - tip - text_x;
        if room >= needed - 8.0 {
            let _ = write!(
                s,
                "<text class=\"tl-baand-tekst{}\" x=\"{:.1}\" y=\"{mid:.1}\" dominant-baseline=\"central\" {data}>{}</text>",
                if row.indent == 0 {
                    ""
                } else {
                    " tl-baand-tekst--lys"
                },
                text_x,
                escape(&text)
            );
        } else if bar.end + needed < WIDTH {
            let _ = write!(
                s,
                "<text class=\"tl-baand-tekst\" x=\"{:.1}\" y=\"{mid:.1}\" dominant-baseline=\"central\" {data}>{}</text>",
                bar.end + 6.0,
                escape(&text)
            );
        } else {
            let _ = write!(
                s,
                "<text class=\"tl-baand-tekst\" x=\"{:.1}\" y=\"{mid:.1}\" text-anchor=\"end\" dominant-baseline=\"central\" {data}>{}</text>",
                bar.start - 6.0,
                escape(&text)
            );
        }
    }
}

/// Where a band's bar lies, in SVG units.
#[derive(Clone, Copy)]
struct Bar {
    start: f64,
    end: f64,
    top: f64,
    bottom: f64,
}

impl Bar {
    /// How far an arrow point reaches into the bar.
    fn tip(&self) -> f64 {
        9.0_f64.min((self.end - self.start) / 2.0)
    }

    fn mid(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }

    /// The bar's outline: straight ends, or arrow points where `w` is open.
    fn path(&self, w: &Weeks) -> String {
        let Bar {
            start,
            end,
            top,
            bottom,
        } = *self;
        let tip = self.tip();
        let mid = self.mid();
        let mut d = String::new();
        if w.open_start {
            let _ = write!(d, "M{start:.1} {mid:.1} L{:.1} {top:.1} ", start + tip);
        } else {
            let _ = write!(d, "M{start:.1} {bottom:.1} L{start:.1} {top:.1} ");
        }
        if w.open_end {
            let _ = write!(
                d,
                "L{:.1} {top:.1} L{end:.1} {mid:.1} L{:.1} {bottom:.1} ",
                end - tip,
                end - tip
            );
        } else {
            let _ = write!(d, "L{end:.1} {top:.1} L{end:.1} {bottom:.1} ");
        }
        if w.open_start {
            let _ = write!(d, "L{:.1} {bottom:.1} Z", start + tip);
        } else {
            d.push('Z');
        }
        d
    }
}

/// Where a text of width `needed` starts at or after `x` so that no
/// milestone marker (centres in `markers`) covers it.
fn after_markers(x: f64, needed: f64, mut markers: Vec<f64>) -> f64 {
    markers.sort_by(f64::total_cmp);
    let mut text_x = x;
    for m in markers {
        if m + 22.0 > text_x && m - 10.0 < text_x + needed {
            text_x = m + 22.0;
        }
    }
    text_x
}

fn colour(k: usize) -> &'static str {
    ["c0", "c1", "c2", "c3", "c4", "c5"][k % 6]
}

/// Characters of a label that fit `width` SVG units.
fn chars_in(width: f64) -> usize {
    (width / 7.4).floor().max(8.0) as usize
}

/// A label on one or two lines of about the width available, broken at
/// spaces; what still does not fit is shortened with "…" (the full text is
/// in the chart's description and in the lists beside it).
fn wrap(label: &str, width: f64) -> Vec<String> {
    let max = chars_in(width);
    if label.chars().count() <= max {
        return vec![label.to_string()];
    }
    let mut first = String::new();
    let mut words = label.split(' ').peekable();
    while let Some(w) = words.peek() {
        let len = first.chars().count() + usize::from(!first.is_empty()) + w.chars().count();
        if len > max && !first.is_empty() {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(w);
        words.next();
    }
    let second: Vec<&str> = words.collect();
    if second.is_empty() {
        return vec![shorten(&first, max)];
    }
    vec![shorten(&first, max), shorten(&second.join(" "), max)]
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weeks(from: i64, to: i64, open_start: bool, open_end: bool) -> Weeks {
        Weeks {
            from,
            to,
            open_start,
            open_end,
        }
    }

    fn chart(strings: &Strings, rows: Vec<Row>) -> String {
        Chart {
            strings,
            id: "t".into(),
            title: "Titel".into(),
            description: "Beskrivelse".into(),
            described_by: vec!["liste".into()],
            go_live: "Go-live".into(),
            label_width: 200.0,
            rows,
            extra_weeks: vec![],
        }
        .svg()
    }

    #[test]
    fn open_ranges_reach_the_edge_and_week_zero_is_marked() {
        let strings = Strings::built_in();
        let svg = chart(
            &strings,
            vec![
                Row {
                    label: "Planlægning".into(),
                    indent: 0,
                    heading: false,
                    weeks: Some(weeks(0, -14, true, false)),
                    colour: 0,
                    markers: vec![(1, -20)],
                },
                Row {
                    label: "Forankring".into(),
                    indent: 1,
                    heading: false,
                    weeks: Some(weeks(7, 7, false, true)),
                    colour: 1,
                    markers: vec![],
                },
            ],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("role=\"img\""));
        assert!(
            svg.contains("aria-labelledby=\"t-titel\" aria-describedby=\"t-beskrivelse liste\"")
        );
        assert!(svg.contains("class=\"tl-uge0\""));
        assert!(svg.contains("class=\"tl-milepael\""));
        // Range: -20 - 4 - 1 = -25 … 7 + 4 + 1 = 12: the open start begins at the left edge.
        let x0 = 200.0 + 12.0;
        assert!(svg.contains(&format!("M{x0:.1} ")), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn long_labels_take_two_lines_and_only_then_are_shortened() {
        assert_eq!(wrap("Kort", 200.0), ["Kort"]);
        let label = "Introduktion til KY og trænerdiscipliner";
        assert_eq!(
            wrap(label, 286.0),
            ["Introduktion til KY og", "trænerdiscipliner"]
        );
        let long = "Introduktion til KY og trænerdiscipliner for alle trænere i kommunen";
        let lines = wrap(long, 150.0);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
    }
}
