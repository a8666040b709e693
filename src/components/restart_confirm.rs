use leptos::prelude::*;

use crate::{
    api::{use_api, AppApi},
    chunks::LazyRestartConfirm,
    state::{
        notices::{use_notices, Notices},
        operations::{use_operations, Operations},
    },
    ui::ConfirmDialog,
};

/// A restart the user asked for, waiting for confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct RestartRequest {
    pub app: String,
    pub region: String,
    /// Container types or labels; empty for every container.
    pub scope: Vec<String>,
    /// What restarts, in words: "web (3 containers)", "web-2".
    pub what: String,
}

/// The restart waiting for confirmation, shared by every place that
/// offers one (the containers tab, a container's row, the palette). `Copy`.
#[derive(Clone, Copy)]
pub struct Restarts {
    asked: RwSignal<Option<RestartRequest>>,
}

impl Restarts {
    pub fn new() -> Self {
        Restarts {
            asked: RwSignal::new(None),
        }
    }

    /// Asks the user to confirm `request`; it is sent only if they do.
    pub fn ask(&self, request: RestartRequest) {
        self.asked.try_set(Some(request));
    }
}

impl Default for Restarts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_restarts() -> Restarts {
    expect_context::<Restarts>()
}

/// Mounted once, beside the routes: the confirmation, and its code (a
/// chunk), only while a restart waits for it.
#[component]
pub fn RestartConfirmSlot() -> impl IntoView {
    let restarts = use_restarts();
    let asked = Memo::new(move |_| restarts.asked.get());
    move || {
        asked.get().map(|_| {
            let open = crate::ui::open_until_closed(restarts.asked);
            view! { <LazyRestartConfirm open /> }
        })
    }
}

/// The confirmation of the restart asked for, then the restart itself,
/// followed by the operation tracker.
#[component]
pub fn RestartConfirm(open: RwSignal<bool>) -> impl IntoView {
    let request = use_restarts().asked.get_untracked();
    let client = use_api();
    let notices = use_notices();
    let operations = use_operations();
    let message = request
        .as_ref()
        .map(|r| {
            format!(
                "Restart {} of {}? It is a rolling restart: new containers start before the old ones stop, and requests in progress on the old ones may be cut.",
                r.what, r.app
            )
        })
        .unwrap_or_default();
    let confirm = Callback::new(move |_| {
        if let Some(request) = request.clone() {
            let api = AppApi::new(client.clone(), request.region.clone(), request.app.clone());
            // Not tied to the dialog, which closes at once.
            leptos::task::spawn_local(restart(api, request, notices, operations));
        }
    });
    view! {
        <ConfirmDialog
            open
            id="restart-confirm"
            title="Restart?"
            message
            confirm_label="Restart"
            on_confirm=confirm
        />
    }
}

/// Restarts what `request` says and follows the operation, or says why the
/// API refused.
async fn restart(api: AppApi, request: RestartRequest, notices: Notices, operations: Operations) {
    match api.restart(request.scope.clone()).await {
        Ok(started) => {
            let label = if request.scope.is_empty() {
                format!("Restart {}", request.app)
            } else {
                format!("Restart {}", request.scope.join(", "))
            };
            operations.follow(&api, label, started.operation_url.as_deref());
        }
        Err(error) => notices.error(match error.status() {
            Some(409) => format!(
                "{error} Another operation is running on {}: retry when it ends.",
                request.app
            ),
            _ => format!("The restart of {} was refused: {error}", request.app),
        }),
    }
}
