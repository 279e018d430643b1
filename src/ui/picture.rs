//! The line drawings of the stretches: which one to show for a step, the other side of a
//! side-specific drawing, and drawing one whole or not at all.

use crate::content::{HoldKind, OtherSide, Stretch};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// Which drawing a moment calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pose {
    Start,
    /// The position held in hold `hold` of a repetition.
    Hold(usize),
}

/// The rows of the drawing for a pose, or `None` when the stretch has no picture.
pub fn rows(s: &Stretch, pose: Pose) -> Option<Vec<String>> {
    let pic = s.picture.as_ref()?;
    Some(match (pose, s.hold_kind) {
        (Pose::Start, _) => pic.start.clone(),
        // Two phases: the start drawing is the first phase, the end drawing the second.
        (Pose::Hold(0), HoldKind::Phases) => pic.start.clone(),
        (Pose::Hold(_), HoldKind::Phases) => pic.end.clone(),
        // Two sides: the drawing shows the first; the second is its mirror or flip.
        (Pose::Hold(h), HoldKind::Sides) if h > 0 => match pic.other_side {
            Some(OtherSide::Mirror) => mirror(&pic.end),
            Some(OtherSide::Flip) => flip(&pic.end),
            None => pic.end.clone(),
        },
        (Pose::Hold(_), _) => pic.end.clone(),
    })
}

/// Columns and rows of a drawing.
pub fn size(rows: &[String]) -> (u16, u16) {
    let w = rows.iter().map(|r| r.width()).max().unwrap_or(0);
    (w as u16, rows.len() as u16)
}

/// Left and right swapped, braille dots included.
pub fn mirror(rows: &[String]) -> Vec<String> {
    rows.iter()
        .map(|r| r.chars().rev().map(mirror_char).collect())
        .collect()
}

/// Top and bottom swapped, braille dots included.
pub fn flip(rows: &[String]) -> Vec<String> {
    rows.iter()
        .rev()
        .map(|r| r.chars().map(flip_char).collect())
        .collect()
}

/// Braille cells are 2 dots wide and 4 high; bit n is dot n+1 (dots 1-3 and 7 on the
/// left, 4-6 and 8 on the right).
fn braille(c: char) -> Option<u8> {
    let v = u32::from(c);
    (0x2800..=0x28FF).contains(&v).then(|| (v - 0x2800) as u8)
}

fn from_braille(bits: u8) -> char {
    char::from_u32(0x2800 + u32::from(bits)).unwrap_or(' ')
}

fn swap_bits(bits: u8, pairs: &[(u8, u8)]) -> u8 {
    let mut out = bits;
    for &(a, b) in pairs {
        let (x, y) = ((bits >> a) & 1, (bits >> b) & 1);
        out &= !((1 << a) | (1 << b));
        out |= (x << b) | (y << a);
    }
    out
}

fn mirror_char(c: char) -> char {
    if let Some(b) = braille(c) {
        return from_braille(swap_bits(b, &[(0, 3), (1, 4), (2, 5), (6, 7)]));
    }
    match c {
        '╱' => '╲',
        '╲' => '╱',
        '╭' => '╮',
        '╮' => '╭',
        '╰' => '╯',
        '╯' => '╰',
        '▌' => '▐',
        '▐' => '▌',
        '(' => ')',
        ')' => '(',
        '/' => '\\',
        '\\' => '/',
        other => other,
    }
}

fn flip_char(c: char) -> char {
    if let Some(b) = braille(c) {
        return from_braille(swap_bits(b, &[(0, 6), (1, 2), (3, 7), (4, 5)]));
    }
    match c {
        '▔' => '▁',
        '▁' => '▔',
        '▀' => '▄',
        '▄' => '▀',
        '╱' => '╲',
        '╲' => '╱',
        '╭' => '╰',
        '╰' => '╭',
        '╮' => '╯',
        '╯' => '╮',
        other => other,
    }
}

/// A drawing, centred in its area; nothing at all if it does not fit whole.
pub struct Drawing<'a> {
    pub rows: &'a [String],
    pub style: Style,
}

impl Widget for Drawing<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (w, h) = size(self.rows);
        if w > area.width || h > area.height {
            return;
        }
        let x = area.x + (area.width - w) / 2;
        let y = area.y + (area.height - h) / 2;
        for (i, row) in self.rows.iter().enumerate() {
            buf.set_string(x, y + i as u16, row, self.style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    #[test]
    fn braille_mirror_and_flip_move_the_dots() {
        // Dot 1 (top left) mirrored is dot 4 (top right); flipped, dot 7 (bottom left).
        assert_eq!(mirror_char('⠁'), '⠈');
        assert_eq!(flip_char('⠁'), '⡀');
        // Twice is the same drawing.
        for c in ['⣿', '⢾', '⡷', '⠻', '▔', '╱', 'a'] {
            assert_eq!(mirror_char(mirror_char(c)), c);
            assert_eq!(flip_char(flip_char(c)), c);
        }
        let rows = vec!["⠁ ▔".to_string(), "⣀⡇ ".to_string()];
        assert_eq!(mirror(&rows), vec!["▔ ⠈".to_string(), " ⢸⣀".to_string()]);
        assert_eq!(flip(&rows), vec!["⠉⡇ ".to_string(), "⡀ ▁".to_string()]);
    }

    #[test]
    fn each_hold_gets_the_right_drawing() {
        let c = Content::embedded();
        let get = |id: &str| c.stretch(id).unwrap();
        let pic = |id: &str| get(id).picture.clone().unwrap();
        // Cat-cow: cow is the first drawing, cat the second.
        assert_eq!(
            rows(get("cat-cow"), Pose::Hold(0)),
            Some(pic("cat-cow").start)
        );
        assert_eq!(
            rows(get("cat-cow"), Pose::Hold(1)),
            Some(pic("cat-cow").end)
        );
        // Sides: the second side is the drawing turned the other way.
        let hook = get("hook-lying-rotation");
        assert_eq!(
            rows(hook, Pose::Hold(0)),
            Some(pic("hook-lying-rotation").end)
        );
        assert_eq!(
            rows(hook, Pose::Hold(1)),
            Some(flip(&pic("hook-lying-rotation").end))
        );
        let turn = get("seated-rotation");
        assert_eq!(
            rows(turn, Pose::Hold(1)),
            Some(mirror(&pic("seated-rotation").end))
        );
        assert_eq!(
            rows(get("knee-to-chest"), Pose::Start),
            Some(pic("knee-to-chest").start)
        );
    }

    #[test]
    fn a_drawing_that_does_not_fit_is_not_drawn() {
        let rows = vec!["⣿⣿⣿".to_string(), "⣿⣿⣿".to_string()];
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 5));
        Drawing {
            rows: &rows,
            style: Style::new(),
        }
        .render(buf.area, &mut buf);
        assert!(buf.content.iter().all(|c| c.symbol() == " "));
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 4));
        Drawing {
            rows: &rows,
            style: Style::new(),
        }
        .render(buf.area, &mut buf);
        assert_eq!(buf[(1, 1)].symbol(), "⣿");
    }
}
