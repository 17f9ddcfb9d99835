//! Writing a fixed file safely: through a temporary file in its own folder and a rename, with the
//! file's permissions from the moment the temporary file exists, and never over bytes that
//! changed since they were read.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Written,
    /// The file's bytes are no longer those that were read: nothing was written.
    ChangedSinceRead,
    /// A pipe or device, which can be read once but not replaced: nothing was written.
    NotRegular,
}

/// Replaces the file at `path` with `new`, unless its bytes differ from `read` (what the check
/// saw). A symbolic link is followed and its target rewritten; the file's permissions are kept.
pub fn write_if_unchanged(path: &Path, read: &[u8], new: &[u8]) -> io::Result<WriteOutcome> {
    let target = fs::canonicalize(path)?;
    if !fs::metadata(&target)?.is_file() {
        return Ok(WriteOutcome::NotRegular);
    }
    if fs::read(&target)? != read {
        return Ok(WriteOutcome::ChangedSinceRead);
    }
    let meta = fs::metadata(&target)?;
    // Replacing a file by rename would succeed on a read-only file; its owner meant otherwise.
    if meta.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    atomic_write(&target, new, Some(meta.permissions()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keep the owner when run as another user who may change it (root); otherwise the new
        // file is already the user's own, and failing to change it is not an error.
        if fs::metadata(&target).is_ok_and(|now| (now.uid(), now.gid()) != (meta.uid(), meta.gid()))
        {
            let _ = std::os::unix::fs::chown(&target, Some(meta.uid()), Some(meta.gid()));
        }
    }
    Ok(WriteOutcome::Written)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a reader
/// (or a crash) sees the old file or the new one, never half of one. With `permissions`, the
/// temporary file has them from its creation (see [`create_temporary`]).
pub fn atomic_write(path: &Path, bytes: &[u8], permissions: Option<Permissions>) -> io::Result<()> {
    let (tmp, mut file) = create_temporary(path, permissions.as_ref())?;
    let result = (|| {
        file.write_all(bytes)?;
        if let Some(p) = permissions {
            // The mode given at creation was narrowed by the umask; this sets it exactly.
            file.set_permissions(p)?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Creates a new, empty temporary file next to `path`, named after it. On Unix it is created with
/// the mode of `permissions` (narrowed by the umask, so never wider), so that the new text of a
/// private file never sits in a file others may read, not even until a later `chmod`.
pub fn create_temporary(
    path: &Path,
    permissions: Option<&Permissions>,
) -> io::Result<(PathBuf, File)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(
            ".{}.copydesk-{}-{n}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(p) = permissions {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(p.mode() & 0o7777);
        }
        #[cfg(not(unix))]
        let _ = permissions;
        match options.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_temporary_file_of_a_private_file_is_private_from_its_creation() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        for mode in [0o600, 0o640, 0o400] {
            let permissions = Permissions::from_mode(mode);
            let (tmp, file) = create_temporary(&path, Some(&permissions)).unwrap();
            // Before anything is written or any chmod: the umask may only narrow the mode.
            let created = file.metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(created & !mode, 0, "{mode:o} created as {created:o}");
            drop(file);
            fs::remove_file(tmp).unwrap();
        }
        // The whole write ends with exactly the original mode.
        fs::write(&path, "old").unwrap();
        atomic_write(&path, b"new", Some(Permissions::from_mode(0o600))).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            (fs::read_to_string(&path).unwrap().as_str(), mode),
            ("new", 0o600)
        );
    }
}
