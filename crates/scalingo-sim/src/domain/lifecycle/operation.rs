//! Creating operations, and the rule that one app runs one at a time.

use scalingo_api::{AppStatus, OperationStatus};

use crate::domain::{
    error::{ApiError, ApiResult},
    ids,
    model::{ContainerTypeRecord, OperationRecord, Platform},
    time::Timestamp,
};

/// The message of an injected failure when the caller gives none.
pub const DEFAULT_FAILURE: &str = "container web-2 failed to start: exit status 137";

/// Finished operations kept per app (older ones are forgotten, as clients
/// only poll the ones they just started).
const KEPT_PER_APP: usize = 50;

/// What an operation will do, decided before it is created.
pub struct OperationPlan {
    pub kind: &'static str,
    pub app_id: String,
    pub created_at: Timestamp,
    pub running_at: Timestamp,
    pub finishes_at: Timestamp,
    pub error: Option<String>,
    pub final_status: Option<AppStatus>,
    pub restore_formation: Option<Vec<ContainerTypeRecord>>,
    pub container_id: Option<String>,
    /// The type a failure is reported on (see `OperationRecord`).
    pub failing_type: Option<String>,
}

impl Platform {
    /// 409 while a scale or restart of the app is pending or running (the
    /// reference leaves the code open; 409 is the documented code for an
    /// action blocked by a resource's state). Attached one-offs do not
    /// count: opening a console does not stop anyone from scaling.
    pub fn ensure_idle(&self, app_id: &str) -> ApiResult<()> {
        let busy = self.operations.iter().any(|op| {
            op.app_id == app_id
                && matches!(op.kind.as_str(), "scale" | "restart")
                && !op.status.is_finished()
        });
        if busy {
            return Err(ApiError::conflict(
                "an operation is already in progress on this app",
            ));
        }
        Ok(())
    }

    /// The failure armed by `/_sim/fail-next-operation`, disarmed by this
    /// call: only one operation fails.
    pub fn take_failure(&mut self) -> Option<String> {
        self.fail_next_operation.take()
    }

    /// Records the operation and returns its id.
    pub fn push_operation(&mut self, plan: OperationPlan) -> String {
        let id = ids::object_id(&mut rand::rng());
        let app_id = plan.app_id.clone();
        self.operations.push(OperationRecord {
            id: id.clone(),
            app_id: plan.app_id,
            kind: plan.kind.to_owned(),
            created_at: plan.created_at,
            running_at: plan.running_at,
            finishes_at: plan.finishes_at,
            status: OperationStatus::Pending,
            finished_at: None,
            error: plan.error,
            final_status: plan.final_status,
            restore_formation: plan.restore_formation,
            container_id: plan.container_id,
            failing_type: plan.failing_type,
        });
        let finished = self
            .operations
            .iter()
            .filter(|op| op.app_id == app_id && op.status.is_finished())
            .count();
        let mut to_forget = finished.saturating_sub(KEPT_PER_APP);
        self.operations.retain(|op| {
            let forget = to_forget > 0 && op.app_id == app_id && op.status.is_finished();
            if forget {
                to_forget -= 1;
            }
            !forget
        });
        id
    }
}
