use leptos::prelude::*;
use scalingo_api::Collaborator;

use super::{field_errors, on_success, role_label, write_failure, Write};
use crate::{
    api::use_app_api,
    ui::{ButtonVariant, FieldErrors, FormShell},
};

/// Invites someone by e-mail, as a collaborator or a limited one. The
/// address is checked while it is typed; what the API refuses shows beside
/// it, and what was typed stays.
#[component]
pub fn InviteForm(
    /// E-mails already on the app (the owner's and the collaborators'):
    /// inviting one again says so before sending.
    #[prop(into)]
    existing: Signal<Vec<String>>,
    on_invited: Callback<Collaborator>,
) -> impl IntoView {
    let api = use_app_api();
    let email = RwSignal::new(String::new());
    // The API's default: the least access until the owner decides more.
    let limited = RwSignal::new(true);
    let touched = RwSignal::new(false);
    let tried = RwSignal::new(false);

    let invite: Write<(String, bool), Collaborator> =
        Action::new_local(move |(email, limited): &(String, bool)| {
            let (api, email, limited) = (api.clone(), email.clone(), *limited);
            async move { api.invite_collaborator(email, limited).await }
        });
    let failure = write_failure(invite, &["email"]);
    on_success(invite, move |invited| {
        email.set(String::new());
        touched.set(false);
        tried.set(false);
        on_invited.run(invited);
    });

    let messages = Memo::new(move |_| {
        let typed = email.get();
        let mut messages = Vec::new();
        if touched.get() || tried.get() {
            messages.extend(
                scalingo_api::email_errors(typed.trim())
                    .iter()
                    .map(|rule| scalingo_api::full_message("email", rule)),
            );
            if existing.with(|all| all.iter().any(|e| e.eq_ignore_ascii_case(typed.trim()))) {
                messages.push(format!("{} can already work on this app.", typed.trim()));
            }
        }
        messages.extend(field_errors(failure, "email").get());
        messages
    });
    let submit = Callback::new(move |()| {
        tried.set(true);
        if !messages.get_untracked().is_empty() {
            return;
        }
        invite.dispatch((
            email.get_untracked().trim().to_owned(),
            limited.get_untracked(),
        ));
    });
    let role = move |value: bool, help: &'static str| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="invite-role"
                    prop:checked=move || limited.get() == value
                    on:change=move |_| limited.set(value)
                />
                <span>
                    <strong>{role_label(value)}</strong>
                    <span class="muted">{help}</span>
                </span>
            </label>
        }
    };
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title" class="card__title">"Invite a collaborator"</h2>
            <FormShell
                on_submit=submit
                action="Send the invitation"
                sending_label="Sending…"
                pending=invite.pending()
                error=failure
                variant=ButtonVariant::Primary
            >
                <div class="field">
                    <label for="invite-email" class="field__label">"E-mail"</label>
                    <input
                        id="invite-email"
                        class="input"
                        type="email"
                        autocomplete="off"
                        spellcheck="false"
                        maxlength=scalingo_api::MAX_EMAIL_LEN.to_string()
                        aria-invalid=move || (!messages.get().is_empty()).to_string()
                        aria-describedby="invite-email-help invite-email-errors"
                        prop:value=email
                        on:input=move |ev| email.set(event_target_value(&ev))
                        on:blur=move |_| touched.set(!email.get_untracked().is_empty())
                    />
                    <p id="invite-email-help" class="field__help">
                        "They get an e-mail with a link, and appear here as pending until they accept."
                    </p>
                    <FieldErrors id="invite-email-errors" messages=messages live=true />
                </div>
                <fieldset class="field choices">
                    <legend class="field__label">"Role"</legend>
                    {role(false, " — everything but renaming, transferring and deleting the app.")}
                    {role(true, " — restarts, logs, metrics and activity; no scaling, environment, addons or people.")}
                </fieldset>
            </FormShell>
        </section>
    }
}
