use leptos::prelude::*;
use scalingo_api::{
    domain_name_errors, full_message, normalize_domain_name, Domain, NewDomain,
    MAX_DOMAINS_PER_APP, MAX_DOMAIN_NAME_LEN,
};

use super::{field_errors, on_success, write_failure, Write};
use crate::{
    api::use_app_api,
    ui::{ButtonVariant, FieldErrors, FormShell},
};

/// Adds a custom domain: the name is checked while it is typed; Let's
/// Encrypt then issues its certificate once its DNS points at the app.
#[component]
pub fn DomainForm(
    /// The app's domains now (for duplicates and the limit of 20).
    #[prop(into)]
    existing: Signal<Vec<String>>,
    on_added: Callback<Domain>,
) -> impl IntoView {
    let api = use_app_api();
    let name = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let add: Write<String, Domain> = Action::new_local(move |name: &String| {
        let (api, name) = (api.clone(), name.clone());
        async move {
            api.create_domain(NewDomain {
                name,
                ..NewDomain::default()
            })
            .await
        }
    });
    let failure = write_failure(add, &["name"]);
    on_success(add, move |added| {
        name.set(String::new());
        tried.set(false);
        on_added.run(added);
    });
    let full = Signal::derive(move || existing.with(|all| all.len() >= MAX_DOMAINS_PER_APP));
    let messages = Memo::new(move |_| {
        let typed = name.get();
        let mut shown = Vec::new();
        if tried.get() || !typed.trim().is_empty() {
            shown.extend(
                domain_name_errors(&typed)
                    .iter()
                    .map(|m| full_message("name", m)),
            );
            let normal = normalize_domain_name(&typed);
            if existing.with(|all| all.iter().any(|d| normalize_domain_name(d) == normal)) {
                shown.push(format!("{normal} is already a domain of this app."));
            }
        }
        shown.extend(field_errors(failure, "name").get());
        shown
    });
    let submit = Callback::new(move |()| {
        tried.set(true);
        if messages.get_untracked().is_empty() && !full.get_untracked() {
            add.dispatch(normalize_domain_name(&name.get_untracked()));
        }
    });
    view! {
        <section class="card" aria-labelledby="domain-add-title">
            <h2 id="domain-add-title" class="card__title">"Add a domain"</h2>
            <FormShell
                on_submit=submit
                action="Add the domain"
                sending_label="Adding…"
                pending=add.pending()
                error=failure
                ready=Signal::derive(move || !full.get())
                variant=ButtonVariant::Primary
            >
                <div class="field">
                    <label for="domain-name" class="field__label">"Domain name"</label>
                    <input
                        id="domain-name"
                        class="input mono"
                        autocomplete="off"
                        spellcheck="false"
                        autocapitalize="none"
                        placeholder="www.example.com"
                        maxlength=(MAX_DOMAIN_NAME_LEN + 16).to_string()
                        aria-invalid=move || (!messages.get().is_empty()).to_string()
                        aria-describedby="domain-name-help domain-name-errors"
                        prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <p id="domain-name-help" class="field__help">
                        {move || if full.get() {
                            format!("This app has the most domains an app can have ({MAX_DOMAINS_PER_APP}): delete one to add another.")
                        } else {
                            "A name you own, such as www.example.com or *.example.com. Then point its DNS at the app (the record is shown below) and Let's Encrypt issues its certificate.".to_owned()
                        }}
                    </p>
                    <FieldErrors id="domain-name-errors" messages=messages live=true />
                </div>
            </FormShell>
        </section>
    }
}
