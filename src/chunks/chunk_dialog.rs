use leptos::prelude::*;

use super::{
    chunk_view::{load_chunk, not_arrived},
    Loading,
};
use crate::ui::{Dialog, ErrorPanel};

/// The props of a dialog: the first is whether it is open.
pub trait DialogProps: Clone + 'static {
    fn open(&self) -> RwSignal<bool>;
}

impl DialogProps for (RwSignal<bool>,) {
    fn open(&self) -> RwSignal<bool> {
        self.0
    }
}

impl<A: Clone + 'static> DialogProps for (RwSignal<bool>, A) {
    fn open(&self) -> RwSignal<bool> {
        self.0
    }
}

impl<A: Clone + 'static, B: Clone + 'static> DialogProps for (RwSignal<bool>, A, B) {
    fn open(&self) -> RwSignal<bool> {
        self.0
    }
}

/// A dialog from a chunk: nothing while it loads (a moment, and usually
/// none: chunks are fetched when the page is idle), then the dialog; if
/// it cannot be loaded, a dialog that says so, with Retry and Close.
#[component]
pub fn ChunkDialog<Props: DialogProps>(
    load: fn() -> Loading<Props>,
    props: Props,
    what: &'static str,
) -> impl IntoView {
    let open = props.open();
    let (loaded, retry) = load_chunk(load);
    // Props need not be `Send`: kept beside the page, not in the view.
    let props = StoredValue::new_local(props);
    move || match loaded.get() {
        Some(Ok(draw)) => props.try_get_value().map(draw),
        Some(Err(error)) => {
            let message = not_arrived(&error);
            Some(
                view! {
                    <Dialog open title=format!("Could not open {what}") id="chunk-error">
                        <ErrorPanel
                            title=format!("Could not open {what}")
                            message
                            on_retry=retry
                        />
                    </Dialog>
                }
                .into_any(),
            )
        }
        None => None,
    }
}
