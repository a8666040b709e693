use leptos::prelude::*;

use super::{use_restarts, RestartRequest};
use crate::ui::{Button, ButtonVariant};

/// Said after the environment changed: running containers keep the values
/// they started with until they restart, which is offered here (through
/// the usual confirmation and the operation tracker).
#[component]
pub fn EnvRestartHint(
    app: String,
    region: String,
    /// Why the app cannot restart now, if so (an operation under way…).
    #[prop(into)]
    blocked: Signal<Option<String>>,
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let restarts = use_restarts();
    let restart = move |_| {
        restarts.ask(RestartRequest {
            app: app.clone(),
            region: region.clone(),
            scope: Vec::new(),
            what: "every container".to_owned(),
        });
        on_dismiss.run(());
    };
    view! {
        <div class="notice notice--info env-restart" role="status">
            <p>
                "The environment changed. Running containers get the new values when they restart or at the next deployment."
            </p>
            <div class="form__actions">
                <Button
                    variant=ButtonVariant::Primary
                    disabled=Signal::derive(move || blocked.get().is_some())
                    attr:title=move || blocked.get()
                    on:click=restart
                >
                    "Restart now"
                </Button>
                <Button variant=ButtonVariant::Ghost on:click=move |_| on_dismiss.run(())>"Later"</Button>
            </div>
        </div>
    }
}
