//! An app's autoscalers: one per container type at most.

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scalingo_api::{
    Autoscaler, AutoscalerResponse, AutoscalerUpdate, AutoscalersResponse, CreateAutoscalerRequest,
    NewAutoscaler, UpdateAutoscalerRequest,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

fn autoscalers_path(app: &str) -> String {
    format!("{}/autoscalers", app_path(app))
}

fn autoscaler_path(app: &str, id: &str) -> String {
    format!(
        "{}/{}",
        autoscalers_path(app),
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

impl ApiClient {
    /// `GET /apps/:app/autoscalers`.
    pub async fn autoscalers(&self, region: &str, app: &str) -> Result<Vec<Autoscaler>, ApiError> {
        let answer: AutoscalersResponse = self
            .get_json(Base::Region(region), autoscalers_path(app))
            .await?;
        Ok(answer.autoscalers)
    }

    /// `POST /apps/:app/autoscalers`.
    pub async fn create_autoscaler(
        &self,
        region: &str,
        app: &str,
        autoscaler: NewAutoscaler,
    ) -> Result<Autoscaler, ApiError> {
        let call = Call::new(Method::POST, Base::Region(region), autoscalers_path(app))
            .json_body(&CreateAutoscalerRequest { autoscaler });
        let answer: AutoscalerResponse = self.send(call).await?.json()?;
        Ok(answer.autoscaler)
    }

    /// `PATCH /apps/:app/autoscalers/:id`: what `update` sets.
    pub async fn update_autoscaler(
        &self,
        region: &str,
        app: &str,
        id: &str,
        update: AutoscalerUpdate,
    ) -> Result<Autoscaler, ApiError> {
        let call = Call::new(
            Method::PATCH,
            Base::Region(region),
            autoscaler_path(app, id),
        )
        .json_body(&UpdateAutoscalerRequest { autoscaler: update });
        let answer: AutoscalerResponse = self.send(call).await?.json()?;
        Ok(answer.autoscaler)
    }

    /// `DELETE /apps/:app/autoscalers/:id`.
    pub async fn delete_autoscaler(
        &self,
        region: &str,
        app: &str,
        id: &str,
    ) -> Result<(), ApiError> {
        let call = Call::new(
            Method::DELETE,
            Base::Region(region),
            autoscaler_path(app, id),
        );
        self.send(call).await?;
        Ok(())
    }
}
