use leptos::prelude::*;

use leptos::wasm_split::SplitLoaderError;

use super::{Draw, Loading};
use crate::ui::{ErrorPanel, Skeleton};

/// A page or tab from a chunk: a skeleton while it loads, an error and
/// Retry if it cannot be loaded.
#[component]
pub fn ChunkView<Props: Clone + 'static>(
    load: fn() -> Loading<Props>,
    props: Props,
    what: &'static str,
) -> impl IntoView {
    let (loaded, retry) = load_chunk(load);
    // Props need not be `Send`: kept beside the page, not in the view.
    let props = StoredValue::new_local(props);
    move || match loaded.get() {
        Some(Ok(draw)) => props
            .try_get_value()
            .map(draw)
            .unwrap_or_else(|| ().into_any()),
        Some(Err(error)) => view! {
            <ErrorPanel
                title=format!("Could not load {what}")
                message=not_arrived(&error)
                on_retry=retry
            />
        }
        .into_any(),
        None => view! { <Skeleton lines=6 label=format!("Loading {what}…") /> }.into_any(),
    }
}

/// Why a chunk is missing, in words.
pub(super) fn not_arrived(error: &impl std::fmt::Display) -> String {
    format!(
        "Its code did not arrive ({error}): the connection may be down, or a new version of the dashboard was published."
    )
}

/// A chunk's loading, and the callback that tries it again.
pub(super) fn load_chunk<Props: 'static>(
    load: fn() -> Loading<Props>,
) -> (
    LocalResource<Result<Draw<Props>, SplitLoaderError>>,
    Callback<()>,
) {
    let attempt = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        attempt.track();
        load()
    });
    (loaded, Callback::new(move |()| attempt.update(|n| *n += 1)))
}
