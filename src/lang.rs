//! The words the program itself says around the content: headings, key names, footers,
//! messages, the plain-mode lines. One table per language, from the `ui` section of a
//! content file; a key a file leaves out takes the built-in text of the file's language,
//! else the built-in English. The answer keys (yes and no) belong to the language too.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Arc, OnceLock};

/// The English content shipped inside the binary; its `ui` section is the default table.
pub const EN: &str = include_str!("../assets/content.json");
/// The Spanish content shipped inside the binary.
pub const ES: &str = include_str!("../assets/content.es.json");

/// The languages built in: code, the language's own name, the content file.
pub const BUILT_IN: [(&str, &str, &str); 2] = [("en", "English", EN), ("es", "español", ES)];

/// The plural forms a `ui` key may end in (`.one`, `.other`...), as in Unicode's CLDR.
pub const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The keys whose text is a single answer key, and the keys they must not clash with.
pub const ANSWER_KEYS: [&str; 2] = ["key.yes", "key.no"];

/// A language code cut to its language: "es_ES.UTF-8" and "es-MX" are "es"; "C" and
/// "POSIX" (no language chosen) are `None`.
pub fn code(s: &str) -> Option<String> {
    let lang: String = s
        .trim()
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let ok = (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_lowercase());
    (ok && lang != "c").then_some(lang)
}

/// Whether a language is built in.
pub fn is_built_in(lang: &str) -> bool {
    BUILT_IN.iter().any(|(c, _, _)| *c == lang)
}

/// The built-in languages as "en (English), es (español)".
pub fn built_in_list() -> String {
    BUILT_IN
        .iter()
        .map(|(c, n, _)| format!("{c} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The language of the locale: LC_ALL, else LC_MESSAGES, else LANG (the first one set
/// and not empty decides, as POSIX says), when it is a built-in language.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| var(v).filter(|s| !s.trim().is_empty()))
        .and_then(|s| code(&s))
        .filter(|c| is_built_in(c))
}

/// The language of the built-in content: `--lang`, else the `language` setting, else
/// the locale, else English. A `--lang` that is not built in is an error; a setting that
/// is not is passed over (the message says so).
pub fn choose(
    option: Option<&str>,
    setting: Option<&str>,
    var: impl Fn(&str) -> Option<String>,
) -> Result<(String, Option<String>), String> {
    if let Some(o) = option {
        return match code(o).filter(|c| is_built_in(c)) {
            Some(c) => Ok((c, None)),
            None => Err(format!(
                "--lang {o}: no such built-in language; built in: {}",
                built_in_list()
            )),
        };
    }
    let mut note = None;
    if let Some(s) = setting.filter(|s| !s.trim().is_empty()) {
        match code(s).filter(|c| is_built_in(c)) {
            Some(c) => return Ok((c, None)),
            None => {
                note = Some(format!(
                    "the language setting '{s}' is not a built-in language ({}); it is passed over",
                    built_in_list()
                ))
            }
        }
    }
    Ok((from_locale(var).unwrap_or_else(|| "en".into()), note))
}

/// The `ui` section of a built-in content file.
fn built_in_table(lang: &str) -> Option<&'static BTreeMap<String, String>> {
    static TABLES: OnceLock<Vec<(&'static str, BTreeMap<String, String>)>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|(c, _, text)| {
                let v: serde_json::Value =
                    serde_json::from_str(text).expect("built-in content is JSON");
                let ui = serde_json::from_value(v["ui"].clone()).expect("built-in ui is a table");
                (*c, ui)
            })
            .collect()
    });
    tables.iter().find(|(c, _)| *c == lang).map(|(_, t)| t)
}

/// The English table: every key there is, with its text.
pub fn english() -> &'static BTreeMap<String, String> {
    built_in_table("en").expect("English is built in")
}

/// A key's family: "checklist.left.one" is one form of "checklist.left".
fn family(key: &str) -> &str {
    match key.rsplit_once('.') {
        Some((base, form)) if PLURAL_FORMS.contains(&form) => base,
        _ => key,
    }
}

/// Whether a key may appear in a `ui` table: an English key, or another plural form of
/// an English plural key.
pub fn known_key(key: &str) -> bool {
    let en = english();
    en.contains_key(key)
        || (family(key) != key && en.contains_key(&format!("{}.other", family(key))))
}

/// The placeholders a key's text may hold: those of its English text (all forms).
pub fn allowed_placeholders(key: &str) -> Vec<String> {
    let base = family(key);
    let mut out: Vec<String> = english()
        .iter()
        .filter(|(k, _)| k.as_str() == key || family(k) == base && base != k.as_str())
        .flat_map(|(_, v)| placeholders(v))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The names inside `{...}` in a text, in order.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find(['}', '{']) {
            Some(close) if after[close..].starts_with('}') => {
                out.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            Some(close) => rest = &after[close..],
            None => break,
        }
    }
    out
}

/// The plural form of `n` in a language (Unicode CLDR rules for the common cases).
pub fn plural_form(lang: &str, n: u64) -> &'static str {
    let (m10, m100) = (n % 10, n % 100);
    match lang {
        "fr" | "pt" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        "ru" | "uk" | "be" => {
            if m10 == 1 && m100 != 11 {
                "one"
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                "few"
            } else {
                "many"
            }
        }
        "pl" => {
            if n == 1 {
                "one"
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                "few"
            } else {
                "many"
            }
        }
        "cs" | "sk" => match n {
            1 => "one",
            2..=4 => "few",
            _ => "other",
        },
        "ja" | "zh" | "ko" | "vi" | "th" | "id" | "ms" | "tr" => "other",
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// One language's table, resolved: every key has a text.
#[derive(Debug, Clone)]
pub struct Words {
    /// The language code ("en", "es").
    pub lang: String,
    table: Arc<BTreeMap<String, String>>,
    /// Keys the file left out, each taken from `fallback` (for `validate`).
    pub defaulted: Vec<String>,
    /// The language whose built-in text filled them.
    pub fallback: String,
}

impl Default for Words {
    fn default() -> Words {
        Words::new("en", &BTreeMap::new())
    }
}

impl Words {
    /// A file's `ui` table in `lang`: what it leaves out comes from the built-in table of
    /// that language, else English.
    pub fn new(lang: &str, own: &BTreeMap<String, String>) -> Words {
        let en = english();
        let fallback_lang = if is_built_in(lang) { lang } else { "en" };
        let fallback = built_in_table(fallback_lang).unwrap_or(en);
        let mut table = BTreeMap::new();
        let mut defaulted = Vec::new();
        for (k, v) in en {
            let base = family(k);
            let plural_given = base != k && own.keys().any(|o| family(o) == base && o != base);
            if let Some(mine) = own.get(k) {
                table.insert(k.clone(), mine.clone());
            } else if plural_given {
                // The file gives this word's forms its own way; "other" stands for the rest.
            } else if let Some(theirs) = fallback.get(k) {
                defaulted.push(k.clone());
                table.insert(k.clone(), theirs.clone());
            } else {
                defaulted.push(k.clone());
                table.insert(k.clone(), v.clone());
            }
        }
        // Plural forms English has no use for (few, many...).
        for (k, v) in own {
            table.entry(k.clone()).or_insert_with(|| v.clone());
        }
        // A file of a built-in language leaving out every key is that language's own table:
        // nothing to warn about.
        if own.is_empty() && is_built_in(lang) {
            defaulted.clear();
        }
        defaulted.sort();
        defaulted.dedup();
        Words {
            lang: lang.to_string(),
            table: Arc::new(table),
            defaulted,
            fallback: fallback_lang.to_string(),
        }
    }

    /// The text of a key. A key missing from every table (a mistake the tests catch) shows
    /// as itself.
    pub fn t<'a>(&'a self, key: &'static str) -> &'a str {
        self.table.get(key).map_or(key, String::as_str)
    }

    /// The text of a key with its placeholders filled.
    pub fn fill(&self, key: &'static str, args: &[(&str, String)]) -> String {
        fill(self.t(key), args)
    }

    /// The form of a plural key for `n` (`key.one`, `key.other`...), filled; `{n}` is `n`.
    pub fn plural(&self, key: &'static str, n: u64, args: &[(&str, String)]) -> String {
        let form = plural_form(&self.lang, n);
        let text = [form, "other", "one"]
            .iter()
            .find_map(|f| self.table.get(&format!("{key}.{f}")))
            .map_or(key, String::as_str);
        let mut all = vec![("n", n.to_string())];
        all.extend(args.iter().cloned());
        fill(text, &all)
    }

    /// The narrow-screen form of a footer word: the text of `foot.X.short` when `text` is
    /// the text of `foot.X`, else `text` itself.
    pub fn short_of<'a>(&'a self, text: &'a str) -> &'a str {
        self.table
            .range::<str, _>((Bound::Included("foot."), Bound::Excluded("foot/")))
            .find(|(k, v)| v.as_str() == text && !k.ends_with(".short"))
            .and_then(|(k, _)| self.table.get(&format!("{k}.short")))
            .map_or(text, String::as_str)
    }

    /// A key's name as a footer or help shows it, in the table's words: "Enter Esc" is
    /// "Intro Esc" in Spanish. Letters and symbols stay as they are.
    pub fn key_label(&self, label: &str) -> String {
        label
            .split(' ')
            .map(|k| match k {
                "Enter" => self.t("keyname.enter"),
                "Space" => self.t("keyname.space"),
                "Backspace" => self.t("keyname.backspace"),
                other => other,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The key that answers yes ('y' in English, 's' in Spanish).
    pub fn yes_key(&self) -> char {
        self.t("key.yes").chars().next().unwrap_or('y')
    }

    /// The key that answers no.
    pub fn no_key(&self) -> char {
        self.t("key.no").chars().next().unwrap_or('n')
    }

    /// A typed answer: `Some(true)` for the yes key, `Some(false)` for the no key, in
    /// either case; `None` for anything else.
    pub fn answer(&self, c: char) -> Option<bool> {
        let same = |k: char| c.to_lowercase().eq(k.to_lowercase());
        if same(self.yes_key()) {
            Some(true)
        } else if same(self.no_key()) {
            Some(false)
        } else {
            None
        }
    }

    /// A typed line as an answer: the yes or no key, or the yes or no word, any case.
    pub fn answer_line(&self, line: &str) -> Option<bool> {
        let s = plain_letters(&line.trim().to_lowercase());
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.clone().next()) {
            return self.answer(c);
        }
        if s == plain_letters(&self.t("word.yes").to_lowercase()) {
            Some(true)
        } else if s == plain_letters(&self.t("word.no").to_lowercase()) {
            Some(false)
        } else {
            None
        }
    }
}

/// Common accented letters as plain ones, so "si" answers as "sí" does.
fn plain_letters(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Fills `{name}` placeholders; unknown ones stay as written.
pub fn fill(text: &str, args: &[(&str, String)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A letter key's name as a `&'static str` (key tables keep their names so): "s" for
/// 's'. Answer keys are ASCII letters (`validate` says so).
pub fn letter(c: char) -> &'static str {
    const LETTERS: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let c = c.to_ascii_lowercase();
    if c.is_ascii_lowercase() {
        LETTERS[(c as u8 - b'a') as usize]
    } else {
        "?"
    }
}

/// `tr!(words, "key")` is the text; `tr!(words, "key", name = value, ...)` fills it.
#[macro_export]
macro_rules! tr {
    ($w:expr, $key:literal) => {
        $w.t($key).to_string()
    };
    ($w:expr, $key:literal, $($name:ident = $val:expr),+ $(,)?) => {
        $w.fill($key, &[$((stringify!($name), ($val).to_string())),+])
    };
}

/// `trn!(words, "key", n)` is the plural form for `n` with `{n}` filled.
#[macro_export]
macro_rules! trn {
    ($w:expr, $key:literal, $n:expr) => {
        $w.plural($key, ($n) as u64, &[])
    };
    ($w:expr, $key:literal, $n:expr, $($name:ident = $val:expr),+ $(,)?) => {
        $w.plural($key, ($n) as u64, &[$((stringify!($name), ($val).to_string())),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_from_locales() {
        assert_eq!(code("es_ES.UTF-8").as_deref(), Some("es"));
        assert_eq!(code("es-MX").as_deref(), Some("es"));
        assert_eq!(code("EN").as_deref(), Some("en"));
        assert_eq!(code("C"), None);
        assert_eq!(code("C.UTF-8"), None);
        assert_eq!(code("POSIX"), None);
        assert_eq!(code(""), None);
    }

    #[test]
    fn locale_order_is_lc_all_then_lc_messages_then_lang() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            from_locale(env(&[("LANG", "es_ES.UTF-8")])).as_deref(),
            Some("es")
        );
        assert_eq!(
            from_locale(env(&[("LANG", "es_ES.UTF-8"), ("LC_MESSAGES", "en_GB")])).as_deref(),
            Some("en")
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", "es_AR"), ("LC_MESSAGES", "en_GB")])).as_deref(),
            Some("es")
        );
        // An empty variable does not decide.
        assert_eq!(
            from_locale(env(&[("LC_ALL", ""), ("LANG", "es_ES")])).as_deref(),
            Some("es")
        );
        assert_eq!(from_locale(env(&[("LANG", "de_DE.UTF-8")])), None);
        assert_eq!(from_locale(env(&[])), None);
    }

    #[test]
    fn choose_prefers_the_option_then_the_setting_then_the_locale() {
        let es = |k: &str| (k == "LANG").then(|| "es_ES.UTF-8".to_string());
        let none = |_: &str| None;
        assert_eq!(choose(Some("en"), Some("es"), es).unwrap().0, "en");
        assert_eq!(choose(None, Some("es"), none).unwrap().0, "es");
        assert_eq!(choose(None, Some("en"), es).unwrap().0, "en");
        assert_eq!(choose(None, None, es).unwrap().0, "es");
        assert_eq!(choose(None, None, none).unwrap().0, "en");
        let err = choose(Some("xx"), None, none).unwrap_err();
        assert!(
            err.contains("--lang xx") && err.contains("es (español)"),
            "{err}"
        );
        let (lang, note) = choose(None, Some("klingon"), none).unwrap();
        assert_eq!(lang, "en");
        assert!(note.unwrap().contains("klingon"));
    }

    #[test]
    fn plural_forms() {
        assert_eq!(plural_form("en", 1), "one");
        assert_eq!(plural_form("en", 0), "other");
        assert_eq!(plural_form("es", 2), "other");
        assert_eq!(plural_form("fr", 0), "one");
        assert_eq!(plural_form("ru", 21), "one");
        assert_eq!(plural_form("ru", 23), "few");
        assert_eq!(plural_form("ru", 11), "many");
        assert_eq!(plural_form("pl", 5), "many");
    }

    #[test]
    fn missing_keys_take_the_fallback_and_are_listed() {
        let mut own = BTreeMap::new();
        own.insert("key.yes".to_string(), "j".to_string());
        let w = Words::new("de", &own);
        assert_eq!(w.yes_key(), 'j');
        assert_eq!(w.no_key(), 'n');
        assert_eq!(w.fallback, "en");
        assert!(w.defaulted.contains(&"key.no".to_string()));
        assert!(!w.defaulted.contains(&"key.yes".to_string()));
        // A Spanish file leaving keys out gets the built-in Spanish for them.
        let w = Words::new("es", &own);
        assert_eq!(w.no_key(), 'n');
        assert_eq!(w.fallback, "es");
        assert!(w.defaulted.contains(&"key.no".to_string()));
        // No table at all in a built-in language: nothing to list.
        assert!(Words::new("es", &BTreeMap::new()).defaulted.is_empty());
        assert!(Words::new("en", &BTreeMap::new()).defaulted.is_empty());
    }

    #[test]
    fn answers_in_spanish() {
        let w = Words::new("es", &BTreeMap::new());
        assert_eq!(w.answer('s'), Some(true));
        assert_eq!(w.answer('S'), Some(true));
        assert_eq!(w.answer('n'), Some(false));
        assert_eq!(w.answer('y'), None);
        assert_eq!(w.answer_line(" sí "), Some(true));
        assert_eq!(w.answer_line("Si"), Some(true));
        assert_eq!(w.answer_line("no"), Some(false));
        assert_eq!(w.answer_line("yes"), None);
        let en = Words::default();
        assert_eq!(en.answer_line("Y"), Some(true));
        assert_eq!(en.answer_line("yes"), Some(true));
    }

    #[test]
    fn every_spanish_key_is_english_and_every_english_key_is_spanish() {
        let es = built_in_table("es").unwrap();
        for k in english().keys() {
            let base = family(k);
            let given =
                es.contains_key(k) || (base != k && es.contains_key(&format!("{base}.other")));
            assert!(given, "the Spanish table leaves out {k}");
        }
        for (k, v) in es {
            assert!(
                known_key(k),
                "the Spanish table has a key English does not: {k}"
            );
            let allowed = allowed_placeholders(k);
            for p in placeholders(v) {
                assert!(
                    allowed.contains(&p),
                    "{k}: {{{p}}} is not a placeholder of this key"
                );
            }
        }
        let w = Words::new("es", &BTreeMap::new());
        assert_eq!(w.yes_key(), 's');
        assert_ne!(w.yes_key(), w.no_key());
    }
}

/// The lint: no word a person reads is written into the drawing or plain-output code;
/// every one comes from the table, and every key the code asks for is in it.
#[cfg(test)]
mod lint {
    use super::english;

    /// The string literals of Rust source, with the line each starts on (comments, char
    /// literals and raw strings understood; the test module left out).
    fn literals(src: &str) -> Vec<(usize, String)> {
        let src = match src.find("#[cfg(test)]\nmod ") {
            Some(i) => &src[..i],
            None => src,
        };
        let b: Vec<char> = src.chars().collect();
        let mut out = Vec::new();
        let (mut i, mut line) = (0, 1);
        while i < b.len() {
            let c = b[i];
            let next = b.get(i + 1).copied();
            if c == '\n' {
                line += 1;
                i += 1;
            } else if c == '/' && next == Some('/') {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            } else if c == '/' && next == Some('*') {
                while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                    line += usize::from(b[i] == '\n');
                    i += 1;
                }
                i += 2;
            } else if c == '\'' {
                // A char literal ('"', '\''), or a lifetime ('a).
                if next == Some('\\') {
                    i += 2;
                    while i < b.len() && b[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if b.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            } else if c == 'r'
                && (next == Some('"') || next == Some('#'))
                && !b[i - 1].is_alphanumeric()
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start_line = line;
                let mut s = String::new();
                j += 1;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    line += usize::from(b[j] == '\n');
                    s.push(b[j]);
                    j += 1;
                }
                out.push((start_line, s));
                i = j;
            } else if c == '"' {
                let start_line = line;
                let mut s = String::new();
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' {
                        i += 1;
                        if b.get(i) == Some(&'\n') {
                            line += 1;
                            // A line continuation: the next line's leading spaces go.
                            while i + 1 < b.len() && b[i + 1] == ' ' {
                                i += 1;
                            }
                        } else if b.get(i) == Some(&'x') {
                            // \x1b and the like: one character, not letters.
                            s.push('\u{1b}');
                            i += 2;
                        } else if let Some(&e) = b.get(i) {
                            s.push(e);
                        }
                    } else {
                        line += usize::from(b[i] == '\n');
                        s.push(b[i]);
                    }
                    i += 1;
                }
                i += 1;
                out.push((start_line, s));
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether a literal is shaped like a table key ("checklist.title").
    fn key_shaped(s: &str) -> bool {
        s.contains('.')
            && s.split('.').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
    }

    /// Whether a literal holds words: two letters in a row once `{placeholders}` are out.
    fn has_words(s: &str) -> bool {
        let mut plain = String::new();
        let mut depth = 0u32;
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let chars: Vec<char> = plain.chars().collect();
        chars
            .windows(2)
            .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic())
    }

    /// Literals with words that are not words a person reads: the program's name, key
    /// names that are the same in every language, ids and values the model and files use.
    const NOT_WORDS: &[&str] = &[
        "backstretch",
        "Esc",
        "Esc q",
        "Esc q ←",
        "q Esc",
        "s Esc",
        "n Esc",
        "Ctrl-C",
        "Ctrl-Z",
        "↑↓ k j",
        "n →",
        "p ←",
        "r R",
        "l L",
        "0-9 x",
        "hold",
        "lead-in",
        "rest",
        "gentler",
        "before this session",
        "Enter",
        "Space",
        "SaveFailed",
        "{enter} Esc",
        "{} Esc",
        "Esc  ",
        "default",
        "high-contrast",
        "mono",
        // Key names (Enter, Space and Backspace are shown in the table's words), ids the
        // model keeps, and the footer's own markers (shown in the table's words).
        "Home",
        "End",
        "Backspace",
        "skip",
        "end",
        "paused",
        "more keys",
        "more",
        // Placeholder names the voice section fills.
        "name",
        "setup",
        "key",
        "seconds",
        "side",
    ];

    #[test]
    fn no_words_in_the_drawing_or_plain_output_code_and_every_key_is_in_the_table() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = [
            "ui/mod.rs",
            "ui/home.rs",
            "ui/detail.rs",
            "ui/session.rs",
            "ui/summary.rs",
            "ui/history.rs",
            "ui/checklist.rs",
            "ui/overlays.rs",
            "ui/big.rs",
            "ui/picture.rs",
            "plain.rs",
            "plain_run.rs",
            "voice.rs",
            "screens/mod.rs",
            "screens/checkin.rs",
            "screens/checklist.rs",
            "screens/confirm_end.rs",
            "screens/detail.rs",
            "screens/gate.rs",
            "screens/help.rs",
            "screens/history.rs",
            "screens/home.rs",
            "screens/notice.rs",
            "screens/pain_stop.rs",
            "screens/save_failed.rs",
            "screens/session.rs",
            "screens/settings.rs",
            "screens/spasm_start.rs",
            "screens/summary.rs",
        ];
        let en = english();
        let mut bad = Vec::new();
        let mut used = 0;
        for f in files {
            let Ok(src) = std::fs::read_to_string(dir.join(f)) else {
                continue;
            };
            for (line, lit) in literals(&src) {
                if key_shaped(&lit) {
                    used += 1;
                    let known = en.contains_key(&lit) || en.contains_key(&format!("{lit}.other"));
                    if !known {
                        bad.push(format!("{f}:{line}: no such key in the table: \"{lit}\""));
                    }
                } else if has_words(&lit) && !NOT_WORDS.contains(&lit.as_str()) {
                    bad.push(format!(
                        "{f}:{line}: words written into the code: \"{lit}\""
                    ));
                }
            }
        }
        assert!(
            used > 200,
            "the lint found only {used} keys: is it reading the files?"
        );
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn the_lint_sees_words_and_keys() {
        let src = "fn f() {\n    let a = \"Press Enter\"; // \"not this\"\n    let b = w.t(\"home.title\");\n    let c = format!(\"{x} {y}\");\n    let d = '\"';\n}\n#[cfg(test)]\nmod tests { \"never\" }\n";
        let l = literals(src);
        let texts: Vec<&str> = l.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(texts, ["Press Enter", "home.title", "{x} {y}"]);
        assert_eq!(l[0].0, 2);
        assert!(has_words("Press Enter") && !has_words("{x} {y}") && !has_words("[x]"));
        assert!(key_shaped("home.title") && !key_shaped("Press Enter"));
    }
}
