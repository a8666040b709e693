//! Addons: the catalogue of providers and their plans, and an app's
//! addons (add, change plan, remove, resume, open the provider's
//! dashboard).

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scalingo_api::{
    Addon, AddonProvider, AddonProvidersResponse, AddonResponse, AddonUpdate, AddonUpdateResponse,
    AddonsResponse, CreateAddonRequest, NewAddon, UpdateAddonRequest,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

fn addons_path(app: &str) -> String {
    format!("{}/addons", app_path(app))
}

fn addon_path(app: &str, id: &str) -> String {
    format!(
        "{}/{}",
        addons_path(app),
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

impl ApiClient {
    /// `GET /v1/addon_providers`: every provider with its plans.
    pub async fn addon_providers(&self, region: &str) -> Result<Vec<AddonProvider>, ApiError> {
        let answer: AddonProvidersResponse = self
            .get_json(Base::Region(region), "/v1/addon_providers")
            .await?;
        Ok(answer.addon_providers)
    }

    /// `GET /apps/:app/addons`.
    pub async fn addons(&self, region: &str, app: &str) -> Result<Vec<Addon>, ApiError> {
        let answer: AddonsResponse = self
            .get_json(Base::Region(region), addons_path(app))
            .await?;
        Ok(answer.addons)
    }

    /// `POST /apps/:app/addons`: the addon comes back `provisioning`.
    pub async fn create_addon(
        &self,
        region: &str,
        app: &str,
        addon_provider_id: String,
        plan_id: String,
    ) -> Result<Addon, ApiError> {
        let call = Call::new(Method::POST, Base::Region(region), addons_path(app)).json_body(
            &CreateAddonRequest {
                addon: NewAddon {
                    addon_provider_id,
                    plan_id,
                    options: None,
                },
            },
        );
        let answer: AddonResponse = self.send(call).await?.json()?;
        Ok(answer.addon)
    }

    /// `PATCH /apps/:app/addons/:id`: another plan.
    pub async fn change_addon_plan(
        &self,
        region: &str,
        app: &str,
        id: &str,
        plan_id: String,
    ) -> Result<AddonUpdateResponse, ApiError> {
        let call = Call::new(Method::PATCH, Base::Region(region), addon_path(app, id)).json_body(
            &UpdateAddonRequest {
                addon: AddonUpdate { plan_id },
            },
        );
        self.send(call).await?.json()
    }

    /// `DELETE /apps/:app/addons/:id`: its data is erased.
    pub async fn delete_addon(&self, region: &str, app: &str, id: &str) -> Result<(), ApiError> {
        let call = Call::new(Method::DELETE, Base::Region(region), addon_path(app, id));
        self.send(call).await?;
        Ok(())
    }

    /// `POST /apps/:app/addons/:id/resume`, for a suspended addon.
    pub async fn resume_addon(&self, region: &str, app: &str, id: &str) -> Result<Addon, ApiError> {
        let path = format!("{}/resume", addon_path(app, id));
        let answer: AddonResponse = self
            .send(Call::new(Method::POST, Base::Region(region), path))
            .await?
            .json()?;
        Ok(answer.addon)
    }

    /// `POST /apps/:app/addons/:id/sso`: the provider's dashboard, signed
    /// in for an hour. Asked for on each click, never kept.
    pub async fn addon_dashboard_url(
        &self,
        region: &str,
        app: &str,
        id: &str,
    ) -> Result<String, ApiError> {
        let path = format!("{}/sso", addon_path(app, id));
        let answer: AddonResponse = self
            .send(Call::new(Method::POST, Base::Region(region), path))
            .await?
            .json()?;
        answer
            .addon
            .sso_url
            .filter(|url| !url.is_empty())
            .ok_or_else(|| ApiError::Decode("the answer has no dashboard address".to_owned()))
    }
}
