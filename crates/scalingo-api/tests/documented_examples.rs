//! Every JSON example of the seed (the Applications part of the API
//! documentation) and of the API reference deserializes into its model. The
//! examples are fixtures of this repository (`tests/fixtures`).
//!
//! Some documentation examples are not valid JSON: trailing commas, and `…` or
//! `...` standing for elided content. The test repairs only those, prints each
//! repair, and counts the examples so that none can be skipped silently.

use std::{fs, path::PathBuf};

use scalingo_api::*;
use serde::de::DeserializeOwned;

/// The examples of one source (`seed` or `reference`), in their order:
/// see `tests/fixtures/README.md` for where they come from.
fn fixtures(source: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(source);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the fixtures are read from {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// Removes `…`/`...` placeholders and trailing commas outside strings, and
/// reports what it changed.
fn repair(example: &str) -> (String, Vec<&'static str>) {
    let mut out = String::with_capacity(example.len());
    let mut repairs = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = example;
    while let Some(c) = rest.chars().next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('…').or_else(|| rest.strip_prefix("...")) {
            repairs.push("removed a `…` placeholder");
            rest = after;
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // Trailing commas, including those left behind by removed placeholders.
    let mut cleaned = String::with_capacity(out.len());
    let chars: Vec<char> = out.chars().collect();
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                repairs.push("removed a trailing comma");
                continue;
            }
        }
        cleaned.push(c);
    }
    (cleaned, repairs)
}

fn parse<T: DeserializeOwned>(label: &str, example: &str) -> T {
    let (json, repairs) = repair(example);
    for repair in &repairs {
        println!("{label}: {repair}");
    }
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{label} does not parse: {e}\n{json}"))
}

#[test]
fn every_seed_example_deserializes() {
    let examples = fixtures("seed");
    let titles = [
        "app attributes example",
        "create request",
        "create response",
        "list response",
        "show response",
        "ps response",
        "containers response",
        "scale request",
        "scale response",
        "restart request",
        "rename request",
        "rename response",
        "transfer request",
        "transfer response",
        "update settings request",
        "update settings response",
        "logs response",
        "logs archives response",
        "run request",
        "run response",
        "kill request",
        "child app create request",
        "child app create response",
        "child apps list response",
        "recommended value response",
        "metrics response",
        "real-time stats response",
    ];
    assert_eq!(
        examples.len(),
        titles.len(),
        "the seed has {} JSON examples; each must be checked here",
        examples.len()
    );
    for (index, ((name, _), title)) in examples.iter().zip(titles).enumerate() {
        assert_eq!(*name, format!("{index:02}-{}", title.replace(' ', "-")));
    }
    let ex = |i: usize| (titles[i], examples[i].1.as_str());

    let (l, b) = ex(0);
    let app: App = parse(l, b);
    assert_eq!(app.name, "example-app");
    assert_eq!(app.project.unwrap().name, "example-project");
    assert_eq!(app.flags["sticky-session"], true);
    assert_eq!(app.limits["git-repository-size"], 1_000_000_000u64);
    let consent = app.data_access_consent.unwrap();
    assert_eq!(consent.containers_until, None);
    assert_eq!(app.owner.unwrap().username, "john");

    let (l, b) = ex(1);
    let create: CreateAppRequest = parse(l, b);
    assert_eq!(create.app.name, "example-app");

    let (l, b) = ex(2);
    let created: AppResponse = parse(l, b);
    assert_eq!(created.app.id, "54100930736f7563d5030000");

    let (l, b) = ex(3);
    let list: AppsResponse = parse(l, b);
    let names: Vec<_> = list.apps.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["example-app", "another-app"]);

    let (l, b) = ex(4);
    let shown: AppResponse = parse(l, b);
    assert_eq!(shown.app.status, Some(AppStatus::Running));
    assert!(shown.app.force_https);

    let (l, b) = ex(5);
    let ps: ContainersResponse = parse(l, b);
    assert_eq!(ps.containers.len(), 2);
    assert_eq!(ps.containers[0].display_label(), "web-1");
    assert_eq!(ps.containers[0].size_name(), "M");
    assert_eq!(ps.containers[1].kind, "one-off");
    assert_eq!(ps.containers[1].state, "booting");
    assert_eq!(
        ps.containers[1].container_size.as_ref().unwrap().memory,
        536_870_912
    );

    let (l, b) = ex(6);
    let formation: FormationResponse = parse(l, b);
    assert_eq!(formation.containers[0].amount, 2);
    assert_eq!(formation.containers[1].size, "M");

    let (l, b) = ex(7);
    let scale: ScaleRequest = parse(l, b);
    assert_eq!(scale.containers[0].size.as_deref(), Some("L"));

    let (l, b) = ex(8);
    let scaled: FormationResponse = parse(l, b);
    assert_eq!(scaled.containers.len(), 2);

    let (l, b) = ex(9);
    let restart: RestartRequest = parse(l, b);
    assert_eq!(restart.scope, ["web"]);

    let (l, b) = ex(10);
    let rename: RenameRequest = parse(l, b);
    assert_eq!(rename.new_name, "renamed-example-app");

    let (l, b) = ex(11);
    let renamed: AppResponse = parse(l, b);
    assert_eq!(renamed.app.name, "renamed_example-app");

    let (l, b) = ex(12);
    let transfer: UpdateAppRequest = parse(l, b);
    assert_eq!(transfer.app.owner.as_deref(), Some("user2@example.com"));

    let (l, b) = ex(13);
    let _: AppResponse = parse(l, b);

    let (l, b) = ex(14);
    let update: UpdateAppRequest = parse(l, b);
    assert_eq!(update.app.force_https, Some(true));
    assert_eq!(update.app.router_logs, Some(false));
    assert_eq!(update.app.sticky_session, None);

    let (l, b) = ex(15);
    let _: AppResponse = parse(l, b);

    let (l, b) = ex(16);
    let logs: LogsUrlResponse = parse(l, b);
    assert!(logs.logs_url.starts_with("https://logs.scalingo.com/"));

    let (l, b) = ex(17);
    let archives: LogsArchivesPage = parse(l, b);
    assert!(archives.has_more);
    assert_eq!(archives.next_cursor, "234567");
    assert_eq!(archives.archives[0].size, 98765);

    let (l, b) = ex(18);
    let run: RunRequest = parse(l, b);
    assert_eq!(run.env["VAR1"], "VAL1");
    assert!(!run.detached);

    let (l, b) = ex(19);
    let started: RunResponse = parse(l, b);
    assert_eq!(started.container.memory, 536_870_912);
    assert_eq!(
        started.operation.as_deref(),
        Some("675bf2409307d58e1b1bc595")
    );

    let (l, b) = ex(20);
    let signal: SignalRequest = parse(l, b);
    assert!(ACCEPTED_SIGNALS.contains(&signal.signal.as_str()));

    let (l, b) = ex(21);
    let child: CreateAppRequest = parse(l, b);
    assert_eq!(child.app.name, "example-child-app");

    let (l, b) = ex(22);
    let child: AppResponse = parse(l, b);
    assert_eq!(child.app.parent(), Some("example-parent-app"));
    assert_eq!(child.app.status, Some(AppStatus::New));
    assert_eq!(child.app.last_deployed_at, None);

    let (l, b) = ex(23);
    let children: ChildAppsResponse = parse(l, b);
    assert_eq!(children.child_apps.len(), 2);

    let (l, b) = ex(24);
    let recommended: RecommendedValue = parse(l, b);
    assert_eq!(recommended.value, Some(0.9));

    let (l, b) = ex(25);
    let series: MetricSeries = parse(l, b);
    assert_eq!(series.points.len(), 4);
    assert!(series.points.iter().all(|p| p.value.is_some()));

    let (l, b) = ex(26);
    let stats: StatsResponse = parse(l, b);
    assert_eq!(stats.stats.len(), 3);
    assert_eq!(stats.stats[2].id, "worker-1");
    assert_eq!(stats.stats[0].swap_limit, 1_610_612_736);
}

#[test]
fn every_reference_example_deserializes() {
    let examples = fixtures("reference");
    let blocks: Vec<&str> = examples.iter().map(|(_, json)| json.as_str()).collect();
    assert_eq!(
        blocks.len(),
        13,
        "each reference example must be checked here"
    );

    #[derive(serde::Deserialize)]
    struct Paginated {
        meta: Meta,
    }
    let page: Paginated = parse("pagination", blocks[0]);
    let pagination = page.meta.pagination.unwrap();
    assert_eq!(pagination.previous(), Some(1));
    assert_eq!(pagination.next_page, Some(3));

    let app: AppResponse = parse("app object", blocks[1]);
    assert_eq!(app.app.region.as_deref(), Some("osc-fr1"));
    assert_eq!(app.app.parent(), None);

    let formation: FormationResponse = parse("formation", blocks[2]);
    assert_eq!(
        formation.containers[1].command.as_deref(),
        Some("bundle exec sidekiq")
    );

    let ps: ContainersResponse = parse("ps", blocks[3]);
    assert_eq!(ps.containers[0].label.as_deref(), Some("web-1"));

    let scale: ScaleRequest = parse("scale", blocks[4]);
    assert_eq!(scale.containers[1].size, None);

    let running: OperationResponse = parse("operation running", blocks[5]);
    assert_eq!(running.operation.status, OperationStatus::Running);
    let failed: OperationResponse = parse("operation error", blocks[6]);
    assert_eq!(failed.operation.status, OperationStatus::Error);
    assert!(failed.operation.error.unwrap().contains("web-1"));

    let logs: LogsUrlResponse = parse("logs", blocks[7]);
    assert!(logs.logs_url.contains("token="));

    let archives: LogsArchivesPage = parse("archives", blocks[8]);
    assert_eq!(archives.archives[0].size, 52_428_800);

    let run: RunRequest = parse("run request", blocks[9]);
    assert!(run.detached);
    let started: RunResponse = parse("run response", blocks[10]);
    assert_eq!(started.container.label.as_deref(), Some("one-off-9410"));

    let series: MetricSeries = parse("metrics", blocks[11]);
    assert_eq!(series.points[0].value, None);
    assert_eq!(series.points[2].value, Some(4.25));

    let stats: StatsResponse = parse("stats", blocks[12]);
    assert_eq!(stats.stats[0].cpu_usage, 12.0);
}

#[test]
fn repairs_are_limited_to_placeholders_and_trailing_commas() {
    let (json, repairs) = repair(r#"{"a": "x, …}", "b": [1, …], "c": { … },}"#);
    assert_eq!(json, r#"{"a": "x, …}", "b": [1 ], "c": {  }}"#);
    assert_eq!(repairs.len(), 4);
}
