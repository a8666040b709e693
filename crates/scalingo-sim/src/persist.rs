//! The data file: the whole platform as JSON, replaced atomically after
//! every change.

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::domain::model::Platform;

const FORMAT: &str = "scalingo-sim";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    platform: Platform,
}

#[derive(Serialize)]
struct EnvelopeRef<'a> {
    format: &'a str,
    version: u32,
    platform: &'a Platform,
}

pub fn encode(platform: &Platform) -> io::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(&EnvelopeRef {
        format: FORMAT,
        version: VERSION,
        platform,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn invalid(path: &Path, detail: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the data file {} is not a simulator state ({detail}); \
             fix it or move it away, it was left untouched",
            path.display()
        ),
    )
}

/// The platform saved in `path`, or `None` when there is no such file.
pub fn load(path: &Path) -> io::Result<Option<Platform>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(io::Error::new(
                error.kind(),
                format!("cannot read the data file {}: {error}", path.display()),
            ))
        }
    };
    let envelope: Envelope = serde_json::from_slice(&bytes).map_err(|e| invalid(path, e))?;
    if envelope.format != FORMAT {
        return Err(invalid(path, format!("format {:?}", envelope.format)));
    }
    if envelope.version != VERSION {
        return Err(invalid(
            path,
            format!("version {} where {VERSION} is expected", envelope.version),
        ));
    }
    Ok(Some(envelope.platform))
}

/// Replaces `path` with `bytes`: a temporary file in the same directory is
/// written and synced, then renamed over it, so a crash leaves either the old
/// or the new state, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".to_owned());
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        // Makes the rename itself durable; not possible on every platform.
        if let Ok(dir) = fs::File::open(&dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes of one data file, in revision order: a write that comes after a
/// newer one is skipped, so the file always ends with the latest state.
pub struct Store {
    path: PathBuf,
    written: tokio::sync::Mutex<u64>,
}

impl Store {
    pub fn new(path: PathBuf, revision: u64) -> Self {
        Store {
            path,
            written: tokio::sync::Mutex::new(revision),
        }
    }

    pub async fn save(&self, revision: u64, bytes: Vec<u8>) -> io::Result<()> {
        let mut written = self.written.lock().await;
        if revision <= *written {
            return Ok(());
        }
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || write_atomic(&path, &bytes))
            .await
            .map_err(io::Error::other)??;
        *written = revision;
        Ok(())
    }
}
