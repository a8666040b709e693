//! Waiting on the simulator's clock: operations and containers move with
//! time, so tests poll (often, with a deadline) instead of sleeping.

use std::{future::Future, time::Duration};

use serde_json::Value;

use crate::harness::{Api, Reply, TestSim};

/// How long a condition may take before the test fails. Generous: the
/// machine may be busy compiling.
const DEADLINE: Duration = Duration::from_secs(20);
const INTERVAL: Duration = Duration::from_millis(15);

/// A polling loop's clock: `tick` waits a little, or fails the test once
/// the deadline has passed.
pub struct Poll {
    deadline: tokio::time::Instant,
}

impl Poll {
    pub fn new() -> Self {
        Poll {
            deadline: tokio::time::Instant::now() + DEADLINE,
        }
    }

    pub async fn tick(&self, what: &str) {
        assert!(
            tokio::time::Instant::now() < self.deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(INTERVAL).await;
    }
}

/// Polls `check` until it returns `Some`.
pub async fn wait_for<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let poll = Poll::new();
    loop {
        if let Some(value) = check().await {
            return value;
        }
        poll.tick(what).await;
    }
}

/// A simulator whose operations take a fraction of a second.
pub async fn fast_sim() -> TestSim {
    sim_at(20.0).await
}

pub async fn sim_at(op_speed: f64) -> TestSim {
    TestSim::start_with(|c| c.op_speed = op_speed).await
}

impl TestSim {
    /// The path of a `Location` header of this simulator.
    pub fn location_path(&self, reply: &Reply) -> String {
        let location = reply.header("location").expect("a Location header");
        location
            .strip_prefix(&self.base)
            .unwrap_or_else(|| panic!("{location} is not on {}", self.base))
            .to_owned()
    }
}

impl Api {
    pub async fn ps(&self, app: &str) -> Vec<Value> {
        let reply = self.get(&format!("/v1/apps/{app}/ps")).await;
        reply.expect(200)["containers"].as_array().unwrap().clone()
    }

    pub async fn formation(&self, app: &str) -> Vec<Value> {
        let reply = self.get(&format!("/v1/apps/{app}/containers")).await;
        reply.expect(200)["containers"].as_array().unwrap().clone()
    }

    pub async fn operation(&self, path: &str) -> Value {
        self.get(path).await.expect(200)["operation"].clone()
    }

    /// The operation once it has finished.
    pub async fn finished_operation(&self, path: &str) -> Value {
        wait_for("the operation to finish", || async {
            let op = self.operation(path).await;
            matches!(op["status"].as_str(), Some("done" | "error")).then_some(op)
        })
        .await
    }

    /// The newest events of an app.
    pub async fn events(&self, app: &str, per_page: u32) -> Vec<Value> {
        let reply = self
            .get(&format!("/v1/apps/{app}/events?per_page={per_page}"))
            .await;
        reply.expect(200)["events"].as_array().unwrap().clone()
    }
}

/// `(label, state, id)` of the containers of one type, by label.
pub fn of_type(ps: &[Value], kind: &str) -> Vec<(String, String, String)> {
    let mut rows: Vec<_> = ps
        .iter()
        .filter(|c| c["type"] == kind)
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["state"].as_str().unwrap().to_owned(),
                c["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// The amount and size of a type in a formation.
pub fn process(formation: &[Value], name: &str) -> (u64, String) {
    let t = formation
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {formation:?}"));
    (
        t["amount"].as_u64().unwrap(),
        t["size"].as_str().unwrap().to_owned(),
    )
}
