//! Deployments: the object and its statuses, the list, a deployment from
//! an archive (`POST /sources`, then `POST /apps/:app/deployments`), and
//! the frames of the live stream (`app.links.deployments_stream`).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::{lenient, Meta};

/// `queued → building → pushing → starting → success`, or one of the
/// failures; values this version does not know are kept as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum DeploymentStatus {
    Queued,
    Building,
    Pushing,
    Starting,
    Success,
    BuildError,
    CrashedError,
    TimeoutError,
    HookError,
    Aborted,
    Unknown(String),
}

impl DeploymentStatus {
    /// The steps of a deployment that goes well, in order.
    pub const PIPELINE: [DeploymentStatus; 5] = [
        DeploymentStatus::Queued,
        DeploymentStatus::Building,
        DeploymentStatus::Pushing,
        DeploymentStatus::Starting,
        DeploymentStatus::Success,
    ];

    pub fn as_str(&self) -> &str {
        match self {
            DeploymentStatus::Queued => "queued",
            DeploymentStatus::Building => "building",
            DeploymentStatus::Pushing => "pushing",
            DeploymentStatus::Starting => "starting",
            DeploymentStatus::Success => "success",
            DeploymentStatus::BuildError => "build-error",
            DeploymentStatus::CrashedError => "crashed-error",
            DeploymentStatus::TimeoutError => "timeout-error",
            DeploymentStatus::HookError => "hook-error",
            DeploymentStatus::Aborted => "aborted",
            DeploymentStatus::Unknown(other) => other,
        }
    }

    /// True once the deployment will not change any more. As the
    /// platform's clients decide it: anything but the four steps under
    /// way, so an unknown status counts as finished (nothing will tell
    /// that it moved on).
    pub fn is_finished(&self) -> bool {
        !matches!(
            self,
            DeploymentStatus::Queued
                | DeploymentStatus::Building
                | DeploymentStatus::Pushing
                | DeploymentStatus::Starting
        )
    }

    /// True for the failures the platform documents. An unknown status is
    /// neither a success nor a known failure: it is shown as sent.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            DeploymentStatus::BuildError
                | DeploymentStatus::CrashedError
                | DeploymentStatus::TimeoutError
                | DeploymentStatus::HookError
                | DeploymentStatus::Aborted
        )
    }

    /// What the status means, in a few words for people; an unknown
    /// status is its own text (`unknown` when it is empty).
    pub fn phase_label(&self) -> &str {
        match self {
            DeploymentStatus::Queued => "Queued",
            DeploymentStatus::Building => "Building",
            DeploymentStatus::Pushing => "Pushing the image",
            DeploymentStatus::Starting => "Starting containers",
            DeploymentStatus::Success => "Deployed",
            DeploymentStatus::BuildError => "Build failed",
            DeploymentStatus::CrashedError => "Crashed on start",
            DeploymentStatus::TimeoutError => "Did not start in time",
            DeploymentStatus::HookError => "Post-deploy hook failed",
            DeploymentStatus::Aborted => "Aborted",
            DeploymentStatus::Unknown(other) if other.is_empty() => "unknown",
            DeploymentStatus::Unknown(other) => other,
        }
    }

    /// Where the status is in [`Self::PIPELINE`] (0 for `queued`, 4 for
    /// `success`); `None` for a failure or an unknown status.
    pub fn pipeline_step(&self) -> Option<usize> {
        Self::PIPELINE.iter().position(|step| step == self)
    }
}

impl From<String> for DeploymentStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "queued" => DeploymentStatus::Queued,
            "building" => DeploymentStatus::Building,
            "pushing" => DeploymentStatus::Pushing,
            "starting" => DeploymentStatus::Starting,
            "success" => DeploymentStatus::Success,
            "build-error" => DeploymentStatus::BuildError,
            "crashed-error" => DeploymentStatus::CrashedError,
            "timeout-error" => DeploymentStatus::TimeoutError,
            "hook-error" => DeploymentStatus::HookError,
            "aborted" => DeploymentStatus::Aborted,
            _ => DeploymentStatus::Unknown(value),
        }
    }
}

impl From<DeploymentStatus> for String {
    fn from(value: DeploymentStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for DeploymentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A missing or `null` status is unknown (and empty), not a step.
fn status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DeploymentStatus, D::Error> {
    Ok(lenient::opt_string_into(d)?.unwrap_or_else(unknown))
}

fn unknown() -> DeploymentStatus {
    DeploymentStatus::Unknown(String::new())
}

/// Who pushed the code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pusher {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub username: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
}

/// Related links of a deployment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentLinks {
    /// The build output (`text/plain` with ANSI codes).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub output: Option<String>,
}

/// A deployment, as listed, shown, created and announced by the stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    /// `null` until it has finished.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub finished_at: Option<String>,
    /// Seconds from its creation to its end.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub duration: Option<u64>,
    #[serde(default = "unknown", deserialize_with = "status")]
    pub status: DeploymentStatus,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub git_ref: Option<String>,
    /// The code that ran before (the previous successful deployment's).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub previous_git_ref: Option<String>,
    /// `archive`, `oneclick`, …
    #[serde(default, rename = "type", deserialize_with = "lenient::opt_string")]
    pub kind: Option<String>,
    /// Bytes.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub image_size: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub stack_base_image: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub postdeploy_hook: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub pusher: Option<Pusher>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub links: Option<DeploymentLinks>,
}

impl Default for Deployment {
    fn default() -> Self {
        Deployment {
            id: String::new(),
            app_id: None,
            created_at: None,
            finished_at: None,
            duration: None,
            status: unknown(),
            git_ref: None,
            previous_git_ref: None,
            kind: None,
            image_size: None,
            stack_base_image: None,
            postdeploy_hook: None,
            pusher: None,
            links: None,
        }
    }
}

impl Deployment {
    /// The output URL, if the server gave one.
    pub fn output_url(&self) -> Option<&str> {
        self.links
            .as_ref()
            .and_then(|l| l.output.as_deref())
            .filter(|url| !url.is_empty())
    }
}

/// `{"deployments": […], "meta": {"pagination": …}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub deployments: Vec<Deployment>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub meta: Option<Meta>,
}

/// `{"deployment": …}`: show and create.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentResponse {
    pub deployment: Deployment,
}

/// What `POST /apps/:app/deployments` deploys: a gzipped tar archive with
/// one top-level folder, and a label for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewDeployment {
    #[serde(default, deserialize_with = "lenient::string")]
    pub source_url: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub git_ref: Option<String>,
}

/// `{"deployment": {"source_url", "git_ref"}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateDeploymentRequest {
    pub deployment: NewDeployment,
}

/// Where to upload an archive (`PUT`, `Content-Type: application/x-gzip`)
/// and the URL to deploy it from; both valid ten minutes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default, deserialize_with = "lenient::string")]
    pub upload_url: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub download_url: String,
}

/// `{"source": …}` of `POST /sources` (201).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceResponse {
    pub source: Source,
}

/// Every rule a `source_url` breaks: the platform downloads it, over
/// HTTPS only. Empty when it is acceptable.
pub fn source_url_errors(url: &str) -> Vec<String> {
    let url = url.trim();
    if url.is_empty() {
        return vec!["can't be blank".to_owned()];
    }
    let host = url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .map(|_| &url[8..])
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        None => vec!["must be an https:// URL".to_owned()],
        Some(host) if host.is_empty() || host.contains(char::is_whitespace) => {
            vec!["is not a valid URL".to_owned()]
        }
        Some(_) => Vec::new(),
    }
}

/// The first frame a client sends on the stream:
/// `{"type": "auth", "data": {"token": "<bearer>"}}`. A bad token closes
/// the socket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthFrame {
    #[serde(default, rename = "type", deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub data: Option<AuthData>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthData {
    #[serde(default, deserialize_with = "lenient::string")]
    pub token: String,
}

impl AuthFrame {
    pub fn new(token: impl Into<String>) -> Self {
        AuthFrame {
            kind: "auth".to_owned(),
            data: Some(AuthData {
                token: token.into(),
            }),
        }
    }

    /// The token of an `auth` frame; `None` for any other text.
    pub fn token_of(text: &str) -> Option<String> {
        let frame: AuthFrame = serde_json::from_str(text).ok()?;
        let token = frame.data?.token;
        (frame.kind == "auth" && !token.trim().is_empty()).then(|| token.trim().to_owned())
    }
}

/// A frame the server sends on the stream, read leniently: a frame whose
/// type is unknown, or whose body is not JSON, is `Unknown` (clients skip
/// it), never an error.
#[derive(Debug, Clone, PartialEq)]
pub enum StreamFrame {
    /// A deployment was created. `data.deployment` is the object (an id
    /// alone is read as a deployment with only its id). Boxed: it is far
    /// larger than the other frames.
    New { deployment: Box<Deployment> },
    /// A line of the deployment's output (may hold ANSI codes).
    Log { id: String, content: String },
    /// The deployment moved to `status`.
    Status {
        id: String,
        status: DeploymentStatus,
    },
    /// Keep-alive, with the server's time (seconds since the epoch).
    Ping { ts: Option<i64> },
    /// Any other frame, with its type as sent (empty when it had none).
    Unknown { kind: String },
}

impl StreamFrame {
    /// Reads a text frame.
    pub fn parse(text: &str) -> StreamFrame {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => StreamFrame::from_value(value),
            Err(_) => StreamFrame::Unknown {
                kind: String::new(),
            },
        }
    }

    pub fn from_value(value: Value) -> StreamFrame {
        let text = |v: Option<&Value>| match v {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let kind = text(value.get("type"));
        let data = value.get("data").cloned().unwrap_or(Value::Null);
        let id = text(value.get("id"));
        match kind.as_str() {
            "new" => {
                let mut deployment = match data.get("deployment") {
                    Some(object @ Value::Object(_)) => {
                        serde_json::from_value(object.clone()).unwrap_or_default()
                    }
                    Some(Value::String(id)) => Deployment {
                        id: id.clone(),
                        ..Deployment::default()
                    },
                    _ => Deployment::default(),
                };
                if deployment.id.is_empty() {
                    deployment.id = id;
                }
                StreamFrame::New {
                    deployment: Box::new(deployment),
                }
            }
            "log" => StreamFrame::Log {
                id,
                content: text(data.get("content")),
            },
            "status" => {
                // The Go client's struct names the key `Status`; Go reads
                // keys in any case, so both are read here.
                let status = text(data.get("status").or_else(|| data.get("Status")));
                StreamFrame::Status {
                    id,
                    status: DeploymentStatus::from(status),
                }
            }
            "ping" => {
                let ts = data
                    .get("ts")
                    .or_else(|| value.get("ts"))
                    .and_then(|ts| match ts {
                        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
                        Value::String(s) => s.trim().parse().ok(),
                        _ => None,
                    });
                StreamFrame::Ping { ts }
            }
            _ => StreamFrame::Unknown { kind },
        }
    }

    /// The frame as the server sends it.
    pub fn to_value(&self) -> Value {
        match self {
            StreamFrame::New { deployment } => json!({
                "type": "new",
                "id": deployment.id,
                "data": { "deployment": deployment },
            }),
            StreamFrame::Log { id, content } => json!({
                "type": "log",
                "id": id,
                "data": { "content": content },
            }),
            StreamFrame::Status { id, status } => json!({
                "type": "status",
                "id": id,
                "data": { "status": status },
            }),
            StreamFrame::Ping { ts } => json!({ "type": "ping", "data": { "ts": ts } }),
            StreamFrame::Unknown { kind } => {
                let mut frame = Map::new();
                frame.insert("type".to_owned(), json!(kind));
                Value::Object(frame)
            }
        }
    }

    /// The deployment a frame is about, if any.
    pub fn deployment_id(&self) -> Option<&str> {
        match self {
            StreamFrame::New { deployment } => Some(deployment.id.as_str()),
            StreamFrame::Log { id, .. } | StreamFrame::Status { id, .. } => Some(id.as_str()),
            StreamFrame::Ping { .. } | StreamFrame::Unknown { .. } => None,
        }
        .filter(|id| !id.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips() {
        for text in [
            "queued",
            "building",
            "pushing",
            "starting",
            "success",
            "build-error",
            "crashed-error",
            "timeout-error",
            "hook-error",
            "aborted",
        ] {
            let status = DeploymentStatus::from(text.to_owned());
            assert!(!matches!(status, DeploymentStatus::Unknown(_)), "{text}");
            assert_eq!(String::from(status), text);
        }
    }

    #[test]
    fn finished_and_failed_follow_the_reference() {
        use DeploymentStatus::*;
        for step in [Queued, Building, Pushing, Starting] {
            assert!(!step.is_finished() && !step.is_failure(), "{step}");
        }
        assert!(Success.is_finished() && !Success.is_failure());
        for failure in [BuildError, CrashedError, TimeoutError, HookError, Aborted] {
            assert!(failure.is_finished() && failure.is_failure(), "{failure}");
            assert_eq!(failure.pipeline_step(), None);
        }
        let odd = Unknown("paused".into());
        assert!(odd.is_finished() && !odd.is_failure());
        assert_eq!(odd.phase_label(), "paused");
        assert_eq!(Unknown(String::new()).phase_label(), "unknown");
        assert_eq!(Pushing.pipeline_step(), Some(2));
        assert_eq!(Success.pipeline_step(), Some(4));
    }

    #[test]
    fn reads_a_recorded_deployment() {
        let body = r#"{"deployment":{"id":"7f3c2a10-0000-4000-8000-000000000001",
            "app_id":"64b0c0ffee0000000000a001","created_at":"2024-03-02T10:10:00.000Z",
            "finished_at":"2024-03-02T10:12:03.000Z","duration":123,"status":"success",
            "git_ref":"0a1b2c3","previous_git_ref":"fffeee1","type":"archive",
            "image_size":245000000,"stack_base_image":"scalingo/scalingo-22:v2024",
            "postdeploy_hook":null,
            "pusher":{"id":"us-1","username":"alice","email":"alice@example.org"},
            "links":{"output":"https://api.example.com/v1/apps/demo/deployments/7f3c/output"}}}"#;
        let response: DeploymentResponse = serde_json::from_str(body).unwrap();
        let d = response.deployment;
        assert_eq!(d.status, DeploymentStatus::Success);
        assert_eq!(d.duration, Some(123));
        assert_eq!(d.kind.as_deref(), Some("archive"));
        assert_eq!(d.postdeploy_hook, None);
        assert!(d.output_url().unwrap().ends_with("/output"));
        assert_eq!(d.pusher.unwrap().username, "alice");
    }

    #[test]
    fn odd_deployments_do_not_fail_the_list() {
        let body = r#"{"deployments":[
            {"id":"d1","status":"teleporting","duration":"12.7","image_size":-3},
            {"id":"d2","status":null,"pusher":"bob","links":[],"finished_at":0},
            {"id":"d3"},
            "junk", null],
            "meta":{"pagination":{"current_page":"1","next_page":null,"total_pages":1,"total_count":3}}}"#;
        let list: DeploymentsResponse = serde_json::from_str(body).unwrap();
        assert_eq!(list.deployments.len(), 3);
        let first = &list.deployments[0];
        assert_eq!(
            first.status,
            DeploymentStatus::Unknown("teleporting".into())
        );
        assert_eq!((first.duration, first.image_size), (Some(12), None));
        let second = &list.deployments[1];
        assert_eq!(second.status, DeploymentStatus::Unknown(String::new()));
        assert!(second.pusher.is_none() && second.output_url().is_none());
        assert_eq!(second.finished_at.as_deref(), Some("0"));
        assert_eq!(list.meta.unwrap().pagination.unwrap().total_count, 3);
        let empty: DeploymentsResponse = serde_json::from_str("{}").unwrap();
        assert!(empty.deployments.is_empty());
    }

    #[test]
    fn source_urls_must_be_https() {
        assert!(source_url_errors("https://example.com/code.tar.gz").is_empty());
        assert!(source_url_errors("HTTPS://example.com/a").is_empty());
        assert_eq!(source_url_errors(""), ["can't be blank"]);
        assert_eq!(source_url_errors("  "), ["can't be blank"]);
        for url in [
            "http://example.com/code.tar.gz",
            "ftp://example.com/x",
            "javascript:alert(1)",
            "example.com/code.tar.gz",
            "é",
        ] {
            assert_eq!(source_url_errors(url), ["must be an https:// URL"], "{url}");
        }
        assert_eq!(source_url_errors("https:///path"), ["is not a valid URL"]);
        let body = CreateDeploymentRequest {
            deployment: NewDeployment {
                source_url: "https://x/y.tar.gz".into(),
                git_ref: Some("v1".into()),
            },
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"deployment":{"source_url":"https://x/y.tar.gz","git_ref":"v1"}}"#
        );
    }

    #[test]
    fn the_auth_frame() {
        let frame = serde_json::to_string(&AuthFrame::new("jwt")).unwrap();
        assert_eq!(frame, r#"{"type":"auth","data":{"token":"jwt"}}"#);
        assert_eq!(AuthFrame::token_of(&frame).as_deref(), Some("jwt"));
        for bad in [
            r#"{"type":"auth","data":{"token":""}}"#,
            r#"{"type":"auth","data":{"token":null}}"#,
            r#"{"type":"auth","data":null}"#,
            r#"{"type":"hello","data":{"token":"jwt"}}"#,
            r#"{"data":{"token":"jwt"}}"#,
            "not json",
            "[]",
        ] {
            assert_eq!(AuthFrame::token_of(bad), None, "{bad}");
        }
        // Lenient like every model: a number is its text.
        let numeric = AuthFrame::token_of(r#"{"type":"auth","data":{"token":42}}"#);
        assert_eq!(numeric.as_deref(), Some("42"));
    }

    #[test]
    fn stream_frames_are_read_leniently() {
        let new = StreamFrame::parse(
            r#"{"type":"new","id":"d1","data":{"deployment":{"id":"d1","status":"building"}}}"#,
        );
        match &new {
            StreamFrame::New { deployment } => {
                assert_eq!(deployment.status, DeploymentStatus::Building)
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(new.deployment_id(), Some("d1"));
        let by_id = StreamFrame::parse(r#"{"type":"new","data":{"deployment":"d2"}}"#);
        assert_eq!(by_id.deployment_id(), Some("d2"));
        assert_eq!(
            StreamFrame::parse(
                r#"{"type":"log","id":"d1","data":{"content":"\u001b[1m-----> Fetching\u001b[0m"}}"#
            ),
            StreamFrame::Log {
                id: "d1".into(),
                content: "\u{1b}[1m-----> Fetching\u{1b}[0m".into()
            }
        );
        assert_eq!(
            StreamFrame::parse(r#"{"type":"status","id":"d1","data":{"Status":"pushing"}}"#),
            StreamFrame::Status {
                id: "d1".into(),
                status: DeploymentStatus::Pushing
            }
        );
        assert_eq!(
            StreamFrame::parse(r#"{"type":"status","id":"d1","data":null}"#),
            StreamFrame::Status {
                id: "d1".into(),
                status: DeploymentStatus::Unknown(String::new())
            }
        );
        assert_eq!(
            StreamFrame::parse(r#"{"type":"ping","data":{"ts":1709374800}}"#),
            StreamFrame::Ping {
                ts: Some(1_709_374_800)
            }
        );
        assert_eq!(
            StreamFrame::parse(r#"{"type":"ping","ts":"12"}"#),
            StreamFrame::Ping { ts: Some(12) }
        );
        assert_eq!(
            StreamFrame::parse(r#"{"type":"log","data":{"content":null}}"#),
            StreamFrame::Log {
                id: String::new(),
                content: String::new()
            }
        );
        assert_eq!(
            StreamFrame::parse(r#"{"type":"rollback"}"#),
            StreamFrame::Unknown {
                kind: "rollback".into()
            }
        );
        assert_eq!(
            StreamFrame::parse("garbage"),
            StreamFrame::Unknown {
                kind: String::new()
            }
        );
        assert_eq!(StreamFrame::parse("null").deployment_id(), None);
    }

    #[test]
    fn stream_frames_are_written_as_the_reference_shows() {
        let status = StreamFrame::Status {
            id: "d1".into(),
            status: DeploymentStatus::Pushing,
        };
        assert_eq!(
            status.to_value(),
            json!({"type": "status", "id": "d1", "data": {"status": "pushing"}})
        );
        let ping = StreamFrame::Ping { ts: Some(5) };
        assert_eq!(ping.to_value(), json!({"type": "ping", "data": {"ts": 5}}));
        let log = StreamFrame::Log {
            id: "d1".into(),
            content: "x".into(),
        };
        assert_eq!(StreamFrame::from_value(log.to_value()), log);
        let new = StreamFrame::New {
            deployment: Box::new(Deployment {
                id: "d1".into(),
                status: DeploymentStatus::Building,
                ..Deployment::default()
            }),
        };
        assert_eq!(StreamFrame::from_value(new.to_value()), new);
    }
}
