//! The media folder beside the store: images checked by their header, kept once under
//! their SHA-256, and each person's inbox for pictures sent over SSH (`photo-put`).
//!
//! Owns: the folder layout, the image checks, writing files (temp name, then rename).
//! May not touch: SQL (the store records photos), the terminal, the store file itself.

use std::fmt;
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::files::{self, ReadError};

/// The formats the library takes: what every browser shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
        }
    }
}

/// What the header says about an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// An image now in the media folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its name in the media folder: `<sha256>.<ext>`.
    pub file: String,
    pub sha256: String,
    pub info: ImageInfo,
    pub bytes: u64,
}

#[derive(Debug)]
pub enum MediaError {
    Read(ReadError),
    NotAnImage,
    /// A format the header names but the library does not take (GIF, TIFF, HEIC…).
    Unsupported(String),
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for MediaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MediaError::Read(e) => write!(f, "{e}"),
            MediaError::NotAnImage => f.write_str("it is not a JPEG, PNG or WebP image"),
            MediaError::Unsupported(kind) => {
                write!(f, "it is a {kind} image, and only JPEG, PNG and WebP are taken")
            }
            MediaError::Write { path, error } => {
                write!(
                    f,
                    "{} cannot be written: {}",
                    path.display(),
                    files::io_reason(error)
                )
            }
        }
    }
}

impl std::error::Error for MediaError {}

/// The media folder of the store at `db`: `media/` beside the file.
pub fn dir_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("media")
}

/// One person's inbox in the media folder.
pub fn inbox(media: &Path, login: &str) -> PathBuf {
    media.join("inbox").join(login)
}

/// Format and pixel size from the first bytes; nothing else of the file is decoded.
pub fn inspect(bytes: &[u8]) -> Result<ImageInfo, MediaError> {
    use imagesize::ImageType;
    let kind = imagesize::image_type(bytes).map_err(|_| MediaError::NotAnImage)?;
    let format = match kind {
        ImageType::Jpeg => Format::Jpeg,
        ImageType::Png => Format::Png,
        ImageType::Webp => Format::Webp,
        other => return Err(MediaError::Unsupported(format!("{other:?}").to_uppercase())),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| MediaError::NotAnImage)?;
    let (width, height) = (u32::try_from(size.width), u32::try_from(size.height));
    match (width, height) {
        (Ok(width), Ok(height)) if width > 0 && height > 0 => Ok(ImageInfo {
            format,
            width,
            height,
        }),
        _ => Err(MediaError::NotAnImage),
    }
}

/// Reads an image someone named, within `limit` bytes, and checks its header.
pub fn read_image(path: &Path, limit: u64) -> Result<(Vec<u8>, ImageInfo), MediaError> {
    let bytes = files::read_capped(path, limit).map_err(MediaError::Read)?;
    let info = inspect(&bytes)?;
    Ok((bytes, info))
}

/// Keeps checked image bytes in the media folder under their SHA-256: the same picture
/// added twice, to one article or two, is one file.
pub fn store(media: &Path, bytes: &[u8], info: ImageInfo) -> Result<Stored, MediaError> {
    let sha256 = hex(&Sha256::digest(bytes));
    let file = format!("{sha256}.{}", info.format.extension());
    let path = media.join(&file);
    if !path.exists() {
        write_atomically(media, &path, bytes)?;
    }
    Ok(Stored {
        file,
        sha256,
        info,
        bytes: bytes.len() as u64,
    })
}

/// Streams `input` into the person's inbox as `name` (already checked by [`PutName`]),
/// refusing a stream over `limit` or one that is not an image. A picture of the same name
/// is replaced, as `scp` would.
pub fn put_in_inbox(
    media: &Path,
    login: &str,
    name: &PutName,
    input: impl Read,
    limit: u64,
) -> Result<(PathBuf, ImageInfo, u64), MediaError> {
    let bytes = files::read_all_capped(input, limit).map_err(MediaError::Read)?;
    let info = inspect(&bytes)?;
    let dir = inbox(media, login);
    let path = dir.join(name.as_str());
    write_atomically(&dir, &path, &bytes)?;
    Ok((path, info, bytes.len() as u64))
}

/// Images in a person's inbox, by name, at most `limit` of them.
pub fn inbox_files(media: &Path, login: &str, limit: usize) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(inbox(media, login)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .take(limit)
        .collect();
    names.sort();
    names
}

/// Readers never see half a file: write beside the target, flush to disk, rename over.
fn write_atomically(dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), MediaError> {
    let fail = |path: &Path| {
        let path = path.to_owned();
        move |error| MediaError::Write { path, error }
    };
    // Group-shared like the store (0660): every session of the newsroom writes here.
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o770)
        .create(dir)
        .map_err(fail(dir))?;
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        target.file_name().and_then(|n| n.to_str()).unwrap_or("image")
    ));
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o660)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(target)(e));
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file name sent with `photo-put`: plain enough to be safe in a path, a shell and a
/// terminal whatever the client sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutName(String);

impl PutName {
    /// Long enough for any camera's or phone's file names.
    pub const MAX_LEN: usize = 100;

    pub fn parse(name: &str) -> Option<PutName> {
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
        let ok = !name.is_empty()
            && name.len() <= Self::MAX_LEN
            && name.chars().all(plain)
            && !name.starts_with(['.', '-'])
            && !name.contains("..");
        ok.then(|| PutName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the SSH command asked for, read gitolite-style: exactly `photo-put NAME`, one
/// space, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SshCommand {
    /// Not ours (`scp -t`, `ls`, an empty command): ignored, as before this verb existed.
    Ignored,
    PhotoPut(PutName),
    /// `photo-put` with a name that is not plain, or anything more: refused with a sentence
    /// rather than opening the TUI on a command that meant to upload.
    BadPhotoPut,
}

pub fn parse_ssh_command(command: &str) -> SshCommand {
    let Some(rest) = command.strip_prefix("photo-put") else {
        return SshCommand::Ignored;
    };
    // `photo-puts` or `photo-put-x` is some other word: not ours.
    if !rest.is_empty() && !rest.starts_with(|c: char| c.is_whitespace() || c.is_control()) {
        return SshCommand::Ignored;
    }
    match rest.strip_prefix(' ').and_then(PutName::parse) {
        Some(name) => SshCommand::PhotoPut(name),
        None => SshCommand::BadPhotoPut,
    }
}

#[cfg(test)]
mod tests;
