//! Keys as the model sees them, and the mapping from terminal key events.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    /// A printable character; Space is `Char(' ')`.
    Char(char),
    CtrlC,
    CtrlZ,
}

/// A terminal key event as a model key. Only presses (and repeats, for held arrows) count;
/// releases are dropped, as are keys the app does not use.
pub fn from_event(ev: KeyEvent) -> Option<Key> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    Some(match ev.code {
        KeyCode::Char('c') | KeyCode::Char('C') if ctrl => Key::CtrlC,
        KeyCode::Char('z') | KeyCode::Char('Z') if ctrl => Key::CtrlZ,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn ev(code: KeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn maps_presses_and_drops_releases() {
        let press = |c| ev(c, KeyModifiers::NONE, KeyEventKind::Press);
        assert_eq!(from_event(press(KeyCode::Char('q'))), Some(Key::Char('q')));
        assert_eq!(from_event(press(KeyCode::Up)), Some(Key::Up));
        assert_eq!(
            from_event(ev(
                KeyCode::Char('q'),
                KeyModifiers::NONE,
                KeyEventKind::Release
            )),
            None
        );
        assert_eq!(
            from_event(ev(
                KeyCode::Char('c'),
                KeyModifiers::CONTROL,
                KeyEventKind::Press
            )),
            Some(Key::CtrlC)
        );
        assert_eq!(
            from_event(ev(
                KeyCode::Char('z'),
                KeyModifiers::CONTROL,
                KeyEventKind::Press
            )),
            Some(Key::CtrlZ)
        );
        assert_eq!(
            from_event(ev(
                KeyCode::Char('x'),
                KeyModifiers::CONTROL,
                KeyEventKind::Press
            )),
            None
        );
        assert_eq!(from_event(press(KeyCode::F(5))), None);
    }
}
