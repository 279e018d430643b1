//! Reading a text file a person gave or kept: only a regular file, only up to a size, as
//! UTF-8, with errors that say what is wrong. (A leading byte-order mark is left in the
//! text: `content::strip_bom` is the one place it is handled.)

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The largest content file read: content files are a few kilobytes.
pub const CONTENT_CAP: u64 = 1024 * 1024;
/// The largest state or settings file read.
pub const DATA_CAP: u64 = 64 * 1024 * 1024;

/// What kind of thing is at a path that is not a regular file, in words.
fn kind_of(t: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe (fifo)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Human size of a cap: "1 MiB".
pub fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads `path` as text: [`read_bytes`], then [`decode`].
pub fn read_text(path: &Path, cap: u64) -> io::Result<String> {
    decode(read_bytes(path, cap)?)
}

/// Reads `path`. Refuses anything but a regular file (a fifo would block, a device could
/// be endless) and anything larger than `cap` bytes. A missing file keeps its `NotFound`
/// kind.
pub fn read_bytes(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let invalid = |msg: String| io::Error::new(io::ErrorKind::InvalidData, msg);
    // Checked before opening: opening a fifo with no writer blocks.
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(invalid(format!(
            "it is {}, not a regular file",
            kind_of(meta.file_type())
        )));
    }
    let file = fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(invalid(format!(
            "it is {}, not a regular file",
            kind_of(meta.file_type())
        )));
    }
    let too_big = || {
        invalid(format!(
            "it is larger than {}, the most read from such a file",
            size_words(cap)
        ))
    };
    if meta.len() > cap {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_big());
    }
    Ok(bytes)
}

/// UTF-8 text from bytes, or where it is not.
pub fn decode(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is not valid UTF-8 text: the bytes at offset {at} (line {line}) cannot be decoded; save the file as UTF-8"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_with_a_bom_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        fs::write(&p, b"\xEF\xBB\xBF{\"a\": 1}").unwrap();
        assert_eq!(read_text(&p, 100).unwrap(), "\u{feff}{\"a\": 1}");
    }

    #[test]
    fn invalid_utf8_names_the_offset_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        fs::write(&p, b"{\n\"a\": \"caf\xE9\"}").unwrap();
        let e = read_text(&p, 100).unwrap_err().to_string();
        assert!(e.contains("offset 11 (line 2)"), "{e}");
        assert!(e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn only_regular_files_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(dir.path(), 100).unwrap_err().to_string();
        assert!(e.contains("a directory"), "{e}");
        let e = read_text(Path::new("/dev/zero"), 100)
            .unwrap_err()
            .to_string();
        assert!(e.contains("a device"), "{e}");
        let p = dir.path().join("big");
        fs::write(&p, vec![b' '; 2048]).unwrap();
        let e = read_text(&p, 1024).unwrap_err().to_string();
        assert!(e.contains("larger than 1 KiB"), "{e}");
        let missing = read_text(&dir.path().join("none"), 10).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }
}
