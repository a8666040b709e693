//! An app's environment variables: list, create, change, delete, and the
//! bulk edit (an upsert by name, then a delete by ids).

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scalingo_api::{
    BulkVariablesRequest, CreateVariableRequest, DeleteVariablesRequest, NewVariable,
    UpdateVariableRequest, Variable, VariableResponse, VariableUpdate, VariablesResponse,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

fn variables_path(app: &str) -> String {
    format!("{}/variables", app_path(app))
}

fn variable_path(app: &str, id: &str) -> String {
    format!(
        "{}/{}",
        variables_path(app),
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

impl ApiClient {
    /// `GET /apps/:app/variables`; with `resolved`, `$OTHER` aliases come
    /// with the value they stand for (`aliases=false`).
    pub async fn variables(
        &self,
        region: &str,
        app: &str,
        resolved: bool,
    ) -> Result<Vec<Variable>, ApiError> {
        let mut path = variables_path(app);
        if resolved {
            path.push_str("?aliases=false");
        }
        let answer: VariablesResponse = self.get_json(Base::Region(region), path).await?;
        Ok(answer.variables)
    }

    /// `POST /apps/:app/variables`.
    pub async fn create_variable(
        &self,
        region: &str,
        app: &str,
        variable: NewVariable,
    ) -> Result<Variable, ApiError> {
        let call = Call::new(Method::POST, Base::Region(region), variables_path(app))
            .json_body(&CreateVariableRequest { variable });
        let created: VariableResponse = self.send(call).await?.json()?;
        Ok(created.variable)
    }

    /// `PATCH /apps/:app/variables/:id`: the value only, names never change.
    pub async fn update_variable(
        &self,
        region: &str,
        app: &str,
        id: &str,
        value: String,
    ) -> Result<Variable, ApiError> {
        let call = Call::new(Method::PATCH, Base::Region(region), variable_path(app, id))
            .json_body(&UpdateVariableRequest {
                variable: VariableUpdate { value },
            });
        let updated: VariableResponse = self.send(call).await?.json()?;
        Ok(updated.variable)
    }

    /// `DELETE /apps/:app/variables/:id`.
    pub async fn delete_variable(&self, region: &str, app: &str, id: &str) -> Result<(), ApiError> {
        let call = Call::new(Method::DELETE, Base::Region(region), variable_path(app, id));
        self.send(call).await?;
        Ok(())
    }

    /// `PUT /apps/:app/variables`: creates or updates by name.
    pub async fn put_variables(
        &self,
        region: &str,
        app: &str,
        variables: Vec<NewVariable>,
    ) -> Result<Vec<Variable>, ApiError> {
        let call = Call::new(Method::PUT, Base::Region(region), variables_path(app))
            .json_body(&BulkVariablesRequest { variables });
        let answer: VariablesResponse = self.send(call).await?.json()?;
        Ok(answer.variables)
    }

    /// `DELETE /apps/:app/variables` with the ids in the body.
    pub async fn delete_variables(
        &self,
        region: &str,
        app: &str,
        variable_ids: Vec<String>,
    ) -> Result<(), ApiError> {
        let call = Call::new(Method::DELETE, Base::Region(region), variables_path(app))
            .json_body(&DeleteVariablesRequest { variable_ids });
        self.send(call).await?;
        Ok(())
    }
}
