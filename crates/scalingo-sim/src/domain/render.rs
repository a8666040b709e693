//! Records → API bodies (the shared `scalingo_api` models). URLs that point
//! at this simulator are built from the request's origin.

use scalingo_api::{
    App, AppLinks, Collaborator, CollaboratorStatus, Container, ContainerType, Deployment,
    DeploymentLinks, DeploymentStatus, Operation, OperationStatus, Owner, Project, ProjectRef,
    Pusher, StartOneOffData, User, Variable,
};
use serde_json::Map;

use super::{
    catalogue::{self, RegionRecord},
    model::{
        AppRecord, CollaboratorRecord, ContainerRecord, ContainerTypeRecord, DeploymentRecord,
        OperationRecord, Platform, ProjectRecord, UserRecord, VariableRecord,
    },
    origin::Origin,
    time,
};

pub fn owner(user: &UserRecord) -> Owner {
    Owner {
        id: user.id.clone(),
        username: user.username.clone(),
        email: user.email.clone(),
        flags: Map::new(),
    }
}

/// An owner whose account is gone still has an id.
fn owner_by_id(platform: &Platform, id: &str) -> Owner {
    platform.user(id).map(owner).unwrap_or_else(|| Owner {
        id: id.to_owned(),
        ..Owner::default()
    })
}

pub fn user(user: &UserRecord) -> User {
    User {
        id: user.id.clone(),
        username: user.username.clone(),
        email: user.email.clone(),
        fullname: Some(user.fullname.clone()),
        company: user.company.clone(),
        location: user.location.clone(),
        created_at: Some(time::format(&user.created_at)),
        flags: Map::new(),
        limits: Map::new(),
    }
}

/// The region record of an app (a region the catalogue no longer has still
/// gets the platform's host names).
fn region_of(platform: &Platform, app: &AppRecord) -> RegionRecord {
    platform
        .region(&app.region)
        .cloned()
        .unwrap_or_else(|| RegionRecord {
            name: app.region.clone(),
            display_name: app.region.clone(),
            apps_domain: format!("{}.scalingo.io", app.region),
            git_host: format!("ssh.{}.scalingo.com", app.region),
            default: false,
        })
}

/// `https://<app>.<region>.scalingo.io`.
pub fn app_url(platform: &Platform, app: &AppRecord) -> String {
    format!(
        "https://{}.{}",
        app.name,
        region_of(platform, app).apps_domain
    )
}

pub fn app(platform: &Platform, record: &AppRecord, origin: &Origin) -> App {
    let url = app_url(platform, record);
    // The canonical domain, when the app has one, is where it answers.
    let canonical = platform
        .canonical_domain(&record.id)
        .map(|domain| format!("https://{}", domain.name));
    App {
        id: record.id.clone(),
        name: record.name.clone(),
        region: Some(record.region.clone()),
        created_at: Some(time::format(&record.created_at)),
        updated_at: Some(time::format(&record.updated_at)),
        parent_app_name: Some(record.parent_app_name.clone()),
        git_url: Some(format!(
            "git@{}:{}.git",
            region_of(platform, record).git_host,
            record.name
        )),
        url: Some(canonical.unwrap_or_else(|| url.clone())),
        base_url: Some(url),
        status: Some(record.status.clone()),
        owner: Some(owner_by_id(platform, &record.owner_id)),
        project: Some(ProjectRef {
            id: record.project_id.clone(),
            name: platform
                .project(&record.project_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        }),
        last_deployed_at: time::format_opt(record.last_deployed_at.as_ref()),
        last_deployed_by: record.last_deployed_by.clone(),
        last_deployment_id: record.last_deployment_id.clone(),
        links: Some(AppLinks {
            deployments_stream: Some(deployments_stream_url(origin, &record.name)),
        }),
        git_source: record.git_source.clone(),
        flags: record.flags.clone(),
        limits: record.limits.clone(),
        force_https: record.force_https,
        sticky_session: record.sticky_session,
        router_logs: record.router_logs,
        stack_id: Some(record.stack_id.clone()),
        hds_resource: record.hds_resource,
        private_networks_ids: record.private_networks_ids.clone(),
        data_access_consent: record.data_access_consent.clone(),
    }
}

pub fn container_type(app: &AppRecord, record: &ContainerTypeRecord) -> ContainerType {
    ContainerType {
        id: Some(record.id.clone()),
        app_id: Some(app.id.clone()),
        name: record.name.clone(),
        amount: record.amount,
        size: record.size.clone(),
        command: Some(record.command.clone()),
    }
}

pub fn container(platform: &Platform, app: &AppRecord, record: &ContainerRecord) -> Container {
    Container {
        id: record.id.clone(),
        app_id: Some(app.id.clone()),
        kind: record.kind.clone(),
        type_index: record.type_index,
        label: Some(format!("{}-{}", record.kind, record.type_index)),
        state: record.state.clone(),
        command: record.command.clone(),
        // Legacy field: the size is in `container_size`.
        size: String::new(),
        created_at: Some(time::format(&record.created_at)),
        deleted_at: None,
        container_size: platform
            .container_size(&record.size)
            .map(|size| catalogue::size_in_region(size, &app.region)),
    }
}

pub fn project(platform: &Platform, record: &ProjectRecord) -> Project {
    Project {
        id: record.id.clone(),
        name: record.name.clone(),
        default: record.default,
        created_at: Some(time::format(&record.created_at)),
        updated_at: Some(time::format(&record.updated_at)),
        owner: Some(owner_by_id(platform, &record.owner_id)),
        flags: Map::new(),
    }
}

pub fn collaborator(
    platform: &Platform,
    app: &AppRecord,
    record: &CollaboratorRecord,
    origin: &Origin,
) -> Collaborator {
    let account = record.user_id.as_deref().and_then(|id| platform.user(id));
    let invitation_link = if record.status == CollaboratorStatus::Pending {
        format!(
            "{}/apps/collaboration?token={}",
            origin.root(),
            record.invitation_token
        )
    } else {
        String::new()
    };
    Collaborator {
        id: record.id.clone(),
        email: record.email.clone(),
        username: account
            .map(|u| u.username.clone())
            .unwrap_or_else(|| "n/a".to_owned()),
        user_id: record.user_id.clone(),
        status: record.status.clone(),
        is_limited: record.is_limited,
        // Two-factor authentication is not simulated.
        tfa_status: false,
        invitation_link: Some(invitation_link),
        app_id: Some(app.id.clone()),
        app_name: Some(app.name.clone()),
    }
}

/// Where a terminal would attach to an attached one-off. Nothing can attach
/// to the simulator; the URL (one of its controls, at the root) answers
/// with an explanation.
pub fn attach_url(origin: &Origin, container_id: &str) -> String {
    format!("{}/_sim/attach/{container_id}", origin.root())
}

pub fn operation(record: &OperationRecord, origin: &Origin) -> Operation {
    let start_one_off_data = (record.kind == "start-one-off"
        && record.status == OperationStatus::Done)
        .then(|| StartOneOffData {
            attach_url: record
                .container_id
                .as_deref()
                .map(|id| attach_url(origin, id)),
            container_id: record.container_id.clone(),
        });
    Operation {
        id: record.id.clone(),
        app_id: Some(record.app_id.clone()),
        created_at: Some(time::format(&record.created_at)),
        finished_at: time::format_opt(record.finished_at.as_ref()),
        status: record.status.clone(),
        kind: record.kind.clone(),
        error: (record.status == OperationStatus::Error)
            .then(|| record.error.clone())
            .flatten(),
        message: None,
        start_one_off_data,
    }
}

/// `<ws api>/_deployments/apps/<app>`: the deployments stream of the app,
/// on this simulator (the platform has a host of its own for it, as for
/// the logs, so clients take the URL as it is given).
pub fn deployments_stream_url(origin: &Origin, app_name: &str) -> String {
    format!("{}/_deployments/apps/{app_name}", origin.websocket())
}

/// A variable; `value: None` leaves the value out (limited collaborators).
pub fn variable(record: &VariableRecord, value: Option<String>) -> Variable {
    Variable {
        id: record.id.clone(),
        app_id: Some(record.app_id.clone()),
        name: record.name.clone(),
        value,
    }
}

/// `<api>/v1/apps/<app>/deployments/<id>/output`.
pub fn deployment_output_url(origin: &Origin, app_name: &str, id: &str) -> String {
    format!(
        "{}/v1/apps/{app_name}/deployments/{id}/output",
        origin.as_str()
    )
}

/// A deployment as of its last settling: `finished_at` and `duration` once
/// it has ended, the image's size once it is pushed.
pub fn deployment(record: &DeploymentRecord, app_name: &str, origin: &Origin) -> Deployment {
    let finished = record.status.is_finished();
    let pushed = finished
        || matches!(
            record.status,
            DeploymentStatus::Pushing | DeploymentStatus::Starting
        );
    Deployment {
        id: record.id.clone(),
        app_id: Some(record.app_id.clone()),
        created_at: Some(time::format(&record.created_at)),
        finished_at: finished.then(|| time::format(&record.finishes_at)),
        duration: finished.then(|| record.duration_seconds()),
        status: record.status.clone(),
        git_ref: (!record.git_ref.is_empty()).then(|| record.git_ref.clone()),
        previous_git_ref: record.previous_git_ref.clone(),
        kind: Some(record.kind.clone()),
        image_size: record.image_size.filter(|_| pushed),
        stack_base_image: Some(record.stack_base_image.clone()),
        postdeploy_hook: record.postdeploy_hook.clone(),
        pusher: Some(Pusher {
            id: record.pusher.id.clone(),
            username: record.pusher.username.clone(),
            email: record.pusher.email.clone(),
        }),
        links: Some(DeploymentLinks {
            output: Some(deployment_output_url(origin, app_name, &record.id)),
        }),
    }
}
