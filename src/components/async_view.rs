use leptos::prelude::*;

use crate::{
    api::ApiError,
    ui::{ErrorPanel, Skeleton},
};

/// The one wrapper every page uses for data from the API: a skeleton while
/// loading, the content when it arrives, and an error panel with the API's
/// message and a retry button when it fails. `Transition` keeps the current
/// content on screen while a refetch runs, instead of flashing a skeleton.
#[component]
pub fn AsyncView<T, V, F>(
    /// The data to wait for.
    resource: LocalResource<Result<T, ApiError>>,
    /// Renders the data.
    render: F,
    /// What is loading, for the messages: "the apps" gives
    /// "Loading the apps…" and "Could not load the apps".
    #[prop(into)]
    what: String,
    /// Height of the skeleton, in lines.
    #[prop(default = 3)]
    lines: usize,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let loading = format!("Loading {what}…");
    let failed = format!("Could not load {what}");
    view! {
        <Transition fallback=move || view! { <Skeleton lines label=loading.clone() /> }>
            <ErrorBoundary fallback=move |errors| {
                let failed = failed.clone();
                move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(_, error)| {
                            let detail = error
                                .downcast_ref::<ApiError>()
                                .and_then(ApiError::status)
                                .map(|status| format!("HTTP {status}"))
                                .unwrap_or_default();
                            view! {
                                <ErrorPanel
                                    title=failed.clone()
                                    message=error.to_string()
                                    detail
                                    on_retry=Callback::new(move |_| resource.refetch())
                                />
                            }
                        })
                        .collect_view()
                }
            }>
                {
                    let render = render.clone();
                    move || {
                        let render = render.clone();
                        Suspend::new(async move { resource.await.map(render) })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}
