use leptos::prelude::*;

use crate::{
    api::{session, use_api},
    ui::{Button, ButtonVariant, FormError, FormShell},
};

/// The connect screen: an API token is exchanged for a one-hour session.
#[component]
pub fn ConnectPage() -> impl IntoView {
    let client = use_api();
    let session = client.session();
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let demo_token = client.config().demo_token.clone();
    let connect = {
        let client = client.clone();
        Action::new_local(move |(api_token, keep): &(String, bool)| {
            let (client, api_token, keep) = (client.clone(), api_token.clone(), *keep);
            async move { session::connect(&client, api_token, keep).await }
        })
    };
    let pending = connect.pending();
    // The error of this attempt, else why the previous session ended.
    let message = Signal::derive(move || {
        let failed = if pending.get() {
            None
        } else {
            connect
                .value()
                .with(|value| value.clone().and_then(Result::err))
        };
        failed
            .or_else(|| session.notice())
            .map(|message| FormError {
                message: Some(message),
                fields: Vec::new(),
            })
    });
    let demo_button = move || {
        demo_token
            .clone()
            .map(|demo| {
                view! {
                    <Button disabled=pending on:click=move |_| {
                            connect.dispatch((demo.clone(), false));
                        }>
                        "Use the local platform's demo token"
                    </Button>
                }
                .into_any()
            })
            .unwrap_or_else(|| ().into_any())
    };

    if client.config().proxy {
        return view! { <ProxyRetry /> }.into_any();
    }

    view! {
        <div class="connect">
            <FormShell
                class="card connect__card"
                on_submit=Callback::new(move |()| {
                    connect.dispatch((token.get_untracked(), remember.get_untracked()));
                })
                action="Connect"
                sending_label="Connecting…"
                pending
                error=message
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(demo_button)
            >
                <h1 class="connect__title">"Connect to Scalingo"</h1>
                <p class="connect__intro">
                    "Paste an API token from your Scalingo account (Profile → API tokens). "
                    "It is exchanged for a session of one hour and kept in this page's memory only."
                </p>
                <div class="field">
                    <label for="api-token" class="field__label">"API token"</label>
                    <input
                        id="api-token"
                        class="input mono"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="tk-us-…"
                        required
                        prop:value=move || token.get()
                        on:input:target=move |ev| token.set(ev.target().value())
                    />
                </div>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || remember.get()
                        on:change:target=move |ev| remember.set(ev.target().checked())
                    />
                    "Remember the token in this tab until it is closed"
                </label>
            </FormShell>
        </div>
    }
    .into_any()
}

/// Behind a proxy the user has no token to paste: say what failed and try
/// again.
#[component]
fn ProxyRetry() -> impl IntoView {
    let client = use_api();
    let session = client.session();
    let retry = Action::new_local(move |()| {
        let client = client.clone();
        async move { session::connect_through_proxy(&client).await }
    });
    let busy = retry.pending();
    view! {
        <div class="connect">
            <div class="card connect__card form">
                <h1 class="connect__title">"Connecting through the proxy"</h1>
                {move || session.notice().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
                <div class="form__actions">
                    <Button variant=ButtonVariant::Primary disabled=busy on:click=move |_| {
                            retry.dispatch(());
                        }>
                        {move || if busy.get() { "Connecting…" } else { "Try again" }}
                    </Button>
                </div>
            </div>
        </div>
    }
}
