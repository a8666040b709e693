//! An app's custom domains and their certificates.

use gloo_net::http::Method;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scalingo_api::{
    CreateDomainRequest, Domain, DomainResponse, DomainUpdate, DomainsResponse, NewDomain,
    UpdateDomainRequest,
};

use super::{apps::app_path, client::Call, ApiClient, ApiError, Base};

fn domains_path(app: &str) -> String {
    format!("{}/domains", app_path(app))
}

fn domain_path(app: &str, id: &str) -> String {
    format!(
        "{}/{}",
        domains_path(app),
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

impl ApiClient {
    /// `GET /apps/:app/domains`.
    pub async fn domains(&self, region: &str, app: &str) -> Result<Vec<Domain>, ApiError> {
        let answer: DomainsResponse = self
            .get_json(Base::Region(region), domains_path(app))
            .await?;
        Ok(answer.domains)
    }

    /// `POST /apps/:app/domains`.
    pub async fn create_domain(
        &self,
        region: &str,
        app: &str,
        domain: NewDomain,
    ) -> Result<Domain, ApiError> {
        let call = Call::new(Method::POST, Base::Region(region), domains_path(app))
            .json_body(&CreateDomainRequest { domain });
        let answer: DomainResponse = self.send(call).await?.json()?;
        Ok(answer.domain)
    }

    /// `PATCH /apps/:app/domains/:id`: canonical, or the certificate.
    pub async fn update_domain(
        &self,
        region: &str,
        app: &str,
        id: &str,
        update: DomainUpdate,
    ) -> Result<Domain, ApiError> {
        let call = Call::new(Method::PATCH, Base::Region(region), domain_path(app, id))
            .json_body(&UpdateDomainRequest { domain: update });
        let answer: DomainResponse = self.send(call).await?.json()?;
        Ok(answer.domain)
    }

    /// `DELETE /apps/:app/domains/:id`.
    pub async fn delete_domain(&self, region: &str, app: &str, id: &str) -> Result<(), ApiError> {
        let call = Call::new(Method::DELETE, Base::Region(region), domain_path(app, id));
        self.send(call).await?;
        Ok(())
    }
}
