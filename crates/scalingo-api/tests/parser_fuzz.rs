//! Property tests of the parsers: whatever JSON (or text) the API — or
//! something pretending to be it — sends, the models either parse it or
//! return an error; they never panic (a panic in WebAssembly takes the
//! whole dashboard down). The run counts are printed (`--nocapture`) so
//! the report can quote them; `PROPTEST_CASES` raises them for a long run.

use proptest::prelude::*;
use scalingo_api::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

/// Field names the models know, so that generated objects hit the typed
/// paths (wrong types, nulls, nesting) and not only unknown keys.
const KNOWN_KEYS: &[&str] = &[
    "app",
    "apps",
    "id",
    "name",
    "owner",
    "email",
    "username",
    "fullname",
    "status",
    "project",
    "links",
    "url",
    "git_url",
    "created_at",
    "updated_at",
    "last_deployed_at",
    "containers",
    "amount",
    "size",
    "type",
    "label",
    "state",
    "command",
    "container_size",
    "memory",
    "pricing",
    "sku",
    "operation",
    "error",
    "errors",
    "message",
    "code",
    "meta",
    "pagination",
    "next_page",
    "prev_page",
    "previous_page",
    "total_pages",
    "logs_url",
    "archives",
    "next_cursor",
    "has_more",
    "from",
    "to",
    "time",
    "value",
    "cpu_usage",
    "memory_usage",
    "memory_limit",
    "highest_memory_usage",
    "swap_usage",
    "stats",
    "type_data",
    "user",
    "events",
    "token",
    "force_https",
    "sticky_session",
    "router_logs",
    "flags",
    "limits",
    "data_access_consent",
    "parent_app_name",
    "region",
    "stack_id",
    "finished_at",
    "attach_url",
    "env",
    "detached",
    "regions",
    "api",
    "api_url",
    "variables",
    "variable",
    "variable_ids",
    "deployments",
    "deployment",
    "git_ref",
    "pusher",
    "duration",
    "image_size",
    "output",
    "content",
    "data",
    "ts",
    "source",
    "source_url",
    "addons",
    "addon",
    "addon_provider",
    "addon_providers",
    "plan",
    "plans",
    "price",
    "pricings",
    "variables",
    "vars",
    "domains",
    "domain",
    "ssl_status",
    "letsencrypt_status",
    "acme_dns_error",
    "collaborator",
    "is_limited",
    "autoscalers",
    "metric",
    "target",
    "last_scale",
    "alerts",
    "limit",
    "remind_every",
    "notifiers",
    "webhook_url",
    "emails",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
        "[a-z]{1,8}:[0-9A-Z]{1,3}".prop_map(Value::String),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-][0-2][0-9]:00)"
            .prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        3 => prop::sample::select(KNOWN_KEYS).prop_map(str::to_owned),
                        1 => any::<String>(),
                    ],
                    inner,
                ),
                0..8,
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Parses `value` as `T` the way the dashboard does (text → `Value` →
/// model); any outcome but a panic is fine.
fn parse_as<T: DeserializeOwned>(value: &Value) {
    let text = value.to_string();
    if let Ok(parsed) = serde_json::from_str::<Value>(&text) {
        let _ = serde_json::from_value::<T>(parsed);
    }
    let _ = serde_json::from_str::<T>(&text);
}

fn parse_as_every_model(value: &Value) {
    parse_as::<App>(value);
    parse_as::<AddonProvidersResponse>(value);
    parse_as::<PlansResponse>(value);
    parse_as::<AddonCategoriesResponse>(value);
    parse_as::<AddonsResponse>(value);
    parse_as::<AddonResponse>(value);
    parse_as::<AddonUpdateResponse>(value);
    parse_as::<DomainsResponse>(value);
    parse_as::<DomainResponse>(value);
    if let Ok(addons) = serde_json::from_value::<AddonsResponse>(value.clone()) {
        for addon in &addons.addons {
            let _ = addon_of_variable("SCALINGO_POSTGRESQL_URL", std::slice::from_ref(addon));
            let _ = addon
                .plan
                .as_ref()
                .map(|p| (p.monthly_price(), p.currency()));
        }
    }
    if let Ok(domains) = serde_json::from_value::<DomainsResponse>(value.clone()) {
        let _ = domains.domains.iter().map(Domain::problem).count();
    }
    parse_as::<AppResponse>(value);
    parse_as::<AppsResponse>(value);
    parse_as::<ChildAppsResponse>(value);
    parse_as::<CollaboratorsResponse>(value);
    parse_as::<ContainerSizesResponse>(value);
    parse_as::<ContainersResponse>(value);
    parse_as::<FormationResponse>(value);
    parse_as::<EventsResponse>(value);
    parse_as::<EventResponse>(value);
    parse_as::<LogsUrlResponse>(value);
    parse_as::<LogsArchivesPage>(value);
    parse_as::<Vec<MetricPoint>>(value);
    parse_as::<RecommendedValue>(value);
    parse_as::<StatsResponse>(value);
    parse_as::<OperationResponse>(value);
    parse_as::<ProjectsResponse>(value);
    parse_as::<RegionsResponse>(value);
    parse_as::<TokenResponse>(value);
    parse_as::<UserResponse>(value);
    parse_as::<Meta>(value);
    parse_as::<VariablesResponse>(value);
    parse_as::<VariableResponse>(value);
    parse_as::<BulkVariablesRequest>(value);
    parse_as::<DeleteVariablesRequest>(value);
    parse_as::<DeploymentsResponse>(value);
    parse_as::<DeploymentResponse>(value);
    parse_as::<SourceResponse>(value);
    parse_as::<AuthFrame>(value);
    parse_as::<CollaboratorResponse>(value);
    parse_as::<InviteCollaboratorRequest>(value);
    parse_as::<AutoscalersResponse>(value);
    parse_as::<AutoscalerResponse>(value);
    parse_as::<UpdateAutoscalerRequest>(value);
    parse_as::<AlertsResponse>(value);
    parse_as::<AlertResponse>(value);
    parse_as::<UpdateAlertRequest>(value);
    parse_as::<NotifiersResponse>(value);
    parse_as::<NotifierResponse>(value);
    parse_as::<CreateNotifierRequest>(value);
    parse_as::<NotificationPlatformsResponse>(value);
    parse_as::<EventTypesResponse>(value);
    parse_as::<EventCategoriesResponse>(value);
    if let Ok(notifiers) = serde_json::from_value::<NotifiersResponse>(value.clone()) {
        for notifier in &notifiers.notifiers {
            let _ = (notifier.destination().to_map(), notifier.webhook_url());
        }
    }
    if let Ok(alerts) = serde_json::from_value::<AlertsResponse>(value.clone()) {
        for alert in &alerts.alerts {
            let _ = (alert.reminder(), alert.limit_text(), alert.trigger_delay());
        }
    }
    let frame = StreamFrame::from_value(value.clone());
    let _ = (frame.deployment_id(), frame.to_value());
    let _ = StreamFrame::parse(&value.to_string());
    let _ = AuthFrame::token_of(&value.to_string());
    if let Ok(events) = serde_json::from_value::<EventsResponse>(value.clone()) {
        for event in &events.events {
            let _ = event.scale_changes();
        }
    }
    let _ = ScaleValue::parse(value);
    let body = ErrorBody::parse(&value.to_string());
    let _ = body.summary();
}

/// A complete app as the reference shows it: the base of the mutations.
fn documented_app() -> Value {
    json!({
        "id": "5343eccd646173000a140000",
        "name": "example-app",
        "created_at": "2014-04-08T12:44:29.529+02:00",
        "updated_at": "2014-04-08T12:44:29.529+02:00",
        "git_url": "git@ssh.osc-fr1.scalingo.com:example-app.git",
        "url": "https://example-app.osc-fr1.scalingo.io",
        "status": "running",
        "last_deployed_at": "2014-04-08T12:44:29.529+02:00",
        "owner": {"id": "us-1", "username": "ada", "email": "ada@example.com"},
        "project": {"id": "prj-1", "name": "default", "default": true},
        "links": {"deployments_stream": "wss://deployments.osc-fr1.scalingo.com/apps/example-app"},
        "force_https": false,
        "sticky_session": false,
        "router_logs": true,
        "stack_id": "st-1",
        "region": "osc-fr1",
        "flags": {},
        "limits": {"max_containers": 10},
    })
}

fn count(name: &str, cases: u32) {
    println!("parser fuzz: {name}: {cases} cases");
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000),
        // Failures print their minimal case; nothing to write into the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn any_json_parses_or_fails_cleanly_for_every_model() {
    let config = config();
    count("arbitrary JSON × every model", config.cases);
    proptest!(config, |(value in json_value())| {
        parse_as_every_model(&value);
        // The same value wrapped the way list responses are.
        parse_as_every_model(&json!({"apps": [value.clone()], "app": value.clone(), "events": [value]}));
    });
}

#[test]
fn any_text_parses_or_fails_cleanly() {
    let config = config();
    count(
        "arbitrary text as bodies, bearers and locations",
        config.cases,
    );
    proptest!(config, |(text in any::<String>())| {
        let body = ErrorBody::parse(&text);
        let _ = body.summary();
        let _ = body.field_messages("name");
        let _ = bearer_claims(&text);
        let _ = api_token_from_authorization(&text);
        let _ = operation_id_from_location(&text);
        let _ = serde_json::from_str::<AppsResponse>(&text);
        let _ = StreamFrame::parse(&text);
        let _ = AuthFrame::token_of(&text);
        let _ = source_url_errors(&text);
        let _ = variable_value_errors(&text);
        let _ = alias_target(&text);
        let _ = domain_name_errors(&text);
        let _ = certificate_errors(&text);
        let _ = private_key_errors(&text);
        let _ = certificate_info(&text);
        let _ = private_key_description(&text);
        let _ = email_errors(&text);
        let _ = webhook_url_errors(&text);
        let _ = parse_reminder(&text);
        let _ = TriggerMetric::Cpu.parse_shown(&text);
        let _ = is_never(&text);
    });
}

#[test]
fn truncated_documented_app_never_panics() {
    let text = json!({"app": documented_app()}).to_string();
    let mut cut = 0;
    for end in 0..=text.len() {
        if let Some(prefix) = text.get(..end) {
            let _ = serde_json::from_str::<AppResponse>(prefix);
            cut += 1;
        }
    }
    println!("parser fuzz: truncations of a documented app: {cut} cases");
    assert!(serde_json::from_str::<AppResponse>(&text).is_ok());
}

#[test]
fn a_documented_app_survives_any_one_field_missing_or_retyped() {
    let config = config();
    count(
        "documented app with a field removed or retyped",
        config.cases,
    );
    let keys: Vec<String> = documented_app()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    proptest!(config, |(key in prop::sample::select(keys), replacement in prop::option::of(scalar()))| {
        let mut app = documented_app();
        let object = app.as_object_mut().unwrap();
        match replacement {
            None => { object.remove(&key); }
            Some(value) => { object.insert(key.clone(), value); }
        }
        let parsed = serde_json::from_value::<App>(app);
        // Only the identity of the app is required; everything else is
        // optional or lenient and must not sink the whole app.
        if key != "name" && key != "id" {
            prop_assert!(parsed.is_ok(), "{key}: {parsed:?}");
        }
    });
}

#[test]
fn deep_nesting_fails_cleanly() {
    // serde_json refuses more than 128 levels instead of overflowing the
    // stack: the dashboard gets an error, not a crash.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(serde_json::from_str::<Value>(&deep).is_err());
    let mut value = json!("bottom");
    for _ in 0..100 {
        value = json!({"nested": value});
    }
    let app = json!({"app": {"id": "a", "name": "deep-app", "unknown": value}});
    assert!(serde_json::from_value::<AppResponse>(app).is_ok());
}

#[test]
fn app_name_rules_match_their_definition() {
    let config = config();
    count("app names against the rules' definition", config.cases);
    proptest!(config, |(name in prop_oneof!["[a-z0-9-]{0,50}", any::<String>()])| {
        for kind in [AppNameKind::App, AppNameKind::Child] {
            let length = name.chars().count();
            let expected = (6..=kind.max_len()).contains(&length)
                && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !name.starts_with('-')
                && !name.ends_with('-')
                && !name.contains("--");
            prop_assert_eq!(is_valid_app_name(&name, kind), expected, "{:?}", name);
        }
    });
}

#[test]
fn variable_name_rules_match_their_definition() {
    let config = config();
    count("variable names against the rules' definition", config.cases);
    proptest!(config, |(name in prop_oneof!["[A-Za-z0-9_$-]{0,70}", any::<String>()])| {
        let expected = name.chars().count() <= MAX_VARIABLE_NAME_LEN
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        prop_assert_eq!(variable_name_errors(&name).is_empty(), expected, "{:?}", name);
        let alias = format!("${name}");
        prop_assert_eq!(alias_target(&alias).is_some(), expected, "{:?}", alias);
    });
}
