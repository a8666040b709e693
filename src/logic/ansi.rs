//! ANSI escape sequences in log lines: colours and emphasis (SGR) become
//! styled segments rendered with CSS classes; every other control sequence
//! is dropped. The text itself is never interpreted as markup.

/// The style of a run of text. Colours are indexes into the 16-colour
/// palette (0–7 normal, 8–15 bright); 256-colour and RGB values are mapped
/// to the nearest of those so that they render with theme-aware classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub fg: Option<u8>,
    pub bg: Option<u8>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Style {
    pub fn is_plain(&self) -> bool {
        *self == Style::default()
    }

    /// CSS classes for this style, e.g. `ansi-fg-2 ansi-bold`.
    pub fn classes(&self) -> String {
        let mut classes = Vec::new();
        if let Some(fg) = self.fg {
            classes.push(format!("ansi-fg-{fg}"));
        }
        if let Some(bg) = self.bg {
            classes.push(format!("ansi-bg-{bg}"));
        }
        for (on, class) in [
            (self.bold, "ansi-bold"),
            (self.dim, "ansi-dim"),
            (self.italic, "ansi-italic"),
            (self.underline, "ansi-underline"),
        ] {
            if on {
                classes.push(class.to_owned());
            }
        }
        classes.join(" ")
    }
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub style: Style,
}

/// The nearest of the 16 basic colours to an RGB value.
fn nearest_basic(r: u8, g: u8, b: u8) -> u8 {
    const PALETTE: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 49, 49),
        (13, 188, 121),
        (229, 229, 16),
        (36, 114, 200),
        (188, 63, 188),
        (17, 168, 205),
        (229, 229, 229),
        (102, 102, 102),
        (241, 76, 76),
        (35, 209, 139),
        (245, 245, 67),
        (59, 142, 234),
        (214, 112, 214),
        (41, 184, 219),
        (255, 255, 255),
    ];
    let distance = |(pr, pg, pb): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, pr) + d(g, pg) + d(b, pb)
    };
    (0..16u8)
        .min_by_key(|&i| distance(PALETTE[usize::from(i)]))
        .unwrap_or(7)
}

/// A 256-colour index as one of the 16 basic colours.
fn from_256(index: u8) -> u8 {
    match index {
        0..=15 => index,
        16..=231 => {
            let i = index - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            nearest_basic(level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        _ => {
            let grey = 8 + (index - 232) * 10;
            nearest_basic(grey, grey, grey)
        }
    }
}

/// Applies the parameters of one SGR sequence (`ESC [ … m`).
fn apply_sgr(style: &mut Style, params: &[u16]) {
    let params: &[u16] = if params.is_empty() { &[0] } else { params };
    let mut i = 0;
    while i < params.len() {
        match params[i] {
            0 => *style = Style::default(),
            1 => style.bold = true,
            2 => style.dim = true,
            3 => style.italic = true,
            4 => style.underline = true,
            22 => {
                style.bold = false;
                style.dim = false;
            }
            23 => style.italic = false,
            24 => style.underline = false,
            code @ 30..=37 => style.fg = Some((code - 30) as u8),
            39 => style.fg = None,
            code @ 40..=47 => style.bg = Some((code - 40) as u8),
            49 => style.bg = None,
            code @ 90..=97 => style.fg = Some((code - 90 + 8) as u8),
            code @ 100..=107 => style.bg = Some((code - 100 + 8) as u8),
            code @ (38 | 48) => {
                let colour = match params.get(i + 1) {
                    Some(5) => {
                        let value = params.get(i + 2).map(|&v| from_256(v.min(255) as u8));
                        i += 2;
                        value
                    }
                    Some(2) => {
                        let channel = |k: usize| params.get(i + k).map_or(0, |&v| v.min(255) as u8);
                        let value = Some(nearest_basic(channel(2), channel(3), channel(4)));
                        i += 4;
                        value
                    }
                    _ => None,
                };
                if code == 38 {
                    style.fg = colour;
                } else {
                    style.bg = colour;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Splits `text` into styled segments. Control sequences other than SGR,
/// and stray control characters, are removed.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut style = Style::default();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let flush = |out: &mut Vec<Segment>, current: &mut String, style: Style| {
        if !current.is_empty() {
            out.push(Segment {
                text: std::mem::take(current),
                style,
            });
        }
    };
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            // Tabs stay; other control characters would only garble the view.
            if !c.is_control() || c == '\t' {
                current.push(c);
            }
            continue;
        }
        match chars.peek() {
            Some('[') => {
                chars.next();
                let mut body = String::new();
                let mut terminator = None;
                for next in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&next) {
                        terminator = Some(next);
                        break;
                    }
                    body.push(next);
                    if body.len() > 64 {
                        break;
                    }
                }
                if terminator == Some('m') {
                    let params: Vec<u16> = body
                        .split(';')
                        .map(|p| p.parse::<u16>().unwrap_or(0))
                        .collect();
                    let params = if body.is_empty() { Vec::new() } else { params };
                    let mut next_style = style;
                    apply_sgr(&mut next_style, &params);
                    if next_style != style {
                        flush(&mut out, &mut current, style);
                        style = next_style;
                    }
                }
            }
            // OSC (e.g. hyperlinks): skip to the string terminator.
            Some(']') => {
                chars.next();
                while let Some(next) = chars.next() {
                    if next == '\u{7}' || (next == '\u{1b}' && chars.peek() == Some(&'\\')) {
                        if next == '\u{1b}' {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            // A two-character escape.
            Some(_) => {
                chars.next();
            }
            None => {}
        }
    }
    flush(&mut out, &mut current, style);
    out
}

/// The text without any escape sequence (for search, copy and download).
pub fn strip(text: &str) -> String {
    if !text.contains('\u{1b}') && !text.chars().any(|c| c.is_control() && c != '\t') {
        return text.to_owned();
    }
    segments(text).into_iter().map(|s| s.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_one_segment() {
        let s = segments("hello <b>world</b>");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "hello <b>world</b>");
        assert!(s[0].style.is_plain());
    }

    #[test]
    fn colours_and_reset() {
        let s = segments("\u{1b}[32mINFO\u{1b}[0m started \u{1b}[1;31mERR\u{1b}[m!");
        let texts: Vec<&str> = s.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["INFO", " started ", "ERR", "!"]);
        assert_eq!(s[0].style.fg, Some(2));
        assert!(s[1].style.is_plain());
        assert_eq!((s[2].style.fg, s[2].style.bold), (Some(1), true));
        assert_eq!(s[0].style.classes(), "ansi-fg-2");
        assert_eq!(s[2].style.classes(), "ansi-fg-1 ansi-bold");
    }

    #[test]
    fn extended_colours_map_to_the_palette() {
        let s = segments("\u{1b}[38;5;196mred\u{1b}[38;2;0;0;255mblue\u{1b}[48;5;15mbg");
        // Pure red and blue are nearest to the palette's normal red and blue.
        assert_eq!(s[0].style.fg, Some(1));
        assert_eq!(s[1].style.fg, Some(4));
        assert_eq!(s[2].style.bg, Some(15));
    }

    #[test]
    fn other_sequences_are_dropped() {
        assert_eq!(strip("\u{1b}[2K\u{1b}[1Gprogress 50%\r"), "progress 50%");
        assert_eq!(strip("\u{1b}]8;;https://x\u{7}link\u{1b}]8;;\u{7}"), "link");
        assert_eq!(strip("bell\u{7} tab\tend"), "bell tab\tend");
        assert_eq!(strip("cut \u{1b}["), "cut ");
        assert_eq!(strip("\u{1b}[38;5"), "");
    }

    #[test]
    fn garbage_parameters_do_not_panic() {
        let _ = segments("\u{1b}[38;5;99999;2;999;999;999m x \u{1b}[;;;m \u{1b}[48;2m");
        let _ = segments(&"\u{1b}[".repeat(1000));
    }
}
