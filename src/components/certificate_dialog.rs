use leptos::prelude::*;
use scalingo_api::{
    certificate_errors, certificate_info, full_message, private_key_description,
    private_key_errors, Domain, DomainUpdate,
};

use super::{field_errors, on_success, write_failure, DateTime, Write};
use crate::{
    api::use_app_api,
    browser::file_text::picked_file_text,
    ui::{Button, ButtonVariant, Dialog, FieldErrors, FormShell},
};

/// The biggest PEM file read from disk: a certificate with a long chain
/// is a few tens of KB.
const MAX_PEM_BYTES: usize = 512 * 1024;

/// Uploads a custom certificate and its private key for a domain, pasted
/// or read from files. Their PEM shape is checked in the browser before
/// anything is sent; the key is kept nowhere once the dialog closes and is
/// never shown back.
#[component]
pub fn CertificateDialog(
    open: RwSignal<bool>,
    domain: Domain,
    on_saved: Callback<Domain>,
) -> impl IntoView {
    let api = use_app_api();
    let certificate = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let read_error = RwSignal::new(None::<String>);

    let save: Write<(), Domain> = {
        let id = domain.id.clone();
        Action::new_local(move |(): &()| {
            let (api, id) = (api.clone(), id.clone());
            let update =
                DomainUpdate::certificate(certificate.get_untracked(), key.get_untracked());
            async move { api.update_domain(&id, update).await }
        })
    };
    let failure = write_failure(save, &["tlscert", "tlskey"]);
    on_success(save, move |saved| {
        key.set(String::new());
        certificate.set(String::new());
        open.set(false);
        on_saved.run(saved);
    });

    // The API's fields (`tlscert`, `tlskey`), in the words of the form.
    let messages = move |field: &'static str,
                         label: &'static str,
                         text: RwSignal<String>,
                         check: fn(&str) -> Vec<String>| {
        Signal::derive(move || {
            let typed = text.get();
            let mut shown: Vec<String> = if tried.get() || !typed.trim().is_empty() {
                check(&typed)
                    .iter()
                    .map(|m| full_message(label, m))
                    .collect()
            } else {
                Vec::new()
            };
            shown.extend(field_errors(failure, field).get());
            shown
        })
    };
    let certificate_messages = messages("tlscert", "certificate", certificate, certificate_errors);
    let key_messages = messages("tlskey", "private_key", key, private_key_errors);
    let info = Memo::new(move |_| certificate.with(|pem| certificate_info(pem)));
    let key_kind = Memo::new(move |_| key.with(|pem| private_key_description(pem)));
    let submit = Callback::new(move |()| {
        tried.set(true);
        let ok = certificate_errors(&certificate.get_untracked()).is_empty()
            && private_key_errors(&key.get_untracked()).is_empty();
        if ok {
            save.dispatch(());
        }
    });
    let load = move |target: RwSignal<String>| {
        move |ev: web_sys::Event| {
            leptos::task::spawn_local(async move {
                match picked_file_text(&ev).await {
                    Some(Ok((name, text))) if text.len() > MAX_PEM_BYTES => read_error.set(Some(format!(
                        "{name} is {} KB: a certificate or a key is a few KB. Pick the PEM file itself.",
                        text.len() / 1024
                    ))),
                    Some(Ok((_, text))) => {
                        read_error.set(None);
                        target.set(text);
                    }
                    Some(Err(message)) => read_error.set(Some(message)),
                    None => {}
                }
            });
        }
    };
    let summary = move || {
        info.get().map(|info| {
            let names = if info.names.is_empty() {
                String::new()
            } else {
                format!(" · for {}", info.names.join(", "))
            };
            let chain = match info.chain_length {
                0 | 1 => "no intermediate certificate".to_owned(),
                2 => "1 intermediate certificate".to_owned(),
                n => format!("{} intermediate certificates", n - 1),
            };
            view! {
                <p class="notice notice--info" role="status">
                    {format!("{}{names} · {chain} · valid until ", info.subject)}
                    <DateTime value=Some(info.not_after.clone()) />
                </p>
            }
        })
    };
    view! {
        <Dialog open title=format!("Custom certificate for {}", domain.name) id="certificate-upload">
            <FormShell
                on_submit=submit
                action="Upload the certificate"
                sending_label="Uploading…"
                pending=save.pending()
                error=failure
                variant=ButtonVariant::Primary
                actions=std::sync::Arc::new(move || view! { <Button on:click=move |_| open.set(false)>"Cancel"</Button> }.into_any())
            >
                <p class="muted">
                    "It replaces the Let's Encrypt certificate of this domain. Paste PEM text or pick the files; both are checked here before anything is sent, and the key is never shown again."
                </p>
                <div class="field">
                    <label for="certificate-pem" class="field__label">"Certificate, then its chain (PEM)"</label>
                    <textarea
                        id="certificate-pem"
                        class="input mono certificate__pem"
                        rows="6"
                        spellcheck="false"
                        placeholder="-----BEGIN CERTIFICATE-----"
                        aria-invalid=move || (!certificate_messages.get().is_empty()).to_string()
                        aria-describedby="certificate-pem-errors"
                        prop:value=certificate
                        on:input=move |ev| certificate.set(event_target_value(&ev))
                    ></textarea>
                    <input type="file" class="file" accept=".pem,.crt,.cer,.txt" aria-label="Read the certificate from a file" on:change=load(certificate) />
                    <FieldErrors id="certificate-pem-errors" messages=certificate_messages live=true />
                    {summary}
                </div>
                <div class="field">
                    <label for="certificate-key" class="field__label">"Private key (PEM)"</label>
                    <textarea
                        id="certificate-key"
                        class="input mono certificate__pem certificate__key"
                        rows="6"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="-----BEGIN PRIVATE KEY-----"
                        aria-invalid=move || (!key_messages.get().is_empty()).to_string()
                        aria-describedby="certificate-key-errors"
                        prop:value=key
                        on:input=move |ev| key.set(event_target_value(&ev))
                    ></textarea>
                    <input type="file" class="file" accept=".pem,.key,.txt" aria-label="Read the private key from a file" on:change=load(key) />
                    <FieldErrors id="certificate-key-errors" messages=key_messages live=true />
                    {move || key_kind.get().map(|kind| view! { <p class="field__help">{format!("{kind} key")}</p> })}
                </div>
                {move || read_error.get().map(|message| view! { <p class="form__error" role="alert">{message}</p> })}
            </FormShell>
        </Dialog>
    }
}
