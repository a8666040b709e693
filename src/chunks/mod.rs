//! The parts of the dashboard whose code is loaded when first needed. The
//! first load is the shell, the connect screen and the app list; an app's
//! page, each of its tabs, the activity page and the heavy dialogs are
//! chunks of their own. `crates/scalingo-wasm-build` builds with the
//! feature `chunks` and cuts the module at the functions `chunk!`
//! declares; without the feature (host and component tests) they are
//! plain calls.
//!
//! A chunk that fails to load (the network is cut, a redeploy removed it)
//! is an error with a Retry, never a crash; a later visit tries again.

mod chunk_dialog;
mod chunk_view;
mod dialogs;
mod pages;
mod prefetch;

pub use dialogs::{
    LazyCommandPalette, LazyCreateAppDialog, LazyParkDialog, LazyRestartConfirm,
    LazyShortcutsDialog,
};
pub use pages::{
    AppPageRoute, LazyActivity, LazyActivityPage, LazyAddons, LazyAlerts, LazyAppPage,
    LazyAutoscalers, LazyChildApps, LazyCollaborators, LazyContainers, LazyDeploy, LazyDeployment,
    LazyDomains, LazyEnvironment, LazyLogs, LazyMetrics, LazyOverview, LazySettings,
};
pub use prefetch::{prefetch, prefetch_all_when_idle, Part, PREFETCH_MARK};

use std::{future::Future, pin::Pin};

use leptos::{prelude::AnyView, wasm_split::SplitLoaderError};

/// What a chunk gives: the function that draws its view from its props
/// (called in the place of the view, so that it sees the page's context).
type Draw<Props> = fn(Props) -> AnyView;
type Loading<Props> = Pin<Box<dyn Future<Output = Result<Draw<Props>, SplitLoaderError>>>>;

/// Declares a chunk: the function that loads it (and gives its view), the
/// one that only fetches it, and a component in the place of the view,
/// with the same props, that shows it once loaded (`ChunkView` for a page,
/// `ChunkDialog` for a dialog, whose first prop is `open`).
macro_rules! chunk {
    (
        $(#[$doc:meta])*
        $shown_by:ident $component:ident($($prop:ident: $type:ty),*) => $view:ident,
        load $load:ident, prefetch $prefetch:ident, $what:literal
    ) => {
        #[cfg(feature = "chunks")]
        #[leptos::wasm_split::wasm_split(
            $load,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc(hidden)] $prefetch),
            fallible
        )]
        pub(super) fn $load() -> Result<$crate::chunks::Draw<($($type,)*)>, leptos::wasm_split::SplitLoaderError> {
            Ok(|($($prop,)*)| leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$view $($prop)* /> }))
        }

        // The module whole: the same functions, with nothing to fetch.
        #[cfg(not(feature = "chunks"))]
        pub(super) async fn $load() -> Result<$crate::chunks::Draw<($($type,)*)>, leptos::wasm_split::SplitLoaderError> {
            Ok(|($($prop,)*)| leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$view $($prop)* /> }))
        }
        #[cfg(not(feature = "chunks"))]
        pub(super) async fn $prefetch() -> Result<(), leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }

        $(#[$doc])*
        #[leptos::prelude::component]
        pub fn $component($($prop: $type),*) -> impl leptos::prelude::IntoView {
            leptos::prelude::view! {
                <$shown_by load=|| Box::pin($load()) props=($($prop,)*) what=$what />
            }
        }
    };
}
use chunk;
