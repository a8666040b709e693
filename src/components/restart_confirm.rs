use leptos::prelude::*;

use crate::{
    api::{use_api, AppApi},
    state::{notices::use_notices, operations::use_operations},
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

/// The confirmation of a restart, then the restart itself, followed by the
/// operation tracker. Mounted once, beside the routes.
#[component]
pub fn RestartConfirm() -> impl IntoView {
    let restarts = use_restarts();
    let client = use_api();
    let notices = use_notices();
    let operations = use_operations();
    let open = RwSignal::new(false);
    // Open when asked; forget the request once the dialog closes. Each
    // writes only a change: a set notifies even with the same value, and
    // the two would wake each other for ever.
    Effect::new(move |_| {
        let asked = restarts.asked.with(Option::is_some);
        if asked && !open.get_untracked() {
            open.set(true);
        }
    });
    Effect::new(move |_| {
        if !open.get() && restarts.asked.with_untracked(Option::is_some) {
            restarts.asked.set(None);
        }
    });
    let restart = Action::new_local(move |request: &RestartRequest| {
        let api = AppApi::new(client.clone(), request.region.clone(), request.app.clone());
        let request = request.clone();
        async move {
            let answer = api.restart(request.scope.clone()).await;
            (api, request, answer)
        }
    });
    Effect::new(move |_| {
        let Some((api, request, answer)) = restart.value().get() else {
            return;
        };
        match answer {
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
    });
    let confirm = Callback::new(move |_| {
        if let Some(request) = restarts.asked.get_untracked() {
            restart.dispatch(request);
        }
    });
    let message = move || {
        restarts
            .asked
            .get()
            .map(|r| {
                format!(
                    "Restart {} of {}? It is a rolling restart: new containers start before the old ones stop, and requests in progress on the old ones may be cut.",
                    r.what, r.app
                )
            })
            .unwrap_or_default()
    };
    view! {
        <Show when=move || open.get()>
            <ConfirmDialog
                open
                id="restart-confirm"
                title="Restart?"
                message=message()
                confirm_label="Restart"
                on_confirm=confirm
            />
        </Show>
    }
}
