//! Which rows of a long list to put in the DOM: only those in (or near) the
//! viewport. Rows are a whole number of text lines tall (one without wrap,
//! `ceil(chars / columns)` with wrap), so positions are exact prefix sums.

/// Cumulative heights, in text lines, of the rows of a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// `ends[i]` = text lines up to and including row `i`.
    ends: Vec<u32>,
}

/// Text lines a row of `chars` characters takes at `columns` per line.
pub fn rows_for(chars: usize, columns: Option<usize>) -> u32 {
    match columns {
        Some(columns) if columns > 0 => {
            u32::try_from(chars.div_ceil(columns).max(1)).unwrap_or(u32::MAX)
        }
        _ => 1,
    }
}

impl Layout {
    pub fn push(&mut self, rows: u32) {
        let total = self.total_rows().saturating_add(rows.max(1));
        self.ends.push(total);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn total_rows(&self) -> u32 {
        self.ends.last().copied().unwrap_or(0)
    }

    /// Text lines above row `index`.
    pub fn start_of(&self, index: usize) -> u32 {
        if index == 0 {
            0
        } else {
            self.ends
                .get(index - 1)
                .copied()
                .unwrap_or_else(|| self.total_rows())
        }
    }

    /// The row covering text line `line`.
    pub fn row_at(&self, line: u32) -> usize {
        self.ends
            .partition_point(|end| *end <= line)
            .min(self.ends.len().saturating_sub(1))
    }
}

/// The slice of rows to render.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub first: usize,
    /// One past the last row.
    pub end: usize,
    /// Pixels above the first rendered row.
    pub offset: f64,
    /// Pixels of the whole list.
    pub total: f64,
}

/// The rows visible between `scroll_top` and `scroll_top + viewport`, plus
/// `overscan` rows either side so that fast scrolling shows no gap.
pub fn window(
    layout: &Layout,
    line_height: f64,
    scroll_top: f64,
    viewport: f64,
    overscan: usize,
) -> Window {
    let total = f64::from(layout.total_rows()) * line_height;
    if layout.is_empty() || line_height <= 0.0 {
        return Window {
            first: 0,
            end: 0,
            offset: 0.0,
            total,
        };
    }
    let top_line = (scroll_top.max(0.0) / line_height).floor() as u32;
    let bottom_line = ((scroll_top.max(0.0) + viewport.max(0.0)) / line_height).ceil() as u32;
    let first = layout.row_at(top_line).saturating_sub(overscan);
    let end = (layout.row_at(bottom_line) + 1 + overscan).min(layout.len());
    Window {
        first,
        end,
        offset: f64::from(layout.start_of(first)) * line_height,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uniform(count: usize) -> Layout {
        let mut layout = Layout::default();
        for _ in 0..count {
            layout.push(1);
        }
        layout
    }

    #[test]
    fn fixed_rows() {
        let layout = uniform(100_000);
        let w = window(&layout, 20.0, 20_000.0, 400.0, 5);
        assert_eq!((w.first, w.end), (995, 1026));
        assert_eq!(w.offset, 995.0 * 20.0);
        assert_eq!(w.total, 2_000_000.0);
    }

    #[test]
    fn edges() {
        let layout = uniform(10);
        let w = window(&layout, 20.0, 0.0, 1_000.0, 5);
        assert_eq!((w.first, w.end), (0, 10));
        let w = window(&layout, 20.0, 10_000.0, 100.0, 2);
        assert_eq!(w.end, 10);
        let empty = window(&Layout::default(), 20.0, 0.0, 100.0, 2);
        assert_eq!((empty.first, empty.end), (0, 0));
    }

    #[test]
    fn wrapped_rows() {
        let mut layout = Layout::default();
        for chars in [10, 250, 80, 81] {
            layout.push(rows_for(chars, Some(80)));
        }
        // Rows take 1, 4, 1, 2 text lines.
        assert_eq!(layout.total_rows(), 8);
        assert_eq!(layout.start_of(2), 5);
        assert_eq!(layout.row_at(0), 0);
        assert_eq!(layout.row_at(3), 1);
        assert_eq!(layout.row_at(5), 2);
        assert_eq!(layout.row_at(7), 3);
        assert_eq!(layout.row_at(100), 3);
        let w = window(&layout, 10.0, 50.0, 10.0, 0);
        assert_eq!((w.first, w.end), (2, 4));
        assert_eq!(w.offset, 50.0);
        assert_eq!(rows_for(0, Some(80)), 1);
        assert_eq!(rows_for(500, None), 1);
    }
}
