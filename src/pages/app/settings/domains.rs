//! Settings › Domains: custom domains, their certificates (Let's Encrypt
//! or uploaded), the canonical one, and the DNS records to create.

use std::time::Duration;

use leptos::prelude::*;
use scalingo_api::{Domain, DomainUpdate, SslStatus, MAX_DOMAINS_PER_APP};

use super::{super::use_app_data, SettingsNav};
use crate::{
    api::use_app_api,
    components::{
        now_ms, CertificateDialog, CopyButton, DateTime, DomainForm, QueryView, RoleNote,
    },
    logic::{
        domains::{certificate_source, dns_records, expiry, host_of, tls_badge},
        routes::SettingsSection,
    },
    state::{
        notices::use_notices,
        preferences::use_preferences,
        query::{use_query, QueryOptions},
    },
    ui::{Button, ButtonSize, ConfirmDialog, EmptyState},
};

type Domains = Vec<Domain>;

/// How often the list is read again while a certificate is on its way.
const PENDING_REFRESH: Duration = Duration::from_secs(5);

/// A question about a domain, asked in a dialog.
#[derive(Clone)]
enum Asked {
    Certificate(Domain),
    RemoveCertificate(Domain),
    Delete(Domain),
}

#[component]
pub fn DomainsSection() -> impl IntoView {
    let data = use_app_data();
    let api = use_app_api();
    let notices = use_notices();
    let read_only = use_preferences().read_only();
    let limited = data.limited();
    // Changes are offered unless read-only mode or the role forbids them.
    let locked = move || read_only || limited.get();
    let domains = {
        let api = api.clone();
        use_query(
            || Some(()),
            move |()| {
                let api = api.clone();
                async move { api.domains().await }
            },
            QueryOptions::default(),
        )
    };
    domains.refetch_while(PENDING_REFRESH, |list| {
        list.iter().any(|d| d.ssl_status == SslStatus::Pending)
    });
    // The app's platform address (`base_url`; `url` follows the canonical
    // domain): where the DNS records point.
    let app_host = Signal::derive(move || {
        data.app
            .fresh()
            .and_then(|app| app.base_url.or(app.url))
            .map(|url| host_of(&url))
            .filter(|host| !host.is_empty())
            .unwrap_or_else(|| format!("{}.scalingo.io", data.name()))
    });

    // Canonical on or off, the certificate removed, the domain deleted.
    let change = {
        let api = api.clone();
        Action::new_local(
            move |(domain, update, done): &(Domain, Option<DomainUpdate>, String)| {
                let (api, id, update, done) =
                    (api.clone(), domain.id.clone(), update.clone(), done.clone());
                let name = domain.name.clone();
                async move {
                    let answer = match update {
                        Some(update) => api.update_domain(&id, update).await.map(|_| ()),
                        None => api.delete_domain(&id).await,
                    };
                    (name, done, answer)
                }
            },
        )
    };
    Effect::new(move |_| match change.value().get() {
        Some((_, done, Ok(()))) => {
            notices.success(done);
            domains.refetch();
            data.app.refetch();
        }
        Some((name, _, Err(error))) => notices.error(format!("{name} did not change: {error}")),
        None => {}
    });
    let asked = RwSignal::new(None::<Asked>);
    let dialog = move || {
        asked.get().map(|question| {
            let open = crate::ui::open_until_closed(asked);
            match question {
                Asked::Certificate(domain) => {
                    let on_saved = Callback::new(move |saved: Domain| {
                        notices.success(format!("{} now uses its custom certificate.", saved.name));
                        domains.refetch();
                    });
                    view! { <CertificateDialog open domain on_saved /> }.into_any()
                }
                Asked::RemoveCertificate(domain) => {
                    let message = format!(
                        "Remove the custom certificate of {}? Let's Encrypt issues a new one; until it does, browsers may warn visitors.",
                        domain.name
                    );
                    let done = format!("{}: the custom certificate is removed; Let's Encrypt takes over.", domain.name);
                    let confirm = Callback::new(move |()| {
                        change.dispatch((domain.clone(), Some(DomainUpdate::remove_certificate()), done.clone()));
                    });
                    view! { <ConfirmDialog open id="certificate-remove" title="Remove the custom certificate?" message confirm_label="Remove the certificate" on_confirm=confirm /> }.into_any()
                }
                Asked::Delete(domain) => {
                    let message = format!(
                        "Delete {}? The app stops answering on it, and its certificate is dropped.",
                        domain.name
                    );
                    let done = format!("{} is deleted.", domain.name);
                    let confirm = Callback::new(move |()| {
                        change.dispatch((domain.clone(), None, done.clone()));
                    });
                    view! { <ConfirmDialog open id="domain-delete" title="Delete the domain?" message confirm_label="Delete" on_confirm=confirm /> }.into_any()
                }
            }
        })
    };
    let busy = change.pending();

    let card = move |domain: Domain| {
        let until = expiry(domain.validity.as_deref(), now_ms());
        // A certificate issued once but past its date is what matters now.
        let (tone, tls) = match &until {
            Some(until) if until.tone == "danger" => ("danger", "Certificate expired".to_owned()),
            _ => tls_badge(&domain),
        };
        let valid_until = domain
            .validity
            .as_deref()
            .and_then(|date| date.get(..10))
            .map(|day| format!("({day})"));
        let records = dns_records(&domain, &app_host.get_untracked());
        let problem = domain.problem();
        let source = certificate_source(&domain);
        let subject = domain.tlscert.clone().filter(|s| !s.is_empty());
        let name = domain.name.clone();
        let controls = (!locked()).then(|| {
            let canonical = domain.canonical;
            let (for_canonical, for_cert, for_remove, for_delete) =
                (domain.clone(), domain.clone(), domain.clone(), domain.clone());
            let custom = domain.has_custom_certificate();
            let name = name.clone();
            view! {
                <div class="button-row">
                    <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("{} {name}", if canonical { "Stop redirecting to" } else { "Make canonical:" }) on:click=move |_| {
                        let done = if canonical {
                            format!("{} is no longer canonical: each domain answers on its own.", for_canonical.name)
                        } else {
                            format!("{} is canonical: the app's other addresses redirect to it.", for_canonical.name)
                        };
                        change.dispatch((for_canonical.clone(), Some(DomainUpdate::canonical(!canonical)), done));
                    }>
                        {if canonical { "Unset canonical" } else { "Make canonical" }}
                    </Button>
                    <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("Upload a certificate for {name}") on:click=move |_| asked.set(Some(Asked::Certificate(for_cert.clone())))>
                        {if custom { "Replace certificate" } else { "Upload certificate" }}
                    </Button>
                    {custom.then(|| view! {
                        <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("Remove the custom certificate of {name}") on:click=move |_| asked.set(Some(Asked::RemoveCertificate(for_remove.clone())))>
                            "Remove certificate"
                        </Button>
                    })}
                    <Button size=ButtonSize::Small disabled=busy attr:aria-label=format!("Delete {name}") on:click=move |_| asked.set(Some(Asked::Delete(for_delete.clone())))>
                        "Delete"
                    </Button>
                </div>
            }
        });
        let record_rows = records
            .into_iter()
            .map(|record| {
                let copy = format!("{} {} {}", record.name, record.kind, record.value);
                let label = format!("Copy the {} record of {}", record.kind, record.name);
                view! {
                    <li class="dns-record">
                        <code class="dns-record__text">
                            <span>{record.name.clone()}</span>
                            " "
                            <strong>{record.kind}</strong>
                            " "
                            <span>{record.value.clone()}</span>
                        </code>
                        <CopyButton text=copy label />
                        {(!record.note.is_empty()).then(|| view! { <p class="field__help">{record.note}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <li class="card domain">
                <div class="domain__head">
                    <h3 class="domain__name mono">{name.clone()}</h3>
                    {domain.canonical.then(|| view! { <span class="badge badge--info">"Canonical"</span> })}
                    <span class=format!("badge badge--text badge--{tone}")>{tls}</span>
                </div>
                {problem.map(|problem| view! { <p class="notice notice--danger" role="note">{format!("Let's Encrypt: {problem}")}</p> })}
                <dl class="addon__facts">
                    <dt>"Certificate"</dt>
                    <dd>{source}{subject.map(|s| format!(" · {s}"))}</dd>
                    <dt>"Validity"</dt>
                    <dd>
                        {match until {
                            Some(until) => view! {
                                <span class=format!("badge badge--text badge--{}", until.tone)>{until.text}</span>
                                " "
                                <span class="muted">{valid_until}</span>
                            }.into_any(),
                            None => view! { <span class="muted">"Not issued yet"</span> }.into_any(),
                        }}
                    </dd>
                    <dt>"Added"</dt>
                    <dd><DateTime value=domain.created_at.clone() /></dd>
                </dl>
                <details class="domain__dns">
                    <summary>"DNS record to create"</summary>
                    <ul class="dns-records">{record_rows}</ul>
                </details>
                {controls}
            </li>
        }
    };

    view! {
        <SettingsNav name=data.name() current=SettingsSection::Domains />
        <section class="section" aria-labelledby="domains-title">
            <div class="addons-summary">
                <div>
                    <h2 id="domains-title" class="section__title">"Custom domains"</h2>
                    <p class="muted" role="status">
                        {move || domains.fresh().map(|list| format!("{} of {MAX_DOMAINS_PER_APP} domains · the app also answers on {}", list.len(), app_host.get()))}
                    </p>
                </div>
            </div>
            <RoleNote limited what="domains" />
            {read_only.then(|| view! {
                <p class="notice notice--info" role="status">"Read-only mode: adding domains, certificates and changes are turned off."</p>
            })}
            <QueryView
                query=domains
                what="the domains"
                lines=4
                render=move |list: Domains| {
                    if list.is_empty() {
                        return view! {
                            <EmptyState title="No custom domain" text="The app answers on its platform address only. Add a domain you own to serve it under your name, with a free certificate." />
                        }
                        .into_any();
                    }
                    view! { <ul class="domains">{list.into_iter().map(card).collect_view()}</ul> }.into_any()
                }
            />
        </section>
        {move || (!locked()).then(|| view! {
            <DomainForm
                existing=Signal::derive(move || domains.fresh().unwrap_or_default().into_iter().map(|d| d.name).collect::<Vec<_>>())
                on_added=Callback::new(move |added: Domain| {
                    notices.success(format!("{} is added: point its DNS at the app and its certificate follows.", added.name));
                    domains.refetch();
                })
            />
        })}
        {dialog}
    }
}
