//! Text that came from a file, made safe to print: the one sanitiser every output path
//! uses, and display widths for wrapping and aligning wide text (CJK, emoji).

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Whether `c` must not reach a terminal as it is: C0 and C1 control characters, DEL, and
/// the bidirectional overrides that can make text read differently from what it is.
pub fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every control character made visible: `^[` for ESC and the other C0
/// characters (as `cat -v` shows them), `^?` for DEL, `<U+0085>` for the rest. Newlines
/// and tabs too: a value from a file is one line. Borrowed when nothing needed changing.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_hostile(c) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        } else if c == '\u{7f}' {
            out.push_str("^?");
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    Cow::Owned(out)
}

/// A path to print, through [`clean`]: a file name can hold escape codes too.
pub fn path(p: &std::path::Path) -> String {
    clean(&p.display().to_string()).into_owned()
}

/// Columns `s` takes on a terminal (a CJK character or an emoji takes two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(clean("plain words"), "plain words");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
        assert_eq!(clean("a\x1b[2Jb"), "a^[[2Jb");
        assert_eq!(clean("bell\x07 del\x7f"), "bell^G del^?");
        assert_eq!(clean("line\nbreak\ttab\r"), "line^Jbreak^Itab^M");
        assert_eq!(clean("c1\u{9b}31m"), "c1<U+009B>31m");
        assert_eq!(clean("\u{202E}evil"), "<U+202E>evil");
        assert_eq!(clean("背中 🙂 café"), "背中 🙂 café");
        for s in ["\x1b]0;title\x07", "\u{85}\u{9d}x", "\0"] {
            assert!(!clean(s).chars().any(is_hostile), "{s:?}");
        }
    }

    #[test]
    fn widths_count_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("背中"), 4);
        assert_eq!(width("🙂"), 2);
    }
}
