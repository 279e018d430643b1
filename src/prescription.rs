//! Which content is in use, and the prescription a clinician hands over.
//!
//! In order: `--content FILE` (one run), `BACKSTRETCH_CONTENT` (one environment), the
//! prescription installed in the data directory by `backstretch prescribe FILE`, else the
//! built-in content. A file that is chosen and fails to load stops the program with its
//! full report: nothing ever falls back to the built-in content without saying so.

use crate::content::{Content, Report};
use crate::store;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The installed copy, byte for byte as the clinician wrote it.
pub const FILE: &str = "prescription.json";
/// Where the copy came from and when.
pub const ORIGIN_FILE: &str = "prescription-origin.json";
/// The environment variable naming a content file for one environment.
pub const ENV: &str = "BACKSTRETCH_CONTENT";

/// Where the content in use comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `--content FILE`, for this run.
    Option(PathBuf),
    /// `BACKSTRETCH_CONTENT`, for this environment.
    Env(PathBuf),
    /// The prescription installed in the data directory.
    Installed(PathBuf),
    BuiltIn,
}

/// Kept beside the installed copy: the file it was copied from, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installed {
    /// The path given to `prescribe`, made absolute.
    pub from: String,
    /// Local time with UTC offset.
    pub at: String,
}

/// The content to use, from the command line, the environment and the data directory.
pub fn origin(
    content: Option<&Path>,
    env: Option<std::ffi::OsString>,
    dir: Option<&Path>,
) -> Origin {
    if let Some(p) = content {
        return Origin::Option(p.to_path_buf());
    }
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        return Origin::Env(PathBuf::from(e));
    }
    match dir.map(|d| d.join(FILE)) {
        // A dangling link or a directory still counts: loading it reports the problem.
        Some(p) if p.symlink_metadata().is_ok() => Origin::Installed(p),
        _ => Origin::BuiltIn,
    }
}

/// Loads the content from where it comes from.
pub fn load(origin: &Origin) -> Result<Content, Report> {
    match origin {
        Origin::Option(p) | Origin::Env(p) | Origin::Installed(p) => Content::load(p),
        Origin::BuiltIn => Ok(Content::embedded()),
    }
}

/// A sentence on where the content comes from, for `prescribe` and error messages.
pub fn describe(origin: &Origin, dir: Option<&Path>) -> String {
    match origin {
        Origin::Option(p) => format!(
            "{} (given with --content, for this run only)",
            crate::text::path(p)
        ),
        Origin::Env(p) => format!(
            "{} (named by {ENV} in the environment)",
            crate::text::path(p)
        ),
        Origin::Installed(p) => {
            let mut s = format!("the prescription installed at {}", crate::text::path(p));
            if let Some(i) = dir.and_then(read_installed) {
                s.push_str(&format!(
                    ", copied from {} at {}",
                    crate::text::clean(&i.from),
                    crate::text::clean(&i.at)
                ));
            }
            s
        }
        Origin::BuiltIn => "the content built into backstretch".into(),
    }
}

fn read_installed(dir: &Path) -> Option<Installed> {
    let text = fs::read_to_string(dir.join(ORIGIN_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Copies `file` (already checked) into the data directory, with a note of where it came
/// from. Both files are written atomically.
pub fn install(dir: &Path, file: &Path, bytes: &[u8], at: String) -> io::Result<PathBuf> {
    let from = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let dest = dir.join(FILE);
    store::ensure_dir(dir)?;
    store::write_atomic(&dest, bytes)?;
    let note = Installed {
        from: from.display().to_string(),
        at,
    };
    let text = serde_json::to_string_pretty(&note).map_err(io::Error::other)?;
    store::write_atomic(&dir.join(ORIGIN_FILE), text.as_bytes())?;
    Ok(dest)
}

/// Removes the installed prescription. `Ok(false)` when there was none.
pub fn clear(dir: &Path) -> io::Result<bool> {
    let had = match fs::remove_file(dir.join(FILE)) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    match fs::remove_file(dir.join(ORIGIN_FILE)) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    Ok(had)
}

/// What `prescribe` with no argument prints about the content in use.
pub fn status(content: &Content, origin: &Origin, dir: Option<&Path>) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let id = content.identity();
    let _ = writeln!(o, "In use: {}", content.label().unwrap_or(id.to_string()));
    let _ = writeln!(o, "  From: {}", describe(origin, dir));
    if let Some(v) = &id.version {
        let _ = writeln!(o, "  Version: {v}");
    }
    if let Some(h) = &id.sha256 {
        let _ = writeln!(o, "  SHA-256: {h}");
    }
    if let Some(m) = &content.meta {
        for (name, value) in m.fields() {
            if let Some(v) = value
                && !matches!(name, "title" | "version")
            {
                let mut label = name.to_string();
                label[..1].make_ascii_uppercase();
                let _ = writeln!(o, "  {label}: {}", crate::content::shown(v.trim()));
            }
        }
    }
    let _ = writeln!(
        o,
        "  Content: {}, {}",
        crate::plain::count(content.stretches.len(), "stretch", "stretches"),
        crate::plain::count(content.routines.len(), "routine", "routines"),
    );
    match origin {
        Origin::BuiltIn => {
            let _ = writeln!(
                o,
                "\nA clinician's file is installed with `backstretch prescribe FILE`."
            );
        }
        Origin::Installed(_) => {
            let _ = writeln!(
                o,
                "\n`backstretch prescribe --clear` goes back to the built-in stretches."
            );
        }
        Origin::Option(_) | Origin::Env(_) => {
            if let Some(d) = dir
                && d.join(FILE).exists()
            {
                let _ = writeln!(
                    o,
                    "\nThe prescription installed at {} is not used while this one is given.",
                    d.join(FILE).display()
                );
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_beats_environment_beats_installed_beats_built_in() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let file = Path::new("mine.json");
        assert_eq!(origin(None, None, Some(d)), Origin::BuiltIn);
        assert_eq!(origin(None, Some("".into()), Some(d)), Origin::BuiltIn);
        fs::write(d.join(FILE), "{}").unwrap();
        assert_eq!(origin(None, None, Some(d)), Origin::Installed(d.join(FILE)));
        assert_eq!(
            origin(None, Some("env.json".into()), Some(d)),
            Origin::Env("env.json".into())
        );
        assert_eq!(
            origin(Some(file), Some("env.json".into()), Some(d)),
            Origin::Option(file.into())
        );
        assert!(clear(d).unwrap());
        assert!(!clear(d).unwrap());
        assert_eq!(origin(None, None, Some(d)), Origin::BuiltIn);
    }

    #[test]
    fn install_keeps_the_bytes_and_where_they_came_from() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = crate::content::EMBEDDED.as_bytes();
        let dest = install(
            dir.path(),
            Path::new("x.json"),
            bytes,
            "2026-11-30T10:00:00+00:00".into(),
        )
        .unwrap();
        assert_eq!(fs::read(&dest).unwrap(), bytes);
        let i = read_installed(dir.path()).unwrap();
        assert!(i.from.ends_with("x.json"), "{i:?}");
        let d = describe(&Origin::Installed(dest), Some(dir.path()));
        assert!(d.contains("copied from"), "{d}");
    }
}
