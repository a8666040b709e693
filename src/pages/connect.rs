use leptos::prelude::*;

use crate::api::{session, use_api};

/// The connect screen: an API token is exchanged for a one-hour session.
#[component]
pub fn ConnectPage() -> impl IntoView {
    let client = use_api();
    let session = client.session();
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let demo_token = client.config().demo_token.clone();

    let connect_with = {
        let client = client.clone();
        move |api_token: String, keep: bool| {
            let client = client.clone();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                if let Err(message) = session::connect(&client, api_token, keep).await {
                    error.set(Some(message));
                }
                busy.set(false);
            });
        }
    };

    let submit = {
        let connect_with = connect_with.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            connect_with(token.get_untracked(), remember.get_untracked());
        }
    };

    // The error of this attempt, else why the previous session ended.
    let message = move || error.get().or_else(|| session.notice());

    if client.config().proxy {
        return view! { <ProxyRetry /> }.into_any();
    }

    view! {
        <div class="connect">
            <form class="card connect__card form" on:submit=submit>
                <h1 class="connect__title">"Connect to Scalingo"</h1>
                <p class="connect__intro">
                    "Paste an API token from your Scalingo account (Profile → API tokens). "
                    "It is exchanged for a session of one hour and kept in this page's memory only."
                </p>
                {move || message().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
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
                <div class="form__actions">
                    {demo_token
                        .map(|demo| {
                            let connect_with = connect_with.clone();
                            view! {
                                <button
                                    type="button"
                                    class="button"
                                    disabled=move || busy.get()
                                    on:click=move |_| connect_with(demo.clone(), false)
                                >
                                    "Use the local platform's demo token"
                                </button>
                            }
                        })}
                    <button type="submit" class="button button--primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Connecting…" } else { "Connect" }}
                    </button>
                </div>
            </form>
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
    let busy = RwSignal::new(false);
    let retry = move |_| {
        let client = client.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            session::connect_through_proxy(&client).await;
            busy.set(false);
        });
    };
    view! {
        <div class="connect">
            <div class="card connect__card form">
                <h1 class="connect__title">"Connecting through the proxy"</h1>
                {move || session.notice().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
                <div class="form__actions">
                    <button type="button" class="button button--primary" disabled=move || busy.get() on:click=retry>
                        {move || if busy.get() { "Connecting…" } else { "Try again" }}
                    </button>
                </div>
            </div>
        </div>
    }
}
