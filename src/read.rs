//! The one way citelint reads a file it was pointed at (an article, a registry file, a
//! configuration, a registry source's local copy): regular files only, and never more than a
//! size cap.
//!
//! A pull request decides which paths a CI job reads, so a FIFO (blocks forever), a device
//! (`/dev/zero` never ends) or a huge file must not stall or exhaust the run. The file is
//! opened without blocking and its type is checked on the open handle, so nothing swapped in
//! between a check and the open is read.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The default size cap for articles and registry files: 20 MB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, a device, a socket or a directory: what it is, in words.
    NotRegular(&'static str),
    /// Larger than the cap (in bytes).
    TooLarge {
        limit: u64,
    },
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { limit } => {
                write!(f, "it is larger than the {} limit", megabytes(*limit))
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// `20 MB`, or the bytes when the cap is below a megabyte.
pub fn megabytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{bytes}-byte")
    }
}

/// What a file that is not a regular file is, for messages; `None` for a regular file.
pub fn kind_of(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading without waiting for a writer (a FIFO would block `open`).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads the regular file at `path` (symbolic links followed), at most `max_bytes` of it.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(what) = kind_of(meta.file_type()) {
        return Err(ReadError::NotRegular(what));
    }
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge { limit: max_bytes });
    }
    // The size on disk can lie (`/proc` files say 0, a file can grow while read): the cap
    // holds on what is actually read.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "twelve bytes").unwrap();
        assert_eq!(read_regular(&path, 12).unwrap(), b"twelve bytes");
        let err = read_regular(&path, 11).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 11 }), "{err:?}");
        assert_eq!(err.to_string(), "it is larger than the 11-byte limit");
    }

    #[test]
    fn a_directory_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular(dir.path(), DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(err.to_string(), "it is a directory, not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.md");
        let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let err = read_regular(&path, DEFAULT_MAX_BYTES).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is a FIFO (named pipe), not a regular file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn dev_zero_is_refused_at_once() {
        let err = read_regular(Path::new("/dev/zero"), DEFAULT_MAX_BYTES).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular("a device")), "{err:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_lies_about_its_size_is_still_capped() {
        // /proc files report a length of 0 and have more.
        let err = read_regular(Path::new("/proc/self/maps"), 16).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 16 }), "{err:?}");
    }
}
