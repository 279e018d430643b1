//! Large digits for the countdown, drawn with full blocks from a 3x5 font.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

const FONT: [[&str; 5]; 10] = [
    ["###", "#.#", "#.#", "#.#", "###"],
    [".#.", "##.", ".#.", ".#.", "###"],
    ["###", "..#", "###", "#..", "###"],
    ["###", "..#", "###", "..#", "###"],
    ["#.#", "#.#", "###", "..#", "..#"],
    ["###", "#..", "###", "..#", "###"],
    ["###", "#..", "###", "#.#", "###"],
    ["###", "..#", "..#", "..#", "..#"],
    ["###", "#.#", "###", "#.#", "###"],
    ["###", "#.#", "###", "..#", "###"],
];

/// A number in big digits. Each font pixel is `2 * scale` columns by `scale` rows.
pub struct BigNumber {
    pub value: u64,
    pub scale: u16,
    pub style: Style,
}

impl BigNumber {
    pub fn digits(&self) -> Vec<usize> {
        self.value
            .to_string()
            .bytes()
            .map(|b| usize::from(b - b'0'))
            .collect()
    }

    /// Columns and rows the number takes.
    pub fn size(&self) -> (u16, u16) {
        let n = self.digits().len() as u16;
        let glyph = 3 * 2 * self.scale;
        let gap = 2 * self.scale;
        (n * glyph + n.saturating_sub(1) * gap, 5 * self.scale)
    }
}

impl Widget for BigNumber {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (w, h) = self.size();
        if w > area.width || h > area.height {
            return;
        }
        let x0 = area.x + (area.width - w) / 2;
        let s = self.scale;
        // The whole box in one style, blanks included: a second's change then writes only
        // the cells that flip, with no style switches between them.
        for y in area.y..area.y + h {
            for x in x0..x0 + w {
                buf[(x, y)].set_symbol(" ").set_style(self.style);
            }
        }
        for (n, d) in self.digits().into_iter().enumerate() {
            let gx = x0 + n as u16 * (3 * 2 * s + 2 * s);
            for (row, bits) in FONT[d].iter().enumerate() {
                for (col, bit) in bits.bytes().enumerate() {
                    if bit != b'#' {
                        continue;
                    }
                    for dy in 0..s {
                        for dx in 0..2 * s {
                            let x = gx + col as u16 * 2 * s + dx;
                            let y = area.y + row as u16 * s + dy;
                            buf[(x, y)].set_symbol("█").set_style(self.style);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(value: u64, scale: u16, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        BigNumber {
            value,
            scale,
            style: Style::new(),
        }
        .render(area, &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    #[test]
    fn draws_twelve() {
        let rows = render(12, 1, 14, 5);
        assert_eq!(
            rows,
            vec![
                "  ██    ██████",
                "████        ██",
                "  ██    ██████",
                "  ██    ██    ",
                "██████  ██████",
            ]
        );
    }

    #[test]
    fn scales_and_never_draws_outside() {
        let n = BigNumber {
            value: 30,
            scale: 2,
            style: Style::new(),
        };
        assert_eq!(n.size(), (28, 10));
        // Too small: nothing drawn, no panic.
        let rows = render(30, 2, 10, 3);
        assert!(rows.iter().all(|r| r.trim().is_empty()));
    }
}
