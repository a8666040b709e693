//! Generated archives, kept in memory: listing an archive needs its exact
//! size, which means compressing it, and the download usually follows.
//!
//! One cache for the process (archives depend only on their spec, so
//! simulators in one process, such as a test suite, share it), bounded in
//! bytes, least recently used out first. Sizes are kept for good (a few
//! bytes each), so a listing never recompresses what it has seen once.
//! Generation runs on the blocking pool, once per archive even when several
//! requests want it at the same moment.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

use tokio::sync::OnceCell;

use super::{archive_file, archives::ArchiveSpec};

/// Compressed bytes kept at most.
const BUDGET: usize = 160 * 1024 * 1024;

type Cell = Arc<OnceCell<Arc<Vec<u8>>>>;

#[derive(Default)]
struct Cache {
    cells: HashMap<ArchiveSpec, (Cell, u64)>,
    sizes: HashMap<ArchiveSpec, u64>,
    clock: u64,
}

impl Cache {
    fn cell(&mut self, spec: &ArchiveSpec) -> Cell {
        self.clock += 1;
        let clock = self.clock;
        let entry = self
            .cells
            .entry(spec.clone())
            .or_insert_with(|| (Arc::new(OnceCell::new()), clock));
        entry.1 = clock;
        entry.0.clone()
    }

    /// Drops the least recently used archives until the rest fit.
    fn trim(&mut self) {
        loop {
            let held: usize = self
                .cells
                .values()
                .filter_map(|(cell, _)| cell.get().map(|b| b.len()))
                .sum();
            if held <= BUDGET {
                return;
            }
            let oldest = self
                .cells
                .iter()
                .filter(|(_, (cell, _))| cell.initialized())
                .min_by_key(|(_, (_, used))| *used)
                .map(|(spec, _)| spec.clone());
            match oldest {
                Some(spec) => {
                    self.cells.remove(&spec);
                }
                None => return,
            }
        }
    }
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

fn lock() -> std::sync::MutexGuard<'static, Cache> {
    // The cache holds no invariant a panic could break half-way.
    cache().lock().unwrap_or_else(|e| e.into_inner())
}

/// The gzip bytes of an archive.
pub async fn bytes(spec: &ArchiveSpec) -> Arc<Vec<u8>> {
    let cell = lock().cell(spec);
    let owned = spec.clone();
    let bytes = cell
        .get_or_init(|| async move {
            let rendered = tokio::task::spawn_blocking(move || archive_file::render(&owned)).await;
            Arc::new(rendered.unwrap_or_default())
        })
        .await
        .clone();
    let mut cache = lock();
    cache.sizes.insert(spec.clone(), bytes.len() as u64);
    cache.trim();
    bytes
}

/// The size of an archive's gzip file, in bytes.
pub async fn size(spec: &ArchiveSpec) -> u64 {
    if let Some(size) = lock().sizes.get(spec) {
        return *size;
    }
    bytes(spec).await.len() as u64
}
