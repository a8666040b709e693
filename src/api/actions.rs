//! Actions on an application: scale, restart, operations, settings, rename,
//! transfer, delete.

use gloo_net::http::Method;
use percent_encoding::utf8_percent_encode;
use scalingo_api::{
    App, AppResponse, AppUpdate, ContainerType, FormationResponse, Operation, OperationResponse,
    RenameRequest, RestartRequest, ScaleRequest, UpdateAppRequest,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

/// What a request that starts an asynchronous operation returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Started<T> {
    pub value: T,
    /// The `Location` header: the operation to follow, absent when the API
    /// did the work synchronously (e.g. scaling an app never deployed).
    pub operation_url: Option<String>,
}

impl ApiClient {
    /// `POST /apps/:app/scale`: 202 with the new formation and an operation,
    /// or 200 without one.
    pub async fn scale(
        &self,
        region: &str,
        app: &str,
        request: &ScaleRequest,
    ) -> Result<Started<Vec<ContainerType>>, ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            format!("{}/scale", app_path(app)),
        )
        .json_body(request);
        let answer = self.send(call).await?;
        let formation: FormationResponse = answer.json()?;
        Ok(Started {
            value: formation.containers,
            operation_url: answer.location,
        })
    }

    /// `POST /apps/:app/restart` with types or labels; empty restarts all.
    pub async fn restart(
        &self,
        region: &str,
        app: &str,
        scope: Vec<String>,
    ) -> Result<Started<()>, ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            format!("{}/restart", app_path(app)),
        )
        .json_body(&RestartRequest { scope });
        let answer = self.send(call).await?;
        Ok(Started {
            value: (),
            operation_url: answer.location,
        })
    }

    /// Follows an operation by the URL of a `Location` header: the path is
    /// rebuilt from the operation id so that only the configured API host is
    /// ever contacted with the bearer.
    pub async fn operation(
        &self,
        region: &str,
        app: &str,
        id: &str,
    ) -> Result<Operation, ApiError> {
        let path = format!(
            "{}/operations/{}",
            app_path(app),
            utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
        );
        let operation: OperationResponse = self.get_json(Base::Region(region), path).await?;
        Ok(operation.operation)
    }

    /// `PATCH /apps/:app` with the settings to change.
    pub async fn update_app(
        &self,
        region: &str,
        app: &str,
        update: AppUpdate,
    ) -> Result<App, ApiError> {
        let call = Call::new(Method::PATCH, Base::Region(region), app_path(app)).json_body(
            &UpdateAppRequest {
                app: update,
                current_name: None,
            },
        );
        let updated: AppResponse = self.send(call).await?.json()?;
        Ok(updated.app)
    }

    /// Transfers the app to a collaborator (email or user id), confirmed by
    /// the app's current name.
    pub async fn transfer_app(
        &self,
        region: &str,
        app: &str,
        current_name: &str,
        new_owner: &str,
    ) -> Result<App, ApiError> {
        let path = format!(
            "{}?current_name={}",
            app_path(app),
            utf8_percent_encode(current_name, percent_encoding::NON_ALPHANUMERIC)
        );
        let call =
            Call::new(Method::PATCH, Base::Region(region), path).json_body(&UpdateAppRequest {
                app: AppUpdate {
                    owner: Some(new_owner.to_owned()),
                    ..Default::default()
                },
                current_name: Some(current_name.to_owned()),
            });
        let updated: AppResponse = self.send(call).await?.json()?;
        Ok(updated.app)
    }

    /// `POST /apps/:app/rename`.
    pub async fn rename_app(
        &self,
        region: &str,
        app: &str,
        current_name: &str,
        new_name: &str,
    ) -> Result<App, ApiError> {
        let call = Call::new(
            Method::POST,
            Base::Region(region),
            format!("{}/rename", app_path(app)),
        )
        .json_body(&RenameRequest {
            current_name: current_name.to_owned(),
            new_name: new_name.to_owned(),
        });
        let renamed: AppResponse = self.send(call).await?.json()?;
        Ok(renamed.app)
    }

    /// `DELETE /apps/:app?current_name=…`.
    pub async fn delete_app(
        &self,
        region: &str,
        app: &str,
        current_name: &str,
    ) -> Result<(), ApiError> {
        let path = format!(
            "{}?current_name={}",
            app_path(app),
            utf8_percent_encode(current_name, percent_encoding::NON_ALPHANUMERIC)
        );
        self.send(Call::new(Method::DELETE, Base::Region(region), path))
            .await?;
        Ok(())
    }
}
