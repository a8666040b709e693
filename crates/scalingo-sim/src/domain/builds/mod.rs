//! What a deployment prints and when: its output, generated on demand from
//! its record (the buildpack of its language, how it ends, its moments),
//! like the logs, so nothing is stored and the output read over HTTP and
//! the lines of the stream agree.
//!
//! The output is the platform's: a header, the buildpack's steps
//! (`-----> …`, with ANSI colours), the image shipped, the containers
//! started, and the app's URL, or the lines of the failure (`!` lines in
//! red). Lines are spread over the phases of the deployment, each phase's
//! lines between its start and the next phase's; a failure's last line
//! comes just before the failing status.

pub mod archive;
pub mod buildpacks;
pub mod sources;

use chrono::Duration;
use scalingo_api::DeploymentStatus;

use super::{
    hostile,
    lifecycle::deployment::seed_of,
    model::{AppRecord, BuildFailure, DeploymentRecord, Platform},
    render,
    time::Timestamp,
};

/// `-----> text`, the step marker bold blue.
pub fn step(text: &str) -> String {
    format!("\u{1b}[1;34m----->\u{1b}[0m {text}")
}

/// A detail of a step, indented under it.
pub fn info(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("       {text}")
    }
}

/// ` !     text`, the marker bold red.
pub fn error(text: &str) -> String {
    format!("\u{1b}[1;31m !\u{1b}[0m     {text}")
}

/// What the output says about the app, read from the platform.
#[derive(Debug, Clone)]
pub struct BuildContext {
    pub app_name: String,
    pub app_url: String,
    pub process_types: Vec<String>,
    /// A probe app of the hostile demo: its builds print hostile lines.
    pub hostile: bool,
}

impl BuildContext {
    pub fn new(platform: &Platform, app: &AppRecord) -> Self {
        BuildContext {
            app_name: app.name.clone(),
            app_url: render::app_url(platform, app),
            process_types: app.formation.iter().map(|t| t.name.clone()).collect(),
            hostile: platform.hostile && hostile::is_probe(&app.name),
        }
    }
}

/// Something a deployment does at a moment: a status it reaches, or a line
/// it prints.
#[derive(Debug, Clone, PartialEq)]
pub enum Happening {
    Status(DeploymentStatus),
    Line(String),
}

/// The buildpack of an app: the one of its last deployment, or the one its
/// process types suggest (`sidekiq` is Ruby…), or one drawn from its id.
pub fn language_of(platform: &Platform, app: &AppRecord) -> String {
    if let Some(last) = platform.deployments_of(&app.id).last() {
        return last.language.clone();
    }
    let commands: String = app
        .formation
        .iter()
        .map(|t| t.command.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let guess = [
        ("sidekiq", "ruby"),
        ("clockwork", "ruby"),
        ("rake", "ruby"),
        ("node", "nodejs"),
        ("python", "python"),
        ("php", "php"),
        ("./bin/", "go"),
    ]
    .into_iter()
    .find(|(word, _)| commands.contains(word))
    .map(|(_, language)| language);
    let drawn = buildpacks::LANGUAGES[(seed_of(&app.id) % 5) as usize];
    guess.unwrap_or(drawn).to_owned()
}

/// `lines` spread over `from..to` by their weights, the first at `from`.
fn spread(
    lines: Vec<(u32, String)>,
    from: Timestamp,
    to: Timestamp,
    out: &mut Vec<(Timestamp, Happening)>,
) {
    let total: i64 = lines.iter().map(|(w, _)| i64::from(*w)).sum::<i64>().max(1);
    let span = (to - from).num_microseconds().unwrap_or(0).max(0);
    let mut before = 0i64;
    for (weight, line) in lines {
        let at = from + Duration::microseconds(span * before / total);
        out.push((at, Happening::Line(line)));
        before += i64::from(weight);
    }
}

/// Everything a deployment does, in order: statuses and lines, each with
/// its moment.
pub fn happenings(
    deployment: &DeploymentRecord,
    context: &BuildContext,
) -> Vec<(Timestamp, Happening)> {
    let seed = seed_of(&deployment.id);
    let mut out: Vec<_> = deployment
        .steps()
        .into_iter()
        .map(|(at, status)| (at, Happening::Status(status)))
        .collect();
    let last_moment = deployment.finishes_at - Duration::milliseconds(1);
    let mut build = vec![
        (
            1,
            format!(" <-- Start deployment of {} -->", context.app_name),
        ),
        (1, step("Fetching source code")),
    ];
    let language = deployment.language.as_str();
    match &deployment.failure {
        Some(BuildFailure::Source { text }) => {
            build.push((1, error(text)));
            build.push((
                1,
                error("Deployment aborted: the source code could not be used."),
            ));
        }
        failure => {
            if context.hostile {
                build.extend(hostile::builds::lines().into_iter().map(|l| (1, l)));
            }
            if deployment.cold_cache {
                build.push((1, step("No build cache: this build starts from scratch")));
            }
            let script = buildpacks::script(
                language,
                seed,
                deployment.cold_cache,
                &context.process_types,
            );
            let failing: Option<Vec<String>> = match failure {
                Some(BuildFailure::Dependencies) => Some(buildpacks::failure(language, seed)),
                Some(BuildFailure::Message { text }) => Some(vec![
                    error(text),
                    error(&format!(
                        "Push rejected, failed to compile {} app.",
                        buildpacks::display_name(language)
                    )),
                ]),
                _ => None,
            };
            match failing {
                Some(lines) => {
                    build.extend(script.lines.into_iter().take(script.install));
                    build.extend(lines.into_iter().map(|l| (1, l)));
                }
                None => build.extend(script.lines),
            }
        }
    }
    let build_end = deployment.build_ends_at().min(last_moment);
    spread(build, deployment.building_at, build_end, &mut out);
    if let Some(pushing_at) = deployment
        .pushing_at
        .filter(|at| *at < deployment.finishes_at)
    {
        let size = deployment.image_size.unwrap_or(0) as f64 / 1_000_000.0;
        let push = vec![
            (1, step("Build complete, shipping your container...")),
            (1, info(&format!("Container image size: {size:.1} MB"))),
            (3, info("Pushing the image to the registry...")),
        ];
        let until = deployment.starting_at.unwrap_or(deployment.finishes_at);
        spread(push, pushing_at, until.min(last_moment), &mut out);
    }
    if let Some(starting_at) = deployment
        .starting_at
        .filter(|at| *at < deployment.finishes_at)
    {
        let start = vec![
            (1, step("Your application is being started")),
            (1, info("Waiting for your application to boot...")),
        ];
        spread(start, starting_at, last_moment, &mut out);
    }
    let ending = match (&deployment.outcome, &deployment.failure) {
        (DeploymentStatus::Success, _) => vec![
            format!("\u{1b}[1;32m <-- {} -->\u{1b}[0m", context.app_url),
            step(&format!(
                "Deployment done in {}s",
                deployment.duration_seconds()
            )),
        ],
        (_, Some(BuildFailure::Crash { logs })) => {
            let mut lines = vec![
                error("Your application crashed while starting."),
                error("Its last lines of output were:"),
            ];
            lines.extend(logs.lines().map(info));
            lines.push(error(
                "Deployment failed: the previous version of the application keeps running.",
            ));
            lines
        }
        _ => Vec::new(),
    };
    for line in ending {
        out.push((last_moment, Happening::Line(line)));
    }
    // Stable: statuses come before the lines of their moment.
    out.sort_by_key(|(at, _)| *at);
    out
}

/// The output printed up to `at`, one line per line (`\n` after each).
pub fn output_at(deployment: &DeploymentRecord, context: &BuildContext, at: Timestamp) -> String {
    let mut text = String::new();
    for (moment, happening) in happenings(deployment, context) {
        if moment > at {
            break;
        }
        if let Happening::Line(line) = happening {
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        lifecycle::{DeploymentOrder, Timing},
        model::EventUser,
        time,
    };

    fn context() -> BuildContext {
        BuildContext {
            app_name: "shop-api".into(),
            app_url: "https://shop-api.osc-fr1.scalingo.io".into(),
            process_types: vec!["web".into(), "worker".into()],
            hostile: false,
        }
    }

    fn deployment(failure: Option<BuildFailure>) -> (crate::domain::model::Platform, String) {
        let now = time::now();
        let mut p = crate::domain::demo::generate(5, now);
        let index = p.apps.iter().position(|a| a.name == "shop-api").unwrap();
        let id = p.start_deployment(
            index,
            DeploymentOrder {
                git_ref: "abc".into(),
                kind: "archive",
                source_url: None,
                pusher: EventUser {
                    id: "us-1".into(),
                    username: "ada".into(),
                    email: "ada@example.com".into(),
                },
                failure,
            },
            now,
            Timing::new(1.0),
        );
        (p, id)
    }

    #[test]
    fn a_successful_build_prints_every_phase_in_order() {
        let (p, id) = deployment(None);
        let d = p.deployments.iter().find(|d| d.id == id).unwrap();
        let all = happenings(d, &context());
        assert!(all.windows(2).all(|w| w[0].0 <= w[1].0));
        let statuses: Vec<_> = all
            .iter()
            .filter_map(|(_, h)| match h {
                Happening::Status(s) => Some(s.as_str().to_owned()),
                Happening::Line(_) => None,
            })
            .collect();
        assert_eq!(statuses, ["building", "pushing", "starting", "success"]);
        let text = output_at(d, &context(), d.finishes_at);
        for expected in [
            "Start deployment of shop-api",
            "Fetching source code",
            "Build complete, shipping your container...",
            "Container image size:",
            "Your application is being started",
            "<-- https://shop-api.osc-fr1.scalingo.io -->",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
        assert!(text.contains('\u{1b}'));
        // Nothing is printed before the build starts, something at once.
        assert_eq!(output_at(d, &context(), d.created_at).lines().count(), 1);
        // The last line is printed before the status says it is over.
        let last_line = all
            .iter()
            .rev()
            .find(|(_, h)| matches!(h, Happening::Line(_)))
            .unwrap();
        assert!(last_line.0 < d.finishes_at);
    }

    #[test]
    fn failed_builds_say_why() {
        let (p, id) = deployment(Some(BuildFailure::Dependencies));
        let d = p.deployments.iter().find(|d| d.id == id).unwrap();
        assert_eq!(d.outcome, DeploymentStatus::BuildError);
        assert!(d.pushing_at.is_none());
        let text = output_at(d, &context(), d.finishes_at);
        assert!(text.contains("Push rejected, failed to compile"), "{text}");
        assert!(!text.contains("Build complete"));
        let (p, id) = deployment(Some(BuildFailure::Message {
            text: "disk quota exceeded".into(),
        }));
        let d = p.deployments.iter().find(|d| d.id == id).unwrap();
        assert!(output_at(d, &context(), d.finishes_at).contains("disk quota exceeded"));
    }
}
