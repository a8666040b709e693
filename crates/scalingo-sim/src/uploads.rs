//! Source archives uploaded for deployments (`POST /sources`, then `PUT`
//! on its upload URL): kept in memory for as long as the URLs are valid
//! (ten minutes), so that deploying the download URL finds the archive.
//! Not saved with the platform: an upload is a moment of a deployment, and
//! a restart invalidates the signed URLs anyway.
//!
//! Bounded: at most [`KEPT`] sources at once, the oldest forgotten first.

use std::{
    collections::VecDeque,
    sync::Mutex,
    time::{Duration, Instant},
};

use axum::body::Bytes;

/// How long a source's URLs, and its archive, stay valid.
pub const SOURCE_TTL: Duration = Duration::from_secs(600);
/// How many sources are kept at once.
pub const KEPT: usize = 20;

struct Upload {
    id: String,
    created: Instant,
    archive: Option<Bytes>,
}

/// What a download finds.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    Archive(Bytes),
    /// The source exists, nothing was uploaded to it.
    Empty,
    /// Unknown, or expired.
    Missing,
}

#[derive(Default)]
pub struct Uploads {
    sources: Mutex<VecDeque<Upload>>,
}

impl Uploads {
    fn sources(&self) -> std::sync::MutexGuard<'_, VecDeque<Upload>> {
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        sources.retain(|u| u.created.elapsed() < SOURCE_TTL);
        sources
    }

    /// Makes room for a new source `id`.
    pub fn create(&self, id: &str) {
        let mut sources = self.sources();
        while sources.len() >= KEPT {
            sources.pop_front();
        }
        sources.push_back(Upload {
            id: id.to_owned(),
            created: Instant::now(),
            archive: None,
        });
    }

    /// Keeps `archive` as source `id`'s (replacing an earlier upload);
    /// false when the source is unknown or expired.
    pub fn put(&self, id: &str, archive: Bytes) -> bool {
        let mut sources = self.sources();
        match sources.iter_mut().find(|u| u.id == id) {
            Some(upload) => {
                upload.archive = Some(archive);
                true
            }
            None => false,
        }
    }

    pub fn fetch(&self, id: &str) -> Fetched {
        match self.sources().iter().find(|u| u.id == id) {
            Some(Upload {
                archive: Some(bytes),
                ..
            }) => Fetched::Archive(bytes.clone()),
            Some(_) => Fetched::Empty,
            None => Fetched::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_keep_their_archive_and_the_oldest_go_first() {
        let uploads = Uploads::default();
        assert!(!uploads.put("nope", Bytes::from_static(b"x")));
        uploads.create("a");
        assert_eq!(uploads.fetch("a"), Fetched::Empty);
        assert!(uploads.put("a", Bytes::from_static(b"gz")));
        assert_eq!(
            uploads.fetch("a"),
            Fetched::Archive(Bytes::from_static(b"gz"))
        );
        for n in 0..KEPT {
            uploads.create(&n.to_string());
        }
        assert_eq!(uploads.fetch("a"), Fetched::Missing);
        assert_eq!(uploads.fetch("0"), Fetched::Empty);
    }
}
