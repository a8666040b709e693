use leptos::prelude::*;
use leptos_router::components::A;

use super::{DateTime, DeploymentBadge, PageLinks};
use crate::{
    api::DeploymentsPage,
    logic::{
        build_output::{commit_url, duration, short_ref},
        format::bytes,
        routes::{deployment_href, link},
    },
    ui::EmptyState,
};

/// One page of the deployment history, newest first, with links to each
/// deployment's page and to the previous and next pages.
#[component]
pub fn DeploymentList(
    app: String,
    /// The app's source repository (`git_source`), for links to commits.
    git_source: Option<String>,
    page: DeploymentsPage,
    /// The link to a page number.
    page_href: Callback<u64, String>,
) -> impl IntoView {
    if page.deployments.is_empty() {
        return view! {
            <EmptyState title="No deployments yet" text="Deploy an archive below, or push to the app's git remote." />
        }
        .into_any();
    }
    let rows = page
        .deployments
        .into_iter()
        .map(|deployment| {
            let href = deployment_href(&app, &deployment.id);
            let git_ref = deployment.git_ref.clone().unwrap_or_default();
            let shown_ref = if git_ref.is_empty() {
                "—".to_owned()
            } else {
                short_ref(&git_ref).to_owned()
            };
            let pusher = deployment
                .pusher
                .as_ref()
                .map(|p| if p.username.is_empty() { p.email.clone() } else { p.username.clone() })
                .filter(|who| !who.is_empty())
                .unwrap_or_else(|| "—".to_owned());
            let took = deployment
                .duration
                .map(duration)
                .unwrap_or_else(|| if deployment.status.is_finished() { "—".to_owned() } else { "under way".to_owned() });
            let size = deployment.image_size.filter(|s| *s > 0).map(bytes).unwrap_or_else(|| "—".to_owned());
            let label = format!("Deployment of {shown_ref}");
            let commit = git_source
                .as_deref()
                .and_then(|source| commit_url(source, &git_ref))
                .map(|url| {
                    let label = format!("Commit {shown_ref} on the source host (opens a new tab)");
                    view! {
                        " "
                        <a href=url class="deployments__commit" target="_blank" rel="noopener noreferrer" aria-label=label>"↗"</a>
                    }
                });
            view! {
                <tr>
                    <td><DeploymentBadge status=deployment.status.clone() /></td>
                    <th scope="row">
                        <A href=link(&href) attr:class="mono" attr:title=git_ref.clone() attr:aria-label=label>
                            {shown_ref.clone()}
                        </A>
                        {commit}
                    </th>
                    <td class="break">{pusher}</td>
                    <td><DateTime value=deployment.created_at.clone() /></td>
                    <td class="numeric">{took}</td>
                    <td class="numeric">{size}</td>
                </tr>
            }
        })
        .collect_view();
    let pagination = page.pagination.map(|pagination| {
        view! {
            <PageLinks
                pagination
                page_href
                label="Deployment history pages"
                items="deployments"
                previous="← Newer"
                next="Older →"
            />
        }
    });
    view! {
        <div class="table-wrap">
            <table class="table deployments">
                <thead>
                    <tr>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Git ref"</th>
                        <th scope="col">"Pushed by"</th>
                        <th scope="col">"Started"</th>
                        <th scope="col" class="numeric">"Duration"</th>
                        <th scope="col" class="numeric">"Image"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {pagination}
    }
    .into_any()
}
